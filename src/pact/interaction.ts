/**
 * Pure mapping of one catalog case to the Pact interaction that documents it: the request that
 * produces the error, the provider state naming the condition, and the error response with
 * matchers that pin what a consumer relies on (code, status string, envelope shape) and loosen
 * what varies (message text, details content, documented headers' values).
 * Plain data only; `apply.ts` hands it to the Pact core.
 */
import { KitError, EXIT } from '../errors.js';
import { sourceLocation } from '../catalog/sources.js';
import { encodeMultipart } from '../catalog/multipart.js';
import { isErrorCase, type CaseBase, type ErrorCase, type HttpMethod, type MultipartBody, type NumbersCase, type ProviderState, type ProvisioningCase } from '../catalog/types.js';
import { anyArray, equal, isPactMatcher, like, regex, type PactMatcher } from './matchers.js';
import { tryParseJson } from '../util/json.js';
import { isRecord } from '../util/record.js';
import { ownValue, setOwn } from '../openapi/own.js';
import { escapeRegex } from '../util/regex.js';

/** Group of the V4 `comments.references` the kit writes: `caseId`, `pointer`, `schemaPointer`. */
export const KIT_REFERENCE_GROUP = 'numbers-contract-kit';
/** Any Basic or Bearer credential: contracts carry a placeholder example, never a real one. */
export const AUTHORIZATION_PATTERN = '^(Basic|Bearer) \\S+$';

export interface InteractionReference {
  group: string;
  name: string;
  value: string;
}

/** A Pact V4 matching-rule list for one path (`{ combine, matchers }`). */
interface PactRuleList {
  combine: 'AND';
  matchers: ({ match: 'contentType'; value: string } | { match: 'type' })[];
}

type InteractionBody =
  | { kind: 'json'; contentType: string; content: unknown }
  /** `matchable: false`: a deliberately malformed JSON body, which the Pact mock server cannot compare. */
  | { kind: 'text'; contentType: string; text: string; matchable: boolean }
  /**
   * A multipart/form-data body: `text` encoded with the case's boundary, and body matching rules by
   * part name (`$.file`): a file part must carry content of its type (Pact detects it from the
   * bytes), a field part any text. Pact ignores parts the contract does not list.
   */
  | { kind: 'multipart'; contentType: string; text: string; rules: Record<string, PactRuleList> };

/** Any multipart/form-data Content-Type with a boundary: each client picks its own boundary. */
export const MULTIPART_CONTENT_TYPE_PATTERN = '^multipart/form-data;.*boundary=.+$';

export interface ErrorInteraction {
  caseId: string;
  description: string;
  state: ProviderState;
  comments: readonly string[];
  references: readonly InteractionReference[];
  request: {
    method: HttpMethod;
    path: string | PactMatcher;
    query: Record<string, string[]>;
    headers: Record<string, string | PactMatcher>;
    body?: InteractionBody;
  };
  response: {
    status: number;
    headers: Record<string, string | PactMatcher>;
    body: { contentType: 'application/json'; content: unknown };
  };
}

/** The interaction's description: `<operationId> <status> <exampleName>`, unique per case. */
export function describeCase(c: CaseBase): string {
  return `${c.operationId} ${c.status} ${c.exampleName}`;
}

/** The interaction of any case: an error answer, or a 200 ActiveNumber whose provisioning FAILED. */
export function caseInteraction(c: NumbersCase): ErrorInteraction {
  return isErrorCase(c) ? errorInteraction(c) : provisioningInteraction(c);
}

function commentsOf(c: CaseBase, body: InteractionBody | undefined): string[] {
  const comments = [`${c.id}: ${c.summary}`, `trigger (${c.trigger.kind}): ${c.trigger.description}`];
  if (body?.kind === 'text' && !body.matchable) comments.push(`request body, deliberately not valid JSON: ${body.text}`);
  if (c.request.multipart !== undefined) comments.push(`request body: multipart/form-data, parts ${describeParts(c.request.multipart)}; matched by part name and file type`);
  if (c.deprecated !== undefined) comments.push(`DEPRECATED operation ${c.operationId}: use ${c.deprecated.replacement}`);
  for (const s of c.sources) comments.push(s.kind === 'inferred' ? `source: inferred: ${s.reason}` : `source: ${s.kind} ${sourceLocation(s)}`);
  return comments;
}

