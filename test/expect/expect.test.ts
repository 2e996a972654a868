import { expect as chaiExpect } from 'chai';
import { expect } from 'expect';
import { numbersMatchers, toBeNumbersError } from '../../src/expect/index.js';
import { isKitError } from '../../src/errors.js';
import { NUMBERS_ERROR_CODES } from '../../src/catalog/generated.js';
import type { NumbersErrorCode, NumbersOperationId } from '../../src/catalog/types.js';
import { otherCode } from '../fixtures/harness/receivers.js';
import { catalogReceivers, sdkRequestFailed, usageMessage as usage } from '../match/helpers.js';
import { google400, html502, HTML, legacy403, NOT_CODE, NOT_STATUS, USAGE_CODE, WRONG_CODE, WRONG_MESSAGE, WRONG_OPERATION } from '../match/messages.js';

expect.extend(numbersMatchers);

async function failure(fn: () => unknown): Promise<Error> {
  try {
    await fn();
  } catch (error) {
    chaiExpect(isKitError(error), String(error)).to.equal(false);
    return error as Error;
  }
  throw new Error('expected the assertion to fail');
}

describe("expect matchers with Jest's expect: expect(res).toBeNumbersError(...)", () => {
  it('passes for the documented code, status and shape, and their .not forms', () => {
    expect(legacy403()).toBeNumbersError('unknown_campaign');
    expect(legacy403()).toBeNumbersError(403, { operation: 'NumberService_RentNumber' });
    expect(google400()).toBeNumbersError({ code: 'INVALID_ARGUMENT', status: 400, envelope: 'google', message: 'not a valid value' });
    expect(legacy403()).not.toBeNumbersError('blocked_account');
    expect(html502()).not.toBeNumbersError('unknown_campaign');
  });

  const CASES: [string, () => unknown, string][] = [
    ['positive, wrong code', () => expect(google400()).toBeNumbersError('unknown_campaign'), WRONG_CODE],
    ['.not, same code', () => expect(legacy403()).not.toBeNumbersError('unknown_campaign'), NOT_CODE],
    ['.not, same status', () => expect(legacy403()).not.toBeNumbersError(403), NOT_STATUS],
    ['positive, HTML 502', () => expect(html502()).toBeNumbersError('unknown_campaign'), HTML],
    ['positive, not documented for the operation', () => expect(legacy403()).toBeNumbersError('unknown_campaign', { operation: 'NumberService_ListActiveNumbers' }), WRONG_OPERATION],
    ['positive, message', () => expect(google400()).toBeNumbersError({ code: 'INVALID_ARGUMENT', message: /credit/ }), WRONG_MESSAGE],
  ];
  for (const [name, fn, message] of CASES) {
    it(`exact message: ${name}`, async () => {
      chaiExpect((await failure(fn)).message).to.equal(message);
    });
  }

  it('.rejects: asserts what the SDK call rejected with, positive and .not', async () => {
    const rejected = () => Promise.reject(sdkRequestFailed(403, JSON.stringify(legacy403().body)));
    await expect(rejected()).rejects.toBeNumbersError('unknown_campaign');
    await expect(rejected()).rejects.not.toBeNumbersError('blocked_account');
    const error = await failure(() => expect(rejected()).rejects.not.toBeNumbersError('unknown_campaign'));
    chaiExpect(error.message.split('\n')[0]).to.equal('expected not to be a Numbers error unknown_campaign, but it is (403, legacy envelope)');
  });

  it('a fetch Response: the matcher is async, unless the status alone decides', async () => {
    const res = () => new Response(JSON.stringify(google400().body), { status: 400 });
    await expect(res()).toBeNumbersError('INVALID_ARGUMENT');
    await expect(res()).not.toBeNumbersError('unknown_campaign');
    // 400 is no status of unknown_campaign: decided before the body is read, so it fails even un-awaited.
    chaiExpect((await failure(() => expect(res()).toBeNumbersError('unknown_campaign'))).message.split('\n')[0]).to.equal(
      'expected a Numbers error unknown_campaign (403, legacy envelope), but received a fetch Response with status 400 and a body not read (the status alone decides)',
    );
    chaiExpect((await failure(() => expect(res()).toBeNumbersError('FAILED_PRECONDITION'))).message.split('\n')[0]).to.equal(
      'expected a Numbers error FAILED_PRECONDITION (400, google envelope), but received INVALID_ARGUMENT (400, google envelope)',
    );
    // .resolves hands the Response over; the matcher still reads it asynchronously.
    await expect(Promise.resolve(res())).resolves.toBeNumbersError('INVALID_ARGUMENT');
  });

  it('throws usage errors, also under .not', async () => {
    // @ts-expect-error a misspelt code does not compile
    chaiExpect(await usage(() => expect(legacy403()).not.toBeNumbersError('unknwon_campaign'))).to.equal(`toBeNumbersError: ${USAGE_CODE}`);
    chaiExpect(await usage(() => expect(Promise.resolve(legacy403())).not.toBeNumbersError('unknown_campaign'))).to.equal(
      'toBeNumbersError: received a Promise: did you forget await? Await the request first, or use expect(promise).rejects.toBeNumbersError(...).',
    );
    chaiExpect(await usage(() => expect(undefined).toBeNumbersError('unknown_campaign'))).to.equal('toBeNumbersError: received undefined; pass the response, the error the client threw, or the error body');
  });

  it('is callable directly and returns { pass, message }', () => {
    const result = toBeNumbersError.call({ isNot: false }, legacy403(), 'unknown_campaign');
    chaiExpect(result).to.not.be.instanceOf(Promise);
    const { pass, message } = result as { pass: boolean; message: () => string };
    chaiExpect(pass).to.equal(true);
    chaiExpect(message()).to.equal(NOT_CODE);
  });

  it('numbers-contract-kit/jest registers on Jest’s global expect, and refuses to load without one', async () => {
    const g = globalThis as { expect?: unknown; afterEach?: unknown };
    const entry: string = new URL('../../src/jest.ts', import.meta.url).href; // a fresh copy per query string
    const saved = g.expect;
    const savedAfterEach = g.afterEach;
    const hooks: unknown[] = [];
    g.afterEach = (hook: unknown) => hooks.push(hook); // Jest's, not mocha's: the never-awaited guard's hook
    try {
      delete g.expect;
      const error = await import(`${entry}?without-global`).then(
        () => undefined,
        (e: unknown) => e,
      );
      chaiExpect(String(error)).to.include("numbers-contract-kit/jest: Jest's global expect was not found");
      const registered: object[] = [];
      g.expect = { extend: (m: object) => registered.push(m) };
      await import(`${entry}?with-global`);
      chaiExpect(registered.map((m) => Object.keys(m))).to.deep.equal([Object.keys(numbersMatchers)]);
      chaiExpect(hooks).to.have.length(1);
    } finally {
      g.afterEach = savedAfterEach;
      g.expect = saved;
      if (saved === undefined) delete g.expect;
    }
  });
});

describe("expect matchers with Jest's expect: every catalog example body × every receiver", () => {
  it('passes toBeNumbersError and fails its .not form', async () => {
    for (const { case: c, receivers } of await catalogReceivers()) {
      const code = c.code as NumbersErrorCode;
      for (const { value } of receivers) {
        await expect(value).toBeNumbersError(code);
        await expect(value).toBeNumbersError({ code, envelope: c.envelope }, { operation: c.operationId as NumbersOperationId });
        await expect(value).not.toBeNumbersError(otherCode(NUMBERS_ERROR_CODES, code) as NumbersErrorCode);
        await failure(() => expect(value).not.toBeNumbersError(code));
      }
      await expect(Promise.reject(sdkRequestFailed(c.status, JSON.stringify(c.body)))).rejects.toBeNumbersError({ code, status: c.status });
    }
  });
});
