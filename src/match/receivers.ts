/**
 * Receivers → one observation: the HTTP status, the headers that matter and where the body is.
 * Recognition is by shape (duck typing), never `instanceof`, so several copies of axios or of the
 * Sinch SDK work. Only a fetch `Response` makes this asynchronous (its body is a stream).
 */
import type { NotNumbersErrorReason, ReceiverKind } from './types.js';
import { get, has, isPlainData, isObject, own, ownKeys, safeCall } from './safe.js';

/** Where the body is. `text` and `value` are classified by `parse.ts`. */
type BodySource =
  | { kind: 'none' }
  | { kind: 'text'; text: string }
  | { kind: 'value'; value: unknown }
  /** A Sinch SDK `data` string: `JSON.stringify(body, null, 2)` (twice-encoded for ResponseJSONParseError). */
  | { kind: 'sdk-data'; data: unknown }
  | { kind: 'absent'; reason: NotNumbersErrorReason; explanation: string };

export interface Observed {
  receiver: ReceiverKind;
  status: number | undefined;
  headers: Record<string, string>;
  body: BodySource;
}

/** Bodies are read and inspected up to this size. */
export const MAX_BODY_BYTES = 1024 * 1024;

const KEPT_HEADERS = ['allow', 'content-type', 'retry-after', 'www-authenticate'] as const;

type Observation = Observed | Promise<Observed>;

/** Looks at a value; `undefined` when it is not the shape this recogniser knows. */
type Recogniser = (received: unknown, depth: number) => Observation | undefined;

function absent(receiver: ReceiverKind, reason: NotNumbersErrorReason, explanation: string, status?: number, headers?: unknown): Observed {
  return { receiver, status, headers: pickHeaders(headers), body: { kind: 'absent', reason, explanation } };
}

const text = (receiver: ReceiverKind, value: string): Observed => ({ receiver, status: undefined, headers: {}, body: { kind: 'text', text: value } });

const plainValues: Recogniser = (received) => {
  if (received === undefined) return absent('other', 'undefined', 'undefined');
  if (received === null) return absent('other', 'null', 'null');
  if (typeof received === 'string') return text('json-text', received);
  if (isGzip(received)) return absent('bytes', 'not-json', GZIP);
  const bytes = decodeBytes(received);
  if (bytes !== undefined) return text('bytes', bytes);
  if (typeof received !== 'object') return absent('other', 'unsupported-type', `a ${typeof received}`);
  return typeof get(received, 'then') === 'function' ? absent('other', 'promise', 'a Promise') : undefined;
};

const fetchResponse: Recogniser = (received) => (isFetchResponse(received as object) ? readFetchResponse(received as object) : undefined);

const axiosError: Recogniser = (received) => {
  if (get(received, 'isAxiosError') !== true) return undefined;
  const response = get(received, 'response');
  if (isObject(response)) return { ...fromAxiosResponse(response), receiver: 'axios-error' };
  const code = get(received, 'code');
  const why = typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code) ? ` (axios ${code})` : ' (axios)';
  return absent('axios-error', 'no-response', `no HTTP response${why}`);
};

/** superagent / chai-http HTTP errors carry the response under `response` (one level only). */
const nestedResponse: Recogniser = (received, depth) => {
  const response = get(received, 'response');
  const hasStatus = isObject(response) && (typeof get(response, 'status') === 'number' || typeof get(response, 'statusCode') === 'number');
  return depth === 0 && hasStatus ? observe(response, depth + 1) : undefined;
};

