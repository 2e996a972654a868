/**
 * What every reader of a pact may rely on, checked once on the parsed JSON (which is untrusted):
 * an object with an `interactions` array (or, V3 messages, a `messages` array), a known
 * specification version, every interaction an object with a description, every HTTP interaction's
 * request method, path and response status of the right type (absent: Pact's defaults), and no
 * deeper nesting than Pact's own core reads. Each failure is one KitError with the file and the JSON pointer.
 */
import { KitError } from '../errors.js';
import { tryParseJson } from '../util/json.js';
import { isRecord } from '../util/record.js';

type Json = Record<string, unknown>;

/** Pact's core (serde_json) refuses JSON nested deeper than 128 levels; the kit stops earlier, with a line that says so. */
const MAX_PACT_DEPTH = 100;

/** The HTTP parts of an HTTP interaction, checked. */
interface HttpParts {
  request: Json;
  response: Json;
  method: string;
  path: string;
  status: number;
}

/** One interaction as the pact holds it, with the parts every reader needs checked. */
export interface PactRecord {
  raw: Json;
  index: number;
  description: string;
  /** `Synchronous/HTTP` when the pact does not say (V1–V3 interactions are HTTP). */
  type: string;
  /** Present for HTTP interactions. */
  http: HttpParts | undefined;
}

/** A pact file as read and checked; each consumer of pacts takes its view from this. */
export interface PactDocument {
  /** The path (or URL) errors name. */
  file: string;
  /** How reports name it. */
  shown: string;
  consumer: string;
  provider: string;
  /** Pact specification version as the file states it, or `unstated`. */
  specification: string;
  interactions: PactRecord[];
  /** A V3 message pact: `messages` and no `interactions`. */
  messagesOnly: boolean;
  /** The whole parsed document. */
  json: Json;
}

const PACT_KEY = /"(?:interactions|messages|pactSpecification|pact-specification|pactSpecificationVersion)"\s*:/;

/** Why a folder's JSON file is not taken for a pact, or undefined when it is one (possibly broken). */
export function notAPact(text: string, parsed: { value: unknown } | undefined): string | undefined {
  if (parsed === undefined) return PACT_KEY.test(text) ? undefined : 'not JSON and names no pact key';
  const doc = parsed.value;
  if (!isRecord(doc)) return 'JSON, but not an object with "interactions"';
  const metadata = isRecord(doc.metadata) ? doc.metadata : {};
  const pactLike = 'interactions' in doc || 'messages' in doc || ('consumer' in doc && 'provider' in doc) || 'pactSpecification' in metadata || 'pact-specification' in metadata || 'pactSpecificationVersion' in metadata;
  return pactLike ? undefined : 'JSON, but not a pact (no "interactions", "messages", "consumer" and "provider", or pact specification)';
}

/** JSON.parse with the failure placed at a line and column, and the nesting bounded. */
export function parsePactJson(text: string, file: string, parsed = tryParseJson(text)): unknown {
  if (parsed === undefined) {
    let message = 'unknown error';
    try {
      JSON.parse(text);
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    }
    const match = /at position (\d+)/.exec(message);
    const position = match === null ? text.length : Number(match[1]);
    const before = text.slice(0, position);
    const line = before.split('\n').length;
    const column = position - before.lastIndexOf('\n');
    const what = message.replace(/ in JSON at position \d+.*$/, '').replace(/^Unexpected end of JSON input$/, 'unexpected end of input');
    throw new KitError('PACT_SYNTAX', `not valid JSON at line ${line}, column ${column}: ${what.slice(0, 120)}`, { file });
  }
  const deep = tooDeep(parsed.value);
  if (deep !== undefined) {
    throw new KitError('PACT_SHAPE', `nested deeper than ${MAX_PACT_DEPTH} levels (Pact's core reads at most 128)`, { file, ...(deep === '' ? {} : { pointer: deep }) });
  }
  return parsed.value;
}

