import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { KitError } from '../../src/errors.js';
import type { CorePact } from '../../src/pact/core.js';
import { numbersErrorMatrix, type CaseContext, type NumbersErrorMatrixOptions } from '../../src/pact/harness.js';
import { judgeMockServer, PactMismatchError } from '../../src/pact/judge.js';
import type { MatchResult } from '../../src/pact/mismatches.js';
import { catalogOf, makeErrorCase, makeLegacyCase } from './fixtures.js';

interface PactFile {
  metadata: Record<string, unknown>;
  interactions: { description: string; comments?: { references?: Record<string, Record<string, string>> } }[];
}

/** Sends the case's documented request with fetch and returns the status and body. */
async function sendDocumented({ request }: CaseContext): Promise<{ status: number; body: unknown }> {
  const body = request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
  const response = await fetch(request.url, { method: request.method, headers: request.headers, ...(body === undefined ? {} : { body }) });
  return { status: response.status, body: await response.json() };
}

async function isClosed(url: string): Promise<boolean> {
  return fetch(url).then(
    () => false,
    () => true,
  );
}

describe('pact harness (numbersErrorMatrix)', function () {
  this.timeout(30_000);
  let dir: string;
  const cases = [makeErrorCase(), makeLegacyCase()];
  const matrix = (extra: Partial<NumbersErrorMatrixOptions> = {}) => numbersErrorMatrix({ consumer: 'harness-test', dir, catalog: catalogOf(cases), ...extra });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'numbers-harness-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs the consumer code against a mock server answering the documented error, and writes the pact once at the end', async () => {
    const m = matrix();
    expect(m.cases.map((c) => c.title)).to.deep.equal(['NumberService_GetActiveNumber 404 not_found', 'NumberService_RentNumber 403 unknown_campaign']);
    const answers = [];
    for (const c of m.cases) answers.push(await m.run(c, sendDocumented));
    expect(answers[0]).to.deep.equal({ status: 404, body: { error: { code: 404, message: 'Number not found', status: 'NOT_FOUND', details: [] } } });
    expect(answers[1]).to.deep.equal({ status: 403, body: { code: 'unknown_campaign', text: 'Campaign CEXAMPL is unknown.' } });
    expect(await readFile(m.pactFile).catch(() => 'not written')).to.equal('not written');

    expect(await m.writePact()).to.equal(path.join(dir, 'harness-test-sinch-numbers.json'));
    const pact = JSON.parse(await readFile(m.pactFile, 'utf8')) as PactFile;
    expect(pact.interactions.map((i) => i.comments?.references?.['numbers-contract-kit']?.caseId)).to.deep.equal(cases.map((c) => c.id));
    expect(pact.metadata['numbers-contract-kit']).to.deep.equal({ specSha256: 'f'.repeat(64), specVersion: '0.0.0-fixture' });
    expect(m.stats).to.include({ passed: 2, failed: 0 });
  });

  it('fails a wrong request with Pact mismatch details, and does not record the case', async () => {
    const m = matrix();
    const error = await m
      .run(cases[0]!.id, async ({ url, request }) => {
        await fetch(`${url}${request.path.replace('activeNumbers', 'activeNumber')}`, { headers: request.headers });
      })
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(PactMismatchError);
    const message = (error as Error).message;
    expect(message).to.contain('NumberService_GetActiveNumber 404 not_found: the Pact mock server did not get the request this case documents');
    expect(message).to.match(/1\) unexpected request \(no interaction matches it\): GET \/v1\/projects\/[\w-]+\/activeNumber\/\+12025550134/);
    expect(message).to.match(/2\) expected but not received: GET \/v1\/projects\/[\w-]+\/activeNumbers\/\+12025550134/);
    expect(await m.writePact()).to.equal(undefined);
  });

  it('hides a real credential the consumer sent when it does not match', async () => {
    const error = await matrix()
      .run(cases[0]!.id, async ({ request }) => {
        await fetch(request.url, { headers: { Authorization: 'Token sk_live_0123456789' } });
      })
      .catch((e: Error) => e);
    expect((error as Error).message).to.contain("header 'Authorization': the value sent does not match ^(Basic|Bearer) \\S+$ (value not shown");
    expect((error as Error).message).to.not.contain('sk_live');
  });

  it('shuts the mock server down and rethrows when the consumer code throws after a correct request', async () => {
    let url = '';
    const thrown = new Error('client bug');
    const error = await matrix()
      .run(cases[0]!.id, async (ctx) => {
        url = ctx.url;
        await sendDocumented(ctx);
        throw thrown;
      })
      .catch((e: unknown) => e);
    expect(error).to.equal(thrown);
    expect(await isClosed(url)).to.equal(true);
  });

  it('reports both when the consumer code throws before sending anything', async () => {
    let url = '';
    const error = await matrix({ settleMs: 20 })
      .run(cases[0]!.id, (ctx) => {
        url = ctx.url;
        throw new TypeError('cannot build client');
      })
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(PactMismatchError);
    expect((error as Error).message).to.contain('1) expected but not received: GET');
    expect((error as Error).message).to.contain('the consumer code also threw: TypeError: cannot build client');
    expect(await isClosed(url)).to.equal(true);
  });

  it('stops waiting for consumer code that hangs, and shuts its mock server down', async () => {
    let url = '';
    const error = await matrix({ caseTimeoutMs: 50, settleMs: 10 })
      .run(cases[0]!.id, (ctx) => {
        url = ctx.url;
        return new Promise(() => undefined);
      })
      .catch((e: Error) => e);
    expect((error as Error).message).to.contain('the consumer code also threw: Error: NumberService_GetActiveNumber 404 not_found: the consumer code did not finish within 50 ms');
    expect(await isClosed(url)).to.equal(true);
  });

  it("answers Connection: close, so no keep-alive pool holds a connection to a finished case's port (the next case may get that port); the pact never carries the header", async () => {
    const agent = new http.Agent({ keepAlive: true });
    const m = matrix();
    try {
      for (const c of m.cases) {
        const seen = await m.run(c, ({ request }) => {
          const url = new URL(request.url);
          const body = request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
          return new Promise<{ connection: string | undefined; pooled: number }>((resolve, reject) => {
            const req = http.request({ host: url.hostname, port: url.port, method: request.method, path: `${url.pathname}${url.search}`, headers: request.headers, agent }, (res) => {
              res.resume();
              // The agent pools (or drops) the socket once the response has ended and the loop has turned.
              res.on('end', () => setImmediate(() => resolve({ connection: res.headers.connection, pooled: Object.values(agent.freeSockets).flat().length })));
            });
            req.on('error', reject);
            req.end(body);
          });
        });
        expect(seen, c.id).to.deep.equal({ connection: 'close', pooled: 0 });
      }
    } finally {
      agent.destroy();
    }
    await m.writePact();
    expect(await readFile(m.pactFile, 'utf8')).not.to.match(/"connection"/i);
  });

  it('refuses a case that is not selected', async () => {
    const m = matrix({ select: { status: 404 } });
    expect(m.cases).to.have.length(1);
    await m
      .run(cases[1]!.id, () => undefined)
      .then(
        () => expect.fail('should reject'),
        (e: unknown) => expect(e).to.be.instanceOf(KitError),
      );
  });

  // A selection that matches nothing would run 0 cases and report 0 passing: a silent green.
  const refused: [string, NumbersErrorMatrixOptions['select'], string, string][] = [
    ['an unknown key', { operations: 'NumberService_RentNumber' } as never, 'UNKNOWN_SELECTOR', 'unknown selection key (did you mean "operation"?); the keys are operation, status, code, envelope, id, trigger'],
    ['contradicting filters', { operation: 'NumberService_GetActiveNumber', code: 'unknown_campaign' }, 'EMPTY_SELECTION', 'operation NumberService_GetActiveNumber has no case with code unknown_campaign (its codes: NOT_FOUND)'],
  ];
  for (const [what, select, code, message] of refused) {
    it(`refuses ${what} in select (${code})`, () => {
      expect(() => matrix({ select }))
        .to.throw(KitError, message)
        .with.property('code', code);
    });
  }

  describe('writing the pact file', () => {
    const foreign = { description: 'a success the consumer tests itself', type: 'Synchronous/HTTP' };
    const olderKitCopy = { description: 'old name', comments: { references: { 'numbers-contract-kit': { caseId: cases[0]!.id } } } };

    it('merges by default: keeps other interactions, replaces earlier copies of the same cases', async () => {
      const m = matrix();
      await writeFile(m.pactFile, JSON.stringify({ consumer: { name: 'harness-test' }, interactions: [foreign, olderKitCopy], metadata: { 'pact-js': { version: '16.5.0' } } }));
      await m.run(cases[0]!.id, sendDocumented);
      await m.writePact();
      const pact = JSON.parse(await readFile(m.pactFile, 'utf8')) as PactFile;
      expect(pact.interactions.map((i) => i.description)).to.deep.equal(['NumberService_GetActiveNumber 404 not_found', 'a success the consumer tests itself']);
      expect(pact.metadata).to.have.keys('numbers-contract-kit', 'pact-js', 'pactRust', 'pactSpecification');
    });

    it("'overwrite' replaces the file", async () => {
      const m = matrix({ pactfileWriteMode: 'overwrite' });
      await writeFile(m.pactFile, JSON.stringify({ interactions: [foreign] }));
      await m.run(cases[1]!.id, sendDocumented);
      await m.writePact();
      const pact = JSON.parse(await readFile(m.pactFile, 'utf8')) as PactFile;
      expect(pact.interactions.map((i) => i.description)).to.deep.equal(['NumberService_RentNumber 403 unknown_campaign']);
    });
  });
});

