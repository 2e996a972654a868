/**
 * The pure decisions of the callback matchers: a received callback event against an expected
 * variant (`toBeNumbersEvent`), and an ActiveNumber against an expected provisioning failure
 * (`toHaveProvisioningError`). Expectations are checked against the documented variants and codes
 * (misuse is a usage error); `event-format.ts` words the verdicts.
 */
import { DOCUMENTED_EVENTS, NUMBERS_EVENT_FAILURE_CODES, NUMBERS_EVENT_TYPES, SMS_ERROR_CODES } from '../catalog/generated-events.js';
import type { NumbersEventFailureCode, NumbersEventStatus, NumbersEventType, SmsErrorCode } from '../catalog/generated-events.js';
import { usageError } from './expected.js';
import { isRecord } from '../util/record.js';
import { quieten } from './safe.js';

export interface NumbersEventExpectation {
  status?: NumbersEventStatus;
  failureCode?: NumbersEventFailureCode;
}

export interface ExpectedEvent {
  eventType: NumbersEventType;
  status?: string;
  failureCode?: string;
}

/** The fields of a received event the decision reads; `undefined` when the value is no callback event. */
export interface ReceivedEvent {
  eventType: string;
  status: string | undefined;
  failureCode: string | undefined;
  eventId: string | undefined;
}

type EventMismatch = { field: 'eventType' | 'status' | 'failureCode'; expected: string | undefined; received: string | undefined };

export interface EventVerdict {
  pass: boolean;
  expected: ExpectedEvent;
  received: ReceivedEvent | undefined;
  mismatches: readonly EventMismatch[];
}

const MATCHER = 'toBeNumbersEvent';

/** Checks the expectation against the documented variants: a typo or an impossible pair is a usage error. */
export function expectedEvent(eventType: unknown, options: unknown): ExpectedEvent {
  if (typeof eventType !== 'string' || !(NUMBERS_EVENT_TYPES as readonly string[]).includes(eventType)) {
    throw usageError(MATCHER, `${JSON.stringify(eventType)} is not a documented event type; known: ${NUMBERS_EVENT_TYPES.join(', ')}`);
  }
  const type = eventType as NumbersEventType;
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
    throw usageError(MATCHER, 'the second argument is { status?, failureCode? }', 'options');
  }
  const { status, failureCode, ...rest } = (options ?? {}) as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length > 0) throw usageError(MATCHER, `unknown option ${extra.map((k) => JSON.stringify(k)).join(', ')}; use status and failureCode`, 'options');
  const rows = DOCUMENTED_EVENTS.filter((r) => r.eventType === type);
  if (status !== undefined && !rows.some((r) => r.status === status)) {
    throw usageError(MATCHER, `${type} never reports status ${JSON.stringify(status)}; documented: ${[...new Set(rows.map((r) => r.status))].join(', ')}`, 'options.status');
  }
  if (failureCode !== undefined) {
    if (!(NUMBERS_EVENT_FAILURE_CODES as readonly string[]).includes(failureCode as string)) {
      throw usageError(MATCHER, `${JSON.stringify(failureCode)} is not a documented failureCode; known: ${NUMBERS_EVENT_FAILURE_CODES.join(', ')}`, 'options.failureCode');
    }
    if (!rows.some((r) => r.failureCode === failureCode && (status === undefined || r.status === status))) {
      throw usageError(MATCHER, `a ${type}${status === undefined ? '' : ` ${String(status)}`} event never carries failureCode ${String(failureCode)}`, 'options.failureCode');
    }
  }
  return { eventType: type, ...(status === undefined ? {} : { status: status as string }), ...(failureCode === undefined ? {} : { failureCode: failureCode as string }) };
}

/** The event in what was received: a parsed body, its raw bytes or text, or a harness delivery (`rawBody`). */
export function readEvent(received: unknown, matcher: string): ReceivedEvent | undefined {
  if (received === undefined || received === null) throw usageError(matcher, `received ${String(received)}; pass the callback body (parsed, or its raw bytes)`, 'received');
  if (typeof (received as { then?: unknown }).then === 'function') throw usageError(matcher, 'received a Promise: did you forget await?', 'received');
  let value: unknown = received;
  if (typeof value === 'object' && value !== null && 'rawBody' in value) value = (value as { rawBody: unknown }).rawBody;
  if (typeof value === 'string' || value instanceof Uint8Array) {
    try {
      value = JSON.parse(Buffer.from(value).toString('utf8'));
    } catch {
      return undefined;
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.eventType !== 'string') return undefined;
  const text = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
  return { eventType: v.eventType, status: text(v.status), failureCode: text(v.failureCode), eventId: text(v.eventId) };
}

export function decideEvent(received: ReceivedEvent | undefined, expected: ExpectedEvent): EventVerdict {
  if (received === undefined) return { pass: false, expected, received, mismatches: [] };
  const mismatches: EventMismatch[] = [];
  if (received.eventType !== expected.eventType) mismatches.push({ field: 'eventType', expected: expected.eventType, received: received.eventType });
  if (expected.status !== undefined && received.status !== expected.status) mismatches.push({ field: 'status', expected: expected.status, received: received.status });
  if (expected.failureCode !== undefined && received.failureCode !== expected.failureCode) {
    mismatches.push({ field: 'failureCode', expected: expected.failureCode, received: received.failureCode });
  }
  return { pass: mismatches.length === 0, expected, received, mismatches };
}

export interface ProvisioningVerdict {
  pass: boolean;
  expected: SmsErrorCode;
  /** `scheduledProvisioning` of the number's smsConfiguration, as received (undefined: none). */
  status: string | undefined;
  errorCodes: readonly string[];
  isActiveNumber: boolean;
}

export function expectedSmsErrorCode(code: unknown): SmsErrorCode {
  if (typeof code !== 'string' || !(SMS_ERROR_CODES as readonly string[]).includes(code)) {
    throw usageError('toHaveProvisioningError', `${JSON.stringify(code)} is not a documented SmsErrorCode; known: ${SMS_ERROR_CODES.join(', ')}`);
  }
  return code as SmsErrorCode;
}

/** An ActiveNumber (or an axios/HTTP response holding one in `data` or `body`) failed SMS provisioning with `code`. */
export function decideProvisioning(received: unknown, code: SmsErrorCode): ProvisioningVerdict {
  if (received === undefined || received === null) throw usageError('toHaveProvisioningError', `received ${String(received)}; pass the ActiveNumber (or the response holding it)`, 'received');
  if (typeof (received as { then?: unknown }).then === 'function') {
    quieten(received);
    throw usageError('toHaveProvisioningError', 'received a Promise: did you forget await?', 'received');
  }
  const record = (x: unknown): Record<string, unknown> | undefined => (isRecord(x) ? x : undefined);
  const outer = record(received);
  const number = outer !== undefined && !('smsConfiguration' in outer) ? (record(outer.data) ?? record(outer.body) ?? outer) : outer;
  const isActiveNumber = number !== undefined && ('smsConfiguration' in number || 'phoneNumber' in number);
  const scheduled = record(record(number?.smsConfiguration)?.scheduledProvisioning);
  const status = typeof scheduled?.status === 'string' ? scheduled.status : undefined;
  const errorCodes = Array.isArray(scheduled?.errorCodes) ? (scheduled.errorCodes as unknown[]).map(String) : [];
  return { pass: isActiveNumber && status === 'FAILED' && errorCodes.includes(code), expected: code, status, errorCodes, isActiveNumber };
}
