import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { KitError } from '../../src/errors.js';
import { caseContext, pathParams } from '../../src/pact/case-context.js';
import { numbersErrorMatrix, type CaseContext } from '../../src/pact/harness.js';
import { describeStrayRuns, RunLedger } from '../../src/pact/runs.js';
import { catalogOf, makeErrorCase, makeLegacyCase } from './fixtures.js';

async function send({ request }: CaseContext): Promise<number> {
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  const response = await fetch(request.url, { method: request.method, headers: request.headers, ...(body === undefined ? {} : { body }) });
  await response.text();
  return response.status;
}

const rejection = async (promise: Promise<unknown>): Promise<KitError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof KitError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
};

describe('harness: no case runs outside its test', function () {
  this.timeout(30_000);
  let dir: string;
  const cases = [makeErrorCase(), makeLegacyCase()];
  const [notFound, unknownCampaign] = cases.map((c) => c.id) as [string, string];
  const matrix = () => numbersErrorMatrix({ consumer: 'runs-test', dir, catalog: catalogOf(cases), settleMs: 200, caseTimeoutMs: 2000 });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'numbers-runs-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('awaited runs: writePact writes the pact and says nothing else', async () => {
    const m = matrix();
    for (const c of m.cases) await m.run(c, send);
    expect(await m.writePact()).to.equal(m.pactFile);
  });

  it('a run returned to the runner counts as seen (the runner subscribes with then)', async () => {
    const m = matrix();
    const returned = m.run(notFound, send);
    await new Promise<number>((resolve, reject) => returned.then(resolve, reject));
    await m.run(unknownCampaign, send);
    expect(await m.writePact()).to.equal(m.pactFile);
  });

  it('a run nobody awaited or returned: writePact waits for it, writes what passed, then fails naming it', async () => {
    const m = matrix();
    await m.run(notFound, send);
    void m.run(unknownCampaign, send); // the forgotten `return`
    const error = await rejection(m.writePact());
    expect(error.code).to.equal('CASE_OUTSIDE_TEST');
    expect(error.message).to.equal(`writePact(): 1 case(s) ran outside their test: matrix.run(...) was neither awaited nor returned, so no test saw the outcome: ${unknownCampaign}`);
    const pact = JSON.parse(await readFile(m.pactFile, 'utf8')) as { interactions: unknown[] };
    expect(pact.interactions).to.have.length(2);
  });

  it('a run still going when writePact is called (its test timed out): named as still running', async () => {
    const m = matrix();
    const slow = m.run(notFound, async (ctx) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return send(ctx);
    });
    slow.then(
      () => undefined,
      () => undefined,
    ); // the runner saw it, but gave up on it
    const error = await rejection(m.writePact());
    expect(error.message).to.equal(`writePact(): 1 case(s) were still running when writePact() was called (did their test time out?): ${notFound}`);
  });

  it('no case ran at all: writePact fails instead of writing nothing without a word', async () => {
    const m = matrix();
    const error = await rejection(m.writePact());
    expect([error.code, error.message]).to.deep.equal(['NO_CASE_RAN', `writePact(): no case ran through matrix.run(), so there is nothing to write to ${m.pactFile}`]);
  });

  it('describeStrayRuns: nothing to say when every run was seen and finished', () => {
    expect(describeStrayRuns([{ caseId: 'a', observed: true, settled: true, passed: false }], new Set())).to.equal(undefined);
  });

  it('the ledger counts a rejected, observed run as settled and not passed', async () => {
    const ledger = new RunLedger();
    await ledger.track('x', Promise.reject(new Error('boom'))).catch(() => undefined);
    expect(await ledger.settle(100)).to.deep.equal([{ caseId: 'x', observed: true, settled: true, passed: false }]);
  });
});

describe('harness: what a case hands the consumer', () => {
  const table: Array<[template: string, path: string, params: Record<string, string>]> = [
    ['/v1/projects/{projectId}/activeNumbers/{phoneNumber}', '/v1/projects/p-1/activeNumbers/+12025550134', { projectId: 'p-1', phoneNumber: '+12025550134' }],
    ['/v1/projects/{projectId}/availableNumbers/{phoneNumber}:rent', '/v1/projects/p-1/availableNumbers/%2B12025550134:rent', { projectId: 'p-1', phoneNumber: '+12025550134' }],
    ['/v1/projects/{projectId}/availableNumbers:rentAny', '/v1/projects/p-1/availableNumbers:rentAny', { projectId: 'p-1' }],
    ['/v1/projects/{projectId}/activeNumbers', '/v2/elsewhere', {}],
  ];
  for (const [template, concrete, params] of table) {
    it(`pathParams(${template}, ${concrete})`, () => expect(pathParams(template, concrete)).to.deep.equal(params));
  }

  it('a configuration for the official SDK: the case mock server, the kit token endpoint, placeholder keys, the case project', () => {
    const c = makeErrorCase();
    const ctx = caseContext(c, 'http://127.0.0.1:1234', 'http://127.0.0.1:5678');
    expect(ctx.sinch).to.deep.equal({
      projectId: pathParams(c.pathTemplate, c.request.path).projectId,
      keyId: 'example-key-id',
      keySecret: 'example-key-secret',
      numbersHostname: 'http://127.0.0.1:1234',
      authHostname: 'http://127.0.0.1:5678',
      logger: null,
    });
  });
});