/** The Sinch SDK's errors (RequestFailedError, ResponseJSONParseError, its no-response errors) and network errors. */
const errorObject: Recogniser = (value) => {
  // Past plainValues every value is an object.
  const received = value as object;
  if (!(received instanceof Error) && !isErrorLike(received)) return undefined;
  const statusCode = get(received, 'statusCode');
  if (typeof statusCode === 'number' && has(received, 'data') && has(received, 'responseHeaders')) {
    const parseError = constructorName(received) === 'ResponseJSONParseError' || messageOf(received).includes('[Response JSON parse error]');
    const body = { kind: 'sdk-data', data: get(received, 'data') } as const;
    return { receiver: parseError ? 'sinch-json-parse' : 'sinch-request-failed', status: httpStatus(statusCode), headers: pickHeaders(get(received, 'responseHeaders')), body };
  }
  const message = messageOf(received);
  if (message.includes('[errorType: SDK]')) {
    const what = message.includes('[Empty response]') ? 'EmptyResponseError' : 'GenericError';
    return absent('sinch-sdk-error', 'no-response', `no HTTP response (Sinch SDK ${what})`);
  }
  if (has(received, 'status') || has(received, 'body') || has(received, 'response')) return undefined;
  const code = get(get(received, 'cause'), 'code') ?? get(received, 'code');
  const name = safeString(get(received, 'name')) ?? 'Error';
  const why = typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code) ? ` ${code}` : '';
  return absent('error', 'no-response', `no HTTP response (${name}${why})`);
};

const axiosResponse: Recogniser = (received) => (typeof get(received, 'status') === 'number' && has(received, 'data') && has(received, 'headers') && has(received, 'config') ? fromAxiosResponse(received as object) : undefined);

/** `{ status | statusCode, body | text }`: supertest, chai-http, node http with a parsed body. */
const httpResponse: Recogniser = (received) => {
  const status = get(received, 'status') ?? get(received, 'statusCode');
  if (typeof status !== 'number') return undefined;
  const headers = get(received, 'headers');
  const base = { receiver: 'http-response' as const, status: httpStatus(status), headers: pickHeaders(headers) };
  const body = get(received, 'body');
  const bodyText = get(received, 'text');
  if (typeof bodyText === 'string' && (body === undefined || isEmptyPlainObject(body))) return { ...base, body: { kind: 'text', text: bodyText } };
  if (body !== undefined) return { ...base, body: { kind: 'value', value: body } };
  if (typeof get(received, 'pipe') === 'function') {
    return absent('node-incoming-message', 'stream-body', 'a response whose body is an unread stream (pass { statusCode, body } with the parsed body)', httpStatus(status), headers);
  }
  return { ...base, body: { kind: 'none' } };
};

/**
 * Tried in order, the first that knows the value observes it. The order is the decision: an axios
 * error before the generic `response` nesting, SDK errors before plain Errors, axios responses
 * before the generic `{ status, body }` shape; anything else is the error body itself.
 */
const RECOGNISERS: readonly Recogniser[] = [plainValues, fetchResponse, axiosError, nestedResponse, errorObject, axiosResponse, httpResponse];

export function observe(received: unknown, depth = 0): Observation {
  for (const recognise of RECOGNISERS) {
    const observed = recognise(received, depth);
    if (observed !== undefined) return observed;
  }
  return { receiver: 'body', status: undefined, headers: {}, body: { kind: 'value', value: received } };
}

function fromAxiosResponse(response: object): Observed {
  return {
    receiver: 'axios-response',
    status: httpStatus(get(response, 'status')),
    headers: pickHeaders(get(response, 'headers')),
    body: { kind: 'value', value: get(response, 'data') },
  };
}

/** What a fetch Response tells before its body is read: status and headers; undefined for anything else. */
export function fetchResponseHead(received: unknown): Omit<Observed, 'body'> | undefined {
  if (typeof received !== 'object' || received === null || !safeCall(() => isFetchResponse(received), false)) return undefined;
  return { receiver: 'fetch-response', status: httpStatus(get(received, 'status')), headers: pickHeaders(get(received, 'headers')) };
}

function isFetchResponse(x: object): boolean {
  return typeof get(x, 'text') === 'function' && has(x, 'status') && has(x, 'headers');
}

