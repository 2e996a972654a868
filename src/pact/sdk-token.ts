/**
 * The OAuth2 token endpoint the official Sinch SDK calls before every first request, answered on
 * loopback outside the pact: the SDK gets a placeholder bearer token, so a case's mock server sees
 * only the Numbers request the contract is about. One server per matrix, started on first use.
 * Like every loopback server of the kit it answers this machine only (a loopback Host, no foreign
 * Origin: a web page the user has open gets 403), and it holds no body.
 */
import http from 'node:http';
import { listen, type ListeningServer } from '../util/http-server.js';
import { hasForeignOrigin, hasLoopbackHost } from '../util/loopback-guard.js';

/** The token every SDK request then carries: a placeholder the contracts' Authorization regex accepts. */
const SDK_PLACEHOLDER_TOKEN = 'example-token';

export interface TokenServer {
  /** e.g. `http://127.0.0.1:41234`: the SDK's `authHostname`. */
  url: string;
  /** Token requests answered so far. */
  readonly requests: number;
  close(): Promise<void>;
}

export async function startTokenServer(): Promise<TokenServer> {
  let requests = 0;
  const server = http.createServer((req, res) => {
    // The body is never read: the answer goes out at once and the connection closes after it.
    req.resume();
    const foreign = !hasLoopbackHost(req) || hasForeignOrigin(req);
    const isTokenRequest = !foreign && req.method === 'POST' && (req.url ?? '').split('?')[0] === '/oauth2/token';
    if (isTokenRequest) requests += 1;
    const [status, body] = foreign
      ? [403, { error: 'the kit answers token requests from this machine only' }]
      : isTokenRequest
        ? [200, { access_token: SDK_PLACEHOLDER_TOKEN, expires_in: 3600, scope: '', token_type: 'bearer' }]
        : [404, { error: 'the kit answers only POST /oauth2/token here' }];
    res.writeHead(status, { 'Content-Type': 'application/json', Connection: 'close' });
    res.end(JSON.stringify(body));
  });
  // Never what keeps a test process alive: a suite that forgets writePact() still exits.
  server.unref();
  const listening: ListeningServer = await listen(server, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${listening.port}`,
    get requests() {
      return requests;
    },
    close: () => listening.close(),
  };
}
