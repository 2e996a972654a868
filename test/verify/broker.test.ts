/**
 * `verify --broker-url` end to end: Pact's own verifier (the Rust core under pact-core) against the
 * loopback HAL broker of test/helpers/fake-broker.ts and the embedded reference provider. The
 * assertions are on what the verifier actually sent to the broker (recorded by the fake broker) and
 * on the kit's report and exit code. What this does not prove: that a real Pact Broker or PactFlow
 * answers as the fake does (its resources follow the broker's documented HAL shapes and what
 * pact_verifier 1.3.6 reads; see docs/provider.md).
 */
import { CASE_COUNT } from '../helpers/catalog-size.js';
import http from 'node:http';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { repoRoot } from '../helpers/paths.js';
import { cli, type CliResult } from '../helpers/cli.js';
import { startFakeBroker, type BrokerPact, type FakeBroker, type FakeBrokerOptions } from '../helpers/fake-broker.js';
import { startReferenceProvider, STATE_CHANGE_PATH } from '../../src/provider/server.js';
import { stoppedProviderUrl, tempDir, wrapProvider } from './helpers.js';

const PROVIDER = 'sinch-numbers';
const TOKEN = 'pb-token-s3cret-4242';
const PASSWORD = 'pb-pass-s3cret-4343';
const ENV = { PACT_DO_NOT_TRACK: 'true' };

type Pact = Record<string, unknown> & { interactions: Array<Record<string, unknown>> };

/** The kit's own contract (every case), as the consumer would have published it. */
async function kitContract(): Promise<Pact> {
  return JSON.parse(await readFile(path.join(repoRoot, 'contracts', 'numbers-consumer-sinch-numbers.json'), 'utf8')) as Pact;
}

/** `count` interactions of the kit's contract for another consumer; `broken` ones expect a status the provider never answers. */
function slice(pact: Pact, consumer: string, from: number, count: number, broken: number[] = []): Pact {
  const interactions = pact.interactions.slice(from, from + count).map((i, n) => {
    if (!broken.includes(n)) return i;
    const response = i.response as Record<string, unknown>;
    return { ...i, response: { ...response, status: 418 } };
  });
  return { ...pact, consumer: { name: consumer }, interactions };
}

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '');
}

