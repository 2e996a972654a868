/**
 * The Number Order consumer's error suite: every error the seven Number Order operations document,
 * each against its own Pact mock server, called through the client the application uses (the
 * attachment upload as real multipart/form-data), asserted with `toBeNumbersError`, and the
 * client's decision (`nextStep`) checked against what the case means. The pact file is written
 * once, after the last case (examples/number-order/pacts/).
 */
import * as chai from 'chai';
import { expect } from 'chai';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { numbersChai } from '../../../src/chai/index.js';
import { loadNumbersErrorMatrix, type CaseContext, type ErrorCase } from '../../../src/index.js';
import { buyNumber, nextStep, NumberOrderClient, NumberOrderError, type NextStep } from '../src/order-client.js';

chai.use(numbersChai);

const here = path.dirname(fileURLToPath(import.meta.url));
const OPERATIONS = ['LookupNumberRequirements', 'CreateNumberOrder', 'GetNumberOrder', 'GetNumberOrderRegistration', 'UpdateNumberOrderRegistration', 'UploadNumberOrderAttachment', 'SubmitNumberOrder'];

const matrix = await loadNumbersErrorMatrix({
  consumer: 'number-order-example',
  dir: process.env.NUMBERS_EXAMPLE_PACT_DIR ?? path.join(here, '..', 'pacts'),
  pactfileWriteMode: 'overwrite',
  select: { operation: OPERATIONS },
});

/** Calls the client the way the application would, with the case's inputs. */
function call(client: NumberOrderClient, { case: errorCase, request, params, multipart }: CaseContext): Promise<unknown> {
  // Requests the typed methods never send (a wrong method, a wrong content type, a broken body)
  // go through the client's low-level `send`, so its error handling is still what is tested.
  if (['method', 'content-type', 'json'].includes(errorCase.trigger.kind)) {
    return client.send({ method: request.method, path: request.path, headers: request.headers, ...(request.rawBody === undefined ? {} : { body: request.rawBody }) }, errorCase.operationId);
  }
  const id = params.numberOrderId ?? '';
  switch (errorCase.operationId) {
    case 'LookupNumberRequirements':
      return client.lookupRequirements(request.body);
    case 'CreateNumberOrder':
      return client.createOrder(request.body);
    case 'GetNumberOrder':
      return client.getOrder(id);
    case 'GetNumberOrderRegistration':
      return client.getRegistration(id);
    case 'UpdateNumberOrderRegistration':
      return client.updateRegistration(id, request.body);
    case 'UploadNumberOrderAttachment': {
      const file = multipart?.file;
      if (file === undefined) throw new Error(`${errorCase.id}: no file part to upload`);
      return client.uploadAttachment(id, params.attachmentId ?? '', { content: file.content, filename: 'proof-of-address.pdf', contentType: file.contentType ?? 'application/pdf', documentType: 'Utility bill' });
    }
    case 'SubmitNumberOrder':
      return client.submit(id);
    default:
      throw new Error(`the example client does not call ${errorCase.operationId}`);
  }
}

/** What the application must decide for each documented error (the table the client is held to). */
function expectedStep(c: ErrorCase): NextStep {
  if (c.status === 429 || c.status >= 500) return 'retry-later';
  if (c.status === 401) return 'reauthenticate';
  if (c.status === 403) return 'check-account';
  if (c.status === 413) return 'shrink-file';
  if (c.status === 404) return 'check-order';
  const onExistingOrder = !['LookupNumberRequirements', 'CreateNumberOrder'].includes(c.operationId);
  if (c.status === 400 && c.code === 'INVALID_ARGUMENT' && onExistingOrder) return 'check-order';
  return 'fix-request';
}

