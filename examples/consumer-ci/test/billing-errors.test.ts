/**
 * The billing service's Pact tests for the Sinch Numbers errors it handles: the client errors
 * (400, 401, 403, 404) of the two operations it calls, and the provisioning failures a number it
 * reads can show (200: its scheduled SMS or voice job FAILED). Each case runs against its own Pact
 * mock server; the client makes the real call and must surface the documented error. The pact file
 * lands in pacts/ once, after the last case; `ci.sh` then gates on its error coverage.
 */
import * as chai from 'chai';
import { expect } from 'chai';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadNumbersErrorMatrix, type CaseContext } from 'numbers-contract-kit';
import { numbersChai } from 'numbers-contract-kit/chai';
// The billing service shares the example consumer's small fetch client.
import { NumbersClient } from '../../consumer/src/client.js';

chai.use(numbersChai);

const here = path.dirname(fileURLToPath(import.meta.url));

const matrix = await loadNumbersErrorMatrix({
  consumer: 'billing',
  dir: path.join(here, '..', 'pacts'),
  pactfileWriteMode: 'overwrite',
  // What this suite exercises today. The coverage report shows what it leaves out (405, 415, 429, 5xx).
  select: { operation: ['NumberService_GetActiveNumber', 'NumberService_RentNumber'], status: [200, 400, 401, 403, 404] },
});

function call(client: NumbersClient, { case: errorCase, request }: CaseContext): Promise<unknown> {
  // A deliberately broken body or content type goes through the client's low-level `send`.
  if (['method', 'content-type', 'json'].includes(errorCase.trigger.kind)) {
    return client.send({ method: request.method, path: request.path, query: request.query, headers: request.headers, body: request.rawBody });
  }
  const phone = decodeURIComponent(/\/(?:activeNumbers|availableNumbers)\/([^/:]+)/.exec(request.path)?.[1] ?? '');
  return errorCase.operationId === 'NumberService_RentNumber' ? client.rentNumber(phone, request.body) : client.getActiveNumber(phone);
}

describe('billing: Sinch Numbers errors', () => {
  after(() => matrix.writePact());

  for (const c of matrix.cases) {
    it(c.title, () =>
      matrix.run(c, async (ctx) => {
        const projectId = /\/projects\/([^/]+)/.exec(ctx.request.path)?.[1] ?? '';
        const accessToken = (ctx.request.headers.Authorization ?? '').replace(/^Bearer /, '');
        const client = new NumbersClient({ baseUrl: ctx.url, projectId, accessToken });
        const expected = ctx.expected;
        if (expected.kind === 'provisioning') {
          // A 200 answer: the number is returned, and its scheduled job FAILED.
          expect(await call(client, ctx)).toHaveProvisioningError(expected.errorCode ?? { platform: 'voice', voiceType: expected.voiceType });
          return;
        }
        const error = await call(client, ctx).then(
          () => expect.fail(`${c.title}: the call succeeded`),
          (thrown: unknown) => thrown,
        );
        expect(error).toBeNumbersError({ status: expected.status, code: expected.code, envelope: expected.envelope });
      }),
    );
  }
});
