/**
 * The one formatter: a verdict → the failure message, in layers (verdict; what was expected;
 * what was received; what differs; what the spec documents). Deterministic and redacted; the
 * chai and expect adapters print exactly this.
 */
import { CODE_INFO, DOCUMENTED_ERRORS, NUMBERS_ERROR_CODES } from '../catalog/generated.js';
import { documentedStatuses, type Expectation } from './expected.js';
import { expectedEnvelopes, expectedStatuses, type Mismatch, type Verdict } from './decide.js';
import { createRedactor, redactHead } from '../util/redact.js';
import type { NumbersErrorParsed, ParsedNumbersError, ReceiverKind } from './types.js';
import { joinLines } from '../util/terminal.js';
import { ownValue } from '../openapi/own.js';

const RECEIVER_LABEL: Record<ReceiverKind, string> = {
  body: 'a plain body',
  'json-text': 'a JSON string',
  bytes: 'a Buffer',
  'http-response': 'an HTTP response',
  'axios-response': 'an axios response',
  'axios-error': 'an AxiosError',
  'fetch-response': 'a fetch Response',
  'sinch-request-failed': 'a Sinch SDK RequestFailedError',
  'sinch-json-parse': 'a Sinch SDK ResponseJSONParseError',
  'sinch-sdk-error': 'a Sinch SDK error',
  'node-incoming-message': 'a node http IncomingMessage',
  error: 'an Error',
  other: 'a value',
};

/** The message for whichever way the assertion failed: positive when `!pass`, negated when `pass`. */
export function formatVerdict(verdict: Verdict): string {
  return verdict.pass ? formatNegatedFailure(verdict) : formatFailure(verdict);
}

function formatFailure(v: Verdict): string {
  const { parsed, expectation: e } = v;
  const head = `expected a Numbers error ${describeExpected(e, true)}, but received ${describeReceived(parsed)}`;
  const lines = [head, '', `Expected: ${expectedLayer(e)}`, `Received: ${receivedLayer(parsed)}`];
  const mismatches = v.mismatches.map((m) => mismatchText(m, parsed)).filter((t) => t !== '');
  if (mismatches.length > 0) lines.push(`Mismatch: ${mismatches.join('; ')}`);
  lines.push(`Documented: ${documentedLayer(parsed, e)}`);
  return joinLines(lines);
}

function formatNegatedFailure(v: Verdict): string {
  const { parsed, expectation: e } = v;
  const facts = parsed.isNumbersError ? receivedFacts(parsed, e.form !== 'code') : '';
  return joinLines([`expected not to be a Numbers error ${describeExpected(e, false)}, but it is (${facts})`, '', `Received: ${receivedLayer(parsed)}`]);
}

/** `unknown_campaign (403, legacy envelope)`, `with status 400`, `with the google envelope and a message matching /x/`. */
function describeExpected(e: Expectation, withFacts: boolean): string {
  const parts: string[] = [];
  if (e.code !== undefined) {
    const statuses = expectedStatuses(e) ?? [];
    const envelopes = expectedEnvelopes(e) ?? [];
    parts.push(withFacts ? `${e.code} (${statuses.join(' or ')}, ${envelopes.join(' or ')} envelope)` : e.code);
  }
  const clauses: string[] = [];
  if (e.status !== undefined && e.code === undefined) clauses.push(`status ${e.status}`);
  if (e.envelope !== undefined && e.code === undefined) clauses.push(`the ${e.envelope} envelope`);
  if (e.message !== undefined) clauses.push(`a message ${messageRule(e.message)}`);
  if (clauses.length > 0) parts.push(`with ${clauses.join(' and ')}`);
  const text = parts.join(' ');
  return e.operation === undefined ? text : `${text}, documented for ${e.operation}`;
}

function describeReceived(p: ParsedNumbersError): string {
  if (p.isNumbersError) return `${quoteCode(p.code)} (${receivedFacts(p, false)})`;
  if (p.reason === 'success-status' || p.reason === 'no-response') return p.explanation;
  if (p.reason === 'body-not-read') return `a fetch Response with status ${p.status} and ${p.explanation}`;
  const status = p.status === undefined ? '' : `status ${p.status} with `;
  return `${status}${p.explanation}, not a Numbers error`;
}

function receivedFacts(p: NumbersErrorParsed, withCode: boolean): string {
  const status = p.status === undefined ? 'no HTTP status' : String(p.status);
  return `${withCode ? `${quoteCode(p.code)}, ` : ''}${status}, ${p.envelope} envelope`;
}

function expectedLayer(e: Expectation): string {
  const parts: string[] = [];
  if (e.code !== undefined) parts.push(`code ${e.code}`);
  const statuses = expectedStatuses(e);
  if (statuses !== undefined) parts.push(`status ${statuses.join(' or ')}`);
  const envelopes = expectedEnvelopes(e);
  if (envelopes !== undefined) parts.push(`envelope ${envelopes.join(' or ')}`);
  if (e.message !== undefined) parts.push(`message ${messageRule(e.message)}`);
  if (e.code === undefined) parts.push('a code the spec documents');
  if (e.operation !== undefined) parts.push(`documented for ${e.operation}`);
  return parts.join(', ');
}

