import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { RemoteFetcher } from './options.js';

/** Addresses a remote `$ref` may never reach: loopback, private, link-local, CGNAT, multicast, reserved. */
const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['::ffff:0:0', 96],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv6');
}

const LOCAL_NAMES = /(^|\.)(localhost|local|internal|intranet|lan|home|corp)$/i;

export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return BLOCKED.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Why a remote `$ref` URL is refused before anything is sent (no DNS either), or undefined.
 * The WHATWG parser has already normalized `http://2130706433/` and `http://0x7f.1/` to 127.0.0.1.
 */
export function refuseRemoteUrl(url: URL): string | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `the ${url.protocol} scheme is not supported`;
  if (url.username !== '' || url.password !== '') return 'credentials in a $ref URL are refused';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) return isBlockedAddress(host) ? `${host} is a loopback, private or link-local address` : undefined;
  if (LOCAL_NAMES.test(host) || !host.includes('.')) return `${host} is a local host name`;
  return undefined;
}

/**
 * The fetcher used when `allowRemoteRefs` is on and none is given: every address the name
 * resolves to must be public, no redirects are followed, the time and the bytes are capped.
 * (The connection makes its own DNS query: a name that changes its answer in between is not
 * caught here. Pass `fetchRemote` to control that too.)
 */
export const fetchRemoteRef: RemoteFetcher = async (url, { maxBytes, timeoutMs }) => {
  const signal = AbortSignal.timeout(timeoutMs);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) === 0) {
    const answers = await lookup(host, { all: true, verbatim: true });
    const blocked = answers.find((answer) => isBlockedAddress(answer.address));
    if (blocked !== undefined) throw new RemoteRefusedError(`${host} resolves to ${blocked.address}, a loopback, private or link-local address`);
  }
  const response = await fetch(url, { redirect: 'error', signal, headers: { accept: 'application/yaml, application/json;q=0.9, */*;q=0.1' } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new RemoteTooLargeError(declared);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  for (let chunk = await reader?.read(); chunk !== undefined && !chunk.done; chunk = await reader?.read()) {
    total += chunk.value.length;
    if (total > maxBytes) {
      await reader?.cancel();
      throw new RemoteTooLargeError(total);
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks);
};

export class RemoteRefusedError extends Error {}
export class RemoteTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`more than ${bytes} bytes`);
  }
}
