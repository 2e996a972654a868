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

/**
 * The matcher. Callable directly too: `toBeNumbersError.call({ isNot: false }, res, 'unknown_campaign')`.
 * Misuse (unknown code, a Promise or undefined received) throws a usage error, also under `.not`.
 */
export function toBeNumbersError(this: NumbersMatcherContext | undefined, received: unknown, expected?: unknown, options?: unknown): NumbersMatcherResult | Promise<NumbersMatcherResult> {
  const verdict = checkNumbersError(ADAPTER, received, expected, options);
  return verdict instanceof Promise ? verdict.then(toResult) : toResult(verdict);
}

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
