import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { EXIT, KitError, type ErrorCode } from '../errors.js';
import type { Budget } from './options.js';

const CHUNK = 256 * 1024;

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
 * The calls are synchronous: each needs the one before, and a trip through libuv's thread pool
 * per call (six for a spec) only added latency, about a millisecond of generate's time.
 */
export async function readSpecFile(file: string, budget: Budget, site: ReadSite): Promise<Buffer> {
  const fail = (code: ErrorCode, message: string, exitCode: 2 | 3 = EXIT.badInput): never => {
    throw new KitError(code, `${site.label}${message}`, { file: site.file, ...(site.pointer === undefined ? {} : { pointer: site.pointer }), exitCode });
  };
  let before: Stats;
  try {
    before = statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return fail(site.label === '' ? 'SPEC_UNREADABLE' : 'SPEC_REF_MISSING', 'no such file');
    return fail('SPEC_UNREADABLE', `cannot be read (${code ?? 'unknown error'})`, code === 'ELOOP' || code === 'ENAMETOOLONG' ? EXIT.badInput : EXIT.environment);
  }
  checkKind(before, fail);
  checkSize(before.size, budget, fail);

  const flags = constants.O_RDONLY | constants.O_NONBLOCK | (site.noFollow === true ? constants.O_NOFOLLOW : 0);
  let fd: number;
  try {
    fd = openSync(file, flags);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return fail('SPEC_REF_ESCAPE', 'became a symlink while it was being read');
    return fail('SPEC_UNREADABLE', `cannot be read (${code ?? 'unknown error'})`, code === 'ENOENT' ? EXIT.badInput : EXIT.environment);
  }
  try {
    const after = fstatSync(fd);
    if (after.ino !== before.ino || after.dev !== before.dev) return fail('SPEC_NOT_FILE', 'was replaced while it was being read');
    checkKind(after, fail);
    checkSize(after.size, budget, fail);
    // Read until the end, never more than the budget: a file that grew, or that claims size 0
    // (`/proc`), is read as it is, and cut off as soon as it goes over.
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      // One byte past the budget is enough to know the file is over it.
      const chunk = Buffer.alloc(Math.min(CHUNK, budget.bytesLeft - length + 1));
      const bytesRead = readSync(fd, chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > budget.bytesLeft) return fail('SPEC_TOO_LARGE', `is over the ${budget.limits.maxBytes}-byte limit (maxBytes, all spec files together)`);
      chunks.push(chunk.subarray(0, bytesRead));
    }
    budget.bytesLeft -= length;
    return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, length);
  } finally {
    closeSync(fd);
  }
}

function checkKind(stats: Stats, fail: (code: ErrorCode, message: string) => never): void {
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

function checkSize(size: number, budget: Budget, fail: (code: ErrorCode, message: string) => never): void {
  if (size > budget.bytesLeft) {
    const used = budget.limits.maxBytes - budget.bytesLeft;
    const detail = used === 0 ? `${size} bytes` : `${size} bytes (after ${used} bytes of other spec files)`;
    fail('SPEC_TOO_LARGE', `${detail} is over the ${budget.limits.maxBytes}-byte limit (maxBytes, all spec files together)`);
  }
}
