/**
 * The sandbox answers only what runs on this machine: a web page the user has open can still
 * reach 127.0.0.1 (a cross-site `text/plain` POST needs no CORS preflight, and DNS rebinding sends
 * a foreign Host). So every request must name a loopback Host, and a state change must be JSON
 * from no foreign Origin. Pact verifiers, the SDKs and curl all pass.
 */
import type http from 'node:http';
import { hasForeignOrigin, hasLoopbackHost } from '../util/loopback-guard.js';

/** Why the request is refused (a sentence for the 403), or undefined when it may be served. */
export function refuseForeign(req: Pick<http.IncomingMessage, 'headers'>, isStateChange: boolean): string | undefined {
  if (!hasLoopbackHost(req)) return 'the reference provider answers requests for a loopback Host only (127.0.0.1, localhost, [::1])';
  if (!isStateChange) return undefined;
  if (hasForeignOrigin(req)) return 'provider states are changed from this machine only, not from a web page';
  const type = (req.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (type !== 'application/json') return 'a state change must be sent as application/json';
  return undefined;
}
