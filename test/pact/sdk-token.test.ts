/**
 * The loopback OAuth2 token endpoint the harness gives the Sinch SDK (issue 15 sweep): it answers
 * this machine's SDK, and nothing else. A web page the user has open (a cross-site POST, a foreign
 * Origin, DNS rebinding's foreign Host) gets 403; an endless body is not read on: the answer goes out
 * at once and the connection closes after it.
 */
import http from 'node:http';
import { expect } from 'chai';
import { startTokenServer, type TokenServer } from '../../src/pact/sdk-token.js';
import { sendRaw, type HttpAnswer } from '../helpers/http.js';

const FORM = 'grant_type=client_credentials';

function post(server: TokenServer, headers: Record<string, string>, body = FORM, path = '/oauth2/token'): Promise<HttpAnswer> {
  return sendRaw(server.url, 'POST', path, headers, body);
}

describe('pact/sdk-token: the SDK token endpoint on loopback', () => {
  let server: TokenServer;
  beforeEach(async () => {
    server = await startTokenServer();
  });
  afterEach(() => server.close());

  it("answers the SDK's token request (loopback Host, form body, no Origin) with the placeholder token", async () => {
    const host = new URL(server.url).host;
    const answer = await post(server, { host, 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic a2V5OnNlY3JldA==' });
    expect(answer.status).to.equal(200);
    expect(JSON.parse(answer.body)).to.deep.equal({ access_token: 'example-token', expires_in: 3600, scope: '', token_type: 'bearer' });
    expect(server.requests).to.equal(1);
    expect((await post(server, { host }, FORM, '/other')).status).to.equal(404);
  });

  const foreign: Array<[string, () => Record<string, string>]> = [
    ['a cross-site text/plain POST (Origin of a web page)', () => ({ host: new URL(server.url).host, origin: 'https://attacker.example', 'content-type': 'text/plain' })],
    ['Origin: null (a sandboxed frame or a file: page)', () => ({ host: new URL(server.url).host, origin: 'null' })],
    ['a foreign Host (DNS rebinding)', () => ({ host: `attacker.example:${new URL(server.url).port}` })],
    ['a Host that only starts like loopback', () => ({ host: '127.0.0.1.attacker.example' })],
  ];
  for (const [title, headers] of foreign) {
    it(`refuses ${title}: 403, not counted`, async () => {
      const answer = await post(server, headers());
      expect(answer.status).to.equal(403);
      expect(JSON.parse(answer.body)).to.deep.equal({ error: 'the kit answers token requests from this machine only' });
      expect(server.requests).to.equal(0);
    });
  }

  it('an endless request body: answered at once, the connection closed, the body not drained without end', async () => {
    const url = new URL(server.url);
    const sent = await new Promise<number>((resolve) => {
      let written = 0;
      const req = http.request({ host: url.hostname, port: url.port, method: 'POST', path: '/oauth2/token', headers: { 'transfer-encoding': 'chunked' }, agent: false });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = (): void => {
        while (written < 256 * 1024 * 1024) {
          written += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      req.on('response', (res) => res.resume());
      req.on('error', () => resolve(written));
      req.on('close', () => resolve(written));
      pump();
    });
    expect(sent, 'bytes the client got to write before the server closed the connection').to.be.below(64 * 1024 * 1024);
  });
});
