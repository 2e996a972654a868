/**
 * Reads consumer pact files (Pact specification V1–V4) defensively: every field comes from
 * untrusted input, so each is type-checked before use and every problem with a file is one
 * KitError naming the file (and the JSON pointer or line/column), exit 2.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { EXIT, KitError } from '../errors.js';
import { bodyOf } from './body.js';
import type { PactInteraction, PactSource } from './types.js';
import { isRecord } from '../util/record.js';
import { displayPath } from '../util/display-path.js';

/** Pact files larger than this are refused (the whole catalog as a pact is well under 1 MiB). */
export const MAX_PACT_BYTES = 16 * 1024 * 1024;

export interface PactFile {
  source: PactSource;
  interactions: PactInteraction[];
}

type Json = Record<string, unknown>;
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** `file` is the absolute path (errors name it; the CLI shows it relative to the cwd); `shown` is how reports name it. */
export async function readPactFile(file: string, shown: string): Promise<PactFile> {
  const text = await readBounded(file);
  const doc = parseJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, file);
  if (!isRecord(doc)) throw shape(file, '', 'a pact file is a JSON object with an "interactions" array');
  const specification = specificationOf(doc, file);
  const list = doc.interactions;
  if (list === undefined && Array.isArray(doc.messages)) {
    throw new KitError('COVERAGE_PACT_EMPTY', 'holds messages only; coverage reads HTTP interactions', { file, pointer: '/messages' });
  }
  if (!Array.isArray(list)) throw shape(file, '/interactions', 'a pact file needs an "interactions" array');
  if (list.length === 0) throw new KitError('COVERAGE_PACT_EMPTY', 'has no interactions', { file, pointer: '/interactions' });
  const interactions = list.map((raw, index) => readInteraction(raw, index, file, shown));
  const name = (party: unknown): string => clip(isRecord(party) ? (str(party.name) ?? '') : '', 100);
  return {
    source: { file: shown, consumer: name(doc.consumer), provider: name(doc.provider), specification, interactions: interactions.length },
    interactions,
  };
}

