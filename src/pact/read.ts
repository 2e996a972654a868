/**
 * The one pact-file reader. `coverage`, `verify`, `generate --check` and the harness's merge all
 * read pacts through it, so they share one size cap, one set of error codes (each a one-line
 * KitError naming the file and JSON pointer) and one rule for what a folder stands for:
 *
 * - A file named explicitly must be a pact; anything else about it is an error.
 * - A folder stands for the `*.json` entries directly in it, sorted. Each must be a regular file
 *   (symlinks followed; a FIFO, a device, a folder named `x.json`, a broken link or a loop is an
 *   error). One that is not a pact (not JSON, or JSON with none of `interactions`, `messages`,
 *   `consumer` + `provider`, `metadata.pactSpecification`) is skipped with a note, so
 *   `coverage .` passes over `package.json` and `.mocharc.json`; a file that looks like a pact but
 *   is broken is an error.
 * - Files are de-duplicated by their real path: a pact named twice, or through a symlink, counts once.
 *
 * Every file is read with `readRegularFile`: checked on its open descriptor before any byte is
 * read, and never beyond MAX_PACT_BYTES.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { EXIT, KitError } from '../errors.js';
import { describeReadProblem, FileReadError, kindOf, problemOf, readRegularFile, textOf } from '../io/read.js';
import { checkDocument, notAPact, parsePactJson, type PactDocument } from './pact-shape.js';
import { displayPath } from '../util/display-path.js';
import { tryParseJson } from '../util/json.js';

export type { PactDocument, PactRecord } from './pact-shape.js';

/** Pact files larger than this are refused, read from disk or downloaded (the whole catalog as a pact is under 1 MiB). */
export const MAX_PACT_BYTES = 50 * 1024 * 1024;

/** A pact file to read: its path, how reports name it, and whether it came from a folder. */
export interface PactPath {
  file: string;
  shown: string;
  inFolder: boolean;
}

export interface ReadPacts {
  pacts: PactDocument[];
  /** Files passed over (a folder's JSON files that are not pacts), one line each. */
  notes: string[];
}

/** Reads every pact the arguments name (files or folders, relative to `cwd`). */
export async function readPacts(args: readonly string[], cwd: string): Promise<ReadPacts> {
  const notes: string[] = [];
  const pacts: PactDocument[] = [];
  for (const entry of await listPactPaths(args, cwd)) {
    const read = await readPactPath(entry);
    if ('skip' in read) notes.push(`skipped ${entry.shown}: ${read.skip}`);
    else pacts.push(read);
  }
  if (pacts.length === 0) {
    const folder = args.length === 1 ? path.resolve(cwd, args[0] as string) : undefined;
    throw new KitError('PACT_NOT_FOUND', `no pact files${notes.length > 0 ? ` (${notes.length} JSON file(s) that are not pacts skipped)` : ''}`, folder === undefined ? { argument: '<pacts...>' } : { file: folder });
  }
  return { pacts, notes };
}

/** The files the arguments stand for, in argument order (a folder's entries sorted), each real file once (`seen`: real paths already taken). */
export async function listPactPaths(args: readonly string[], cwd: string, seen = new Set<string>()): Promise<PactPath[]> {
  const out: PactPath[] = [];
  const add = async (file: string, inFolder: boolean): Promise<void> => {
    const real = await realFile(file);
    if (seen.has(real)) return;
    seen.add(real);
    out.push({ file, shown: displayPath(cwd, file), inFolder });
  };
  for (const arg of args) {
    const file = path.resolve(cwd, arg);
    const stat = await fs.stat(file).catch((error: unknown) => {
      throw pactReadError(file, new FileReadError(problemOf(error), error));
    });
    if (!stat.isDirectory()) {
      await add(file, false);
      continue;
    }
    const names = (
      await fs.readdir(file).catch((error: unknown) => {
        throw pactReadError(file, new FileReadError(problemOf(error), error));
      })
    ).filter((name) => name.endsWith('.json'));
    names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (names.length === 0) throw new KitError('PACT_NOT_FOUND', 'the folder holds no *.json pact files', { file });
    for (const name of names) await add(path.join(file, name), true);
  }
  return out;
}

/** The real path of a file to be read; anything but a regular file is refused here, before any read. */
async function realFile(file: string): Promise<string> {
  try {
    const real = await fs.realpath(file);
    const stat = await fs.stat(real);
    if (!stat.isFile()) throw new FileReadError({ kind: 'not-regular', what: kindOf(stat) });
    return real;
  } catch (error) {
    throw pactReadError(file, error instanceof FileReadError ? error : new FileReadError(problemOf(error), error));
  }
}

/** One pact file: its document, or why a folder's file was passed over. */
export async function readPactPath(entry: PactPath): Promise<PactDocument | { skip: string }> {
  const text = await readPactText(entry.file);
  if (text === undefined) throw pactReadError(entry.file, new FileReadError({ kind: 'missing' }));
  return parsePactText(text, entry);
}

/** A pact's text as read from disk or downloaded: explicit files must be pacts; a folder's non-pacts are skipped. */
function parsePactText(text: string, entry: PactPath): PactDocument | { skip: string } {
  const parsed = tryParseJson(text);
  const skip = entry.inFolder ? notAPact(text, parsed) : undefined;
  if (skip !== undefined) return { skip };
  return checkDocument(parsePactJson(text, entry.file, parsed), entry.file, entry.shown);
}

/** A pact file's text, or undefined when there is none; every other problem is a KitError naming the file. */
export async function readPactText(file: string): Promise<string | undefined> {
  try {
    return textOf(await readRegularFile(file, MAX_PACT_BYTES));
  } catch (error) {
    if (error instanceof FileReadError && error.problem.kind === 'missing') return undefined;
    throw pactReadError(file, error);
  }
}

/** The pact at `file` to add interactions to (it must be a pact, possibly empty), or undefined when the file does not exist. */
export async function readPactIfExists(file: string): Promise<PactDocument | undefined> {
  const text = await readPactText(file);
  return text === undefined ? undefined : checkDocument(parsePactJson(text, file), file, file, true);
}

/** A pact's text (read or downloaded) that must be a pact. */
export function parsePactDocument(text: string, file: string, shown: string): PactDocument {
  return checkDocument(parsePactJson(text, file), file, shown);
}

/** A file that cannot be read: exit 2 for what the user named (missing, not a file, too large), 3 for the system's refusal. */
function pactReadError(file: string, error: unknown): KitError {
  if (!(error instanceof FileReadError)) throw error;
  const { problem } = error;
  if (problem.kind === 'missing') return new KitError('PACT_NOT_FOUND', 'no such pact file or directory', { file });
  if (problem.kind === 'too-large') {
    return new KitError('PACT_TOO_LARGE', `is over ${problem.max} bytes; pact files over ${problem.max} bytes are refused`, { file });
  }
  return new KitError('PACT_UNREADABLE', describeReadProblem(problem), { file, exitCode: problem.kind === 'io' ? EXIT.environment : EXIT.badInput, cause: error });
}
