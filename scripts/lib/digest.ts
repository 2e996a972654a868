/**
 * The sources digest: the facts of the reference files the spec's cases cite, so the tests can hold
 * the citations without `../shared` (a user's clone has none). Facts only: operations, parameters,
 * statuses, schema shapes, example values, the JSON pointers a case may cite, and the quoted
 * sentences the cases do cite, each checked against its file. No other prose.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import type { Catalog, CaseSource } from '../../src/catalog/types.js';
import { OFFICIAL_SPEC_FILE, STATUS_PAGE_FILE } from '../../src/catalog/sources.js';
import { pointerOf } from '../../src/openapi/walk.js';

const NOTES_FILE = 'numbers-api-notes.md';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
/** Keys that carry prose or presentation, never facts. */
const PROSE = new Set(['description', 'summary', 'title', 'x-enumDescriptions', 'externalDocs', 'x-codeSamples', 'tags']);

interface DigestOperation {
  operationId: string;
  method: string;
  path: string;
  pointer: string;
  deprecated: boolean;
  parameters: { name: string; in: string; required: boolean; schema: unknown }[];
  requestBody?: { required: boolean; content: Record<string, unknown> };
  /** status → the response component it uses (`ref`), and content type → schema shape (`$ref`s kept). */
  responses: Record<string, { ref?: string; content: Record<string, unknown> }>;
  /** Every example value of the operation, with where it belongs. */
  examples: { pointer: string; status?: string; contentType: string; value: unknown }[];
}

export interface SourcesDigest {
  about: string;
  files: Record<string, { sha256: string }>;
  official: {
    version: string;
    operations: DigestOperation[];
    /** Component schemas and responses, as shapes. */
    components: { schemas: Record<string, unknown>; responses: Record<string, unknown> };
    /** Every JSON pointer of the official file a case may cite: operations, responses, schema nodes. */
    pointers: string[];
  };
  /** The sentences the cases cite, each found in its file. */
  quotes: { official: Record<string, string[]>; 'status-page': string[]; sdk: string[] };
}

type Json = Record<string, unknown>;

export async function buildDigest(referenceDir: string, catalog: Catalog): Promise<SourcesDigest> {
  const read = (name: string): Promise<string> => readFile(path.join(referenceDir, name), 'utf8');
  const [officialText, pageText, notesText] = await Promise.all([read(OFFICIAL_SPEC_FILE), read(STATUS_PAGE_FILE), read(NOTES_FILE)]);
  const official = parse(officialText) as Json;
  const sources = catalog.cases.flatMap((c) => c.sources.map((s) => ({ id: c.id, source: s })));
  return {
    about: `Facts of ../shared/reference (${OFFICIAL_SPEC_FILE}, ${STATUS_PAGE_FILE}, ${NOTES_FILE}), made by scripts/digest-sources.ts (npm run digest); no prose beyond the sentences the cases cite.`,
    files: Object.fromEntries(
      [
        [OFFICIAL_SPEC_FILE, officialText],
        [STATUS_PAGE_FILE, pageText],
        [NOTES_FILE, notesText],
      ].map(([name, text]) => [
        name as string,
        {
          sha256: createHash('sha256')
            .update(text as string)
            .digest('hex'),
        },
      ]),
    ),
    official: {
      version: String((official.info as Json).version),
      operations: operationsOf(official),
      components: {
        schemas: mapValues(((official.components as Json).schemas ?? {}) as Json, shape),
        responses: mapValues(((official.components as Json).responses ?? {}) as Json, shape),
      },
      pointers: pointersOf(official),
    },
    quotes: {
      official: officialQuotes(official, sources),
      'status-page': citedQuotes(sources, 'status-page', pageText, STATUS_PAGE_FILE),
      sdk: citedQuotes(sources, 'sdk-fixture', notesText, NOTES_FILE),
    },
  };
}

function operationsOf(doc: Json): DigestOperation[] {
  const out: DigestOperation[] = [];
  for (const [template, item] of Object.entries(doc.paths as Json)) {
    const pathItem = item as Json;
    const shared = (pathItem.parameters ?? []) as unknown[];
    for (const method of METHODS) {
      const op = pathItem[method] as Json | undefined;
      if (op === undefined) continue;
      const pointer = pointerOf('paths', template, method);
      const parameters = [...shared, ...((op.parameters ?? []) as unknown[])].map((p) => {
        const param = deref(doc, p) as Json;
        return { name: String(param.name), in: String(param.in), required: param.required === true, schema: shape(param.schema) };
      });
      const body = op.requestBody === undefined ? undefined : (deref(doc, op.requestBody) as Json);
      const examples: DigestOperation['examples'] = [];
      const responses: DigestOperation['responses'] = {};
      for (const [status, raw] of Object.entries((op.responses ?? {}) as Json)) {
        const response = deref(doc, raw) as Json;
        const ref = (raw as Json).$ref;
        const content = mapValues((response.content ?? {}) as Json, (media) => shape((media as Json).schema));
        responses[status] = typeof ref === 'string' ? { ref, content } : { content };
        collectExamples(doc, response.content, `${pointer}${pointerOf('responses', status, 'content')}`, examples, status);
      }
      if (body !== undefined) collectExamples(doc, body.content, `${pointer}${pointerOf('requestBody', 'content')}`, examples);
      out.push({
        operationId: String(op.operationId),
        method: method.toUpperCase(),
        path: template,
        pointer,
        deprecated: op.deprecated === true,
        parameters,
        ...(body === undefined ? {} : { requestBody: { required: body.required === true, content: mapValues((body.content ?? {}) as Json, (m) => shape((m as Json).schema)) } }),
        responses,
        examples,
      });
    }
  }
  return out;
}

