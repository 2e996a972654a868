/**
 * A Pact Broker on loopback for the broker tests: only the HAL resources Pact's Rust verifier
 * (pact_verifier 1.3.x, rust/pact_verifier/src/pact_broker.rs in pact-foundation/pact-reference)
 * walks when it verifies "pacts for verification" and publishes results, shaped as the broker
 * documents them:
 *
 *   GET  /                                              index, link pb:provider-pacts-for-verification (templated)
 *   GET  /pacts/provider/{p}/for-verification           the resource, link self
 *   POST /pacts/provider/{p}/for-verification           body {consumerVersionSelectors, includePendingStatus,
 *                                                       includeWipPactsSince, providerVersionBranch, ...}
 *                                                       → _embedded.pacts[] {shortDescription, verificationProperties
 *                                                       {pending, notices}, _links.self}
 *   GET  /pacts/provider/{p}/consumer/{c}/pact-version/{v}   the pact, with _links pb:publish-verification-results
 *                                                       and pb:provider
 *   GET  /pacticipants/{p}                              link pb:branch-version (templated)
 *   PUT  /pacticipants/{p}/branches/{b}/versions/{v}    the provider version's branch
 *   POST .../pact-version/{v}/verification-results      the results
 *
 * Every request is recorded (method, path, Authorization, body) so tests assert what the verifier sent.
 * It is not a broker: it selects nothing itself; each test says which pacts the POST answers with.
 */
import http from 'node:http';
import { listen } from '../../src/util/http-server.js';

export interface BrokerPact {
  consumer: string;
  /** The pact document (its `_links` are added by the broker). */
  pact: Record<string, unknown>;
  pending?: boolean;
  wip?: boolean;
}

interface BrokerRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  userAgent: string | undefined;
  body: unknown;
}

export interface FakeBrokerOptions {
  provider: string;
  pacts: BrokerPact[];
  /** Credentials the broker accepts; anything else gets 401. None: no authentication. */
  auth?: { token: string } | { username: string; password: string };
  /** Answer every request with this status (e.g. 500), after recording it. */
  failWith?: number;
  /** Status of the verification-results POST (default 201). */
  publishStatus?: number;
}

export interface FakeBroker {
  url: string;
  requests: BrokerRequest[];
  /** The bodies POSTed to pb:publish-verification-results, by consumer. */
  published(): Array<{ consumer: string; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

const HAL = { 'Content-Type': 'application/hal+json' };

export async function startFakeBroker(options: FakeBrokerOptions): Promise<FakeBroker> {
  const requests: BrokerRequest[] = [];
  const published: Array<{ consumer: string; body: Record<string, unknown> }> = [];
  let base = '';
  const provider = encodeURIComponent(options.provider);
  const pactPath = (consumer: string): string => `/pacts/provider/${provider}/consumer/${encodeURIComponent(consumer)}/pact-version/${versionOf(consumer)}`;
  const expected = options.auth === undefined ? undefined : 'token' in options.auth ? `Bearer ${options.auth.token}` : `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}`;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        // kept as text
      }
      const url = new URL(req.url ?? '/', base);
      const path = url.pathname;
      requests.push({ method: req.method ?? 'GET', path, authorization: req.headers.authorization, userAgent: req.headers['user-agent'], body });
      const send = (status: number, payload: unknown): void => {
        const out = JSON.stringify(payload);
        res.writeHead(status, { ...HAL, 'Content-Length': Buffer.byteLength(out) });
        res.end(out);
      };
      if (options.failWith !== undefined) return send(options.failWith, { error: 'broker failure for the test' });
      if (expected !== undefined && req.headers.authorization !== expected) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="pact-broker"');
        return send(401, { error: 'Unauthorized' });
      }
      const forVerification = `/pacts/provider/${provider}/for-verification`;
      if (req.method === 'GET' && path === '/') {
        return send(200, {
          _links: {
            self: { href: base },
            'pb:provider-pacts-for-verification': { href: `${base}/pacts/provider/{provider}/for-verification`, title: 'Pact versions to be verified for the specified provider', templated: true },
          },
        });
      }
      if (path === forVerification && req.method === 'GET') {
        return send(200, { _links: { self: { href: `${base}${forVerification}`, title: 'Pacts to be verified' } } });
      }
      if (path === forVerification && req.method === 'POST') {
        const wip = typeof (body as { includeWipPactsSince?: unknown } | undefined)?.includeWipPactsSince === 'string';
        const pacts = options.pacts
          .filter((p) => wip || p.wip !== true)
          .map((p) => ({
            shortDescription: p.wip === true ? 'work in progress' : 'latest from main branch',
            verificationProperties: {
              pending: p.pending === true,
              notices: [{ when: 'before_verification', text: `The pact at ${base}${pactPath(p.consumer)} is being verified because it matches the selectors` }],
            },
            _links: { self: { href: `${base}${pactPath(p.consumer)}`, name: `Pact between ${p.consumer} and ${options.provider}` } },
          }));
        return send(200, { _embedded: { pacts }, _links: { self: { href: `${base}${forVerification}`, title: 'Pacts to be verified' } } });
      }
      const pact = options.pacts.find((p) => path === pactPath(p.consumer));
      if (pact !== undefined && req.method === 'GET') {
        // The broker gives each interaction an _id; the verifier's published testResults name interactions by it.
        const interactions = Array.isArray(pact.pact.interactions) ? (pact.pact.interactions as Array<Record<string, unknown>>).map((i, n) => ({ ...i, _id: `${versionOf(pact.consumer)}-${n}` })) : pact.pact.interactions;
        return send(200, {
          ...pact.pact,
          interactions,
          _links: {
            self: { href: `${base}${pactPath(pact.consumer)}` },
            'pb:provider': { href: `${base}/pacticipants/${provider}`, title: 'Provider', name: options.provider },
            'pb:publish-verification-results': { href: `${base}${pactPath(pact.consumer)}/verification-results`, title: 'Publish verification results' },
          },
        });
      }
      const results = options.pacts.find((p) => path === `${pactPath(p.consumer)}/verification-results`);
      if (results !== undefined && req.method === 'POST') {
        published.push({ consumer: results.consumer, body: body as Record<string, unknown> });
        return send(options.publishStatus ?? 201, { _links: { self: { href: `${base}${path}/1` } } });
      }
      if (req.method === 'GET' && path === `/pacticipants/${provider}`) {
        return send(200, {
          name: options.provider,
          _links: { self: { href: `${base}${path}` }, 'pb:branch-version': { href: `${base}/pacticipants/${provider}/branches/{branch}/versions/{version}`, templated: true } },
        });
      }
      if (req.method === 'PUT' && path.startsWith(`/pacticipants/${provider}/branches/`)) return send(200, { _links: { self: { href: `${base}${path}` } } });
      return send(404, { error: `the fake broker has no ${req.method ?? ''} ${path}` });
    });
  });
  const { port, close } = await listen(server, 0, '127.0.0.1');
  base = `http://127.0.0.1:${port}`;
  return { url: base, requests, published: () => published, close };
}

/** A stable fake pact-version sha per consumer. */
function versionOf(consumer: string): string {
  let hash = 0;
  for (const c of consumer) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return hash.toString(16).padStart(8, '0');
}
