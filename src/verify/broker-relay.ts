/**
 * A pass-through relay on loopback between Pact's verifier and the Pact Broker. The verifier does
 * all the broker work itself (selection, pending, WIP, publishing, credentials); it is given the
 * relay's URL as the broker URL and follows the broker's links through it (its HAL client keeps
 * only the path of each link). The relay forwards every request unchanged and keeps what the kit
 * needs to report the run like a file run: the pacts it served (case ids and provider states per
 * interaction), which of them are pending, how the broker answered (down, 401, 5xx) and whether each
 * result was published. It admits only this run's verifier and only the broker walk
 * (broker-admission.ts), and it puts the broker credentials on what it forwards: the verifier holds
 * the run's key instead of them. It never logs credentials.
 */
import http from 'node:http';
import https from 'node:https';
import { listen } from '../util/http-server.js';
import { createBrokerAdmission } from './broker-admission.js';
import type { BrokerSource } from './broker-options.js';

export interface RelayedPact {
  /** The pact's path on the broker (its `_links.self.href`). */
  path: string;
  pending: boolean;
  /** The broker's reason for selecting it, e.g. "latest from main branch". */
  shortDescription: string;
  /** The pact document as the broker served it; undefined until the verifier fetched it. */
  text?: string;
}

export interface BrokerExchange {
  method: string;
  path: string;
  /** The broker's status; undefined when it could not be reached. */
  status?: number;
  /** Why there is no status: ECONNREFUSED, timeout, ... */
  failure?: string;
}

export interface BrokerRelay {
  /** The relay's base URL, with the broker's own context path. */
  url: string;
  /** The broker token Pact's verifier must send (the run's key); the relay swaps in the real credentials. */
  verifierToken: string;
  /** Every exchange, in order. */
  exchanges: BrokerExchange[];
  /** Undefined until the broker answered the pacts-for-verification POST. */
  selection(): RelayedPact[] | undefined;
  /** The verification-results POSTs and the broker's answers. */
  publications: BrokerExchange[];
  close(): Promise<void>;
}

const MAX_BODY = 50 * 1024 * 1024;
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host', 'content-length', 'accept-encoding']);

export async function startBrokerRelay(broker: URL, timeoutMs: number, auth: BrokerSource['auth']): Promise<BrokerRelay> {
  const admission = createBrokerAdmission(broker.pathname);
  const authorization = auth === undefined ? undefined : 'token' in auth ? `Bearer ${auth.token}` : `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  const exchanges: BrokerExchange[] = [];
  const publications: BrokerExchange[] = [];
  let selected: RelayedPact[] | undefined;
  const client = broker.protocol === 'https:' ? https : http;
  const agent = new client.Agent({ keepAlive: true, maxSockets: 4 });

  const server = http.createServer((req, res) => {
    const admitted = admission.admit(req);
    if (!admitted.ok) {
      // Before reading the body, and the connection closed after: nothing forwarded, nothing recorded.
      answer(res, 403, `numbers-contract broker relay: refused: ${admitted.reason}`, { Connection: 'close' });
      return;
    }
    read(req)
      .then((body) => forward(req, body, res))
      .catch(() => answer(res, 400, 'numbers-contract broker relay: cannot read the request'));
  });

  function forward(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): void {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
    headers.host = broker.host;
    // The verifier's Authorization is the run's key: the broker gets its own credentials, or none.
    delete headers.authorization;
    if (authorization !== undefined) headers.authorization = authorization;
    if (body.length > 0 || method === 'POST' || method === 'PUT') headers['content-length'] = body.length;
    const exchange: BrokerExchange = { method, path: path.split('?')[0] ?? path };
    exchanges.push(exchange);
    let answered = false;
    const upstream = client.request({ protocol: broker.protocol, hostname: broker.hostname, port: broker.port, method, path, headers, agent }, (response) => {
      answered = true;
      read(response)
        .then((received) => {
          clearTimeout(deadline);
          if (exchange.failure !== undefined) return;
          exchange.status = response.statusCode ?? 0;
          observe(exchange, received);
          const out: http.OutgoingHttpHeaders = {};
          for (const [name, value] of Object.entries(response.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) out[name] = value;
          out['content-length'] = received.length;
          res.writeHead(exchange.status, out);
          res.end(received);
        })
        .catch((error: unknown) => fail(codeOf(error)));
    });
    const fail = (failure: string): void => {
      clearTimeout(deadline);
      if (exchange.failure !== undefined || res.headersSent) return;
      exchange.failure = failure;
      upstream.destroy();
      if (isPublication(exchange)) publications.push(exchange);
      // The verifier sees what it would have seen without the relay: a broken connection (not a 5xx, which it retries).
      res.socket?.destroy();
    };
    // One deadline for the whole answer, head and body: an idle timeout never fires on a broker that drips.
    const deadline = setTimeout(() => fail(answered ? `the answer did not complete within ${timeoutMs} ms` : `no answer within ${timeoutMs} ms`), timeoutMs);
    upstream.on('error', (error) => fail(codeOf(error)));
    upstream.end(body);
  }

  function observe(exchange: BrokerExchange, body: Buffer): void {
    if (isPublication(exchange)) {
      publications.push(exchange);
      return;
    }
    const ok = exchange.status !== undefined && exchange.status >= 200 && exchange.status < 300;
    if (!ok) return;
    admission.learn(body);
    if (exchange.method === 'POST' && /\/for-verification\/?$/.test(exchange.path)) {
      selected = selection(body);
      return;
    }
    const pact = exchange.method === 'GET' ? selected?.find((p) => p.path === exchange.path) : undefined;
    if (pact !== undefined) pact.text = body.toString('utf8');
  }

  const listening = await listen(server, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${listening.port}${broker.pathname.replace(/\/$/, '')}`,
    verifierToken: admission.verifierToken,
    exchanges,
    selection: () => selected,
    publications,
    close: async () => {
      await listening.close();
      agent.destroy();
    },
  };
}

/** The POST to a pact's pb:publish-verification-results link (the broker's path for it). */
function isPublication(exchange: BrokerExchange): boolean {
  return exchange.method === 'POST' && /\/verification-results\/?$/.test(exchange.path);
}

/** `_embedded.pacts[]` of the pacts-for-verification answer: the self path, pending flag and reason of each. */
function selection(body: Buffer): RelayedPact[] {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return [];
  }
  const pacts = (value as { _embedded?: { pacts?: unknown } } | null)?._embedded?.pacts;
  if (!Array.isArray(pacts)) return [];
  const out: RelayedPact[] = [];
  for (const p of pacts as Array<Record<string, unknown> | null>) {
    const href = (p?._links as { self?: { href?: unknown } } | undefined)?.self?.href;
    if (typeof href !== 'string') continue;
    let path: string;
    try {
      path = new URL(href, 'http://broker.invalid').pathname;
    } catch {
      continue;
    }
    const properties = p?.verificationProperties as { pending?: unknown } | undefined;
    out.push({ path, pending: properties?.pending === true, shortDescription: typeof p?.shortDescription === 'string' ? p.shortDescription : '' });
  }
  return out;
}

function read(stream: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        stream.destroy();
        reject(Object.assign(new Error(`more than ${MAX_BODY} bytes`), { code: 'TOO_LARGE' }));
      } else chunks.push(chunk);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
    stream.on('aborted', () => reject(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
  });
}

function answer(res: http.ServerResponse, status: number, message: string, headers: http.OutgoingHttpHeaders = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify({ error: message });
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}
