/**
 * What every adapter does: validate the arguments, parse what was received (asynchronously for
 * a fetch Response), turn misuse into a usage error, decide. Adapters only add their runner's
 * calling convention on top.
 */
import { decide, expectedStatuses, type Verdict } from './decide.js';
import { normaliseExpected, usageError, type Expectation } from './expected.js';
import { classify, parseNumbersError } from './parse.js';
import { fetchResponseHead } from './receivers.js';
import { quieten } from './safe.js';
import type { ParsedNumbersError } from './types.js';

export interface AdapterInfo {
  /** The matcher as the user called it, e.g. `toBeNumbersError` or `numbersError`. */
  matcher: string;
  /** What to suggest when a Promise was received. */
  promiseHint: string;
}

export function checkNumbersError(adapter: AdapterInfo, received: unknown, expected: unknown, options: unknown): Verdict | Promise<Verdict> {
  const expectation = normaliseExpected(adapter.matcher, expected, options);
  const early = decideFromStatus(received, expectation);
  if (early !== undefined) return early;
  const parsed = parseNumbersError(received);
  if (parsed instanceof Promise) {
    return parsed.then((p) => {
      rejectMisuse(adapter, p, received);
      return decide(p, expectation);
    });
  }
  rejectMisuse(adapter, parsed, received);
  return decide(parsed, expectation);
}

function rejectMisuse(adapter: AdapterInfo, parsed: ParsedNumbersError, received: unknown): void {
  if (parsed.isNumbersError) return;
  const pass = 'pass the response, the error the client threw, or the error body';
  switch (parsed.reason) {
    case 'undefined':
      throw usageError(adapter.matcher, `received undefined; ${pass}`, 'received');
    case 'null':
      throw usageError(adapter.matcher, `received null; ${pass}`, 'received');
    case 'promise':
      quieten(received);
      throw usageError(adapter.matcher, `received a Promise: did you forget await? ${adapter.promiseHint}`, 'received');
    case 'unsupported-type':
      throw usageError(adapter.matcher, `received ${parsed.explanation}; ${pass}`, 'received');
    default:
      return;
  }
}

/**
 * A fetch Response's status is known before its body is read: a success status, or one the
 * expectation cannot have, decides the assertion at once, so it fails in the line that made it
 * even when nobody awaits it. Undefined when the body must be read.
 */
function decideFromStatus(received: unknown, expectation: Expectation): Verdict | undefined {
  const head = fetchResponseHead(received);
  if (head?.status === undefined) return undefined;
  const unread = { kind: 'absent', reason: 'body-not-read', explanation: 'a body not read (the status alone decides)' } as const;
  const parsed = classify({ ...head, body: unread });
  if (parsed.isNumbersError || parsed.reason === 'success-status') return decide(parsed, expectation);
  const statuses = expectedStatuses(expectation);
  if (statuses === undefined || statuses.includes(head.status)) return undefined;
  return { pass: false, parsed, expectation, mismatches: [{ kind: 'status', expected: statuses, received: head.status }] };
}
