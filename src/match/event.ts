/**
 * The pure decision of `toBeNumbersEvent`: a received callback event against an expected variant.
 * Expectations are checked against the documented variants and codes (misuse is a usage error);
 * `event-format.ts` words the verdicts. (`toHaveProvisioningError` decides in `provisioning.ts`.)
 */
import { DOCUMENTED_EVENTS, NUMBERS_EVENT_FAILURE_CODES, NUMBERS_EVENT_TYPES } from '../catalog/generated-events.js';
import type { NumbersEventFailureCode, NumbersEventStatus, NumbersEventType } from '../catalog/generated-events.js';
import { usageError } from './expected.js';

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
