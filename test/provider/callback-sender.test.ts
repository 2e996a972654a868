/** The callback sender's bounds: a full queue drops (and says so), a silent handler times out, closing drops the rest. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createCallbackSender } from '../../src/provider/callback-sender.js';
import type { CallbackDelivery, RenderedCallback } from '../../src/provider/types.js';

function callback(url: string, n: number): RenderedCallback {
  return { url, eventId: `e${n}`, event: { resourceType: 'ACTIVE_NUMBER', resourceId: '+12025550142', eventType: 'PROVISIONING_TO_SMS_PLATFORM', status: 'SUCCEEDED' }, rawBody: `{"n":${n}}`, signature: '0'.repeat(40) };
}

/** A handler that never answers (its requests are destroyed when it closes). */
async function silentHandler(): Promise<{ url: string; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const server = http.createServer((req) => req.on('data', (c: Buffer) => seen.push(c.toString())));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const line = (d: CallbackDelivery): string => `${d.eventId} ${d.outcome}${d.reason === undefined ? '' : `: ${d.reason}`}`;

describe('callback sender', () => {
  it('holds at most maxQueued waiting events, one at a time in order, and times each delivery out once', async () => {
    const handler = await silentHandler();
    const results: CallbackDelivery[] = [];
    const sender = createCallbackSender({ timeoutMs: 50, maxQueued: 2, onDelivery: (d) => results.push(d) });
    sender.enqueue([1, 2, 3, 4].map((n) => callback(handler.url, n)));
    await sender.settled();
    await handler.close();
    expect(results.map(line)).to.deep.equal(['e3 dropped: not sent: 2 events are already waiting', 'e4 dropped: not sent: 2 events are already waiting', 'e1 failed: no answer within 50 ms', 'e2 failed: no answer within 50 ms']);
    expect(handler.seen).to.deep.equal(['{"n":1}', '{"n":2}']);
  });

  it('closing aborts the delivery in flight and drops the queue', async () => {
    const handler = await silentHandler();
    const results: CallbackDelivery[] = [];
    const sender = createCallbackSender({ timeoutMs: 60_000, onDelivery: (d) => results.push(d) });
    sender.enqueue([1, 2].map((n) => callback(handler.url, n)));
    const settled = sender.settled();
    sender.close();
    sender.enqueue([callback(handler.url, 3)]);
    await settled;
    await handler.close();
    // The abort of e1 is reported when its socket closes, after the synchronous drops.
    expect(results.map(line)).to.deep.equal(['e2 dropped: the provider is closing', 'e3 dropped: the provider is closing', 'e1 failed: cannot deliver: the provider is closing']);
  });
});
