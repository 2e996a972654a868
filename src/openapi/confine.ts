import { lstat, readlink } from 'node:fs/promises';
import path from 'node:path';
import { KitError, type ErrorCode } from '../errors.js';
import { isInside, type RefSiteLocation } from './ref-target.js';

const MAX_LINKS = 32;
const ALLOWED_EXTENSION = /\.(ya?ml|json)$/i;

/**
 * The real path of a ref target that is lexically inside the spec folder, resolved one component
 * at a time, without ever touching a path outside the folder: each symlink is read (readlink on
 * the link itself, which is inside) and its target checked before it is followed. A link that
 * leads out, even through another link, is SPEC_REF_ESCAPE; a missing component is SPEC_REF_MISSING.
 */
export async function confinedRealPath(rootDir: string, rootReal: string, target: string, ref: string, site: RefSiteLocation): Promise<string> {
  const fail = (code: ErrorCode, message: string): never => {
    throw new KitError(code, `$ref ${JSON.stringify(ref.slice(0, 200))} ${message}`, { file: site.file, pointer: site.pointer });
  };
  const pending = path.relative(rootDir, target).split(path.sep);
  let current = rootReal;
  let links = 0;
  for (let segment = pending.shift(); segment !== undefined; segment = pending.shift()) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      current = path.dirname(current);
      if (!isInside(rootReal, current)) fail('SPEC_REF_ESCAPE', 'follows a symlink that leads outside the spec folder');
      continue;
    }
    const next = path.join(current, segment);
    let stats;
    try {
      stats = await lstat(next);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return fail('SPEC_REF_MISSING', 'names a file that does not exist');
      return fail('SPEC_UNREADABLE', `cannot be resolved (${code ?? 'unknown error'})`);
    }
    if (!stats.isSymbolicLink()) {
      current = next;
      continue;
    }
    if (++links > MAX_LINKS) fail('SPEC_REF_ESCAPE', 'goes through too many symlinks');
    const link = await readlink(next);
    if (path.isAbsolute(link)) {
      const normalized = path.normalize(link);
      if (!isInside(rootReal, normalized)) fail('SPEC_REF_ESCAPE', 'follows a symlink that leads outside the spec folder');
      pending.unshift(...path.relative(rootReal, normalized).split(path.sep));
      current = rootReal;
    } else {
      pending.unshift(...link.split('/'));
    }
  }
  if (!isInside(rootReal, current) || current === rootReal) fail('SPEC_REF_ESCAPE', 'follows a symlink that leads outside the spec folder');
  if (!ALLOWED_EXTENSION.test(current)) fail('SPEC_REF_FILE_TYPE', 'leads (through a symlink) to a file that is not .yaml, .yml or .json');
  return current;
}
