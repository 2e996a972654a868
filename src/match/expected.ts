/**
 * The `expected` and `options` arguments of the matchers → one validated `Expectation`.
 * Anything the spec cannot satisfy (an unknown code, an undocumented status, a code with a
 * status it is never documented with) is misuse: a thrown usage error, also under `.not`.
 */
import { CODE_INFO, NUMBERS_ERROR_CODES, NUMBERS_OPERATION_IDS } from '../catalog/generated.js';
import type { Envelope, NumbersErrorCode, NumbersOperationId } from '../catalog/types.js';
import { KitError } from '../errors.js';
import { suggestion } from '../util/suggest.js';
import { own, ownKeys } from './safe.js';
import { isRecord } from '../util/record.js';

export interface Expectation {
  /** How `expected` was written: a code, a status, or the object form. */
  form: 'code' | 'status' | 'shape';
  code?: NumbersErrorCode;
  status?: number;
  envelope?: Envelope;
  message?: string | RegExp;
  operation?: NumbersOperationId;
}

const SHAPE_KEYS = ['status', 'code', 'envelope', 'message'];

/** Every status some documented code is documented with, ascending. */
export function documentedStatuses(): number[] {
  const all = new Set<number>();
  for (const code of NUMBERS_ERROR_CODES) for (const s of CODE_INFO[code].statuses) all.add(s);
  return [...all].sort((a, b) => a - b);
}

export function usageError(matcher: string, message: string, argument = 'expected'): KitError {
  return new KitError('MATCHER_USAGE', `${matcher}: ${message}`, { argument });
}

export function normaliseExpected(matcher: string, expected: unknown, options: unknown): Expectation {
  const operation = normaliseOptions(matcher, options);
  const base = operation === undefined ? {} : { operation };
  if (typeof expected === 'string') return { form: 'code', code: checkCode(matcher, expected), ...base };
  if (typeof expected === 'number') return { form: 'status', status: checkStatus(matcher, expected), ...base };
  if (!isRecord(expected) || expected instanceof RegExp) {
    throw usageError(matcher, `expected must be a Numbers error code, an HTTP status or { status?, code?, envelope?, message? }; got ${kindOf(expected)}`);
  }
  const keys = ownKeys(expected, 20);
  const unknown = keys.filter((k) => !SHAPE_KEYS.includes(k));
  if (unknown.length > 0) throw usageError(matcher, `unknown field ${unknown.map((k) => JSON.stringify(k)).join(', ')} in expected; allowed: ${SHAPE_KEYS.join(', ')}`);
  const shape: Expectation = { form: 'shape', ...base };
  const code = own(expected, 'code');
  const status = own(expected, 'status');
  const envelope = own(expected, 'envelope');
  const message = own(expected, 'message');
  if (code !== undefined) shape.code = checkCode(matcher, code);
  if (status !== undefined) shape.status = checkStatus(matcher, status);
  if (envelope !== undefined) {
    if (envelope !== 'google' && envelope !== 'legacy') throw usageError(matcher, `envelope must be "google" or "legacy"; got ${kindOf(envelope)}`);
    shape.envelope = envelope;
  }
  if (message !== undefined) {
    if (typeof message !== 'string' && !(message instanceof RegExp)) throw usageError(matcher, `message must be a string or a RegExp; got ${kindOf(message)}`);
    shape.message = message;
  }
  if (shape.code === undefined && shape.status === undefined && shape.envelope === undefined && shape.message === undefined) {
    throw usageError(matcher, 'expected names none of status, code, envelope, message');
  }
  if (shape.code !== undefined) checkConsistent(matcher, shape.code, shape.status, shape.envelope);
  return shape;
}

function normaliseOptions(matcher: string, options: unknown): NumbersOperationId | undefined {
  if (options === undefined) return undefined;
  if (!isRecord(options)) throw usageError(matcher, `options must be an object like { operation: '<operationId>' }; got ${kindOf(options)}`, 'options');
  const unknown = ownKeys(options, 20).filter((k) => k !== 'operation');
  if (unknown.length > 0) throw usageError(matcher, `unknown option ${unknown.map((k) => JSON.stringify(k)).join(', ')}; allowed: operation`, 'options');
  const operation = own(options, 'operation');
  if (operation === undefined) return undefined;
  if (typeof operation === 'string' && (NUMBERS_OPERATION_IDS as readonly string[]).includes(operation)) return operation as NumbersOperationId;
  const hint = typeof operation === 'string' ? suggestion(operation, NUMBERS_OPERATION_IDS) : '';
  throw usageError(matcher, `unknown operation ${kindOf(operation)}${hint}. Valid operations: ${NUMBERS_OPERATION_IDS.join(', ')}`, 'options');
}

function checkCode(matcher: string, code: unknown): NumbersErrorCode {
  if (typeof code === 'string' && (NUMBERS_ERROR_CODES as readonly string[]).includes(code)) return code as NumbersErrorCode;
  const hint = typeof code === 'string' ? suggestion(code, NUMBERS_ERROR_CODES) : '';
  throw usageError(matcher, `unknown Numbers error code ${kindOf(code)}${hint}. Valid codes: ${NUMBERS_ERROR_CODES.join(', ')}`);
}

function checkStatus(matcher: string, status: unknown): number {
  const statuses = documentedStatuses();
  if (typeof status === 'number' && statuses.includes(status)) return status;
  throw usageError(matcher, `status ${kindOf(status)} is not documented for any Numbers error. Documented statuses: ${statuses.join(', ')}`);
}

function checkConsistent(matcher: string, code: NumbersErrorCode, status: number | undefined, envelope: Envelope | undefined): void {
  const info = CODE_INFO[code];
  if (status !== undefined && !info.statuses.includes(status)) {
    throw usageError(matcher, `${code} is documented only with status ${info.statuses.join(' or ')}, not ${status}`);
  }
  if (envelope !== undefined && !info.envelopes.includes(envelope)) {
    throw usageError(matcher, `${code} is documented only with the ${info.envelopes.join(' or ')} envelope, not ${envelope}`);
  }
}

function kindOf(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof RegExp) return 'a RegExp';
  return `a ${typeof value}`;
}
