/**
 * Servers the kit runs on 127.0.0.1 answer only what runs on this machine. A web page the user has
 * open can still reach loopback ports: a cross-site `text/plain` POST needs no CORS preflight, and
 * DNS rebinding sends a foreign Host. So a request must name a loopback Host, and where it matters
 * come from no foreign Origin (Node clients, the SDKs, Pact's verifier and curl send none).
 */
import type http from 'node:http';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** `127.0.0.1:4123` → `127.0.0.1`; `[::1]:4123` → `[::1]`. */
function hostName(hostHeader: string): string {
  const bracketed = /^(\[[^\]]*\])(?::\d+)?$/.exec(hostHeader);
  if (bracketed !== null) return bracketed[1]!.toLowerCase();
  return hostHeader.replace(/:\d+$/, '').toLowerCase();
}

/** Whether the Host header names this machine (missing: no). */
export function hasLoopbackHost(req: Pick<http.IncomingMessage, 'headers'>): boolean {
  const host = req.headers.host;
  return host !== undefined && LOOPBACK_HOSTS.has(hostName(host));
}

/** Whether an Origin header says a web page of another site sent the request (`null` included); none: no. */
export function hasForeignOrigin(req: Pick<http.IncomingMessage, 'headers'>): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  try {
    return !LOOPBACK_HOSTS.has(new URL(origin).hostname.toLowerCase());
  } catch {
    return true;
  }
}
