/** Where the verification proxy sends provider-state changes: the reference provider, a URL, or handlers. */
import http from 'node:http';
import https from 'node:https';
import { KitError } from '../errors.js';
import type { ReferenceProvider } from '../provider/types.js';
import type { PactSource } from './pacts.js';
import { StateEnvironmentError, type StateBackend } from './proxy.js';
import type { StateHandler } from './types.js';

export function embeddedStates(provider: ReferenceProvider): StateBackend {
  return async (action, name, params) => {
    if (action === 'teardown' || name === '') provider.clearState(params);
    else provider.setState(name, params);
  };
}

/**
 * Posts each state change to the provider's endpoint. node:http without keep-alive, not fetch:
 * an aborted fetch leaves its socket open in the process-wide pool for seconds after the
 * verification returned (undici closes aborted and idle sockets late). The proxy times the
 * change out and aborts it, which destroys the request's socket; `timeoutMs` (plus a second) is
 * only a backstop for callers that never abort.
 */
export function remoteStates(url: URL, timeoutMs: number): StateBackend {
  return (action, name, params, signal) =>
    new Promise<void>((resolve, reject) => {
      const payload = JSON.stringify({ state: name, params, action });
      const client = url.protocol === 'https:' ? https : http;
      const req = client.request(url, { method: 'POST', agent: false, signal, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          // Only the start of the answer is ever shown.
          if (size < 4096) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString('utf8').trim();
          if (status >= 200 && status < 300) resolve();
          else reject(new Error(`the state-change URL answered ${status}${text === '' ? '' : `: ${text.slice(0, 200)}`}`));
        });
        res.on('error', (error: NodeJS.ErrnoException) => reject(new StateEnvironmentError('io', `the state-change URL's answer broke off: ${error.code ?? error.message}`)));
      });
      req.setTimeout(timeoutMs + 1000, () => {
        req.destroy();
        reject(new StateEnvironmentError('timeout', `the state-change URL did not answer within ${timeoutMs + 1000} ms`));
      });
      req.on('error', (error: NodeJS.ErrnoException) => reject(new StateEnvironmentError('io', `the state-change URL could not be reached: ${error.code ?? error.message}`)));
      req.end(payload);
    });
}

export function handlerStates(handlers: Readonly<Record<string, StateHandler>>): StateBackend {
  return async (action, name, params) => {
    if (name === '') return;
    const handler = Object.hasOwn(handlers, name) ? handlers[name] : undefined;
    const fn = typeof handler === 'function' ? (action === 'setup' ? handler : undefined) : handler?.[action];
    if (fn !== undefined) await fn(params);
  };
}

/** Every state the pacts name needs a handler (checked before anything runs: exit 2). */
export function checkHandlers(sources: readonly PactSource[], handlers: Readonly<Record<string, StateHandler>>): void {
  const missing = new Set<string>();
  for (const s of sources) for (const i of s.interactions) for (const st of i.states) if (st.name !== '' && !Object.hasOwn(handlers, st.name)) missing.add(st.name);
  if (missing.size > 0) {
    const list = [...missing].sort();
    throw new KitError(
      'STATE_HANDLER_MISSING',
      `no state handler for ${list.length} provider state(s): ${list
        .slice(0, 5)
        .map((n) => `"${n}"`)
        .join(', ')}${list.length > 5 ? ', ...' : ''}`,
      { argument: 'stateHandlers' },
    );
  }
}