function receivedLayer(p: ParsedNumbersError): string {
  const parts: string[] = [];
  if (p.status === undefined) parts.push('no HTTP status');
  else parts.push(p.isNumbersError && p.httpStatus === undefined ? `status ${p.status} (from error.code)` : `status ${p.status}`);
  if (p.isNumbersError) {
    parts.push(`envelope ${p.envelope}`, `code ${quoteCode(p.code)} (${fieldName(p)})`, `message ${quote(p.message, 200)}`);
  } else {
    parts.push(p.explanation);
  }
  const redact = createRedactor();
  const headers = Object.keys(p.headers)
    .sort()
    .map((k) => `${k}=${redactHead(p.headers[k] ?? '', 200, redact).text}`);
  if (headers.length > 0) parts.push(`headers ${headers.join(', ')}`);
  if (p.bodyPreview !== '') parts.push(`body: ${p.bodyPreview}`);
  return `(${RECEIVER_LABEL[p.receiver]}) ${parts.join(', ')}`;
}

function mismatchText(m: Mismatch, p: ParsedNumbersError): string {
  switch (m.kind) {
    case 'not-a-numbers-error':
      return '';
    case 'code':
      return `code (compared ${p.isNumbersError ? fieldName(p) : 'code'}): expected ${m.expected}, got ${quoteCode(m.received)}`;
    case 'status':
      return `status: expected ${m.expected.join(' or ')}, got ${m.received}`;
    case 'status-unknown':
      return `status: expected ${m.expected.join(' or ')}, but what was received carries no HTTP status (pass the whole response, not only its body)`;
    case 'envelope':
      return `envelope: expected ${m.expected.join(' or ')}, got ${m.received}`;
    case 'message':
      return `message: expected a message ${messageRule(m.expected)}, got ${quote(m.received, 200)}`;
    case 'body-status':
      return `error.code ${m.bodyStatus} in the body differs from the HTTP status ${m.httpStatus}`;
    case 'undocumented':
      return undocumentedText(m.code, m.status, m.envelope);
    case 'operation':
      return p.isNumbersError ? `${quoteCode(p.code)} (${p.status ?? 'no HTTP status'}, ${p.envelope} envelope) is not documented for ${m.operation}` : '';
  }
}

function undocumentedText(code: string, status: number | undefined, envelope: string): string {
  const info = ownValue(CODE_INFO, code);
  if (info === undefined) return `${quoteCode(code)} is not a documented Numbers error code`;
  return `${code} is documented with status ${info.statuses.join(' or ')} and the ${info.envelopes.join(' or ')} envelope, not with ${status ?? 'no HTTP status'} and the ${envelope} envelope`;
}

function documentedLayer(p: ParsedNumbersError, e: Expectation): string {
  if (e.operation !== undefined) {
    const byStatus = new Map<number, string[]>();
    for (const row of DOCUMENTED_ERRORS[e.operation]) {
      const codes = byStatus.get(row.status) ?? [];
      if (!codes.includes(row.code)) codes.push(row.code);
      byStatus.set(row.status, codes);
    }
    const groups = [...byStatus.entries()].sort((a, b) => a[0] - b[0]).map(([s, codes]) => `${s} ${codes.join(', ')}`);
    return `for ${e.operation}: ${groups.join('; ')}`;
  }
  const status = p.status ?? expectedStatuses(e)?.[0];
  if (status === undefined) return `Numbers errors have status ${documentedStatuses().join(', ')}`;
  const codes = NUMBERS_ERROR_CODES.filter((c) => CODE_INFO[c].statuses.includes(status));
  if (codes.length === 0) return `no Numbers error has status ${status} (documented statuses: ${documentedStatuses().join(', ')})`;
  return `for status ${status}: ${codes.join(', ')}`;
}

function fieldName(p: NumbersErrorParsed): string {
  return p.codeField === 'code' ? 'legacy code' : 'error.status';
}

function messageRule(expected: string | RegExp): string {
  return typeof expected === 'string' ? `containing ${quote(expected, 200)}` : `matching ${redactHead(String(expected), 200).text}`;
}

function quote(text: string, max: number): string {
  const head = redactHead(text, max);
  return JSON.stringify(head.cut ? `${head.text}…` : head.text);
}

/** Codes the spec documents print bare; anything else is quoted (it came from the response). */
function quoteCode(code: string): string {
  return /^[A-Za-z_]{1,60}$/.test(code) ? code : quote(code, 60);
}

/** Short one-line forms for an adapter's `expected` / `actual` fields (never the received object). */
export function summarize(v: Verdict): { expected: string; actual: string } {
  return { expected: `a Numbers error ${describeExpected(v.expectation, true)}`, actual: describeReceived(v.parsed) };
}
