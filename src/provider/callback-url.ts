/**
 * Where the reference provider may POST callback events: loopback only. It is a sandbox on this
 * machine; a callbackUrl elsewhere (the real API would call it) is refused when a number is rented
 * or updated, with the reason, so no event ever leaves the machine.
 */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Why `text` is not a callback URL the reference provider delivers to; undefined when it is. */
export function refuseCallbackUrl(text: string): string | undefined {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (url === undefined) return 'callbackUrl is not a URL';
  if (url.protocol !== 'http:') return `the reference provider delivers callbacks over http to loopback only, not over ${url.protocol.slice(0, -1)}`;
  if (!LOOPBACK_HOSTS.has(url.hostname.toLowerCase())) return `the reference provider delivers callbacks to loopback only (127.0.0.1, [::1], localhost), not to ${url.hostname.slice(0, 100)}`;
  if (url.username !== '' || url.password !== '') return 'callbackUrl must not carry credentials';
  return undefined;
}
