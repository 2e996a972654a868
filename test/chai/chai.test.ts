import * as chai from 'chai';
import { numbersChai } from '../../src/chai/index.js';
import { NUMBERS_ERROR_CODES } from '../../src/catalog/generated.js';
import type { NumbersErrorCode, NumbersOperationId } from '../../src/catalog/types.js';
import { otherCode } from '../fixtures/harness/receivers.js';
import { catalogReceivers, sdkRequestFailed, usageMessage as usage } from '../match/helpers.js';
import { google400, html502, HTML, legacy403, NOT_CODE, NOT_STATUS, USAGE_CODE, WRONG_CODE, WRONG_MESSAGE, WRONG_OPERATION } from '../match/messages.js';

chai.use(numbersChai);
const { expect, AssertionError } = chai;

/** Runs `fn` and returns the AssertionError it throws (sync or async). */
async function failure(fn: () => unknown): Promise<Error> {
  try {
    await fn();
  } catch (error) {
    expect(error).to.be.instanceOf(AssertionError);
    return error as Error;
  }
  throw new Error('expected the assertion to fail');
}

describe('chai plugin: expect(res).toBeNumbersError(...) and expect(res).to.be.a.numbersError(...)', () => {
  it('passes for the documented code, status and shape, in both spellings, and their .not forms', () => {
    expect(legacy403()).toBeNumbersError('unknown_campaign');
    expect(legacy403()).to.be.a.numbersError('unknown_campaign');
    expect(legacy403()).to.be.a.numbersError(403, { operation: 'NumberService_RentNumber' });
    expect(google400()).toBeNumbersError({ code: 'INVALID_ARGUMENT', status: 400, envelope: 'google', message: /not a valid value/ });
    expect(legacy403()).not.toBeNumbersError('blocked_account');
    expect(google400()).to.not.be.a.numbersError('unknown_campaign');
    expect(html502()).not.toBeNumbersError('unknown_campaign');
  });

  it('chains: the assertion returns an Assertion', () => {
    expect(legacy403()).toBeNumbersError('unknown_campaign').and.to.have.property('status', 403);
  });

  const CASES: [string, () => unknown, string][] = [
    ['positive, wrong code', () => expect(google400()).toBeNumbersError('unknown_campaign'), WRONG_CODE],
    ['positive, wrong code (numbersError)', () => expect(google400()).to.be.a.numbersError('unknown_campaign'), WRONG_CODE],
    ['.not, same code', () => expect(legacy403()).not.toBeNumbersError('unknown_campaign'), NOT_CODE],
    ['.not, same code (numbersError)', () => expect(legacy403()).to.not.be.a.numbersError('unknown_campaign'), NOT_CODE],
    ['.not, same status', () => expect(legacy403()).not.to.be.a.numbersError(403), NOT_STATUS],
    ['positive, HTML 502', () => expect(html502()).toBeNumbersError('unknown_campaign'), HTML],
    ['positive, not documented for the operation', () => expect(legacy403()).toBeNumbersError('unknown_campaign', { operation: 'NumberService_ListActiveNumbers' }), WRONG_OPERATION],
    ['positive, message', () => expect(google400()).to.be.a.numbersError({ code: 'INVALID_ARGUMENT', message: /credit/ }), WRONG_MESSAGE],
  ];
  for (const [name, fn, message] of CASES) {
    it(`exact message: ${name}`, async () => {
      const error = await failure(fn);
      expect(error.message).to.equal(message);
    });
  }

  it('prefixes chai’s custom message', async () => {
    const error = await failure(() => expect(google400(), 'rent response').toBeNumbersError('unknown_campaign'));
    expect(error.message).to.equal(`rent response: ${WRONG_CODE}`);
  });

  it('puts redacted summaries, never the received value, in actual/expected', async () => {
    const received = Object.assign(sdkRequestFailed(400, JSON.stringify(google400().body)), { config: { headers: { Authorization: 'Bearer canary' } } });
    const error = (await failure(() => expect(received).toBeNumbersError('unknown_campaign'))) as Error & { actual: unknown; expected: unknown; showDiff: boolean };
    expect(error.actual).to.equal('INVALID_ARGUMENT (400, google envelope)');
    expect(error.expected).to.equal('a Numbers error unknown_campaign (403, legacy envelope)');
    expect(error.showDiff).to.equal(false);
    expect(JSON.stringify(error)).to.not.include('canary');
  });

  it('throws usage errors, also under .not', async () => {
    // @ts-expect-error a misspelt code does not compile
    expect(await usage(() => expect(legacy403()).toBeNumbersError('unknwon_campaign'))).to.equal(`toBeNumbersError: ${USAGE_CODE}`);
    // @ts-expect-error a misspelt code does not compile
    expect(await usage(() => expect(legacy403()).not.to.be.a.numbersError('unknwon_campaign'))).to.equal(`numbersError: ${USAGE_CODE}`);
    expect(await usage(() => expect(Promise.resolve(legacy403())).not.toBeNumbersError('unknown_campaign'))).to.equal(
      'toBeNumbersError: received a Promise: did you forget await? Await the request (or catch what it throws) before asserting.',
    );
    expect(await usage(() => expect(undefined).not.toBeNumbersError('unknown_campaign'))).to.equal('toBeNumbersError: received undefined; pass the response, the error the client threw, or the error body');
  });

  it('reads a fetch Response asynchronously: the assertion is awaited', async () => {
    const res = () => new Response(JSON.stringify(legacy403().body), { status: 403 });
    await expect(res()).toBeNumbersError('unknown_campaign');
    await expect(res()).to.be.a.numbersError(403);
    await expect(res()).not.toBeNumbersError('blocked_account');
    const error = await failure(() => expect(res()).not.toBeNumbersError('unknown_campaign'));
    expect(error.message.split('\n')[0]).to.equal('expected not to be a Numbers error unknown_campaign, but it is (403, legacy envelope)');
  });

  it('asserts a real Sinch SDK RequestFailedError', () => {
    expect(sdkRequestFailed(403, JSON.stringify(legacy403().body), { 'retry-after': '1' })).to.be.a.numbersError({ code: 'unknown_campaign', status: 403 });
  });
});

describe('chai plugin: every catalog example body × every receiver', () => {
  it('passes toBeNumbersError / numbersError and fails their .not forms', async () => {
    for (const { case: c, receivers } of await catalogReceivers()) {
      const code = c.code as NumbersErrorCode;
      for (const { value } of receivers) {
        await expect(value).toBeNumbersError(code);
        await expect(value).to.be.a.numbersError({ code, envelope: c.envelope }, { operation: c.operationId as NumbersOperationId });
        await expect(value).not.toBeNumbersError(otherCode(NUMBERS_ERROR_CODES, code) as NumbersErrorCode);
        await failure(() => expect(value).not.to.be.a.numbersError(code));
      }
    }
  });
});
