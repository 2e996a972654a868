/**
 * The verification proxy between Pact's verifier and the provider, on loopback. It is the
 * request filter: it admits only this run's verifier and the pacts' requests (guard.ts), puts real
 * credentials on each request (never on the 401 cases, which must keep their `Bearer
 * invalid-token`), swaps the contracts' fictional project id for the real one in paths and back in
 * responses, and bounds each answer in time and size (forward.ts). It also serves the state-change
 * endpoint and calls the state backend, so a throwing state handler fails its interaction with its
 * own message. Every setup, request and teardown is recorded in order for the report.
 */
import http from 'node:http';
import https from 'node:https';
import { listen } from '../util/http-server.js';
import { parseStateChange } from '../util/state-change.js';
import { forward, MAX_RESPONSE_BYTES, reply, type ForwardContext, type ForwardEvent } from './forward.js';
import { createGuard, RELAY_KEY_HEADER, type AllowedRequests } from './guard.js';
import { withTimeout } from '../util/timeout.js';
import { MESSAGE_REQUEST } from './pacts.js';

export const PROXY_STATE_PATH = '/__numbers-contract/state';

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

export type ProxyEvent = { kind: 'setup'; state: string; ok: boolean; message?: string; failure?: 'timeout' | 'io' } | { kind: 'teardown'; state: string; ok: boolean; message?: string; failure?: 'timeout' | 'io' } | ForwardEvent;

export interface ProxyOptions {
  target: URL;
  /** The provider's base URL as messages show it (redacted); default: `target` as it is. */
  shown?: string;
  /** Every request the pacts being verified make (or a function saying it, for pacts known only during the run): the proxy refuses (403) any other. */
  allowed: AllowedRequests | (() => AllowedRequests);
  timeoutMs: number;
  /** Largest provider answer held (default MAX_RESPONSE_BYTES); a larger one fails its interaction. */
  maxResponseBytes?: number;
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
  /** Headers the verifier must send with every request and state change (the run's key). */
  verifierHeaders: Record<string, string>;
  close(): Promise<void>;
}

export async function startProxy(options: ProxyOptions): Promise<VerificationProxy> {
  const events: ProxyEvent[] = [];
  const record = (event: ProxyEvent): void => {
    events.push(event);
    options.onEvent?.(event);
  };
  const client = options.target.protocol === 'https:' ? https : http;
  const agent = new client.Agent({ keepAlive: true, maxSockets: 4 });
  const toReal = (text: string): string => swap(text, options.projectIds?.fictional ?? [], options.projectIds?.real);
  const toFictional = options.projectIds === undefined ? undefined : (text: string): string => text.split(options.projectIds?.real ?? '').join(options.projectIds?.fictional[0] ?? '');
  const fictional = (text: string): string => toFictional?.(text) ?? text;
  const guard = createGuard(options.allowed, PROXY_STATE_PATH);
  const context: ForwardContext = {
    target: options.target,
    shown: options.shown ?? options.target.toString().replace(/\/$/, ''),
    timeoutMs: options.timeoutMs,
    maxResponseBytes: options.maxResponseBytes ?? MAX_RESPONSE_BYTES,
    authorization: options.authorization,
    client,
    agent,
    dropHeaders: new Set([RELAY_KEY_HEADER]),
    toReal,
    toFictional,
    record,
  };

  const server = http.createServer((req, res) => {
    const admission = guard.admit(req);
    if (admission.kind === 'refused') {
      // Before reading the body, and the connection closed after: a refused caller gets nothing more.
      reply(res, 403, { error: `numbers-contract proxy: refused: ${admission.reason}` }, { Connection: 'close' });
      return;
    }
    collect(req)
      .then(async (body) => {
        if (admission.kind === 'state') await stateChange(body, res);
        // A message request names its provider states, projectId and all: the real project, as in a state change.
        else forward(context, req, isMessageRequest(req) ? Buffer.from(toReal(body.toString('utf8'))) : body, res);
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
      await withTimeout(options.state(action, state, params, controller.signal), options.timeoutMs, () => new StateEnvironmentError('timeout', `the state ${action} did not finish within ${options.timeoutMs} ms`), controller);
      record({ kind: action, state, ok: true });
      reply(res, 200, {});
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      // A state endpoint that timed out or could not be reached is the environment; one that refused the state is the contract.
      const failure = error instanceof StateEnvironmentError ? error.failure : undefined;
      record({ kind: action, state, ok: false, message: fictional(text), ...(failure === undefined ? {} : { failure }) });
      // 400, not 5xx: the verifier retries state changes that answer 5xx.
      reply(res, 400, { error: fictional(text) });
    }
  }

  const listening = await listen(server, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${listening.port}`;
  return {
    url,
    stateUrl: `${url}${PROXY_STATE_PATH}`,
    events,
    verifierHeaders: guard.verifierHeaders,
    close: async () => {
      await listening.close();
      agent.destroy();
    },
  };
}

function isMessageRequest(req: http.IncomingMessage): boolean {
  return req.method === MESSAGE_REQUEST.method && (req.url ?? '').split('?', 1)[0] === MESSAGE_REQUEST.path;
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
