/**
 * The sandbox answers only what runs on this machine: a web page the user has open can still
 * reach 127.0.0.1 (a cross-site `text/plain` POST needs no CORS preflight, and DNS rebinding sends
 * a foreign Host). So every request must name a loopback Host, and a state change must be JSON
 * from no foreign Origin. Pact verifiers, the SDKs and curl all pass.
 */
import type http from 'node:http';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** `127.0.0.1:4123` → `127.0.0.1`; `[::1]:4123` → `[::1]`. */
function hostName(hostHeader: string): string {
  const bracketed = /^(\[[^\]]*\])(?::\d+)?$/.exec(hostHeader);
  if (bracketed !== null) return bracketed[1]!.toLowerCase();
  return hostHeader.replace(/:\d+$/, '').toLowerCase();
}

function isLoopbackOrigin(origin: string): boolean {
  try {
    return LOOPBACK_HOSTS.has(new URL(origin).hostname.toLowerCase());
  } catch {
    return false;
  }
}

/** Why the request is refused (a sentence for the 403), or undefined when it may be served. */
export function refuseForeign(req: Pick<http.IncomingMessage, 'headers'>, isStateChange: boolean): string | undefined {
  const host = req.headers.host;
  if (host === undefined || !LOOPBACK_HOSTS.has(hostName(host))) return 'the reference provider answers requests for a loopback Host only (127.0.0.1, localhost, [::1])';
  if (!isStateChange) return undefined;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null' && !isLoopbackOrigin(origin)) return 'provider states are changed from this machine only, not from a web page';
  if (origin === 'null') return 'provider states are changed from this machine only, not from a web page';
  const type = (req.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (type !== 'application/json') return 'a state change must be sent as application/json';
  return undefined;
}
