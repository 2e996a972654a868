/**
 * #14 item 3: a Promise the kit refuses ("received a Promise: did you forget await?") is never left
 * to reject unhandled: Jest then printed the client's whole AxiosError, Authorization header
 * included, against the test. For every adapter (chai, Jest's expect, the matchers Vitest
 * registers), an un-awaited rejecting promise handed to the matcher causes no unhandledRejection.
 */
import * as chai from 'chai';
import { expect as jestExpect } from 'expect';
import numbersChai from '../../src/chai/index.js';
import { numbersMatchers, toBeNumbersError, toHaveProvisioningError } from '../../src/expect/index.js';

chai.use(numbersChai);
const { expect } = chai;
jestExpect.extend({ toBeNumbersError, toHaveProvisioningError });

/** What the axios call the user forgot to await does: reject a little later, with a credential in the error. */
const laterRejecting = (): Promise<never> => new Promise((_, reject) => setTimeout(() => reject(new Error('Request failed: Authorization: Bearer live-token')), 5));

/** Runs `fn` with this process's unhandledRejection listeners (mocha's) replaced by a recorder; returns what was recorded. */
async function unhandledDuring(fn: () => void): Promise<unknown[]> {
  const saved = process.listeners('unhandledRejection');
  const seen: unknown[] = [];
  const record = (reason: unknown): void => {
    seen.push(reason);
  };
  process.removeAllListeners('unhandledRejection');
  process.on('unhandledRejection', record);
  try {
    fn();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.removeListener('unhandledRejection', record);
    for (const listener of saved) process.on('unhandledRejection', listener);
  }
  return seen;
}

const REFUSAL = /received a Promise: did you forget await\?/;

describe('match: a refused Promise never rejects unhandled', () => {
  it('the check can see an unhandled rejection (a rejecting promise nobody handles is recorded)', async () => {
    const seen = await unhandledDuring(() => {
      void laterRejecting();
    });
    expect(seen).to.have.length(1);
  });

  const adapters: Array<[string, (p: Promise<never>) => void]> = [
    ['chai toBeNumbersError', (p) => expect(p).toBeNumbersError('unknown_campaign')],
    ['chai numbersError', (p) => expect(p).to.be.a.numbersError(404)],
    ['chai .not', (p) => expect(p).not.toBeNumbersError('unknown_campaign')],
    ['Jest expect', (p) => (jestExpect(p) as unknown as { toBeNumbersError(e: unknown): void }).toBeNumbersError('unknown_campaign')],
    ['Jest expect .not', (p) => (jestExpect(p) as unknown as { not: { toBeNumbersError(e: unknown): void } }).not.toBeNumbersError(404)],
    ['the matchers Vitest registers', (p) => numbersMatchers.toBeNumbersError.call({ isNot: false }, p, 'unknown_campaign')],
    ['chai toHaveProvisioningError', (p) => expect(p).toHaveProvisioningError('SMS_PROVISIONING_FAILED' as never)],
    ['Jest expect toHaveProvisioningError', (p) => (jestExpect(p) as unknown as { toHaveProvisioningError(e: unknown): void }).toHaveProvisioningError('SMS_PROVISIONING_FAILED')],
  ];
  for (const [name, assert] of adapters) {
    it(`${name}: refuses the promise, which then rejects handled`, async () => {
      let refusal: unknown;
      const seen = await unhandledDuring(() => {
        try {
          assert(laterRejecting());
        } catch (error) {
          refusal = error;
        }
      });
      expect(String((refusal as Error | undefined)?.message)).to.match(REFUSAL);
      expect(seen).to.deep.equal([]);
    });
  }

  it('a thenable that is not a Promise is not called (its then could start work)', () => {
    let called = 0;
    const thenable = { then: () => (called += 1) };
    expect(() => expect(thenable).toBeNumbersError('unknown_campaign')).to.throw(REFUSAL);
    expect(called).to.equal(0);
  });
});