function collectExamples(doc: Json, content: unknown, base: string, into: DigestOperation['examples'], status?: string): void {
  for (const [contentType, media] of Object.entries((content ?? {}) as Json)) {
    const m = media as Json;
    const at = `${base}${pointerOf(contentType)}`;
    if (m.example !== undefined) into.push({ pointer: `${at}/example`, ...(status === undefined ? {} : { status }), contentType, value: m.example });
    for (const [name, ex] of Object.entries((m.examples ?? {}) as Json)) {
      const value = (deref(doc, ex) as Json).value;
      if (value !== undefined) into.push({ pointer: `${at}${pointerOf('examples', name)}`, ...(status === undefined ? {} : { status }), contentType, value });
    }
  }
}

/** A schema (or any node) without its prose; `$ref`s kept. */
function shape(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(shape);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    if (PROSE.has(key) || key === 'example' || key === 'examples') continue;
    out[key] = key === 'properties' ? mapValues(value as Json, shape) : shape(value);
  }
  return out;
}

function pointersOf(doc: Json): string[] {
  const out = new Set<string>();
  for (const op of operationsOf(doc)) {
    out.add(op.pointer);
    for (const status of Object.keys(op.responses)) out.add(`${op.pointer}${pointerOf('responses', status)}`);
  }
  const components = doc.components as Json;
  for (const kind of ['schemas', 'responses'] as const) {
    for (const [name, node] of Object.entries((components[kind] ?? {}) as Json)) schemaPointers(node, pointerOf('components', kind, name), out);
  }
  return [...out].sort();
}

function schemaPointers(node: unknown, at: string, out: Set<string>): void {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
  out.add(at);
  const n = node as Json;
  if (Array.isArray(n.enum)) out.add(`${at}/enum`);
  for (const [name, child] of Object.entries((n.properties ?? {}) as Json)) schemaPointers(child, `${at}${pointerOf('properties', name)}`, out);
  if (n.items !== undefined) schemaPointers(n.items, `${at}/items`, out);
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) (Array.isArray(n[key]) ? (n[key] as unknown[]) : []).forEach((child, i) => schemaPointers(child, `${at}/${key}/${i}`, out));
  for (const [type, media] of Object.entries((n.content ?? {}) as Json)) schemaPointers((media as Json).schema, `${at}${pointerOf('content', type, 'schema')}`, out);
}

function officialQuotes(doc: Json, sources: { id: string; source: CaseSource }[]): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  for (const { id, source } of sources) {
    if (source.kind !== 'official-spec' || source.quote === undefined) continue;
    const text = resolve(doc, source.pointer);
    if (typeof text !== 'string' || !quoteIn(source.quote, text)) throw new Error(`${id}: the quote ${JSON.stringify(source.quote)} is not at ${OFFICIAL_SPEC_FILE}#${source.pointer}`);
    (out[source.pointer] ??= new Set()).add(source.quote);
  }
  return Object.fromEntries(
    Object.keys(out)
      .sort()
      .map((k) => [k, [...(out[k] as Set<string>)].sort()]),
  );
}

function citedQuotes(sources: { id: string; source: CaseSource }[], kind: 'status-page' | 'sdk-fixture', text: string, file: string): string[] {
  const out = new Set<string>();
  for (const { id, source } of sources) {
    if (source.kind !== kind) continue;
    if (!quoteIn(source.quote, text)) throw new Error(`${id}: the quote ${JSON.stringify(source.quote)} is not in ${file}`);
    out.add(source.quote);
  }
  return [...out].sort();
}

/** Whether a quote occurs in a text, whitespace-insensitively; `...` in the quote skips text. */
export function quoteIn(quote: string, text: string): boolean {
  const flat = squash(text);
  let from = 0;
  for (const part of quote
    .split('...')
    .map(squash)
    .filter((p) => p !== '')) {
    const at = flat.indexOf(part, from);
    if (at < 0) return false;
    from = at + part.length;
  }
  return true;
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function deref(doc: Json, node: unknown): unknown {
  let current = node;
  for (let hops = 0; hops < 8 && current !== null && typeof current === 'object' && typeof (current as Json).$ref === 'string'; hops += 1) {
    current = resolve(doc, ((current as Json).$ref as string).replace(/^#/, ''));
  }
  return current;
}

function resolve(doc: unknown, pointer: string): unknown {
  let at: unknown = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, token)) return undefined;
    at = (at as Json)[token];
  }
  return at;
}

function mapValues<T>(record: Json, fn: (value: unknown) => T): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fn(v)]));
}

/** The digest as committed: sorted keys where order carries no meaning, two-space JSON, final newline. */
export function formatDigest(digest: SourcesDigest): string {
  return `${JSON.stringify(digest, null, 2)}\n`;
}
