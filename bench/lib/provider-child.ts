/**
 * Child process of the provider part: the reference provider (and, for scale, a bare Node http
 * server) under load from the parent, so the load tool and the server do not share an event loop.
 * Answers `rss` with its memory after a full GC (run with --expose-gc), and `close` by exiting.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startReferenceProvider } from '../../src/provider/server.js';

export interface StateSetup {
  state: string;
  params: Record<string, string | number | boolean>;
}

export type ProviderChildRequest = { kind: 'start'; states: StateSetup[]; bareBody: string } | { kind: 'rss' } | { kind: 'close' };

export type ProviderChildReply = { kind: 'started'; url: string; bareUrl: string } | { kind: 'rss'; rss: number; heapUsed: number } | { kind: 'error'; message: string };

process.env.PACT_DO_NOT_TRACK = 'true';
const reply = (message: ProviderChildReply): void => {
  process.send?.(message);
};

async function start(states: readonly StateSetup[], bareBody: string): Promise<void> {
  const provider = await startReferenceProvider();
  for (const { state, params } of states) provider.setState(state, params);
  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(bareBody) });
      res.end(bareBody);
    });
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  reply({ kind: 'started', url: provider.url, bareUrl: `http://127.0.0.1:${(bare.address() as AddressInfo).port}` });
}

process.on('message', (message: ProviderChildRequest) => {
  if (message.kind === 'start') {
    start(message.states, message.bareBody).catch((error: unknown) => reply({ kind: 'error', message: error instanceof Error ? error.message : String(error) }));
  } else if (message.kind === 'rss') {
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    reply({ kind: 'rss', rss, heapUsed });
  } else {
    process.exit(0);
  }
});