function requestOf(c: CaseBase, body: InteractionBody | undefined): ErrorInteraction['request'] {
  return { method: c.request.method, path: requestPath(c.request.path), query: c.request.query, headers: requestHeaders(c), ...(body === undefined ? {} : { body }) };
}

function referencesOf(c: CaseBase): InteractionReference[] {
  return [
    { group: KIT_REFERENCE_GROUP, name: 'caseId', value: c.id },
    { group: KIT_REFERENCE_GROUP, name: 'pointer', value: c.pointer },
    { group: KIT_REFERENCE_GROUP, name: 'schemaPointer', value: c.schemaPointer },
    { group: 'OpenAPI', name: 'operationId', value: c.operationId },
  ];
}

/**
 * A provisioning failure: the canonical request, and a 200 ActiveNumber whose failed job is pinned
 * (its `status` FAILED and, for SMS, `errorCodes` exactly the documented code; for voice, the job's
 * `type`) while every other field is type-matched.
 */
export function provisioningInteraction(c: ProvisioningCase): ErrorInteraction {
  const body = requestBody(c);
  const p = c.provisioning;
  const comments = commentsOf(c, body);
  comments.push(p.platform === 'sms' ? `200 answer: scheduled SMS provisioning FAILED with ${p.errorCode ?? '?'} (not an HTTP error)` : `200 answer: scheduled voice provisioning (${p.voiceType ?? '?'}) FAILED (not an HTTP error)`);
  const pinned =
    p.platform === 'sms'
      ? { smsConfiguration: { scheduledProvisioning: { status: equal(p.status), errorCodes: equal([p.errorCode]) } } }
      : { voiceConfiguration: { scheduledVoiceProvisioning: { status: equal(p.status), type: equal(p.voiceType) } } };
  return interactionOf(c, body, comments, { status: c.status, headers: { 'Content-Type': 'application/json' }, body: { contentType: 'application/json', content: typeMatched(c.body, pinned) } });
}

/** What every case's interaction holds; the response is the case kind's own. */
function interactionOf(c: CaseBase, body: InteractionBody | undefined, comments: string[], response: ErrorInteraction['response']): ErrorInteraction {
  return { caseId: c.id, description: describeCase(c), state: c.state, comments, references: referencesOf(c), request: requestOf(c, body), response };
}

/** Every leaf of `value` type-matched, except where `pinned` (same shape) holds a matcher. */
function typeMatched(value: unknown, pinned: unknown): unknown {
  if (isPactMatcher(pinned)) return pinned;
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, typeMatched(inner, isRecord(pinned) ? pinned[key] : undefined)]));
  return like(value);
}

export function errorInteraction(c: ErrorCase): ErrorInteraction {
  const body = requestBody(c);
  const comments = commentsOf(c, body);
  if (c.inferred) comments.push('envelope inferred');
  return interactionOf(c, body, comments, {
    status: c.status,
    headers: { 'Content-Type': 'application/json', ...documentedHeaders(c.responseHeaders) },
    body: { contentType: 'application/json', content: envelopeMatchers(c) },
  });
}

// Characters a client may send raw or percent-encoded (encodeURIComponent turns '+' into %2B).
const ENCODABLE: Record<string, string> = { '+': '2B', ':': '3A', '@': '40', ',': '2C', '=': '3D', ';': '3B', $: '24', '&': '26' };

/** The path, matched literally except that sub-delimiters may arrive percent-encoded. */
function requestPath(path: string): string | PactMatcher {
  if (![...path].some((ch) => ch in ENCODABLE)) return path;
  const source = [...path]
    .map((ch) => {
      const hex = ENCODABLE[ch];
      return hex === undefined ? escapeRegex(ch) : `(?:${escapeRegex(ch)}|%${hex[0]}[${hex[1]}${hex[1]?.toLowerCase()}])`;
    })
    .join('');
  return regex(`^${source}$`, path);
}

function requestHeaders(c: CaseBase): Record<string, string | PactMatcher> {
  const headers: Record<string, string | PactMatcher> = {};
  for (const [name, value] of Object.entries(c.request.headers)) {
    const lower = name.toLowerCase();
    if (lower === 'content-type' && c.request.multipart !== undefined) setOwn(headers, name, regex(MULTIPART_CONTENT_TYPE_PATTERN, value));
    else if (lower !== 'authorization') setOwn(headers, name, value);
    else if (value !== '') setOwn(headers, name, authorization(c, value));
  }
  return headers;
}

