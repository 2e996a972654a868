/**
 * One request of Pact's verifier forwarded to the provider: real credentials in (never on the 401
 * cases), the real project id in the path, the fictional one back in the answer. The whole answer
 * must arrive within the timeout (a provider that drips its body is a timeout, not a hang) and is
 * held up to `maxResponseBytes`: a larger one is dropped as it arrives and fails its interaction.
 */
import type http from 'node:http';

/** The credential the contracts' 401 cases send: never replaced. */
const INVALID_CREDENTIAL = 'Bearer invalid-token';
/** Provider answers are held whole (the project-id swap and the verifier need all of it), so they are capped, as pact downloads are. */
export const MAX_RESPONSE_BYTES = 50 * 1024 * 1024;

/** What became of one forwarded request: the provider's status, or why there is none. */
export interface ForwardEvent {
  kind: 'request';
  status?: number;
  failure?: Failure;
  message?: string;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host', 'content-length']);

export interface ForwardContext {
  target: URL;
  /** The provider's base URL as messages show it (redacted). */
  shown: string;
  timeoutMs: number;
  maxResponseBytes: number;
  authorization: string | undefined;
  client: { request: typeof http.request };
  agent: http.Agent;
  /** Headers of the verifier's that stay with the proxy (the relay key). */
  dropHeaders: ReadonlySet<string>;
  toReal(text: string): string;
  /** Undefined when no project id is swapped: the bytes pass as they are. */
  toFictional: ((text: string) => string) | undefined;
  record(event: ForwardEvent): void;
}

type Failure = 'timeout' | 'io' | 'too-large';

export function forward(ctx: ForwardContext, req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): void {
  let settled = false;
  let received: number | undefined; // bytes of the answer's body, once its head arrived
  const chunks: Buffer[] = [];
  const upstream = ctx.client.request(upstreamOptions(ctx, req, body), (response) => {
    received = 0;
    if (Number(response.headers['content-length'] ?? 0) > ctx.maxResponseBytes) return fail('too-large', tooLarge(ctx));
    response.on('data', (chunk: Buffer) => {
      if (settled) return;
      received = (received ?? 0) + chunk.length;
      if (received > ctx.maxResponseBytes) fail('too-large', tooLarge(ctx));
      else chunks.push(chunk);
    });
    response.on('end', () => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      ctx.record({ kind: 'request', status: response.statusCode ?? 0 });
      answer(ctx, res, response, Buffer.concat(chunks));
    });
    response.on('aborted', () => fail('io', `the response from ${ctx.shown} broke off: ECONNRESET`));
    response.on('error', (error) => fail('io', `the response from ${ctx.shown} broke off: ${codeOf(error)}`));
  });
  const fail = (failure: Failure, message: string): void => {
    if (settled) return;
    settled = true;
    clearTimeout(deadline);
    chunks.length = 0;
    ctx.record({ kind: 'request', failure, message });
    upstream.destroy();
    const status = failure === 'timeout' ? 504 : 502;
    reply(res, status, { error: { code: status, message: `numbers-contract proxy: ${message}`, status: 'UNAVAILABLE', details: [] } });
  };
  // One deadline for the whole answer, head and body: an idle timeout never fires on a drip.
  const deadline = setTimeout(() => {
    const message = received === undefined ? `no response from ${ctx.shown} within ${ctx.timeoutMs} ms` : `the response from ${ctx.shown} did not complete within ${ctx.timeoutMs} ms (${received} bytes of its body received)`;
    fail('timeout', message);
  }, ctx.timeoutMs);
  upstream.on('error', (error) => fail('io', `the request to ${ctx.shown} failed: ${codeOf(error)}`));
  upstream.end(body);
}

function upstreamOptions(ctx: ForwardContext, req: http.IncomingMessage, body: Buffer): http.RequestOptions {
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(name) && !ctx.dropHeaders.has(name) && value !== undefined) headers[name] = value;
  if (ctx.authorization !== undefined && typeof headers.authorization === 'string' && headers.authorization !== INVALID_CREDENTIAL) headers.authorization = ctx.authorization;
  headers.host = ctx.target.host;
  // Identity encoding, so the project-id swap and the report see the provider's bytes as they are.
  delete headers['accept-encoding'];
  if (body.length > 0 || req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH') headers['content-length'] = body.length;
  return {
    protocol: ctx.target.protocol,
    hostname: ctx.target.hostname,
    port: ctx.target.port,
    method: req.method,
    path: ctx.target.pathname.replace(/\/$/, '') + ctx.toReal(req.url ?? '/'),
    headers,
    agent: ctx.agent,
  };
}

function answer(ctx: ForwardContext, res: http.ServerResponse, response: http.IncomingMessage, received: Buffer): void {
  const swap = ctx.toFictional;
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (!HOP_BY_HOP.has(name) && value !== undefined) out[name] = typeof value === 'string' && swap !== undefined ? swap(value) : value;
  }
  const text = swap === undefined ? received : Buffer.from(swap(received.toString('utf8')));
  out['content-length'] = text.length;
  res.writeHead(response.statusCode ?? 502, out);
  res.end(text);
}

function tooLarge(ctx: ForwardContext): string {
  return `the response from ${ctx.shown} is larger than ${ctx.maxResponseBytes} bytes (${mib(ctx.maxResponseBytes)}); it was not read further`;
}

function mib(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${(bytes / (1024 * 1024)).toFixed(2)} MiB`;
}

export function reply(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}
