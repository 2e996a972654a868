/**
 * What every adapter does: validate the arguments, parse what was received (asynchronously for
 * a fetch Response), turn misuse into a usage error, decide. Adapters only add their runner's
 * calling convention on top.
 */
import { decide, type Verdict } from './decide.js';
import { normaliseExpected, usageError } from './expected.js';
import { parseNumbersError } from './parse.js';
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
      rejectMisuse(adapter, p);
      return decide(p, expectation);
    });
  }
  rejectMisuse(adapter, parsed);
  return decide(parsed, expectation);
}

function rejectMisuse(adapter: AdapterInfo, parsed: ParsedNumbersError): void {
  if (parsed.isNumbersError) return;
  const pass = 'pass the response, the error the client threw, or the error body';
  switch (parsed.reason) {
    case 'undefined':
      throw usageError(adapter.matcher, `received undefined; ${pass}`, 'received');
    case 'null':
      throw usageError(adapter.matcher, `received null; ${pass}`, 'received');
    case 'promise':
      throw usageError(adapter.matcher, `received a Promise: did you forget await? ${adapter.promiseHint}`, 'received');
    case 'unsupported-type':
      throw usageError(adapter.matcher, `received ${parsed.explanation}; ${pass}`, 'received');
    default:
      return;
  }
}
