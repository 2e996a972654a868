/**
 * The chai plugin: `chai.use(numbersChai)`, then
 *   expect(res).toBeNumbersError('unknown_campaign')
 *   expect(res).to.be.a.numbersError('unknown_campaign')
 * both with `.not`. It only adds the two methods; it never writes to `chai`.
 * A fetch Response is read asynchronously: its status decides at once when it can (a success, or a
 * status the expectation cannot have); otherwise the method returns a Promise to `await`, and one
 * nobody awaits fails loudly (an unhandled rejection the runner reports) instead of passing unseen.
 */
import type { NumbersEventType } from '../catalog/generated-events.js';
import type { Verdict } from '../match/decide.js';
import { decideEvent, expectedEvent, readEvent, type NumbersEventExpectation } from '../match/event.js';
import { formatEventVerdict, formatProvisioningVerdict } from '../match/event-format.js';
import { decideProvisioning, expectedProvisioning, type ProvisioningErrorExpectation } from '../match/provisioning.js';
import { formatVerdict, summarize } from '../match/format.js';
import { neverAwaitedMessage } from '../match/never-awaited.js';
import { checkNumbersError } from '../match/run.js';
import type { NumbersErrorExpectation, NumbersMatcherOptions } from '../match/types.js';
import { observable, type Settlement } from '../util/observed-promise.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- chai's types are a global namespace; augmenting it needs one
  namespace Chai {
    interface Assertion {
      /**
       * Asserts a Sinch Numbers API error: a body of either envelope, an HTTP/axios/fetch response,
       * or a Sinch SDK RequestFailedError. `await` it when the value is a fetch Response.
       * @example expect(res).toBeNumbersError('unknown_campaign')
       */
      toBeNumbersError(expected: NumbersErrorExpectation, options?: NumbersMatcherOptions): Assertion;
      /**
       * The chai-style spelling of `toBeNumbersError`.
       * @example expect(res).to.be.a.numbersError('unknown_campaign')
       */
      numbersError(expected: NumbersErrorExpectation, options?: NumbersMatcherOptions): Assertion;
      /** @example expect(event).toBeNumbersEvent('PROVISIONING_TO_CAMPAIGN', { status: 'FAILED', failureCode: 'CAMPAIGN_NOT_AVAILABLE' }) */
      toBeNumbersEvent(eventType: NumbersEventType, expected?: NumbersEventExpectation): Assertion;
      /**
       * An ActiveNumber whose scheduled provisioning FAILED: SMS with this code, or `{ platform: 'voice', voiceType? }`.
       * @example expect(activeNumber).toHaveProvisioningError('SMS_PROVISIONING_FAILED')
       * @example expect(activeNumber).toHaveProvisioningError({ platform: 'voice', voiceType: 'EST' })
       */
      toHaveProvisioningError(expected: ProvisioningErrorExpectation): Assertion;
    }
  }
}

/** The parts of `chai` the plugin uses (structural, so any chai ≥ 5 copy fits). */
export interface ChaiLike {
  Assertion: { prototype: object };
  AssertionError: new (message: string, props?: Record<string, unknown>, ssf?: (...args: never[]) => unknown) => Error;
  config?: { includeStack?: boolean };
}

export interface ChaiUtilsLike {
  addMethod(ctx: object, name: string, method: (...args: never[]) => unknown): void;
  flag(assertion: object, key: string, value?: unknown): unknown;
}

const METHODS = ['toBeNumbersError', 'numbersError'] as const;

export function numbersChai(chai: ChaiLike, utils: ChaiUtilsLike): void {
  for (const matcher of METHODS) {
    const adapter = { matcher, promiseHint: 'Await the request (or catch what it throws) before asserting.' };
    utils.addMethod(chai.Assertion.prototype, matcher, function numbersErrorAssertion(this: object, expected: unknown, options?: unknown) {
      const received = utils.flag(this, 'object');
      const verdict = checkNumbersError(adapter, received, expected, options);
      if (verdict instanceof Promise) {
        // Where the assertion was made, for the report if nobody awaits it (the test has ended by then).
        const origin = new Error('asserted here');
        return observable(
          verdict.then((v) => settle(chai, utils, this, v)),
          (s) => reportNeverAwaited(chai, matcher, s, origin),
        );
      }
      settle(chai, utils, this, verdict);
      return undefined;
    });
  }
  addEventMethods(chai, utils);
}

/** The callback matchers: synchronous, the same decide and formatter as the expect adapter. */
function addEventMethods(chai: ChaiLike, utils: ChaiUtilsLike): void {
  const fail = (assertion: object, pass: boolean, word: (negated: boolean) => string): void => {
    const negated = utils.flag(assertion, 'negate') === true;
    if (pass !== negated) return;
    const custom = utils.flag(assertion, 'message');
    const text = word(negated);
    throw new chai.AssertionError(typeof custom === 'string' && custom !== '' ? `${custom}: ${text}` : text, { showDiff: false });
  };
  utils.addMethod(chai.Assertion.prototype, 'toBeNumbersEvent', function (this: object, eventType: unknown, options?: unknown) {
    const verdict = decideEvent(readEvent(utils.flag(this, 'object'), 'toBeNumbersEvent'), expectedEvent(eventType, options));
    fail(this, verdict.pass, (negated) => formatEventVerdict(verdict, negated));
  });
  utils.addMethod(chai.Assertion.prototype, 'toHaveProvisioningError', function (this: object, expected: unknown) {
    const verdict = decideProvisioning(utils.flag(this, 'object'), expectedProvisioning(expected));
    fail(this, verdict.pass, (negated) => formatProvisioningVerdict(verdict, negated));
  });
}

/** Throws chai's AssertionError when the (possibly negated) assertion fails. */
function settle(chai: ChaiLike, utils: ChaiUtilsLike, assertion: object, verdict: Verdict): void {
  const negated = utils.flag(assertion, 'negate') === true;
  if (verdict.pass !== negated) return;
  const custom = utils.flag(assertion, 'message');
  const text = formatVerdict(verdict);
  const message = typeof custom === 'string' && custom !== '' ? `${custom}: ${text}` : text;
  const ssfi = chai.config?.includeStack === true ? undefined : (utils.flag(assertion, 'ssfi') as ((...args: never[]) => unknown) | undefined);
  // `actual` is a redacted summary: reporters serialise it, and the received value may hold credentials.
  throw new chai.AssertionError(message, { ...summarize(verdict), showDiff: false }, ssfi);
}

/**
 * An assertion on a fetch Response nobody awaited would pass unseen, or fail where no test looks:
 * thrown as an uncaught exception instead, which mocha fails the running test with (mocha drops
 * unhandled rejections) and every runner reports.
 */
function reportNeverAwaited(chai: ChaiLike, matcher: string, settlement: Settlement<void>, origin: Error): never {
  const failure = settlement.ok ? undefined : settlement.error instanceof Error ? settlement.error.message : String(settlement.error);
  const error = new chai.AssertionError(neverAwaitedMessage(matcher, origin, failure));
  error.stack = `${error.name}: ${error.message}\n${(origin.stack ?? '').split('\n').slice(1).join('\n')}`;
  throw error;
}

/** @alias numbersChai: both `import numbersChai from '…/chai'` (README) and `import { numbersChai }` (examples) are public. */
export default numbersChai;
