import { constants, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { EXIT, KitError } from '../errors.js';
import type { Budget } from './options.js';

/** Where a read problem is reported: the spec itself, or the `$ref` that named the file. */
export interface ReadSite {
  file: string;
  pointer?: string;
  /** Prefix naming what was read, e.g. `$ref "common.yaml": `; empty for the spec itself. */
  label: string;
  /** Refuse a symlink as the last path component (refs are resolved link by link beforehand). */
  noFollow?: boolean;
}

/**
 * Reads one spec file within the byte budget. Only regular files: a directory, FIFO, socket or
 * device (`/dev/zero`, `/dev/stdin`) is refused from its stat, before it is opened. The size is
 * checked before reading and again while reading (a file can grow, `/proc` files claim size 0).
 */
export async function readSpecFile(file: string, budget: Budget, site: ReadSite): Promise<Buffer> {
  const fail = (code: string, message: string, exitCode: 2 | 3 = EXIT.badInput): never => {
    throw new KitError(code, `${site.label}${message}`, { file: site.file, ...(site.pointer === undefined ? {} : { pointer: site.pointer }), exitCode });
  };
  let before: Stats;
  try {
    before = await stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return fail(site.label === '' ? 'SPEC_UNREADABLE' : 'SPEC_REF_MISSING', 'no such file');
    return fail('SPEC_UNREADABLE', `cannot be read (${code ?? 'unknown error'})`, code === 'ELOOP' || code === 'ENAMETOOLONG' ? EXIT.badInput : EXIT.environment);
  }
  checkKind(before, fail);
  checkSize(before.size, budget, fail);

  const flags = constants.O_RDONLY | constants.O_NONBLOCK | (site.noFollow === true ? constants.O_NOFOLLOW : 0);
  let handle;
  try {
    handle = await open(file, flags);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return fail('SPEC_REF_ESCAPE', 'became a symlink while it was being read');
    return fail('SPEC_UNREADABLE', `cannot be read (${code ?? 'unknown error'})`, code === 'ENOENT' ? EXIT.badInput : EXIT.environment);
  }
  try {
    const after = await handle.stat();
    if (after.ino !== before.ino || after.dev !== before.dev) return fail('SPEC_NOT_FILE', 'was replaced while it was being read');
    checkKind(after, fail);
    checkSize(after.size, budget, fail);
    // Read one byte more than allowed: that is how a file that grew (or lied about its size) is caught.
    const buffer = Buffer.alloc(Math.min(after.size, budget.bytesLeft) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) return fail('SPEC_TOO_LARGE', `is over the ${budget.limits.maxBytes}-byte limit (maxBytes, all spec files together)`);
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > budget.bytesLeft) return fail('SPEC_TOO_LARGE', `is over the ${budget.limits.maxBytes}-byte limit (maxBytes, all spec files together)`);
    }
    budget.bytesLeft -= length;
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

function checkKind(stats: Stats, fail: (code: string, message: string) => never): void {
  if (stats.isFile()) return;
  const kind = stats.isDirectory()
    ? 'a directory'
    : stats.isFIFO()
      ? 'a FIFO'
      : stats.isSocket()
        ? 'a socket'
        : stats.isCharacterDevice()
          ? 'a character device'
          : stats.isBlockDevice()
            ? 'a block device'
            : 'not a regular file';
  fail('SPEC_NOT_FILE', `is ${kind}, not a regular file`);
}

function checkSize(size: number, budget: Budget, fail: (code: string, message: string) => never): void {
  if (size > budget.bytesLeft) {
    const used = budget.limits.maxBytes - budget.bytesLeft;
    const detail = used === 0 ? `${size} bytes` : `${size} bytes (after ${used} bytes of other spec files)`;
    fail('SPEC_TOO_LARGE', `${detail} is over the ${budget.limits.maxBytes}-byte limit (maxBytes, all spec files together)`);
  }
}