/** The pointer (at most 3 levels) under which the value nests deeper than MAX_PACT_DEPTH, iteratively. */
function tooDeep(value: unknown): string | undefined {
  const stack: Array<{ value: unknown; depth: number; at: string }> = [{ value, depth: 0, at: '' }];
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; depth: number; at: string };
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth >= MAX_PACT_DEPTH) return item.at;
    for (const [key, child] of Object.entries(item.value)) {
      const at = item.depth < 3 ? `${item.at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}` : item.at;
      stack.push({ value: child, depth: item.depth + 1, at });
    }
  }
  return undefined;
}

const shape = (file: string, pointer: string, message: string): KitError => new KitError('PACT_SHAPE', message, pointer === '' ? { file } : { file, pointer });
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The parsed JSON as a pact document, or the first thing that keeps it from being one (`allowEmpty`: a pact to add to may have no interactions yet). */
export function checkDocument(doc: unknown, file: string, shown: string, allowEmpty = false): PactDocument {
  if (!isRecord(doc)) throw shape(file, '', 'a pact file is a JSON object with an "interactions" array');
  const specification = specificationOf(doc, file);
  const name = (party: unknown): string => (isRecord(party) ? (str(party.name) ?? '') : '');
  const base = { file, shown, consumer: name(doc.consumer), provider: name(doc.provider), specification, json: doc };
  const list = doc.interactions;
  if (list === undefined && Array.isArray(doc.messages)) return { ...base, interactions: [], messagesOnly: true };
  if (!Array.isArray(list)) throw shape(file, '/interactions', 'a pact file needs an "interactions" array');
  if (list.length === 0 && !allowEmpty) throw new KitError('PACT_EMPTY', 'has no interactions', { file, pointer: '/interactions' });
  return { ...base, interactions: list.map((raw, index) => checkInteraction(raw, index, file)), messagesOnly: false };
}

function specificationOf(doc: Json, file: string): string {
  const metadata = isRecord(doc.metadata) ? doc.metadata : {};
  const holder = [metadata.pactSpecification, metadata['pact-specification']].find(isRecord);
  const version = holder === undefined ? (metadata.pactSpecificationVersion ?? undefined) : holder.version;
  if (version === undefined) return 'unstated';
  if (typeof version !== 'string' || !/^[1-4](\.\d+){0,2}$/.test(version)) {
    throw new KitError('PACT_VERSION', `pact specification version ${JSON.stringify(version).slice(0, 40)} is not one this kit reads (1 to 4)`, { file, pointer: '/metadata' });
  }
  return version;
}

function checkInteraction(raw: unknown, index: number, file: string): PactRecord {
  const at = `/interactions/${index}`;
  if (!isRecord(raw)) throw shape(file, at, 'an interaction must be an object');
  const description = raw.description;
  if (typeof description !== 'string') throw shape(file, `${at}/description`, 'every interaction needs a description (a string)');
  const type = str(raw.type) ?? 'Synchronous/HTTP';
  if (type !== 'Synchronous/HTTP') return { raw, index, description, type, http: undefined };
  // Absent parts take Pact's own defaults (GET, '/', 200), as its core reads them; present ones must be right.
  const request = raw.request ?? {};
  const response = raw.response ?? {};
  if (!isRecord(request)) throw shape(file, `${at}/request`, 'the request of an HTTP interaction must be an object');
  if (!isRecord(response)) throw shape(file, `${at}/response`, 'the response of an HTTP interaction must be an object');
  const method = request.method ?? 'GET';
  if (typeof method !== 'string' || !/^[A-Za-z]{1,20}$/.test(method)) throw shape(file, `${at}/request/method`, 'the request method must be an HTTP method name');
  const requestPath = request.path ?? '/';
  if (typeof requestPath !== 'string') throw shape(file, `${at}/request/path`, 'the request path must be a string');
  const status = response.status ?? 200;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    throw shape(file, `${at}/response/status`, 'the response status must be an integer from 100 to 599');
  }
  return { raw, index, description, type, http: { request, response, method, path: requestPath, status } };
}
