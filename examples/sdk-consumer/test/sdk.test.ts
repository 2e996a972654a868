/**
 * The SDK consumer's contract suite: the numbers desk (../src/numbers-desk.ts), built on the
 * official `@sinch/numbers` SDK, against every documented error of the three operations it calls
 * that an SDK client can meet, and every documented provisioning failure of a number it looks up.
 * The harness answers the SDK's token request itself and hands each case a ready SDK configuration
 * (`ctx.sinch`); the pact is written once, after the last case.
 */
import './sdk-core-shim.js'; // this repository only: see the file
import { NumbersService } from '@sinch/numbers';
import { expect } from 'chai';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadNumbersErrorMatrix, SINCH_SDK_TRIGGERS, type CaseContext } from '../../../src/index.js';
import { NumbersDesk, type Outcome } from '../src/numbers-desk.js';

const matrix = await loadNumbersErrorMatrix({
  consumer: 'example-sdk-consumer',
  dir: process.env.NUMBERS_EXAMPLE_PACT_DIR ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'pacts'),
  pactfileWriteMode: 'overwrite',
  // The SDK always sends a well-formed JSON request with the right method: the method,
  // content-type and malformed-JSON cases are not applicable to it.
  select: {
    operation: ['NumberService_GetActiveNumber', 'NumberService_ListAvailableNumbers', 'NumberService_RentNumber'],
    trigger: SINCH_SDK_TRIGGERS,
  },
});

/** The desk call this case's request stands for. */
function callFor(desk: NumbersDesk, { case: errorCase, params, request }: CaseContext): Promise<Outcome> {
  switch (errorCase.operationId) {
    case 'NumberService_GetActiveNumber':
      return desk.lookUp(params.phoneNumber!);
    case 'NumberService_ListAvailableNumbers':
      return desk.search(request.query.regionCode?.[0] ?? '', request.query.type?.[0] ?? '');
    case 'NumberService_RentNumber':
      return desk.rent(params.phoneNumber!, request.body as Record<string, unknown>);
    default:
      throw new Error(`the desk does not call ${errorCase.operationId}`);
  }
}

/** What the desk must decide for each documented status. */
const EXPECTED_KIND: Record<number, Outcome['kind']> = {
  400: 'rejected',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'missing',
  429: 'retry-later',
  500: 'retry-later',
  503: 'retry-later',
};

describe('SDK consumer: the numbers desk against every documented error an SDK client can meet', () => {
  after(() => matrix.writePact());

  for (const c of matrix.cases) {
    it(c.title, () =>
      matrix.run(c, async (ctx) => {
        const outcome = await callFor(new NumbersDesk(new NumbersService(ctx.sinch)), ctx);
        const expected = ctx.expected;
        if (expected.kind === 'provisioning') {
          // A 200 answer whose scheduled SMS or voice job FAILED: the desk must not take it for a success.
          expect(outcome).to.deep.equal({ kind: 'not-provisioned', platform: expected.platform, reasons: [expected.errorCode ?? expected.voiceType] });
          return;
        }
        expect(outcome.kind).to.equal(EXPECTED_KIND[expected.status]);
        if (outcome.kind === 'rejected' || outcome.kind === 'forbidden') expect(outcome.reason).to.equal(expected.code);
      }),
    );
  }

  it('selects only what the SDK can send', () => {
    expect(matrix.cases.map((c) => c.case.trigger.kind).filter((k) => !SINCH_SDK_TRIGGERS.includes(k))).to.deep.equal([]);
    expect(matrix.cases).to.have.length.greaterThan(20);
  });
});
