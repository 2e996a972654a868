/**
 * `parseNumbersError`: whatever the user holds → one `ParsedNumbersError`. Never throws, never
 * writes into prototypes. Envelope precedence (fixed): Google when `error` is an object with an
 * integer (or numeric-string) `code` and a string `status`; legacy when `code` and `text` are
 * strings; anything else is "JSON of another shape".
 */
import type { Envelope } from '../catalog/types.js';
import { previewText, previewValue } from './preview.js';
import { createRedactor, redactHead } from '../util/redact.js';
import { GZIP, MAX_BODY_BYTES, decodeBytes, isGzip, observe, type Observed } from './receivers.js';
import { get, isObject, own, ownKeys, parseJsonSafely, safeCall, sanitizedCopy } from './safe.js';
import type { NotNumbersErrorParsed, NotNumbersErrorReason, NumbersErrorParsed, ParsedNumbersError } from './types.js';
import { isRecord } from '../util/record.js';

/**
 * Normalises a Numbers API error answer: a plain body of either envelope, `{status|statusCode, body}`,
 * an axios response or AxiosError, a Sinch SDK RequestFailedError, a JSON string or a Buffer.
 * A fetch `Response` can only be read asynchronously: for it, a Promise is returned.
 */
export function parseNumbersError(received: Response): Promise<ParsedNumbersError>;
export function parseNumbersError(received: unknown): ParsedNumbersError | Promise<ParsedNumbersError>;
export function parseNumbersError(received: unknown): ParsedNumbersError | Promise<ParsedNumbersError> {
  let observed: Observed | Promise<Observed>;
  try {
    observed = observe(received);
  } catch {
    observed = { receiver: 'other', status: undefined, headers: {}, body: { kind: 'absent', reason: 'unsupported-type', explanation: 'a value that could not be inspected' } };
  }
  if (observed instanceof Promise) return observed.then(classify, () => classify(unreadable()));
  return classify(observed);
}

function unreadable(): Observed {
  return { receiver: 'fetch-response', status: undefined, headers: {}, body: { kind: 'absent', reason: 'body-unreadable', explanation: 'a body that could not be read' } };
}

type BodyOutcome = { value: unknown; preview: string } | { reason: NotNumbersErrorReason; explanation: string; preview: string };

/** Pure: an observation → a verdict on whether it is a Numbers error. */
export function classify(observed: Observed): ParsedNumbersError {
  const outcome = safeCall(() => resolveBody(observed), { reason: 'body-unreadable', explanation: 'a body that could not be inspected', preview: '' } as BodyOutcome);
  const base = { receiver: observed.receiver, status: observed.status, headers: observed.headers, bodyPreview: outcome.preview };
  if (observed.status !== undefined && (observed.status < 400 || observed.status > 599)) {
    return notNumbers(base, 'success-status', `status ${observed.status}, not an error status`);
  }
  if ('reason' in outcome) return notNumbers(base, outcome.reason, outcome.explanation);
  const envelope = readEnvelope(outcome.value);
  if ('problem' in envelope) return notNumbers(base, 'other-shape', envelope.problem);
  const status = observed.status ?? envelope.bodyStatus;
  return { ...base, isNumbersError: true, status, httpStatus: observed.status, ...envelope };
}

function notNumbers(base: Omit<NotNumbersErrorParsed, 'isNumbersError' | 'reason' | 'explanation'>, reason: NotNumbersErrorReason, explanation: string): NotNumbersErrorParsed {
  return { ...base, isNumbersError: false, reason, explanation };
}

function resolveBody(observed: Observed): BodyOutcome {
  const { body } = observed;
  switch (body.kind) {
    case 'absent':
      return { reason: body.reason, explanation: body.explanation, preview: '' };
    case 'none':
      return { reason: 'empty-body', explanation: 'an empty body', preview: '' };
    case 'text':
      return fromText(body.text, observed.headers['content-type']);
    case 'sdk-data':
      return fromSdkData(body.data, observed);
    case 'value':
      return fromValue(body.value, observed.headers['content-type']);
  }
}