/** A mock server whose match state is scripted: `matched` answers in turn, then the last one forever. `looks` counts the polls. */
function scriptedPact(matched: boolean[], results: MatchResult[]): CorePact & { looks: { matched: number; mismatches: number } } {
  const looks = { matched: 0, mismatches: 0 };
  return {
    looks,
    mockServerMatchedSuccessfully: () => matched[Math.min(looks.matched++, matched.length - 1)] ?? false,
    mockServerMismatches: () => {
      looks.mismatches += 1;
      return results;
    },
  } as unknown as CorePact & { looks: typeof looks };
}

describe('pact harness verdict (the pact-core 19.x "expected but not received" race)', () => {
  const missing: MatchResult[] = [{ type: 'missing-request', method: 'GET', path: '/x', request: { method: 'GET', path: '/x' } }];

  it('waits for a "not received" that settles to matched, and counts it as settled', async () => {
    // settleMs far above the few ms the script needs: the verdict must not depend on how busy the machine is.
    const pact = scriptedPact([false, false, true], missing);
    const verdict = await judgeMockServer(pact, 1, 30_000);
    expect(verdict.results).to.deep.equal([]);
    expect(verdict.settled).to.equal(true);
    expect(pact.looks.matched).to.equal(3);
  });

  it('waits when the first read says "not matched" and the second reports nothing (the match landed between them)', async () => {
    const pact = scriptedPact([false, true], []);
    const verdict = await judgeMockServer(pact, 1, 30_000);
    expect(verdict.results).to.deep.equal([]);
    expect(verdict.settled).to.equal(true);
    expect(pact.looks).to.deep.equal({ matched: 2, mismatches: 1 });
  });

  it('fails a mock server that reports neither a match nor a mismatch once settleMs has passed', async () => {
    const verdict = await judgeMockServer(scriptedPact([false], []), 1, 30);
    expect(verdict.results).to.deep.equal([{ type: 'unknown', error: 'the mock server reports no match and no mismatch' }]);
    expect(verdict.waitedMs).to.be.at.least(30);
  });

  it('fails a request that never arrives once settleMs has passed', async () => {
    const verdict = await judgeMockServer(scriptedPact([false], missing), 1, 30);
    expect(verdict.results).to.deep.equal(missing);
    expect(verdict.waitedMs).to.be.at.least(30);
  });

  it('fails a mismatched request at once, without waiting', async () => {
    const mismatch: MatchResult[] = [{ type: 'request-mismatch', method: 'GET', path: '/x', mismatches: [{ type: 'QueryMismatch', parameter: 'type', mismatch: 'Expected LOCAL' }] }];
    const pact = scriptedPact([false], mismatch);
    const verdict = await judgeMockServer(pact, 1, 5_000);
    expect(verdict.results).to.deep.equal(mismatch);
    // One look at each, no second poll: counted rather than timed, so a busy machine cannot fail it.
    expect(pact.looks).to.deep.equal({ matched: 1, mismatches: 1 });
    expect(verdict.settled).to.equal(false);
  });
});
