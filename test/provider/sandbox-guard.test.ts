import { expect } from 'chai';
import http from 'node:http';
import { refuseForeign } from '../../src/provider/sandbox-guard.js';
import { startReferenceProvider, STATE_CHANGE_PATH } from '../../src/provider/server.js';
import type { ReferenceProvider } from '../../src/provider/types.js';

const HOST = 'the reference provider answers requests for a loopback Host only (127.0.0.1, localhost, [::1])';
const PAGE = 'provider states are changed from this machine only, not from a web page';
const JSON_ONLY = 'a state change must be sent as application/json';

describe('reference provider: only this machine may drive the sandbox', () => {
  const json = 'application/json';
  const table: Array<[string, Record<string, string>, boolean, string | undefined]> = [
    ['a verifier on 127.0.0.1', { host: '127.0.0.1:4123', 'content-type': json }, true, undefined],
    ['localhost without a port', { host: 'localhost', 'content-type': 'application/json; charset=utf-8' }, true, undefined],
    ['IPv6 loopback', { host: '[::1]:4123', 'content-type': json }, true, undefined],
    ['an API call for a loopback host', { host: '127.0.0.1:4123' }, false, undefined],
    ['a loopback page (a local tool)', { host: '127.0.0.1:4123', origin: 'http://localhost:3000', 'content-type': json }, true, undefined],
    ['DNS rebinding: a foreign Host on an API call', { host: 'attacker.example:4123' }, false, HOST],
    ['DNS rebinding: a foreign Host on a state change', { host: 'attacker.example', 'content-type': json }, true, HOST],
    ['no Host at all', {}, false, HOST],
    ['a Host that only starts like loopback', { host: '127.0.0.1.attacker.example' }, false, HOST],
    ['a cross-site text/plain POST (no preflight)', { host: '127.0.0.1:4123', origin: 'https://evil.example', 'content-type': 'text/plain' }, true, PAGE],
    ['a cross-site JSON POST', { host: '127.0.0.1:4123', origin: 'https://evil.example', 'content-type': json }, true, PAGE],
    ['a sandboxed page (Origin: null)', { host: '127.0.0.1:4123', origin: 'null', 'content-type': json }, true, PAGE],
    ['a same-machine text/plain state change', { host: '127.0.0.1:4123', 'content-type': 'text/plain' }, true, JSON_ONLY],
    ['a form post state change', { host: '127.0.0.1:4123', 'content-type': 'application/x-www-form-urlencoded' }, true, JSON_ONLY],
  ];
  for (const [title, headers, isStateChange, refused] of table) {
    it(`${title}: ${refused === undefined ? 'served' : 'refused'}`, () => {
      expect(refuseForeign({ headers }, isStateChange)).to.equal(refused);
    });
  }

  describe('over HTTP', () => {
    let provider: ReferenceProvider;
    before(async () => {
      provider = await startReferenceProvider();
    });
    after(() => provider.close());

    /** A raw request, so the Host header is exactly what the test says. */
    function post(headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
      const { port } = new URL(provider.url);
      return new Promise((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: STATE_CHANGE_PATH, headers, setHost: false }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        req.on('error', reject);
        req.end(body);
      });
    }
    const state = JSON.stringify({ state: 'the Numbers API is unavailable', params: {}, action: 'setup' });

    it('a cross-site text/plain state change is a 403 and changes nothing; the same change as a verifier sends it is served', async () => {
      const { port } = new URL(provider.url);
      const foreign = await post({ host: `127.0.0.1:${port}`, origin: 'https://evil.example', 'content-type': 'text/plain' }, state);
      expect([foreign.status, (JSON.parse(foreign.body) as { error: { message: string } }).error.message]).to.deep.equal([403, PAGE]);
      const own = await post({ host: `127.0.0.1:${port}`, 'content-type': 'application/json' }, state);
      expect(own.status).to.equal(200);
    });

    it('a rebinding Host gets a 403', async () => {
      const foreign = await post({ host: 'attacker.example', 'content-type': 'application/json' }, state);
      expect(foreign.status).to.equal(403);
    });
  });
});
