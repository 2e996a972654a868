import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadCatalog } from '../../src/catalog/index.js';
import type { Catalog } from '../../src/catalog/types.js';
import { verifyNumbersSignature } from '../../src/events/signature.js';
import type { EventDelivery } from '../../src/pact/callback-delivery.js';
import { numbersEventMatrix } from '../../src/pact/callback-harness.js';
import { NUMBERS_TEST_HMAC_SECRET } from '../../src/pact/message.js';
import { bundledSpec } from '../helpers/paths.js';

async function thrownBy(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('callback handler harness (numbersEventMatrix)', () => {
  let catalog: Catalog;
  let dir: string;
  before(async () => {
    catalog = await loadCatalog(bundledSpec);
    dir = await mkdtemp(path.join(os.tmpdir(), 'numbers-events-harness-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('hands a function the exact raw bytes, content type and a valid signature for the test secret', async () => {
    const matrix = numbersEventMatrix({ catalog, dir, select: { id: 'NumberService_EventsCallback/number_order_rejected' } });
    const got: EventDelivery[] = [];
    await matrix.run(matrix.events[0]!, (d) => void got.push(d));
    const d = got[0]!;
    expect(d.rawBody.toString('utf8')).to.equal(JSON.stringify(matrix.events[0]!.event.body));
    expect(d.headers['content-type']).to.equal('application/json');
    expect(verifyNumbersSignature(d.rawBody, d.headers['x-sinch-signature'], NUMBERS_TEST_HMAC_SECRET)).to.equal(true);
  });

  it('writes the message pact once, with only the events the handler took, merging with an existing file', async () => {
    const matrix = numbersEventMatrix({ catalog, dir, handler: 'h1', select: { eventType: 'NUMBER_ORDER_PROCESSING' } });
    for (const e of matrix.events) {
      if (e.event.status === 'BLOCKED') await thrownBy(() => matrix.run(e, () => Promise.reject(new Error('handler bug'))));
      else await matrix.run(e, () => 'ok');
    }
    const file = await matrix.writePact();
    const pact = JSON.parse(await readFile(file!, 'utf8')) as { consumer: { name: string }; interactions: { description: string; type: string }[] };
    expect(pact.consumer.name).to.equal('h1');
    expect(pact.interactions.map((i) => i.description)).to.deep.equal([
      'NumberService_EventsCallback number_order_completed',
      'NumberService_EventsCallback number_order_expired',
      'NumberService_EventsCallback number_order_in_review',
      'NumberService_EventsCallback number_order_rejected',
    ]);
    const second = numbersEventMatrix({ catalog, dir, handler: 'h1', select: { status: 'BLOCKED' } });
    await second.run(second.events[0]!, () => 'ok');
    await second.writePact();
    const merged = JSON.parse(await readFile(file!, 'utf8')) as { interactions: unknown[] };
    expect(merged.interactions).to.have.length(5);
  });

  it('writes nothing when no event was taken', async () => {
    const matrix = numbersEventMatrix({ catalog, dir, handler: 'h2' });
    expect(await matrix.writePact()).to.equal(undefined);
  });

  it('a handler URL answering 500 to a valid event fails the case, and the event is not recorded', async () => {
    const http = await import('node:http');
    const server = http.createServer((req, res) => req.resume().on('end', () => res.writeHead(500, { connection: 'close' }).end()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const matrix = numbersEventMatrix({ catalog, dir, handler: 'h3', select: { failureCode: 'INVALID_NNID' } });
      const error = await thrownBy(() => matrix.run(matrix.events[0]!, `http://127.0.0.1:${(server.address() as { port: number }).port}/cb`));
      expect(String(error)).to.equal('Error: NumberService_EventsCallback campaign_provisioning_failed_invalid_nnid: the handler answered HTTP 500 to a valid, signed event; Sinch retries anything but 2xx');
      expect(await matrix.writePact()).to.equal(undefined);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  // Issue 15 sweep (classes 5/6): a handler that never answers, or answers without end, is a timeout
  // that also ends the delivery: no socket left open to it, nothing keeping the test process alive.
  for (const [title, behave] of [
    ['never answers', (_req: import('node:http').IncomingMessage, _res: import('node:http').ServerResponse) => undefined],
    [
      'answers a body without end',
      (_req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const drip = setInterval(() => (res.destroyed ? clearInterval(drip) : res.write('x'.repeat(1024))), 5);
        res.on('close', () => clearInterval(drip));
      },
    ],
  ] as const) {
    it(`a handler URL that ${title}: the delivery times out and its connection is closed`, async () => {
      const http = await import('node:http');
      const sockets = new Set<import('node:net').Socket>();
      const server = http.createServer((req, res) => behave(req, res));
      server.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const matrix = numbersEventMatrix({ catalog, dir, handler: 'h5', select: { failureCode: 'INVALID_NNID' }, caseTimeoutMs: 300 });
        const error = await thrownBy(() => matrix.run(matrix.events[0]!, `http://127.0.0.1:${(server.address() as { port: number }).port}/cb`));
        expect(String(error)).to.equal('Error: the handler did not finish within 300 ms');
        for (let i = 0; i < 100 && sockets.size > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
        expect(sockets.size, 'connections left open to the handler').to.equal(0);
      } finally {
        for (const socket of sockets) socket.destroy();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });
  }

  const misuse: [string, () => unknown, string, string][] = [
    [
      'an unknown event type',
      () => numbersEventMatrix({ catalog, select: { eventType: 'PROVISIONING_TO_MARS' as never } }),
      'UNKNOWN_EVENT',
      'no event has event type "PROVISIONING_TO_MARS"; known: PROVISIONING_TO_SMS_PLATFORM, DEPROVISIONING_FROM_SMS_PLATFORM, PROVISIONING_TO_CAMPAIGN, DEPROVISIONING_FROM_CAMPAIGN, PROVISIONING_TO_VOICE_PLATFORM, DEPROVISIONING_FROM_VOICE_PLATFORM, NUMBER_ORDER_PROCESSING',
    ],
    [
      'a key that is no filter',
      () => numbersEventMatrix({ catalog, select: { code: 'x' } as never }),
      'UNKNOWN_SELECTOR',
      'unknown selection key (did you mean "failureCode"?); the keys are id, resourceType, eventType, status, failureCode',
    ],
    [
      'criteria that together select nothing',
      () => numbersEventMatrix({ catalog, select: { eventType: 'PROVISIONING_TO_SMS_PLATFORM', failureCode: 'INVALID_NNID' } }),
      'EMPTY_SELECTION',
      'event type PROVISIONING_TO_SMS_PLATFORM has no event with failure code INVALID_NNID (its failure codes: none)',
    ],
  ];
  for (const [name, run, code, message] of misuse) {
    it(`${name} is an error (${code})`, async () => {
      const error = (await thrownBy(run)) as { code: string; message: string };
      expect({ code: error.code, message: error.message }).to.deep.equal({ code, message });
    });
  }

  it('refuses a handler URL beyond loopback before sending anything', async () => {
    const matrix = numbersEventMatrix({ catalog, select: { status: 'EXPIRED' } });
    const error = (await thrownBy(() => matrix.run(matrix.events[0]!, 'http://example.com/cb'))) as { code: string; message: string };
    expect({ code: error.code, message: error.message }).to.deep.equal({
      code: 'BAD_URL',
      message: 'the handler URL must be http on loopback (127.0.0.1, localhost, [::1]), not http://example.com',
    });
  });

  it('negative deliveries: what each one sends', async () => {
    const matrix = numbersEventMatrix({ catalog, select: { id: 'NumberService_EventsCallback/campaign_provisioning_failed_campaign_expired' } });
    const seen: EventDelivery[] = [];
    const take = (d: EventDelivery): number => (seen.push(d), 200);
    const valid = matrix.delivery(matrix.events[0]!);
    const wrong = await matrix.negative('wrong-signature', take);
    expect(wrong.deliveries[0]!.rawBody.equals(valid.rawBody)).to.equal(true);
    expect(wrong.deliveries[0]!.headers['x-sinch-signature'])
      .to.match(/^[0-9a-f]{40}$/)
      .and.not.equal(valid.headers['x-sinch-signature']);
    const changed = await matrix.negative('body-changed', take);
    expect(changed.deliveries[0]!.headers['x-sinch-signature']).to.equal(valid.headers['x-sinch-signature']);
    expect(JSON.parse(changed.deliveries[0]!.rawBody.toString('utf8')).status).to.equal('SUCCEEDED');
    expect((await matrix.negative('missing-signature', take)).deliveries[0]!.headers).to.deep.equal({ 'content-type': 'application/json' });
    const replay = await matrix.negative('replayed', take);
    expect(replay.deliveries).to.have.length(2);
    expect(replay.deliveries[1]!.rawBody.equals(replay.deliveries[0]!.rawBody)).to.equal(true);
    const late = await matrix.negative('out-of-order', take);
    const [newer, older] = late.deliveries.map((d) => JSON.parse(d.rawBody.toString('utf8')) as Record<string, string>);
    expect(older).to.deep.equal(matrix.events[0]!.event.body);
    expect([newer!.status, newer!.resourceId, String(newer!.timestamp) > String(older!.timestamp)]).to.deep.equal(['SUCCEEDED', older!.resourceId, true]);
    expect(late.deliveries.every((d) => verifyNumbersSignature(d.rawBody, d.headers['x-sinch-signature'], NUMBERS_TEST_HMAC_SECRET))).to.equal(true);
  });
});