describe('verify --broker-url: pacts for verification from a Pact Broker, results published (loopback fake broker)', function () {
  this.timeout(180_000);
  let contract: Pact;
  let dir: string;
  const brokers: FakeBroker[] = [];

  before(async () => {
    contract = await kitContract();
    dir = await tempDir('broker');
  });
  after(async () => {
    await Promise.all(brokers.map((b) => b.close()));
    await rm(dir, { recursive: true, force: true });
  });

  async function broker(options: Omit<FakeBrokerOptions, 'provider'>): Promise<FakeBroker> {
    const started = await startFakeBroker({ provider: PROVIDER, ...options });
    brokers.push(started);
    return started;
  }

  function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
    return cli(['verify', '--provider', PROVIDER, ...args], { cwd: dir, env: { ...ENV, ...env } });
  }

  function noSecrets(result: CliResult): void {
    for (const secret of [TOKEN, PASSWORD, Buffer.from(`ci:${PASSWORD}`).toString('base64')]) expect(result.stdout + result.stderr).not.to.include(secret);
  }

  it("the kit's own contract from the broker against the reference provider: selectors, pending, WIP, branch, token and the published result as sent", async () => {
    const fake = await broker({ pacts: [{ consumer: 'numbers-consumer', pact: contract }], auth: { token: TOKEN } });
    const junit = path.join(dir, 'broker.xml');
    const started = performance.now();
    const result = await run(
      [
        '--broker-url',
        fake.url,
        '--main-branch',
        '--deployed-or-released',
        '--consumer-branch',
        'feat/rent',
        '--enable-pending',
        '--include-wip-pacts-since',
        '2026-01-01',
        '--publish',
        '--provider-version',
        '1.2.3',
        '--provider-branch',
        'main',
        '--junit',
        junit,
      ],
      { PACT_BROKER_TOKEN: TOKEN },
    );
    const elapsed = Math.round(performance.now() - started);
    expect(result.code, result.stderr).to.equal(0);
    const out = lines(result.stdout);
    expect(out).to.have.length(CASE_COUNT + 1);
    expect(out[0]).to.equal('ok   GetCallbackConfiguration/400/invalid_argument');
    expect(out.filter((l) => l.startsWith('ok   '))).to.have.length(CASE_COUNT);
    expect(out.at(-1)).to.equal(`${CASE_COUNT} interactions against the reference provider: ${CASE_COUNT} verified`);
    const pactPath = fake.requests.find((r) => r.method === 'GET' && r.path.includes('/consumer/'))?.path as string;
    expect(lines(result.stderr).slice(0, 2)).to.deep.equal([`numbers-contract: broker ${fake.url}: 1 pact selected for ${PROVIDER}`, `numbers-contract: results published for ${PROVIDER} 1.2.3 (branch main): 1 accepted`]);

    // What Pact's verifier sent, in order, every request with the token.
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).to.deep.equal([
      'GET /',
      `GET /pacts/provider/${PROVIDER}/for-verification`,
      `POST /pacts/provider/${PROVIDER}/for-verification`,
      `GET ${pactPath}`,
      `GET /pacticipants/${PROVIDER}`,
      `PUT /pacticipants/${PROVIDER}/branches/main/versions/1.2.3`,
      `POST ${pactPath}/verification-results`,
    ]);
    expect(new Set(fake.requests.map((r) => r.authorization))).to.deep.equal(new Set([`Bearer ${TOKEN}`]));
    expect(fake.requests[0]?.userAgent).to.match(/^pact_verifier\/1\./);
    expect(fake.requests[2]?.body).to.deep.equal({
      consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }, { branch: 'feat/rent' }],
      includePendingStatus: true,
      includeWipPactsSince: '2026-01-01',
      providerVersionBranch: 'main',
    });
    const [published] = fake.published();
    expect(published?.consumer).to.equal('numbers-consumer');
    const body = published?.body as { success: boolean; providerApplicationVersion: string; testResults: Array<{ interactionId: string; success: boolean }>; verifiedBy: { implementation: string } };
    expect(body.success).to.equal(true);
    expect(body.providerApplicationVersion).to.equal('1.2.3');
    expect(body.verifiedBy.implementation).to.equal('Pact-Rust');
    expect(body.testResults).to.have.length(CASE_COUNT);
    expect(body.testResults.every((t) => t.success)).to.equal(true);
    const xml = await readFile(junit, 'utf8');
    expect(xml).to.include(`<testsuites name="numbers-contract verify" tests="${CASE_COUNT}" failures="0" errors="0" time=`);
    noSecrets(result);
    process.stdout.write(`      (${CASE_COUNT} interactions from the broker, verified and published in ${elapsed} ms)\n`);
  });

  it('Basic credentials from PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD; the broker base URL from PACT_BROKER_BASE_URL', async () => {
    const fake = await broker({ pacts: [{ consumer: 'billing', pact: slice(contract, 'billing', 0, 2) }], auth: { username: 'ci', password: PASSWORD } });
    const result = await run(['--consumer-version-selectors', '[{"mainBranch":true},{"deployed":true,"environment":"production"}]'], {
      PACT_BROKER_BASE_URL: fake.url,
      PACT_BROKER_USERNAME: 'ci',
      PACT_BROKER_PASSWORD: PASSWORD,
    });
    expect(result.code, result.stderr).to.equal(0);
    expect(lines(result.stdout).at(-1)).to.equal('2 interactions against the reference provider: 2 verified');
    expect(new Set(fake.requests.map((r) => r.authorization))).to.deep.equal(new Set([`Basic ${Buffer.from(`ci:${PASSWORD}`).toString('base64')}`]));
    // No provider branch given or in the CI variables: pact-core hands the core an empty one, which it sends as "".
    expect(fake.requests[2]?.body).to.deep.equal({ consumerVersionSelectors: [{ mainBranch: true }, { deployed: true, environment: 'production' }], includePendingStatus: false, providerVersionBranch: '' });
    expect(fake.published()).to.deep.equal([]);
    noSecrets(result);
  });

  it("a pending pact's failure is a PENDING line and does not fail the run; the same failure in a pact that is not pending does", async () => {
    const pending: BrokerPact = { consumer: 'billing', pact: slice(contract, 'billing', 0, 2, [1]), pending: true };
    const fake = await broker({ pacts: [pending, { consumer: 'porting', pact: slice(contract, 'porting', 10, 1) }] });
    const junit = path.join(dir, 'pending.xml');
    const result = await run(['--broker-url', fake.url, '--enable-pending', '--publish', '--provider-version', '2.0.0', '--junit', junit]);
    expect(result.code, result.stderr).to.equal(0);
    expect(lines(result.stdout)).to.deep.equal([
      'ok   GetCallbackConfiguration/400/invalid_argument',
      'PENDING GetCallbackConfiguration/401/unauthenticated',
      '       status: expected 418, got 401',
      `ok   ${String((contract.interactions[10]?.comments as { references: { 'numbers-contract-kit': { caseId: string } } }).references['numbers-contract-kit'].caseId)}`,
      '3 interactions against the reference provider: 2 verified, 1 pending (failing, but not failing the run)',
    ]);
    expect(lines(result.stderr)[0]).to.equal(`numbers-contract: broker ${fake.url}: 2 pacts selected for ${PROVIDER} (1 pending)`);
    expect(await readFile(junit, 'utf8')).to.include('<skipped message="pending: status: expected 418, got 401"/>');
    // Pact's verifier still tells the broker the truth: the pending pact failed.
    expect(fake.published().map((p) => [p.consumer, p.body.success])).to.deep.equal([
      ['billing', false],
      ['porting', true],
    ]);

    const strict = await broker({ pacts: [{ ...pending, pending: false }] });
    const failing = await run(['--broker-url', strict.url, '--enable-pending']);
    expect(failing.code).to.equal(1);
    expect(lines(failing.stdout).slice(1, 3)).to.deep.equal(['FAIL GetCallbackConfiguration/401/unauthenticated', '       status: expected 418, got 401']);
  });

  it('WIP pacts are asked for and verified (as pending) only with --include-wip-pacts-since', async () => {
    const pacts: BrokerPact[] = [
      { consumer: 'billing', pact: slice(contract, 'billing', 0, 1) },
      { consumer: 'porting', pact: slice(contract, 'porting', 3, 1), wip: true, pending: true },
    ];
    const fake = await broker({ pacts });
    const without = await run(['--broker-url', fake.url, '--enable-pending']);
    expect(lines(without.stdout).at(-1)).to.equal('1 interaction against the reference provider: 1 verified');
    const wip = await run(['--broker-url', fake.url, '--enable-pending', '--include-wip-pacts-since', '2026-11-30T00:00:00Z']);
    expect(wip.code, wip.stderr).to.equal(0);
    expect(lines(wip.stdout).at(-1)).to.equal('2 interactions against the reference provider: 2 verified');
    const bodies = fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/for-verification')).map((r) => r.body);
    expect(bodies).to.deep.equal([
      { consumerVersionSelectors: [], includePendingStatus: true, providerVersionBranch: '' },
      { consumerVersionSelectors: [], includePendingStatus: true, includeWipPactsSince: '2026-11-30T00:00:00Z', providerVersionBranch: '' },
    ]);
  });

  it("an external provider: SINCH_* credentials and the real project put on each request by the kit's proxy, never shown; the broker token never sent to the provider", async () => {
    const keys = { SINCH_KEY_ID: 'kit-key-id-7777', SINCH_KEY_SECRET: 'kit-key-secret-8888', SINCH_PROJECT_ID: 'real-project-0000-4000-8000-000000000001' };
    const strict = await startReferenceProvider({ credentials: { keyId: keys.SINCH_KEY_ID, keySecret: keys.SINCH_KEY_SECRET }, acceptPlaceholders: false });
    const recorder = await wrapProvider(strict.url);
    try {
      const fake = await broker({ pacts: [{ consumer: 'billing', pact: slice(contract, 'billing', 0, 3) }], auth: { token: TOKEN } });
      const result = await run(['--broker-url', fake.url, '--provider-base-url', recorder.url, '--state-change-url', `${recorder.url}${STATE_CHANGE_PATH}`], { PACT_BROKER_TOKEN: TOKEN, ...keys });
      expect(result.code, result.stdout + result.stderr).to.equal(0);
      const api = recorder.requests.filter((r) => r.url.startsWith('/v1/'));
      expect(api).to.have.length(3);
      for (const r of api) expect(r.url).to.include(`/v1/projects/${keys.SINCH_PROJECT_ID}/`);
      expect(recorder.requests.map((r) => r.authorization ?? '')).to.not.include(`Bearer ${TOKEN}`);
      for (const secret of Object.values(keys)) expect(result.stdout + result.stderr).not.to.include(secret);
      noSecrets(result);
    } finally {
      await recorder.close();
      await strict.close();
    }
  });

  it("message pacts (the callback events) from the broker: Pact's verifier asks the provider for each message through the kit's proxy, a wrong one FAILs", async () => {
    const messages = JSON.parse(await readFile(path.join(repoRoot, 'contracts', 'numbers-callback-handler-sinch-numbers.json'), 'utf8')) as Pact;
    const pact = { ...messages, interactions: messages.interactions.slice(0, 3) };
    // A provider that produces the events (Pact's message request: POST / {description, providerStates});
    // the third comes with the wrong status.
    const asked: string[] = [];
    const producer = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method !== 'POST' || req.url !== '/') {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end('{}');
          return;
        }
        const { description } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { description: string };
        asked.push(description);
        const message = pact.interactions.find((i) => i.description === description) as { contents: { content: Record<string, unknown> }; metadata: Record<string, string> };
        const content = description === pact.interactions[2]?.description ? { ...message.contents.content, status: 'SUCCEEDED' } : message.contents.content;
        const metadata = Buffer.from(JSON.stringify({ ...message.metadata, contentType: 'application/json' })).toString('base64');
        res.writeHead(200, { 'Content-Type': 'application/json', 'Pact-Message-Metadata': metadata });
        res.end(JSON.stringify(content));
      });
    });
    await new Promise<void>((resolve) => producer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(producer.address() as { port: number }).port}`;
    try {
      const fake = await broker({ pacts: [{ consumer: 'numbers-callback-handler', pact }] });
      const result = await run(['--broker-url', fake.url, '--provider-base-url', url, '--state-change-url', `${url}/_pactSetup`]);
      expect(result.code, result.stderr).to.equal(1);
      const out = lines(result.stdout);
      // Named by their case ids, as HTTP interactions are.
      const id = (n: number): string => String(pact.interactions[n]?.description).replace(' ', '/');
      expect(out.slice(0, 3)).to.deep.equal([`ok   ${id(0)}`, `ok   ${id(1)}`, `FAIL ${id(2)}`]);
      expect(out[3]).to.match(/^ {7}body \$\.status: /);
      expect(out.at(-1)).to.equal(`3 interactions against the provider at ${url}: 2 verified, 1 failed`);
      expect(asked).to.deep.equal(pact.interactions.map((i) => i.description));
    } finally {
      await new Promise<void>((resolve) => producer.close(() => resolve()));
    }
  });

  describe('what a user meets when the broker is not there or says no', () => {
    it('a broker that is down: BROKER_UNREACHABLE, exit 3, no interaction line', async () => {
      const url = await stoppedProviderUrl();
      const result = await run(['--broker-url', url], { PACT_BROKER_TOKEN: TOKEN });
      expect(result.code).to.equal(3);
      expect(result.stdout).to.equal('');
      expect(result.stderr).to.equal(`numbers-contract: BROKER_UNREACHABLE ${url}: cannot reach the broker: ECONNREFUSED (GET /)\n`);
    });

    const refused: Array<[string, NodeJS.ProcessEnv, string]> = [
      ['a wrong token', { PACT_BROKER_TOKEN: 'wrong-token-9999' }, 'it refused the token in PACT_BROKER_TOKEN'],
      ['wrong basic credentials', { PACT_BROKER_USERNAME: 'ci', PACT_BROKER_PASSWORD: 'wrong-pass-9999' }, 'it refused PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD'],
      ['no credentials', {}, 'no credentials were sent; set PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD'],
    ];
    for (const [name, env, why] of refused) {
      it(`${name}: BROKER_UNAUTHORIZED, exit 2, the variable named, never its value`, async () => {
        const fake = await broker({ pacts: [{ consumer: 'billing', pact: slice(contract, 'billing', 0, 1) }], auth: { token: TOKEN } });
        const result = await run(['--broker-url', fake.url], env);
        expect(result.code).to.equal(2);
        expect(result.stdout).to.equal('');
        expect(result.stderr).to.equal(`numbers-contract: BROKER_UNAUTHORIZED ${fake.url}: the broker answered 401 to GET /: ${why}\n`);
        expect(result.stderr).not.to.match(/wrong-(token|pass)-9999/);
        noSecrets(result);
      });
    }

    it('a broker answering 500: BROKER_ERROR, exit 3 (after the verifier retried)', async () => {
      const fake = await broker({ pacts: [], failWith: 500 });
      const result = await run(['--broker-url', fake.url]);
      expect(result.code).to.equal(3);
      expect(result.stderr).to.equal(`numbers-contract: BROKER_ERROR ${fake.url}: the broker answered 500 to GET /\n`);
      expect(fake.requests.map((r) => `${r.method} ${r.path}`)).to.deep.equal(['GET /', 'GET /', 'GET /']);
    });

    it('no pact for the provider: said, exit 0; with --fail-if-no-pacts-found: NO_PACTS, exit 2', async () => {
      const fake = await broker({ pacts: [] });
      const result = await run(['--broker-url', fake.url, '--main-branch']);
      expect(result.code, result.stderr).to.equal(0);
      expect(result.stdout).to.equal('0 interactions against the reference provider: 0 verified\n');
      expect(lines(result.stderr)[0]).to.equal(`numbers-contract: the broker selected no pact for provider '${PROVIDER}' with the consumer version selectors [{"mainBranch":true}]: nothing to verify`);
      const strict = await run(['--broker-url', fake.url, '--main-branch', '--fail-if-no-pacts-found']);
      expect(strict.code).to.equal(2);
      expect(strict.stderr).to.equal(`numbers-contract: NO_PACTS ${fake.url}: the broker selected no pact for provider '${PROVIDER}' with the consumer version selectors [{"mainBranch":true}]\n`);
    });

    it('results the broker does not accept: the lines are printed, then PUBLISH_FAILED, exit 3', async () => {
      const fake = await broker({ pacts: [{ consumer: 'billing', pact: slice(contract, 'billing', 0, 1) }], publishStatus: 403 });
      const result = await run(['--broker-url', fake.url, '--publish', '--provider-version', '1.0.0']);
      expect(result.code).to.equal(3);
      expect(lines(result.stdout).at(-1)).to.equal('1 interaction against the reference provider: 1 verified');
      const pactPath = fake.requests.find((r) => r.method === 'GET' && r.path.includes('/consumer/'))?.path as string;
      expect(lines(result.stderr).slice(0, 3)).to.deep.equal([
        `numbers-contract: broker ${fake.url}: 1 pact selected for ${PROVIDER}`,
        `numbers-contract: results published for ${PROVIDER} 1.0.0: 0 accepted`,
        `numbers-contract: PUBLISH_FAILED ${fake.url}: the broker accepted 0 of 1 verification result: POST ${pactPath}/verification-results: HTTP 403`,
      ]);
    });
  });

  describe('usage mistakes are exit 2 before anything starts', () => {
    const table: Array<[string[], NodeJS.ProcessEnv, string]> = [
      [
        ['--publish', '--broker-url', 'http://127.0.0.1:9'],
        {},
        'numbers-contract: PROVIDER_VERSION_MISSING --provider-version: publishing results needs the provider version: --provider-version <version> (or one of GITHUB_SHA, BUILDKITE_COMMIT, CIRCLE_SHA1, TRAVIS_COMMIT, GIT_COMMIT, ...)\n',
      ],
      [[], {}, 'numbers-contract: BROKER_URL_MISSING --broker-url: no broker: give --broker-url or set PACT_BROKER_BASE_URL\n'],
      [['--broker-url', 'http://127.0.0.1:9', 'contracts/'], {}, 'numbers-contract: BAD_OPTIONS --broker-url: give pact files or a broker (--broker-url, --provider), not both\n'],
      [['--broker-url', 'http://127.0.0.1:9', '--workers', '2'], {}, "numbers-contract: BAD_WORKERS --workers: a verification from a broker runs one verifier process: Pact's verifier fetches the pacts itself\n"],
      [
        ['--broker-url', 'http://127.0.0.1:9', '--consumer-version-selectors', '[{"mainBranch":true,"brnach":"x"}]'],
        {},
        'numbers-contract: BAD_SELECTORS --consumer-version-selectors: selector 0: unknown key "brnach" (known: mainBranch, branch, deployedOrReleased, deployed, released, environment, matchingBranch, fallbackBranch, consumer, tag, fallbackTag, latest)\n',
      ],
    ];
    for (const [args, env, stderr] of table) {
      it(`verify --provider ${PROVIDER} ${args.join(' ')}`, async () => {
        const result = await run(args, env);
        expect(result.code).to.equal(2);
        expect(result.stderr).to.equal(stderr);
      });
    }

    it('broker flags without a broker are refused, not ignored', async () => {
      const result = await cli(['verify', 'contracts/', '--enable-pending', '--publish'], { env: ENV });
      expect(result.code).to.equal(2);
      expect(result.stderr).to.equal('numbers-contract: BAD_OPTIONS --enable-pending: --enable-pending, --publish need a broker: add --provider <name> (and --broker-url, or PACT_BROKER_BASE_URL)\n');
    });
  });
});
