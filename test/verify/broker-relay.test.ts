/**
 * The broker relay is no open relay (issue 15 #1, the broker side): it listens on loopback, where any
 * local process can connect, and it puts the broker credentials on what it forwards. Only this run's
 * verifier (its broker token is the run's key) may use it, and only for the broker walk: the index,
 * then paths the broker linked to. Anything else is 403 before its body is read, never reaches the
 * broker and never changes what the run records of the broker's answers.
 */
import http from 'node:http';
import { expect } from 'chai';
import { MAX_LINKS, createBrokerAdmission } from '../../src/verify/broker-admission.js';
import { startBrokerRelay, type BrokerRelay } from '../../src/verify/broker-relay.js';
import { startFakeBroker, type FakeBroker } from '../helpers/fake-broker.js';
import { sendRaw as send } from '../helpers/http.js';

const PROVIDER = 'sinch-numbers';
const TOKEN = 'pb-token-relay-7731';
const PACT = { consumer: { name: 'billing' }, provider: { name: PROVIDER }, interactions: [], metadata: { pactSpecification: { version: '4.0' } } };

describe('verify --broker-url: the broker relay serves only the verifier, only the broker walk', () => {
  let broker: FakeBroker;
  let relay: BrokerRelay;
  let key: string;
  let pactPath: string;
  const forVerification = `/pacts/provider/${PROVIDER}/for-verification`;

  before(async () => {
    broker = await startFakeBroker({ provider: PROVIDER, pacts: [{ consumer: 'billing', pact: PACT }], auth: { token: TOKEN } });
    relay = await startBrokerRelay(new URL(broker.url), 2000, { token: TOKEN });
    key = `Bearer ${relay.verifierToken}`;
    // The verifier's walk: index, the templated link filled, the selection, the pact it names.
    expect((await send(relay.url, 'GET', '/', { authorization: key })).status).to.equal(200);
    expect((await send(relay.url, 'GET', forVerification, { authorization: key })).status).to.equal(200);
    expect((await send(relay.url, 'POST', forVerification, { authorization: key, 'content-type': 'application/json' }, '{}')).status).to.equal(200);
    pactPath = relay.selection()?.[0]?.path as string;
    expect((await send(relay.url, 'GET', pactPath, { authorization: key })).status).to.equal(200);
  });
  after(async () => {
    await relay.close();
    await broker.close();
  });

  it("passes the verifier's walk with the broker's own credential, never the run's key", () => {
    expect(broker.requests.map((r) => `${r.method} ${r.path}`)).to.deep.equal([`GET /`, `GET ${forVerification}`, `POST ${forVerification}`, `GET ${pactPath}`]);
    expect(new Set(broker.requests.map((r) => r.authorization))).to.deep.equal(new Set([`Bearer ${TOKEN}`]));
    expect(relay.selection()?.[0]?.text).to.include('"billing"');
  });

  const foreign: Array<{ title: string; method: string; path: () => string; headers: () => Record<string, string>; body?: string }> = [
    { title: 'no Authorization', method: 'GET', path: () => '/', headers: () => ({}) },
    { title: "the broker's real token (a process that read PACT_BROKER_TOKEN: the relay is not a way in)", method: 'GET', path: () => '/', headers: () => ({ authorization: `Bearer ${TOKEN}` }) },
    { title: 'a wrong key of the same length', method: 'GET', path: () => '/', headers: () => ({ authorization: `Bearer ${'0'.repeat(64)}` }) },
    { title: 'the key with a character more', method: 'GET', path: () => '/', headers: () => ({ authorization: `${key}0` }) },
    { title: 'the key as Basic', method: 'GET', path: () => '/', headers: () => ({ authorization: `Basic ${key.slice(7)}` }) },
    { title: 'the key in another header', method: 'GET', path: () => '/', headers: () => ({ 'x-numbers-contract-relay': key.slice(7) }) },
    { title: 'a forged selection POST without the key', method: 'POST', path: () => forVerification, headers: () => ({ 'content-type': 'application/json' }), body: '{"consumerVersionSelectors":[{"branch":"evil"}]}' },
    { title: 'a forged verification result without the key', method: 'POST', path: () => `${pactPath}/verification-results`, headers: () => ({ 'content-type': 'application/json' }), body: '{"success":true}' },
    { title: 'the key, DELETE of a linked path', method: 'DELETE', path: () => pactPath, headers: () => ({ authorization: key }) },
    { title: 'the key, PATCH of the index', method: 'PATCH', path: () => '/', headers: () => ({ authorization: key }) },
    { title: 'the key, a path the broker never linked to', method: 'GET', path: () => '/pacticipants', headers: () => ({ authorization: key }) },
    { title: 'the key, a path that climbs out of a link', method: 'GET', path: () => `${pactPath}/../../../../../../pacticipants`, headers: () => ({ authorization: key }) },
    { title: 'the key, a template filled with two segments', method: 'GET', path: () => '/pacts/provider/a/b/for-verification', headers: () => ({ authorization: key }) },
  ];
  for (const row of foreign) {
    it(`refuses ${row.title}: 403, the broker and the run's record untouched`, async () => {
      const requests = broker.requests.length;
      const exchanges = relay.exchanges.length;
      const selection = JSON.stringify(relay.selection());
      const answer = await send(relay.url, row.method, row.path(), row.headers(), row.body ?? '');
      expect(answer.status).to.equal(403);
      expect(answer.body).to.match(/^\{"error":"numbers-contract broker relay: refused: /);
      expect(answer.body).to.not.include(TOKEN);
      expect(broker.requests.length, 'nothing reached the broker').to.equal(requests);
      expect(relay.exchanges.length, 'nothing recorded').to.equal(exchanges);
      expect(JSON.stringify(relay.selection())).to.equal(selection);
    });
  }

  it('learns links only from HAL _links and _embedded, keeps at most MAX_LINKS, and reads query templates off', () => {
    const admission = createBrokerAdmission('/ctx');
    const auth = { authorization: `Bearer ${admission.verifierToken}` };
    const admit = (method: string, url: string): boolean => admission.admit({ method, url, headers: auth }).ok;
    admission.learn(
      Buffer.from(
        JSON.stringify({
          _links: { a: { href: 'https://broker.example/ctx/a{?x}' }, b: [{ href: '/ctx/b/{id}' }], c: { href: 'not a path' } },
          _embedded: { pacts: [{ _links: { self: { href: 'http://h/ctx/p/1' } } }] },
          interactions: [{ _links: { self: { href: '/ctx/from-a-pact-body' } }, request: { path: '/ctx/x', href: '/ctx/y' } }],
        }),
      ),
    );
    expect([admit('GET', '/ctx/'), admit('GET', '/ctx/a?x=1'), admit('PUT', '/ctx/b/7'), admit('POST', '/ctx/p/1')]).to.deep.equal([true, true, true, true]);
    expect([admit('GET', '/ctx/b/7/8'), admit('GET', '/ctx/from-a-pact-body'), admit('GET', '/ctx/y'), admit('GET', '/')]).to.deep.equal([false, false, false, false]);
    const many = { _links: Object.fromEntries(Array.from({ length: MAX_LINKS + 500 }, (_, i) => [`l${i}`, { href: `/ctx/l/${i}` }])) };
    admission.learn(Buffer.from(JSON.stringify(many)));
    expect(admission.known()).to.equal(MAX_LINKS);
    admission.learn(Buffer.from('not json'));
    expect(admission.known()).to.equal(MAX_LINKS);
  });

  describe('a broker that drips or never answers (issue 15 #6, broker side)', () => {
    for (const [title, behave, failure] of [
      [
        'drips its answer a byte every 50 ms',
        (res: http.ServerResponse): void => {
          res.writeHead(200, { 'content-type': 'application/hal+json' });
          const drip = setInterval(() => res.write(' '), 50);
          res.on('close', () => clearInterval(drip));
        },
        'the answer did not complete within 300 ms',
      ],
      ['never answers', (): void => undefined, 'no answer within 300 ms'],
    ] as const) {
      it(`${title}: the exchange fails at the deadline, the verifier's connection is closed`, async function () {
        this.timeout(10_000);
        const sockets = new Set<import('node:net').Socket>();
        const slow = http.createServer((_req, res) => behave(res));
        slow.on('connection', (socket) => {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
        });
        await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
        const dripRelay = await startBrokerRelay(new URL(`http://127.0.0.1:${(slow.address() as { port: number }).port}`), 300, undefined);
        try {
          const outcome = await send(dripRelay.url, 'GET', '/', { authorization: `Bearer ${dripRelay.verifierToken}` }).then(
            (a) => `answered ${a.status}`,
            (error: NodeJS.ErrnoException) => error.code ?? error.message,
          );
          expect(outcome).to.equal('ECONNRESET');
          expect(dripRelay.exchanges).to.deep.equal([{ method: 'GET', path: '/', failure }]);
          for (let i = 0; i < 100 && sockets.size > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
          expect(sockets.size, 'connections left open to the broker').to.equal(0);
        } finally {
          await dripRelay.close();
          for (const socket of sockets) socket.destroy();
          await new Promise<void>((resolve) => slow.close(() => resolve()));
        }
      });
    }
  });
});
