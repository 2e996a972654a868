/**
 * The pure decision: a parsed error against a validated expectation → pass, or the list of
 * mismatches. No wording here: `format.ts` words verdicts for every adapter.
 */
import { CODE_INFO, DOCUMENTED_ERRORS } from '../catalog/generated.js';
import type { Envelope, NumbersErrorCode } from '../catalog/types.js';
import type { Expectation } from './expected.js';
import type { NumbersErrorParsed, ParsedNumbersError } from './types.js';
import { ownValue } from '../openapi/own.js';

export type Mismatch =
  | { kind: 'not-a-numbers-error' }
  | { kind: 'code'; expected: NumbersErrorCode; received: string }
  | { kind: 'status'; expected: readonly number[]; received: number }
  /** A status was expected, but the receiver carries none (a plain legacy body). */
  | { kind: 'status-unknown'; expected: readonly number[] }
  | { kind: 'envelope'; expected: readonly Envelope[]; received: Envelope }
  | { kind: 'message'; expected: string | RegExp; received: string }
  /** Google `error.code` in the body differs from the HTTP status. */
  | { kind: 'body-status'; httpStatus: number; bodyStatus: number }
  /** The received code is not one the spec documents, or not with this status/envelope. */
  | { kind: 'undocumented'; code: string; status: number | undefined; envelope: Envelope }
  | { kind: 'operation'; operation: string };

export interface Verdict {
  pass: boolean;
  parsed: ParsedNumbersError;
  expectation: Expectation;
  mismatches: readonly Mismatch[];
}

/** The statuses an expectation allows: its own, else those its code is documented with. */
export function expectedStatuses(e: Expectation): readonly number[] | undefined {
  if (e.status !== undefined) return [e.status];
  return e.code === undefined ? undefined : CODE_INFO[e.code].statuses;
}

export function expectedEnvelopes(e: Expectation): readonly Envelope[] | undefined {
  if (e.envelope !== undefined) return [e.envelope];
  return e.code === undefined ? undefined : CODE_INFO[e.code].envelopes;
}

export function decide(parsed: ParsedNumbersError, expectation: Expectation): Verdict {
  const mismatches = parsed.isNumbersError ? compare(parsed, expectation) : [{ kind: 'not-a-numbers-error' } as const];
  return { pass: mismatches.length === 0, parsed, expectation, mismatches };
}

function compare(p: NumbersErrorParsed, e: Expectation): Mismatch[] {
  const out: Mismatch[] = [];
  if (e.code !== undefined && p.code !== e.code) out.push({ kind: 'code', expected: e.code, received: p.code });
  const statuses = expectedStatuses(e);
  if (statuses !== undefined) {
    if (p.status === undefined) {
      if (e.status !== undefined) out.push({ kind: 'status-unknown', expected: statuses });
    } else if (!statuses.includes(p.status)) {
      out.push({ kind: 'status', expected: statuses, received: p.status });
    }
  }
  const envelopes = expectedEnvelopes(e);
  if (envelopes !== undefined && !envelopes.includes(p.envelope)) out.push({ kind: 'envelope', expected: envelopes, received: p.envelope });
  if (e.message !== undefined && !messageMatches(p.message, e.message)) out.push({ kind: 'message', expected: e.message, received: p.message });
  if (p.httpStatus !== undefined && p.bodyStatus !== undefined && p.httpStatus !== p.bodyStatus) {
    out.push({ kind: 'body-status', httpStatus: p.httpStatus, bodyStatus: p.bodyStatus });
  }
  // With a code expected, the code/status/envelope checks above already hold the received value
  // to the spec. Without one, the received error must still be one the spec documents.
  if (e.code === undefined && !isDocumented(p)) out.push({ kind: 'undocumented', code: p.code, status: p.status, envelope: p.envelope });
  if (e.operation !== undefined) {
    const rows = DOCUMENTED_ERRORS[e.operation];
    const documented = rows.some((r) => r.code === p.code && r.envelope === p.envelope && (p.status === undefined || r.status === p.status));
    if (!documented) out.push({ kind: 'operation', operation: e.operation });
  }
  return out;
}

function isDocumented(p: Pick<NumbersErrorParsed, 'code' | 'status' | 'envelope'>): boolean {
  // The received code is foreign text: an own-property lookup (a body saying `toString` is no code).
  const info = ownValue(CODE_INFO, p.code);
  if (info === undefined) return false;
  return info.envelopes.includes(p.envelope) && (p.status === undefined || info.statuses.includes(p.status));
}

/** A string must be contained in the message; a RegExp must match it (its lastIndex is ignored). */
function messageMatches(message: string, expected: string | RegExp): boolean {
  return typeof expected === 'string' ? message.includes(expected) : message.search(expected) !== -1;
}
