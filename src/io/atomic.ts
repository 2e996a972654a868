import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
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
  // Synchronous file calls, like the Pact core's own write: each step needs the one before, and a
  // trip through libuv's thread pool per call (eight of them) only adds latency, the more so on a
  // busy machine, where every hop waits for a core; a consumer's writePact() pays it at the end.
  const target = path.resolve(file);
  ensureDirectory(target, path.dirname(target));
  const existing = statOrUndefined(target);
  if (existing?.isDirectory() === true) throw writeError(target, 'EISDIR', 'a directory is in the way');
  // The temp name stays within the file system's 255 bytes even when the target's is near it.
  const temp = path.join(path.dirname(target), `.${path.basename(target).slice(0, 200)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'wx');
    try {
      writeFileSync(fd, text, 'utf8');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (error) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // The write's own failure is the one to report.
    }
    throw writeError(target, errnoOf(error));
  }
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

/** `dir` and its missing ancestors, made top-down one level at a time (bounded by the path's depth). */
function ensureDirectory(target: string, dir: string): void {
  const missing: string[] = [];
  for (let current = dir; ; current = path.dirname(current)) {
    let stat;
    try {
      stat = statSync(current);
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
      mkdirSync(current);
    } catch (error) {
      const errno = errnoOf(error);
      if (errno === 'EEXIST' && statOrUndefined(current)?.isDirectory() === true) continue;
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
