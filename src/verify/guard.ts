/**
 * Who may use the verification proxy. It adds the real SINCH_* credentials to what it forwards, and
 * any local process can connect to a loopback port: so only Pact's verifier of this run may use it
 * (it sends the run's random key in a header, handed to it over IPC, never on a command line), and
 * only for the requests the pacts being verified make (method + path). Anything else is refused
 * with 403 before it reaches the provider or the state backend.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** The header that carries the run's key; never forwarded to the provider. */
export const RELAY_KEY_HEADER = 'x-numbers-contract-relay';

type Admission = { kind: 'state' } | { kind: 'forward' } | { kind: 'refused'; reason: string };

export interface RelayGuard {
  /** Headers Pact's verifier sends with every request and state change. */
  verifierHeaders: Record<string, string>;
  admit(req: { method?: string | undefined; url?: string | undefined; headers: Record<string, string | string[] | undefined> }): Admission;
}

export type AllowedRequests = ReadonlyArray<{ method: string; path: string }>;

/**
 * `allowed`: every request the pacts make, or a function that says it as the pacts become known (from
 * a broker, the verifier fetches them during the run; a new list is read when it returns another
 * array); `statePath`: the proxy's state-change endpoint (POST only).
 */
export function createGuard(allowed: AllowedRequests | (() => AllowedRequests), statePath: string): RelayGuard {
  const key = randomBytes(32).toString('hex');
  const expected = Buffer.from(key);
  let known: AllowedRequests | undefined;
  let requests = new Set<string>();
  const current = (): Set<string> => {
    const list = typeof allowed === 'function' ? allowed() : allowed;
    if (list !== known) {
      known = list;
      requests = new Set(list.map((r) => `${r.method.toUpperCase()} ${canonicalPath(r.path)}`));
    }
    return requests;
  };
  return {
    verifierHeaders: { [RELAY_KEY_HEADER]: key },
    admit(req) {
      const given = req.headers[RELAY_KEY_HEADER];
      const presented = Buffer.from(typeof given === 'string' ? given : '');
      if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return { kind: 'refused', reason: "this loopback relay serves only this run's Pact verifier" };
      const method = (req.method ?? '').toUpperCase();
      const path = canonicalPath((req.url ?? '/').split('?', 1)[0] ?? '/');
      if (path === statePath) return method === 'POST' ? { kind: 'state' } : { kind: 'refused', reason: 'state changes are POSTed' };
      return current().has(`${method} ${path}`) ? { kind: 'forward' } : { kind: 'refused', reason: 'no interaction being verified makes this request' };
    },
  };
}

/** The same path however it was percent-encoded (the verifier encodes what the pact writes raw). */
function canonicalPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
