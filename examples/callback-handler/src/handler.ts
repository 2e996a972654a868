/**
 * An example Numbers callback handler, written the way the kit's harness checks: it verifies
 * X-Sinch-Signature over the raw bytes before parsing (401 otherwise), answers 200 to every
 * signed event, acts on an event id once (Sinch retries), and keeps per resource only the newest
 * event by timestamp (delivery order is not guaranteed).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { NUMBERS_SIGNATURE_HEADER, verifyNumbersSignature } from '../../../src/index.js';

interface NumberState {
  eventType: string;
  status: string;
  failureCode?: string;
  timestamp: string;
}

/** What the handler did with the events it got. */
export interface HandlerStore {
  /** Latest known state per resource (phone number or order id) and event type. */
  latest: Map<string, NumberState>;
  /** Event ids acted on, in order. */
  applied: string[];
  /** Deliveries refused (bad or missing signature, not JSON). */
  refused: number;
}

export function newStore(): HandlerStore {
  return { latest: new Map(), applied: [], refused: 0 };
}

/** Takes one delivery: the raw body and the headers. Returns the HTTP status to answer. */
export function handleCallback(store: HandlerStore, secret: string, rawBody: Buffer, headers: http.IncomingHttpHeaders | Record<string, string>): number {
  const signature = headers[NUMBERS_SIGNATURE_HEADER.toLowerCase()];
  if (!verifyNumbersSignature(rawBody, signature, secret)) {
    store.refused += 1;
    return 401;
  }
  let event: Record<string, unknown>;
  try {
    event = JSON.parse(rawBody.toString('utf8')) as Record<string, unknown>;
  } catch {
    store.refused += 1;
    return 400;
  }
  const eventId = String(event.eventId);
  if (store.applied.includes(eventId)) return 200; // a retry: already acted on
  const key = `${String(event.resourceId)} ${String(event.eventType)}`;
  const timestamp = String(event.timestamp);
  const known = store.latest.get(key);
  // Timestamps come without a zone, all in the same one: they compare as text.
  if (known !== undefined && known.timestamp > timestamp) return 200; // stale: a newer event already arrived
  store.latest.set(key, {
    eventType: String(event.eventType),
    status: String(event.status),
    ...(typeof event.failureCode === 'string' ? { failureCode: event.failureCode } : {}),
    timestamp,
  });
  store.applied.push(eventId);
  return 200;
}

/** The handler as an HTTP server on 127.0.0.1 (a free port), POST /callbacks. */
export async function startHandlerServer(secret: string): Promise<{ url: string; store: HandlerStore; close(): Promise<void> }> {
  const store = newStore();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const status = req.method === 'POST' && req.url === '/callbacks' ? handleCallback(store, secret, Buffer.concat(chunks), req.headers) : 404;
      res.writeHead(status, { connection: 'close' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/callbacks`,
    store,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