describe('example Number Order consumer: every documented error of the seven operations', () => {
  after(async () => {
    await matrix.writePact();
  });

  it('selects every Number Order case', () => {
    expect(new Set(matrix.cases.map((c) => c.case.operationId))).to.deep.equal(new Set(OPERATIONS));
  });

  for (const c of matrix.cases) {
    it(c.title, () =>
      matrix.run(c, async (ctx) => {
        const accessToken = (ctx.request.headers.Authorization ?? '').replace(/^Bearer /, '');
        const client = new NumberOrderClient({ baseUrl: ctx.url, projectId: ctx.params.projectId ?? '', accessToken });
        const error = await call(client, ctx).then(
          () => expect.fail(`${c.title}: the call succeeded, but the API answers ${ctx.expected.status} ${ctx.expected.code}`),
          (thrown: unknown) => thrown,
        );
        expect(error).toBeNumbersError({ status: ctx.expected.status, code: ctx.expected.code, envelope: ctx.expected.envelope }, { operation: ctx.case.operationId });
        expect(error).to.be.instanceOf(NumberOrderError);
        expect(nextStep(error as NumberOrderError), c.id).to.equal(expectedStep(ctx.case));
      }),
    );
  }
});

describe('example Number Order consumer: buyNumber, the whole purchase (a recording fetch)', () => {
  it('looks up, creates, registers, uploads each required document as multipart, submits and reads the order', async () => {
    const calls: string[] = [];
    const answers: Record<string, unknown> = {
      'POST /numberOrders:lookupNumberRequirements': { attachments: [{ id: 'att-1', mandatory: true }] },
      'POST /numberOrders:createNumberOrder': { idNumberOrder: 'order-1', state: 'CREATED' },
      'GET /numberOrders/order-1': { idNumberOrder: 'order-1', state: 'IN_REVIEW' },
    };
    const recording: typeof fetch = async (url, init) => {
      const key = `${init?.method ?? 'GET'} ${String(url).replace(/^.*\/projects\/p-1/, '')}`;
      const body = init?.body;
      calls.push(body instanceof FormData ? `${key} [${[...body.keys()].join(',')}]` : key);
      return new Response(JSON.stringify(answers[key] ?? {}), { status: 200 });
    };
    const client = new NumberOrderClient({ baseUrl: 'http://numbers.invalid', projectId: 'p-1', accessToken: 'example-token', fetch: recording });
    const order = await buyNumber(client, {
      regionCode: 'US',
      numberType: 'LOCAL',
      phoneNumber: '+12025550156',
      registration: { firstName: 'Alex' },
      documents: { 'att-1': { content: '%PDF-1.4\n%%EOF\n', filename: 'proof.pdf', contentType: 'application/pdf', documentType: 'Utility bill' } },
    });
    expect(order).to.deep.equal({ idNumberOrder: 'order-1', state: 'IN_REVIEW' });
    expect(calls).to.deep.equal([
      'POST /numberOrders:lookupNumberRequirements',
      'POST /numberOrders:createNumberOrder',
      'PUT /numberOrders/order-1/registration',
      'POST /numberOrders/order-1/attachments/att-1 [file,documentType]',
      'POST /numberOrders/order-1/submit',
      'GET /numberOrders/order-1',
    ]);
  });

  it('stops at the first failed step with the NumberOrderError naming it', async () => {
    const failing: typeof fetch = async (url) =>
      String(url).endsWith('/registration')
        ? new Response(JSON.stringify({ error: { code: 404, message: '', status: 'NOT_FOUND', details: [] } }), { status: 404 })
        : new Response(JSON.stringify({ idNumberOrder: 'order-1' }), { status: 200 });
    const client = new NumberOrderClient({ baseUrl: 'http://numbers.invalid', projectId: 'p-1', accessToken: 'example-token', fetch: failing });
    const error = await buyNumber(client, { regionCode: 'US', numberType: 'LOCAL', phoneNumber: '+12025550156', registration: {}, documents: {} }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(NumberOrderError);
    expect([(error as NumberOrderError).operation, (error as NumberOrderError).code, nextStep(error as NumberOrderError)]).to.deep.equal(['UpdateNumberOrderRegistration', 'NOT_FOUND', 'check-order']);
  });
});