function fromText(text: string, contentType: string | undefined): BodyOutcome {
  if (text.length > MAX_BODY_BYTES) return { reason: 'too-large', explanation: 'a body larger than 1 MiB', preview: previewText(text) };
  const trimmed = text.trim();
  if (trimmed === '') return { reason: 'empty-body', explanation: 'an empty body', preview: previewText(text) };
  if (/html/i.test(contentType ?? '') || trimmed.startsWith('<')) {
    const type = contentType === undefined ? '' : ` (${contentType})`;
    return { reason: 'html', explanation: `an HTML body${type}, e.g. a gateway error page`, preview: previewText(text) };
  }
  const parsed = parseJsonSafely(trimmed);
  if (parsed.ok) return { value: parsed.value, preview: previewValue(parsed.value) };
  // V8's wording differs between Node versions: decide from the position, word it ourselves.
  const at = /position (\d+)/.exec(parsed.error)?.[1];
  const truncated = /end of (json )?input/i.test(parsed.error) || (at !== undefined && Number(at) >= trimmed.length - 1);
  return truncated
    ? { reason: 'truncated-json', explanation: `a truncated JSON body (it ends at character ${trimmed.length})`, preview: previewText(text) }
    : { reason: 'not-json', explanation: 'a body that is not valid JSON', preview: previewText(text) };
}

function fromValue(value: unknown, contentType: string | undefined): BodyOutcome {
  if (typeof value === 'string') return fromText(value, contentType);
  if (isGzip(value)) return { reason: 'not-json', explanation: GZIP, preview: '' };
  const bytes = decodeBytes(value);
  if (bytes !== undefined) return fromText(bytes, contentType);
  if (value === undefined || value === null || value === '') return { reason: 'empty-body', explanation: 'an empty body', preview: '' };
  if (isObject(value) && typeof get(value, 'pipe') === 'function') {
    return { reason: 'stream-body', explanation: 'a body that is an unread stream', preview: '' };
  }
  return { value, preview: previewValue(value) };
}

function fromSdkData(data: unknown, observed: Observed): BodyOutcome {
  if (typeof data !== 'string' || data.trim() === '') return { reason: 'empty-body', explanation: 'an empty body (Sinch SDK error without data)', preview: '' };
  const once = parseJsonSafely(data);
  if (!once.ok) return fromText(data, observed.headers['content-type']);
  if (typeof once.value === 'string') return fromText(once.value, observed.headers['content-type']);
  if (isRecord(once.value) && ownKeys(once.value, 1).length === 0 && observed.status !== undefined && observed.status >= 400) {
    return { reason: 'empty-body', explanation: 'an empty or non-JSON body (the Sinch SDK reports both as data "{}")', preview: '"{}"' };
  }
  return { value: once.value, preview: previewValue(once.value) };
}

type EnvelopeFields = Pick<NumbersErrorParsed, 'envelope' | 'code' | 'codeField' | 'message' | 'details' | 'bodyStatus'>;

function readEnvelope(value: unknown): EnvelopeFields | { problem: string } {
  if (!isRecord(value)) return { problem: `JSON of another shape (${describeJson(value)})` };
  const error = own(value, 'error');
  if (isRecord(error)) {
    const code = integerCode(own(error, 'code'));
    const status = own(error, 'status');
    const message = own(error, 'message');
    const details = own(error, 'details');
    if (code !== undefined && typeof status === 'string' && (message === undefined || typeof message === 'string')) {
      return google(status, message ?? '', Array.isArray(details) ? details : [], code);
    }
    if (!legacyShape(value)) return { problem: `JSON of another shape (${googleProblem(error)})` };
  }
  if (legacyShape(value)) {
    return { envelope: 'legacy', code: own(value, 'code') as string, codeField: 'code', message: own(value, 'text') as string, details: [], bodyStatus: undefined };
  }
  const keys = keyList(value);
  return { problem: `JSON of another shape (${keys === '' ? 'an empty object' : `keys: ${keys}`})` };
}

function google(status: string, message: string, details: unknown[], code: number): EnvelopeFields {
  const copied = sanitizedCopy(details);
  const envelope: Envelope = 'google';
  return { envelope, code: status, codeField: 'error.status', message, details: Array.isArray(copied) ? copied : [], bodyStatus: code };
}

function legacyShape(value: object): boolean {
  return typeof own(value, 'code') === 'string' && typeof own(value, 'text') === 'string';
}

function integerCode(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^[1-9][0-9]{2}$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

function googleProblem(error: object): string {
  const code = own(error, 'code');
  if (integerCode(code) === undefined) return `error.code is ${code === undefined ? 'missing' : `not an integer: ${previewValue(code, 40)}`}`;
  if (typeof own(error, 'status') !== 'string') return 'error.status is not a string';
  return 'error.message is not a string';
}

function keyList(value: object): string {
  const keys = ownKeys(value, 11);
  const redact = createRedactor();
  const shown = keys.slice(0, 10).map((k) => {
    const head = redactHead(k, 40, redact);
    return head.cut ? `${head.text}…` : head.text;
  });
  return `${shown.join(', ')}${keys.length > 10 ? ', …' : ''}`;
}

function describeJson(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return `a ${typeof value}`;
}
