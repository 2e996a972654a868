/**
 * The example consumer's error suite: every error the Numbers API documents for the operations
 * this client calls, each run against its own Pact mock server, asserted with `toBeNumbersError`,
 * and every documented provisioning failure (a 200 ActiveNumber whose scheduled SMS or voice job
 * FAILED), asserted on the number the client returns with `toHaveProvisioningError`.
 * The consumer's pact file is written once, after the last case (examples/consumer/pacts/).
 *
 * Key principle: the kit supplies the request and the documented answer; the *client* makes the
 * call and handles the answer. A client that builds the wrong URL, or cannot read one of the two
 * error envelopes, fails here with Pact's mismatch details or the matcher's explanation.
 */
import * as chai from 'chai';
import { expect } from 'chai';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { numbersChai } from '../../../src/chai/index.js';
import { loadNumbersErrorMatrix, type CaseContext } from '../../../src/index.js';
import type * as ClientModule from '../src/client.js';

chai.use(numbersChai);

const here = path.dirname(fileURLToPath(import.meta.url));
// The kit's own tests point this at a deliberately broken copy of the client (test/pact/example-mutations.test.ts).
const clientPath = process.env.NUMBERS_EXAMPLE_CLIENT ?? '../src/client.js';
const { NumbersClient } = (await import(clientPath)) as typeof ClientModule;

const matrix = await loadNumbersErrorMatrix({
  consumer: 'example-consumer',
  dir: process.env.NUMBERS_EXAMPLE_PACT_DIR ?? path.join(here, '..', 'pacts'),
  pactfileWriteMode: 'overwrite',
  select: {
    operation: ['NumberService_ListAvailableNumbers', 'NumberService_RentNumber', 'NumberService_GetActiveNumber', 'NumberService_UpdateActiveNumber'],
  },
});

/** Calls the client the way the application would, with the case's inputs. */
function call(client: InstanceType<typeof NumbersClient>, { case: errorCase, request }: CaseContext): Promise<unknown> {
  // Requests the typed methods never send (a wrong method, a non-JSON content type, a broken body)
  // go through the client's low-level `send`, so its error handling is still what is tested.
  if (['method', 'content-type', 'json'].includes(errorCase.trigger.kind)) {
    return client.send({ method: request.method, path: request.path, query: request.query, headers: request.headers, body: request.rawBody });
  }
  const phone = decodeURIComponent(/\/(?:activeNumbers|availableNumbers)\/([^/:]+)/.exec(request.path)?.[1] ?? '');
  switch (errorCase.operationId) {
    case 'NumberService_GetActiveNumber':
      return client.getActiveNumber(phone);
    case 'NumberService_UpdateActiveNumber':
      return client.updateActiveNumber(phone, request.body);
    case 'NumberService_RentNumber':
      return client.rentNumber(phone, request.body);
    case 'NumberService_ListAvailableNumbers':
      return client.listAvailableNumbers({ regionCode: request.query.regionCode?.[0] ?? '', type: request.query.type?.[0] ?? '' });
    default:
      throw new Error(`the example client does not call ${errorCase.operationId}`);
  }
}

describe('example consumer: every documented error of the operations it calls', () => {
  after(async () => {
    await matrix.writePact();
  });

  for (const c of matrix.cases) {
    it(c.title, () =>
      matrix.run(c, async (ctx) => {
        const projectId = /\/projects\/([^/]+)/.exec(ctx.request.path)?.[1] ?? '';
        const accessToken = (ctx.request.headers.Authorization ?? '').replace(/^Bearer /, '');
        const client = new NumbersClient({ baseUrl: ctx.url, projectId, accessToken });

        const expected = ctx.expected;
        if (expected.kind === 'provisioning') {
          // A 200 answer: the call succeeds, and the failure is in the number it returns.
          const number = await call(client, ctx);
          expect(number).toHaveProvisioningError(expected.errorCode ?? { platform: 'voice', voiceType: expected.voiceType });
          return;
        }
        const error = await call(client, ctx).then(
          () => expect.fail(`${c.title}: the call succeeded, but the API answers ${expected.status} ${expected.code}`),
          (thrown: unknown) => thrown,
        );
        expect(error).toBeNumbersError({ status: expected.status, code: expected.code, envelope: expected.envelope }, { operation: ctx.case.operationId });
      }),
    );
  }
});
