/**
 * What every adapter does: validate the arguments, parse what was received (asynchronously for
 * a fetch Response), turn misuse into a usage error, decide. Adapters only add their runner's
 * calling convention on top.
 */
import { decide, type Verdict } from './decide.js';
import { normaliseExpected, usageError } from './expected.js';
import { parseNumbersError } from './parse.js';
import { safeCall } from './safe.js';
import type { ParsedNumbersError } from './types.js';

export interface AdapterInfo {
  /** The matcher as the user called it, e.g. `toBeNumbersError` or `numbersError`. */
  matcher: string;
  /** What to suggest when a Promise was received. */
  promiseHint: string;
}

export function checkNumbersError(adapter: AdapterInfo, received: unknown, expected: unknown, options: unknown): Verdict | Promise<Verdict> {
  const expectation = normaliseExpected(adapter.matcher, expected, options);
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

/**
 * A Promise the matcher refuses is left to nobody: if it rejects later, the runner reports an
 * unhandled rejection with the client's whole error (Jest printed a 1,350-line AxiosError with its
 * Authorization header). A no-op handler marks it handled; the refusal is the failure the user sees.
 * Only real Promises: calling `then` on another thenable (a request builder) could start its work.
 */
function quieten(received: unknown): void {
  safeCall(() => Promise.prototype.then.call(received, undefined, () => undefined), undefined);
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
