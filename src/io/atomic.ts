import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { EXIT, KitError } from '../errors.js';

/**
 * Writes `text` to `file` atomically: a sibling temp file, flushed, then renamed over `file`, so a
 * reader (or a crash) sees the old bytes or the new ones, never half a file. Every failure is one
 * `WRITE_FAILED` KitError (exit 3) naming `file` (never the temp file) and the cause. Missing
 * directories are made one level at a time: Node 20's `mkdir({recursive: true})` loops forever
 * on some paths (`/proc/nope`).
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const target = path.resolve(file);
  await ensureDirectory(target, path.dirname(target));
  const existing = await fs.stat(target).catch(() => undefined);
  if (existing?.isDirectory() === true) throw writeError(target, 'EISDIR', 'a directory is in the way');
  // The temp name stays within the file system's 255 bytes even when the target's is near it.
  const temp = path.join(path.dirname(target), `.${path.basename(target).slice(0, 200)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(temp, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw writeError(target, errnoOf(error));
  }
}

/** `dir` and its missing ancestors, made top-down one level at a time (bounded by the path's depth). */
async function ensureDirectory(target: string, dir: string): Promise<void> {
  const missing: string[] = [];
  for (let current = dir; ; current = path.dirname(current)) {
    let stat;
    try {
      stat = await fs.stat(current);
    } catch (error) {
      const errno = errnoOf(error);
      // ENOTDIR: some ancestor is a file; walking up finds and names it.
      if (errno !== 'ENOENT' && errno !== 'ENOTDIR') throw writeError(target, errno, `cannot look at ${current}`);
      missing.push(current);
      if (path.dirname(current) === current) break;
      continue;
    }
    if (!stat.isDirectory()) throw writeError(target, 'ENOTDIR', `${current} is not a directory`);
    break;
  }
  for (const current of missing.reverse()) {
    try {
      await fs.mkdir(current);
    } catch (error) {
      const errno = errnoOf(error);
      if (errno === 'EEXIST' && (await fs.stat(current).catch(() => undefined))?.isDirectory() === true) continue;
      throw writeError(target, errno, `cannot create the directory ${current}`);
    }
  }
}

const CAUSES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EISDIR: 'a directory is in the way',
  ENOTDIR: 'a parent is not a directory',
  ENAMETOOLONG: 'a name in the path is too long',
  EEXIST: 'a file is in the way',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

function errnoOf(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error';
}

/** The one-line failure: the target, what stood in the way, the errno. */
function writeError(target: string, errno: string, cause = CAUSES[errno] ?? 'the file system refused'): KitError {
  return new KitError('WRITE_FAILED', `cannot write the file: ${cause} (${errno})`, { file: target, exitCode: EXIT.environment });
}
