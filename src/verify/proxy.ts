/**
 * The verification proxy between Pact's verifier and the provider, on loopback. It is the
 * request filter: it puts real credentials on each request (never on the 401 cases, which must
 * keep their `Bearer invalid-token`), swaps the contracts' fictional project id for the real one
 * in paths and back in responses, and enforces the request timeout. It also serves the state-change
 * endpoint and calls the state backend, so a throwing state handler fails its interaction with
 * its own message. Every setup, request and teardown is recorded in order for the report.
 */
import http from 'node:http';
import https from 'node:https';
import { listen } from '../util/http-server.js';
import { parseStateChange } from '../util/state-change.js';

export const PROXY_STATE_PATH = '/__numbers-contract/state';
/** The credential the contracts' 401 cases send: never replaced. */
export const INVALID_CREDENTIAL = 'Bearer invalid-token';

/** Sets a provider state up or tears it down. `signal` aborts when the state change timed out: stop the work, close its sockets. */
export type StateBackend = (action: 'setup' | 'teardown', name: string, params: Record<string, unknown>, signal: AbortSignal) => Promise<void>;

/**
 * A state change that failed for environment reasons (the endpoint did not answer in time, or
 * could not be reached), not because the provider refused the state: the interaction is an
 * environment error (exit 3), like a provider request that times out.
 */
export class StateEnvironmentError extends Error {
  override readonly name = 'StateEnvironmentError';
  constructor(
    readonly failure: 'timeout' | 'io',
    message: string,
  ) {
    super(message);
  }
}

export type ProxyEvent =
  | { kind: 'setup'; state: string; ok: boolean; message?: string; failure?: 'timeout' | 'io' }
  | { kind: 'teardown'; state: string; ok: boolean; message?: string; failure?: 'timeout' | 'io' }
  | { kind: 'request'; status?: number; failure?: 'timeout' | 'io'; message?: string };

export interface ProxyOptions {
  target: URL;
  timeoutMs: number;
  /** The Authorization value to send instead of the contract's placeholder. */
  authorization?: string;
  /** Fictional project ids (from the pacts' provider states) → the real one. */
  projectIds?: { fictional: readonly string[]; real: string };
  state: StateBackend;
  onEvent?: (event: ProxyEvent) => void;
}

export interface VerificationProxy {
  url: string;
  stateUrl: string;
  events: ProxyEvent[];
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host', 'content-length']);

export async function startProxy(options: ProxyOptions): Promise<VerificationProxy> {
  const events: ProxyEvent[] = [];
  const record = (event: ProxyEvent): void => {
    events.push(event);
    options.onEvent?.(event);
  };
  const client = options.target.protocol === 'https:' ? https : http;
  const agent = new client.Agent({ keepAlive: true, maxSockets: 4 });
  const toReal = (text: string): string => swap(text, options.projectIds?.fictional ?? [], options.projectIds?.real);
  const toFictional = (text: string): string => (options.projectIds === undefined ? text : text.split(options.projectIds.real).join(options.projectIds.fictional[0] ?? ''));

  const server = http.createServer((req, res) => {
    collect(req)
      .then(async (body) => {
        if (req.method === 'POST' && (req.url ?? '').split('?')[0] === PROXY_STATE_PATH) {
          await stateChange(body, res);
          return;
        }
        forward(req, body, res);
      })
      .catch(() => reply(res, 500, { error: 'numbers-contract proxy: cannot read the request' }));
  });

  async function stateChange(body: Buffer, res: http.ServerResponse): Promise<void> {
    const change = parseStateChange(body);
    if (change === undefined) {
      reply(res, 400, { error: 'numbers-contract proxy: the state change body is not a JSON object' });
      return;
    }
    const { action, state } = change;
    const params = JSON.parse(toReal(JSON.stringify(change.params))) as Record<string, unknown>;
    try {
      const controller = new AbortController();
      await withTimeout(options.state(action, state, params, controller.signal), options.timeoutMs, `the state ${action} did not finish within ${options.timeoutMs} ms`, controller);
      record({ kind: action, state, ok: true });
      reply(res, 200, {});
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      // A state endpoint that timed out or could not be reached is the environment; one that refused the state is the contract.
      const failure = error instanceof StateEnvironmentError ? error.failure : undefined;
      record({ kind: action, state, ok: false, message: toFictional(text), ...(failure === undefined ? {} : { failure }) });
      // 400, not 5xx: the verifier retries state changes that answer 5xx.
      reply(res, 400, { error: toFictional(text) });
    }
  }

  function forward(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): void {
    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
    if (options.authorization !== undefined && typeof headers.authorization === 'string' && headers.authorization !== INVALID_CREDENTIAL) {
      headers.authorization = options.authorization;
    }
    headers.host = options.target.host;
    // Identity encoding, so the project-id swap and the report see the provider's bytes as they are.
    delete headers['accept-encoding'];
    if (body.length > 0 || req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH') headers['content-length'] = body.length;
    const basePath = options.target.pathname.replace(/\/$/, '');
    let settled = false;
    const upstream = client.request(
      {
        protocol: options.target.protocol,
        hostname: options.target.hostname,
        port: options.target.port,
        method: req.method,
        path: basePath + toReal(req.url ?? '/'),
        headers,
        agent,
      },
      (response) => {
        collect(response)
          .then((received) => {
            if (settled) return;
            settled = true;
            record({ kind: 'request', status: response.statusCode ?? 0 });
            const out: http.OutgoingHttpHeaders = {};
            for (const [name, value] of Object.entries(response.headers)) {
              if (!HOP_BY_HOP.has(name) && value !== undefined) out[name] = typeof value === 'string' ? toFictional(value) : value;
            }
            const text = options.projectIds === undefined ? received : Buffer.from(toFictional(received.toString('utf8')));
            out['content-length'] = text.length;
            res.writeHead(response.statusCode ?? 502, out);
            res.end(text);
          })
          .catch((error: unknown) => fail('io', `the provider's response broke off: ${codeOf(error)}`));
      },
    );
    const fail = (failure: 'timeout' | 'io', message: string): void => {
      if (settled) return;
      settled = true;
      record({ kind: 'request', failure, message });
      upstream.destroy();
      reply(res, failure === 'timeout' ? 504 : 502, { error: { code: failure === 'timeout' ? 504 : 502, message: `numbers-contract proxy: ${message}`, status: 'UNAVAILABLE', details: [] } });
    };
    upstream.setTimeout(options.timeoutMs, () => fail('timeout', `no response within ${options.timeoutMs} ms`));
    upstream.on('error', (error) => fail('io', `request failed: ${codeOf(error)}`));
    upstream.end(body);
  }

  const listening = await listen(server, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${listening.port}`;
  return {
    url,
    stateUrl: `${url}${PROXY_STATE_PATH}`,
    events,
    close: async () => {
      await listening.close();
      agent.destroy();
    },
  };
}

function swap(text: string, from: readonly string[], to: string | undefined): string {
  if (to === undefined) return text;
  let out = text;
  for (const id of from) if (id !== '') out = out.split(id).join(to);
  return out;
}

function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
    stream.on('aborted', () => reject(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
  });
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string, controller: AbortController): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new StateEnvironmentError('timeout', message));
        controller.abort();
      }, ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