async function readBounded(file: string): Promise<string> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? 'unknown error'})`;
    throw new KitError('COVERAGE_PACT_UNREADABLE', reason, { file, exitCode: code === 'ENOENT' ? EXIT.badInput : EXIT.environment });
  }
  if (!stat.isFile()) throw new KitError('COVERAGE_PACT_UNREADABLE', 'is not a regular file', { file });
  if (stat.size > MAX_PACT_BYTES) {
    throw new KitError('COVERAGE_PACT_TOO_LARGE', `is ${stat.size} bytes; pact files over ${MAX_PACT_BYTES} bytes are refused`, { file });
  }
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new KitError('COVERAGE_PACT_UNREADABLE', `cannot be read (${code ?? 'unknown error'})`, { file, exitCode: EXIT.environment });
  }
}

/** JSON.parse with the failure placed at a line and column. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const match = /at position (\d+)/.exec(message);
    const position = match === null ? text.length : Number(match[1]);
    const before = text.slice(0, position);
    const line = before.split('\n').length;
    const column = position - before.lastIndexOf('\n');
    const what = message.replace(/ in JSON at position \d+.*$/, '').replace(/^Unexpected end of JSON input$/, 'unexpected end of input');
    throw new KitError('COVERAGE_PACT_SYNTAX', `not valid JSON at line ${line}, column ${column}: ${what.slice(0, 120)}`, { file });
  }
}

function shape(file: string, pointer: string, message: string): KitError {
  return new KitError('COVERAGE_PACT_SHAPE', message, pointer === '' ? { file } : { file, pointer });
}

function specificationOf(doc: Json, file: string): string {
  const metadata = isRecord(doc.metadata) ? doc.metadata : {};
  const holder = [metadata.pactSpecification, metadata['pact-specification']].find(isRecord);
  const version = holder === undefined ? (metadata.pactSpecificationVersion ?? undefined) : holder.version;
  if (version === undefined) return 'unstated';
  if (typeof version !== 'string' || !/^[1-4](\.\d+){0,2}$/.test(version)) {
    throw new KitError('COVERAGE_PACT_VERSION', `pact specification version ${JSON.stringify(version).slice(0, 40)} is not one this kit reads (1 to 4)`, {
      file,
      pointer: '/metadata',
    });
  }
  return version;
}

function readInteraction(raw: unknown, index: number, file: string, shown: string): PactInteraction {
  const at = `/interactions/${index}`;
  if (!isRecord(raw)) throw shape(file, at, 'an interaction must be an object');
  const type = str(raw.type) ?? 'Synchronous/HTTP';
  const base = {
    file: shown,
    index,
    description: clip(str(raw.description) ?? '(no description)'),
    type: clip(type),
    providerStates: providerStates(raw),
    stamp: stampOf(raw.comments),
  };
  if (type !== 'Synchronous/HTTP') {
    return { ...base, http: false, method: undefined, path: undefined, status: undefined, body: { kind: 'none' } };
  }
  const { request, response } = raw;
  if (!isRecord(request)) throw shape(file, `${at}/request`, 'an HTTP interaction needs a request object');
  if (!isRecord(response)) throw shape(file, `${at}/response`, 'an HTTP interaction needs a response object');
  const method = str(request.method);
  if (method === undefined || !/^[A-Za-z]{1,20}$/.test(method)) throw shape(file, `${at}/request/method`, 'the request method must be an HTTP method name');
  const requestPath = str(request.path);
  if (requestPath === undefined) throw shape(file, `${at}/request/path`, 'the request path must be a string');
  const status = response.status;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    throw shape(file, `${at}/response/status`, 'the response status must be an integer from 100 to 599');
  }
  return { ...base, http: true, method: method.toUpperCase(), path: clip(requestPath, 2000), status, body: bodyOf(response) };
}

/** Bounded and printable: control characters (terminal escapes, newlines) become U+FFFD. */
function clip(text: string, max = 300): string {
  // eslint-disable-next-line no-control-regex
  const printable = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '\ufffd');
  return printable.length > max ? `${printable.slice(0, max - 3)}...` : printable;
}

function providerStates(raw: Json): string[] {
  if (typeof raw.providerState === 'string') return [clip(raw.providerState)];
  if (!Array.isArray(raw.providerStates)) return [];
  return raw.providerStates.flatMap((s) => (isRecord(s) && typeof s.name === 'string' ? [clip(s.name)] : typeof s === 'string' ? [clip(s)] : []));
}

const KIT_GROUP = 'numbers-contract-kit';
const CASE_ID_COMMENT = /^([A-Za-z][A-Za-z0-9_]*\/[1-5]\d\d\/[A-Za-z0-9_-]+): /;

/** The case id stamped by the kit: V4 `comments.references["numbers-contract-kit"].caseId`, else a comment starting `<caseId>: `. */
function stampOf(comments: unknown): string | undefined {
  if (!isRecord(comments)) return undefined;
  const group = isRecord(comments.references) ? comments.references[KIT_GROUP] : undefined;
  const reference = isRecord(group) ? str(group.caseId) : undefined;
  if (reference !== undefined) return clip(reference);
  if (!Array.isArray(comments.text)) return undefined;
  for (const line of comments.text) {
    const match = typeof line === 'string' ? CASE_ID_COMMENT.exec(line) : null;
    if (match?.[1] !== undefined) return match[1];
  }
  return undefined;
}

/** Arguments to pact files: a directory stands for the `*.json` files directly in it, sorted. */
export async function expandPactPaths(args: readonly string[], cwd: string): Promise<Array<{ file: string; shown: string }>> {
  const out: Array<{ file: string; shown: string }> = [];
  for (const arg of args) {
    const file = path.resolve(cwd, arg);
    const stat = await fs.stat(file).catch(() => undefined);
    if (stat?.isDirectory() === true) {
      const names = (await fs.readdir(file)).filter((n) => n.endsWith('.json')).sort();
      if (names.length === 0) throw new KitError('COVERAGE_NO_PACTS', 'the directory holds no *.json pact files', { file });
      out.push(...names.map((n) => ({ file: path.join(file, n), shown: displayPath(cwd, path.join(file, n)) })));
    } else {
      out.push({ file, shown: displayPath(cwd, file) });
    }
  }
  const seen = new Set<string>();
  return out.filter((entry) => (seen.has(entry.file) ? false : (seen.add(entry.file), true))).sort((a, b) => (a.shown < b.shown ? -1 : a.shown > b.shown ? 1 : 0));
}

