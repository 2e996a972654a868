/**
 * Reading a file a user named, safely: only a regular file is read (a FIFO would block the open
 * or the read forever, /dev/zero never ends, a directory fails mid-way), and never more than a
 * cap. The file is opened non-blocking (so opening a FIFO returns at once), checked with fstat on
 * that same descriptor (no window between check and read), then read with a bounded loop that
 * also stops a file growing while it is read. Failures are `FileReadError`s carrying what went
 * wrong; callers word them with their own error code.
 */
import { constants, promises as fs } from 'node:fs';
import type { Stats } from 'node:fs';

export type ReadProblem = { kind: 'missing' } | { kind: 'loop' } | { kind: 'not-regular'; what: string } | { kind: 'too-large'; size: number; max: number } | { kind: 'io'; errno: string };

export class FileReadError extends Error {
  readonly problem: ReadProblem;
  constructor(problem: ReadProblem, cause?: unknown) {
    super(describeReadProblem(problem), cause === undefined ? undefined : { cause });
    this.problem = problem;
  }
}

/** The problem in words, for a line that already names the file. */
export function describeReadProblem(problem: ReadProblem): string {
  switch (problem.kind) {
    case 'missing':
      return 'no such file or directory';
    case 'loop':
      return 'is a symlink loop';
    case 'not-regular':
      return `is ${problem.what}, not a regular file`;
    case 'too-large':
      return `is ${problem.size} bytes or more; files over ${problem.max} bytes are refused`;
    case 'io':
      return `cannot be read (${problem.errno})`;
  }
}

/** What a non-regular file is, in words. */
export function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return stat.isFile() ? 'a regular file' : 'a special file';
}

/** The failure of a file system call on a path the user gave, as a ReadProblem. */
export function problemOf(error: unknown): ReadProblem {
  const errno = (error as NodeJS.ErrnoException).code ?? 'unknown error';
  if (errno === 'ENOENT' || errno === 'ENOTDIR') return { kind: 'missing' };
  if (errno === 'ELOOP') return { kind: 'loop' };
  if (errno === 'EISDIR') return { kind: 'not-regular', what: 'a directory' };
  return { kind: 'io', errno };
}

// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer. Absent on Windows.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const CHUNK = 1024 * 1024;

/** The bytes of the regular file `file` (symlinks followed), at most `maxBytes` of them. */
export async function readRegularFile(file: string, maxBytes: number): Promise<Buffer> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, OPEN_FLAGS);
  } catch (error) {
    throw new FileReadError(problemOf(error), error);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new FileReadError({ kind: 'not-regular', what: kindOf(stat) });
    if (stat.size > maxBytes) throw new FileReadError({ kind: 'too-large', size: stat.size, max: maxBytes });
    const chunks: Buffer[] = [];
    let total = 0;
    // The first read asks for one byte more than fstat said, which tells a file that grew past
    // the cap from one exactly at it; later reads (a growing file) go in chunks, still bounded.
    let want = stat.size + 1;
    for (;;) {
      const chunk = Buffer.alloc(Math.max(1, Math.min(want, maxBytes + 1 - total)));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) return Buffer.concat(chunks, total);
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) throw new FileReadError({ kind: 'too-large', size: total, max: maxBytes });
      want = CHUNK;
    }
  } catch (error) {
    if (error instanceof FileReadError) throw error;
    throw new FileReadError(problemOf(error), error);
  } finally {
    await handle.close();
  }
}

/** The bytes as UTF-8 text, without a byte order mark. */
export function textOf(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
