/**
 * The example callback handler's suite: every documented callback event, delivered by the kit's
 * harness as Sinch would send it (raw bytes, signed with a test secret) to the handler's loopback
 * URL; then the negative deliveries, each with what the handler must do. The message pact is
 * written once at the end (examples/callback-handler/pacts/).
 */
import { expect } from 'chai';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadNumbersEventMatrix, type NumbersEventMatrix } from '../../../src/index.js';
import { handleCallback, newStore, startHandlerServer } from '../src/handler.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SECRET = 'example-handler-hmac-secret-0123456789';

describe('example callback handler: every documented event', () => {
  let matrix: NumbersEventMatrix;
  let server: Awaited<ReturnType<typeof startHandlerServer>>;
  const dir = path.join(here, '..', 'pacts');

  before(async () => {
    matrix = await loadNumbersEventMatrix({ handler: 'example-callback-handler', dir, secret: SECRET, pactfileWriteMode: 'overwrite' });
    server = await startHandlerServer(SECRET);
  });
  after(async () => {
    await server.close();
    const file = await matrix.writePact();
    expect(file).to.equal(path.join(dir, 'example-callback-handler-sinch-numbers.json'));
    await rm(dir, { recursive: true, force: true });
  });

  it('has all 31 variants', () => {
    expect(matrix.events).to.have.length(31);
  });

  // The titles need the catalog; one test delivers them all so the list stays in the catalog.
  it('takes each event (200) and records its outcome', async () => {
    for (const e of matrix.events) {
      const answer = await matrix.run(e, server.url);
      expect(answer.status, e.title).to.equal(200);
      const state = server.store.latest.get(`${String(e.event.body.resourceId)} ${e.event.eventType}`);
      expect(state?.status, e.title).to.equal(e.event.status);
      expect(state?.failureCode, e.title).to.equal(e.event.failureCode);
    }
    expect(server.store.applied).to.have.length(31);
  });
});

describe('example callback handler: negative deliveries', () => {
  let matrix: NumbersEventMatrix;
  before(async () => {
    matrix = await loadNumbersEventMatrix({ secret: SECRET, select: { eventType: 'PROVISIONING_TO_CAMPAIGN' } });
  });

  for (const kind of ['wrong-signature', 'body-changed', 'missing-signature'] as const) {
    it(`${kind}: refused with 401 over HTTP, nothing applied`, async () => {
      const server = await startHandlerServer(SECRET);
      try {
        const outcome = await matrix.negative(kind, server.url);
        expect(outcome.expect).to.equal('reject');
        expect(outcome.answers.map((a) => a.status)).to.deep.equal([401]);
        expect(server.store.applied).to.deep.equal([]);
      } finally {
        await server.close();
      }
    });
  }

  it('replayed: both answered 200, acted on once', async () => {
    const store = newStore();
    const outcome = await matrix.negative('replayed', (d) => handleCallback(store, SECRET, d.rawBody, d.headers));
    expect(outcome.answers.map((a) => a.value)).to.deep.equal([200, 200]);
    expect(store.applied).to.have.length(1);
  });

  it('out-of-order: the stale event does not overwrite the newer one', async () => {
    const store = newStore();
    const failed = matrix.events.find((e) => e.event.failureCode === 'CAMPAIGN_NOT_AVAILABLE')!;
    const outcome = await matrix.negative('out-of-order', (d) => handleCallback(store, SECRET, d.rawBody, d.headers), failed);
    expect(outcome.answers.map((a) => a.value)).to.deep.equal([200, 200]);
    const [newer] = outcome.deliveries;
    const state = [...store.latest.values()][0]!;
    expect(state.status).to.equal(JSON.parse(newer!.rawBody.toString('utf8')).status);
    expect(state.status).to.equal('SUCCEEDED');
    expect(store.applied).to.have.length(1);
  });

  it('a handler that skips the signature check fails the harness (a URL target must answer 4xx)', async () => {
    const lax = await startHandlerServer(SECRET);
    const careless = await import('node:http');
    const server = careless.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { connection: 'close' }).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      let thrown: unknown;
      try {
        await matrix.negative('wrong-signature', `http://127.0.0.1:${port}/callbacks`);
      } catch (error) {
        thrown = error;
      }
      expect(String(thrown)).to.match(/wrong-signature \(NumberService_EventsCallback campaign_provisioning_succeeded\): the handler answered HTTP 200; it must refuse it with 4xx/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await lax.close();
    }
  });
});
