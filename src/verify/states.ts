/** Where the verification proxy sends provider-state changes: the reference provider, a URL, or handlers. */
import { KitError } from '../errors.js';
import type { ReferenceProvider } from '../provider/types.js';
import type { PactSource } from './pacts.js';
import type { StateBackend } from './proxy.js';
import type { StateHandler } from './types.js';

export function embeddedStates(provider: ReferenceProvider): StateBackend {
  return async (action, name, params) => {
    if (action === 'teardown' || name === '') provider.clearState(params);
    else provider.setState(name, params);
  };
}

export function remoteStates(url: URL, timeoutMs: number): StateBackend {
  return async (action, name, params) => {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ state: name, params, action }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error instanceof Error ? error.name : String(error));
      throw new Error(`the state-change URL could not be reached: ${cause}`);
    }
    const text = await response.text();
    if (!response.ok) throw new Error(`the state-change URL answered ${response.status}${text.trim() === '' ? '' : `: ${text.trim().slice(0, 200)}`}`);
  };
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
    throw new KitError('STATE_HANDLER_MISSING', `no state handler for ${list.length} provider state(s): ${list.slice(0, 5).map((n) => `"${n}"`).join(', ')}${list.length > 5 ? ', ...' : ''}`, { argument: 'stateHandlers' });
  }
}
