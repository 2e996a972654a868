/**
 * The verification proxy adds the real SINCH_* credentials to what it forwards, on a loopback port
 * any local process can reach (issue 15, item 1). Only this run's verifier (it sends the run's key)
 * may use it, only for the requests of the pacts being verified; anything else is 403 and never
 * reaches the provider or the state backend.
 */
import { expect } from 'chai';
import { RELAY_KEY_HEADER } from '../../src/verify/guard.js';
import { PROXY_STATE_PATH, startProxy, type VerificationProxy } from '../../src/verify/proxy.js';
import { verifyContracts } from '../../src/verify/run.js';
import { httpFaultProvider, type FaultProvider } from '../helpers/fault-providers.js';
import { sendRaw as send } from '../helpers/http.js';
import { PROJECT, tempDir, writeContract } from './helpers.js';

const SECRET = 'Basic a2l0LXRlc3Qta2V5OmtpdC10ZXN0LXNlY3JldA==';
const PATH = `/v1/projects/${PROJECT}/activeNumbers/+12025550123`;

describe('verify: the proxy is no open credential relay', () => {
  let provider: FaultProvider;
  let proxy: VerificationProxy;
  const seen: Array<{ method: string; url: string; authorization: string | undefined; key: string | undefined }> = [];
  const states: string[] = [];

  before(async () => {
    provider = await httpFaultProvider((req, res) => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, key: req.headers[RELAY_KEY_HEADER] as string | undefined });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
    proxy = await startProxy({
      target: new URL(provider.url),
      allowed: [{ method: 'GET', path: PATH }],
      timeoutMs: 2000,
      authorization: SECRET,
      state: async (action, name) => void states.push(`${action} ${name}`),
    });
  });
  after(async () => {
    await proxy.close();
    await provider.close();
  });
  beforeEach(() => {
    seen.length = 0;
    states.length = 0;
  });

  const key = (): Record<string, string> => proxy.verifierHeaders;
  const refusedRows: Array<{ title: string; method: string; path: string; headers: () => Record<string, string>; reason: string }> = [
    { title: 'an allowed request without the key', method: 'GET', path: PATH, headers: () => ({ authorization: 'Bearer example-token' }), reason: "this loopback relay serves only this run's Pact verifier" },
    { title: 'a request with a wrong key', method: 'GET', path: PATH, headers: () => ({ [RELAY_KEY_HEADER]: 'f'.repeat(64) }), reason: "this loopback relay serves only this run's Pact verifier" },
    { title: 'a request with a key of another length', method: 'GET', path: PATH, headers: () => ({ [RELAY_KEY_HEADER]: 'x' }), reason: "this loopback relay serves only this run's Pact verifier" },
    { title: 'the key, another method', method: 'DELETE', path: PATH, headers: key, reason: 'no interaction being verified makes this request' },
    { title: 'the key, another path', method: 'GET', path: `/v1/projects/${PROJECT}/availableNumbers`, headers: key, reason: 'no interaction being verified makes this request' },
    { title: 'the key, a path that climbs out', method: 'GET', path: `${PATH}/../../..`, headers: key, reason: 'no interaction being verified makes this request' },
    { title: 'the state endpoint without the key', method: 'POST', path: PROXY_STATE_PATH, headers: () => ({ 'content-type': 'application/json' }), reason: "this loopback relay serves only this run's Pact verifier" },
    { title: 'the state endpoint with the key, not POST', method: 'GET', path: PROXY_STATE_PATH, headers: key, reason: 'state changes are POSTed' },
  ];
  for (const row of refusedRows) {
    it(`refuses ${row.title}: 403, and neither the provider nor the state backend hears of it`, async () => {
      const answer = await send(proxy.url, row.method, row.path, row.headers(), row.method === 'POST' ? '{"state":"a number is active","action":"setup"}' : '');
      expect(answer).to.deep.equal({ status: 403, body: JSON.stringify({ error: `numbers-contract proxy: refused: ${row.reason}` }) });
      expect(seen).to.deep.equal([]);
      expect(states).to.deep.equal([]);
      expect(proxy.events).to.deep.equal([]);
    });
  }

  it("passes the verifier's own requests (the key, an allowed request, the path percent-encoded or not) with the credentials, and never forwards the key", async () => {
    const plain = await send(proxy.url, 'GET', PATH, { ...key(), authorization: 'Bearer example-token' });
    const encoded = await send(proxy.url, 'GET', PATH.replace('+', '%2B'), { ...key(), authorization: 'Bearer example-token' });
    const state = await send(proxy.url, 'POST', PROXY_STATE_PATH, key(), '{"state":"a number is active","action":"setup"}');
    expect([plain.status, encoded.status, state.status]).to.deep.equal([200, 200, 200]);
    expect(seen.map((s) => [s.method, s.authorization, s.key])).to.deep.equal([
      ['GET', SECRET, undefined],
      ['GET', SECRET, undefined],
    ]);
    expect(states).to.deep.equal(['setup a number is active']);
  });

  it("a whole verification still passes through it: Pact's verifier sends the key, the provider never sees it", async function () {
    this.timeout(60_000);
    const dir = await tempDir('relay');
    const { file } = await writeContract(dir, (c) => c.operationId === 'GetCallbackConfiguration');
    const recorder = await httpFaultProvider((req, res) => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, key: req.headers[RELAY_KEY_HEADER] as string | undefined });
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":{"code":404,"message":"x","status":"NOT_FOUND","details":[]}}');
    });
    try {
      const summary = await verifyContracts({ pactUrls: [file], providerBaseUrl: recorder.url, cwd: dir, env: {}, timeoutMs: 5000 });
      expect(summary.total).to.be.above(0);
      expect(seen.length, 'the probe and one request per interaction').to.equal(1 + summary.total);
      expect(seen.filter((s) => s.key !== undefined)).to.deep.equal([]);
    } finally {
      await recorder.close();
    }
  });
});