async function readFetchResponse(res: object): Promise<Observed> {
  const base = { receiver: 'fetch-response' as const, status: httpStatus(get(res, 'status')), headers: pickHeaders(get(res, 'headers')) };
  if (get(res, 'bodyUsed') === true) {
    const explanation = 'a body that was already read (assert before res.json()/res.text(), or pass { status: res.status, body: await res.json() })';
    return { ...base, body: { kind: 'absent', reason: 'body-consumed', explanation } };
  }
  try {
    const clone = get(res, 'clone');
    const source: unknown = typeof clone === 'function' ? clone.call(res) : res;
    const text = await readBoundedText(source);
    return { ...base, body: { kind: 'text', text } };
  } catch (error) {
    const why = error instanceof Error ? error.name : 'Error';
    return { ...base, body: { kind: 'absent', reason: 'body-unreadable', explanation: `a body that could not be read (${why})` } };
  }
}

/** Reads at most MAX_BODY_BYTES + 1 bytes of a fetch body, then cancels the stream. */
async function readBoundedText(source: unknown): Promise<string> {
  const stream = get(source, 'body');
  const getReader = get(stream, 'getReader');
  if (typeof getReader !== 'function') {
    const text = get(source, 'text') as () => Promise<unknown>;
    return String(await text.call(source));
  }
  const reader = getReader.call(stream) as ReadableStreamDefaultReader<Uint8Array>;
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    text += decoder.decode(value, { stream: true });
    if (bytes > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      return text;
    }
  }
  return text + decoder.decode();
}

function decodeBytes(x: unknown): string | undefined {
  if (x instanceof ArrayBuffer) return new TextDecoder().decode(new Uint8Array(x, 0, Math.min(x.byteLength, MAX_BODY_BYTES + 1)));
  if (x instanceof Uint8Array) return new TextDecoder().decode(x.subarray(0, MAX_BODY_BYTES + 1));
  return undefined;
}

export { decodeBytes };

export const GZIP = 'a gzip-compressed body (decompress it first, or pass the parsed body)';

/** Bytes starting with the gzip magic number: a raw node body whose content-encoding was not undone. */
export function isGzip(x: unknown): boolean {
  const bytes = x instanceof ArrayBuffer ? new Uint8Array(x, 0, Math.min(2, x.byteLength)) : x instanceof Uint8Array ? x : undefined;
  return bytes !== undefined && bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function pickHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(headers)) return out;
  const getter = get(headers, 'get');
  if (typeof getter === 'function' && typeof get(headers, 'forEach') === 'function') {
    for (const name of KEPT_HEADERS) {
      const value = safeCall(() => getter.call(headers, name) as unknown, undefined);
      if (typeof value === 'string') out[name] = value;
    }
    return out;
  }
  for (const key of ownKeys(headers, 500)) {
    const name = key.toLowerCase();
    if (!(KEPT_HEADERS as readonly string[]).includes(name)) continue;
    const value = own(headers, key);
    if (typeof value === 'string') out[name] = value;
    else if (typeof value === 'number') out[name] = String(value);
    else if (Array.isArray(value)) out[name] = value.filter((v): v is string => typeof v === 'string').join(', ');
  }
  return out;
}

function httpStatus(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599 ? value : undefined;
}

function isErrorLike(x: object): boolean {
  return typeof get(x, 'message') === 'string' && typeof get(x, 'stack') === 'string';
}

function isEmptyPlainObject(x: unknown): boolean {
  return isPlainData(x) && ownKeys(x, 1).length === 0;
}

function constructorName(x: object): string | undefined {
  return safeCall(() => {
    const proto: unknown = Object.getPrototypeOf(x);
    const ctor = isObject(proto) ? Object.getOwnPropertyDescriptor(proto, 'constructor')?.value : undefined;
    return typeof ctor === 'function' ? ctor.name : undefined;
  }, undefined);
}

function messageOf(x: object): string {
  return safeString(get(x, 'message')) ?? '';
}

function safeString(x: unknown): string | undefined {
  return typeof x === 'string' ? x : undefined;
}