function describeParts(body: MultipartBody): string {
  return body.parts.map((p) => (p.filename === undefined ? `${p.name} (field)` : `${p.name} (file ${p.filename}, ${p.contentType ?? 'any type'})`)).join(', ');
}

/** The multipart body's matching rules: a file part by its content type, a field part by type. */
function multipartRules(body: MultipartBody): Record<string, PactRuleList> {
  const rules: Record<string, PactRuleList> = {};
  for (const part of body.parts) {
    const matcher = part.filename !== undefined && part.contentType !== undefined ? ({ match: 'contentType', value: part.contentType } as const) : ({ match: 'type' } as const);
    rules[`$.${part.name}`] = { combine: 'AND', matchers: [matcher] };
  }
  return rules;
}

// Credentials in examples must be recognisable placeholders, so a real token never reaches a contract.
const PLACEHOLDER_CREDENTIAL = /^(example|invalid|placeholder|dummy|fake)([-_.][A-Za-z0-9]+)*$/;

function authorization(c: CaseBase, value: string): string | PactMatcher {
  const credential = value.replace(/^(Basic|Bearer)\s+/, '');
  if (!PLACEHOLDER_CREDENTIAL.test(credential)) {
    // The value itself is never echoed: it may be a real credential.
    throw new KitError('CONTRACT_CREDENTIAL', `case ${c.id} (${c.pointer}): its Authorization example is not a placeholder; use e.g. 'Bearer example-token'`, { exitCode: EXIT.badInput });
  }
  return new RegExp(AUTHORIZATION_PATTERN).test(value) ? regex(AUTHORIZATION_PATTERN, value) : value;
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function isJsonType(contentType: string): boolean {
  return /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType);
}

function requestBody(c: CaseBase): InteractionBody | undefined {
  const contentType = headerValue(c.request.headers, 'content-type');
  if (c.request.multipart !== undefined) {
    const type = contentType ?? `multipart/form-data; boundary=${c.request.multipart.boundary}`;
    return { kind: 'multipart', contentType: type, text: c.request.rawBody ?? encodeMultipart(c.request.multipart), rules: multipartRules(c.request.multipart) };
  }
  if (c.request.rawBody !== undefined) {
    const type = contentType ?? 'text/plain';
    return { kind: 'text', contentType: type, text: c.request.rawBody, matchable: !isJsonType(type) || tryParseJson(c.request.rawBody) !== undefined };
  }
  if (c.request.body === undefined) return undefined;
  const type = contentType ?? 'application/json';
  if (!isJsonType(type)) return { kind: 'text', contentType: type, text: JSON.stringify(c.request.body), matchable: true };
  // A body-driven error depends on the body's exact content; any other case only needs its shape.
  return { kind: 'json', contentType: type, content: c.trigger.kind === 'body' ? c.request.body : like(c.request.body) };
}

const HEADER_PATTERNS: Record<string, string> = {
  'retry-after': '^(\\d+|[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT)$',
  'www-authenticate': '^(Basic|Bearer)( .*)?$',
  allow: '^[A-Z]+(, ?[A-Z]+)*$',
};

/** Documented response headers must be present; their values are loosened to their syntax. */
function documentedHeaders(headers: Record<string, string>): Record<string, PactMatcher> {
  const out: Record<string, PactMatcher> = {};
  for (const [name, value] of Object.entries(headers)) {
    // Header names come from the spec: `constructor` is no pattern, `__proto__` an ordinary header.
    const pattern = ownValue(HEADER_PATTERNS, name.toLowerCase());
    setOwn(out, name, pattern !== undefined && new RegExp(pattern).test(value) ? regex(pattern, value) : like(value));
  }
  return out;
}

/** The envelope with its discriminating fields pinned and the rest type-matched. */
function envelopeMatchers(c: ErrorCase): unknown {
  const body = c.body;
  if (c.envelope === 'google' && isRecord(body) && isRecord(body.error)) {
    const error: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(body.error)) {
      if (key === 'code' || key === 'status') error[key] = equal(value);
      else if (key === 'details' && Array.isArray(value)) error[key] = anyArray();
      else error[key] = like(value);
    }
    return { ...loosened(body, ['error']), error };
  }
  if (c.envelope === 'legacy' && isRecord(body)) {
    return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, key === 'code' ? equal(value) : like(value)]));
  }
  return like(body);
}

function loosened(body: Record<string, unknown>, except: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(body)
      .filter(([key]) => !except.includes(key))
      .map(([key, value]) => [key, like(value)]),
  );
}
