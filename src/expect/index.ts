/**
 * `numbersMatchers` for `expect.extend(...)`: Jest's `expect` package, `@jest/globals` and Vitest.
 * Runner-agnostic: `this` needs only `isNot`/`promise`, and the message is the shared formatter's.
 * Synchronous, except for a fetch Response, whose body is read first (then `await` the assertion).
 * Also built as CommonJS (the `require` condition), for Jest's default module runtime, so it
 * re-exports `parseNumbersError`: the package root cannot be required there.
 */
import type { Verdict } from '../match/decide.js';
import { decideEvent, expectedEvent, readEvent } from '../match/event.js';
import { formatEventVerdict, formatProvisioningVerdict } from '../match/event-format.js';
import { decideProvisioning, expectedProvisioning } from '../match/provisioning.js';
import { formatVerdict } from '../match/format.js';
import { checkNumbersError } from '../match/run.js';
import type { NumbersErrorMatchers } from '../match/types.js';

export type { NumbersErrorMatchers };
export { parseNumbersError } from '../match/parse.js';
export type { ParsedNumbersError } from '../match/types.js';

/** The part of Jest's / Vitest's matcher context this matcher reads. */
export interface NumbersMatcherContext {
  readonly isNot?: boolean;
  readonly promise?: string;
}

export interface NumbersMatcherResult {
  pass: boolean;
  message: () => string;
}

const ADAPTER = {
  matcher: 'toBeNumbersError',
  promiseHint: 'Await the request first, or use expect(promise).rejects.toBeNumbersError(...).',
};

function toResult(verdict: Verdict): NumbersMatcherResult {
  return { pass: verdict.pass, message: () => formatVerdict(verdict) };
}

/** An assertion on a fetch Response still reading its body, as handed to a never-awaited guard (./unawaited.ts). */
export interface PendingAssertion {
  readonly matcher: string;
  /** `.not`: the assertion fails when the verdict passes. */
  readonly negated: boolean;
  /** Where the assertion was made. */
  readonly origin: Error;
  /** The verdict, or the usage error, once the body is read. */
  readonly outcome: Promise<{ ok: true; verdict: Verdict } | { ok: false; error: unknown }>;
  settled(): boolean;
  /** The guard reports the outcome itself: the runner's promise then passes, so nothing rejects unhandled besides. */
  detach(): void;
}

type ToBeNumbersError = (this: NumbersMatcherContext | undefined, received: unknown, expected?: unknown, options?: unknown) => NumbersMatcherResult | Promise<NumbersMatcherResult>;

/** The matcher; with `track`, each assertion that must read a body is handed to it (the setup entries' guard). */
function makeToBeNumbersError(track?: (pending: PendingAssertion) => void): ToBeNumbersError {
  return function toBeNumbersError(this: NumbersMatcherContext | undefined, received: unknown, expected?: unknown, options?: unknown) {
    const verdict = checkNumbersError(ADAPTER, received, expected, options);
    if (!(verdict instanceof Promise)) return toResult(verdict);
    if (track === undefined) return verdict.then(toResult);
    const isNot = this?.isNot === true;
    let settled = false;
    let detached = false;
    // Settled a macrotask after the body is read: an assertion nobody awaited is then still open when its test ends.
    const outcome = verdict.then(
      (v) => ({ ok: true as const, verdict: v }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const later = outcome.then((o) => new Promise<typeof o>((resolve) => setImmediate(() => ((settled = true), resolve(o)))));
    track({ matcher: ADAPTER.matcher, negated: isNot, origin: new Error('asserted here'), outcome: later, settled: () => settled, detach: () => (detached = true) });
    return later.then((o) => {
      if (detached) return { pass: !isNot, message: () => '' };
      if (!o.ok) throw o.error;
      return toResult(o.verdict);
    });
  };
}

/**
 * The matcher. Callable directly too: `toBeNumbersError.call({ isNot: false }, res, 'unknown_campaign')`.
 * Misuse (unknown code, a Promise or undefined received) throws a usage error, also under `.not`.
 */
export const toBeNumbersError: ToBeNumbersError = makeToBeNumbersError();

/** `expect(event).toBeNumbersEvent('PROVISIONING_TO_CAMPAIGN', { status: 'FAILED', failureCode: 'CAMPAIGN_NOT_AVAILABLE' })`. */
export function toBeNumbersEvent(this: NumbersMatcherContext | undefined, received: unknown, eventType?: unknown, options?: unknown): NumbersMatcherResult {
  const verdict = decideEvent(readEvent(received, 'toBeNumbersEvent'), expectedEvent(eventType, options));
  return { pass: verdict.pass, message: () => formatEventVerdict(verdict, this?.isNot === true) };
}

/** `expect(activeNumber).toHaveProvisioningError('SMS_PROVISIONING_FAILED')`, or `({ platform: 'voice', voiceType: 'EST' })`. */
export function toHaveProvisioningError(this: NumbersMatcherContext | undefined, received: unknown, expected?: unknown): NumbersMatcherResult {
  const verdict = decideProvisioning(received, expectedProvisioning(expected));
  return { pass: verdict.pass, message: () => formatProvisioningVerdict(verdict, this?.isNot === true) };
}

/** Pass to `expect.extend(numbersMatchers)`. */
export const numbersMatchers = { toBeNumbersError, toBeNumbersEvent, toHaveProvisioningError };

/** The matchers with a never-awaited guard's `track` (see ./unawaited.ts). */
export function trackedNumbersMatchers(track: (pending: PendingAssertion) => void): typeof numbersMatchers {
  return { toBeNumbersError: makeToBeNumbersError(track), toBeNumbersEvent, toHaveProvisioningError };
}
