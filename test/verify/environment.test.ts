import http from 'node:http';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { startReferenceProvider, STATE_CHANGE_PATH } from '../../src/provider/server.js';
import type { ReferenceProvider } from '../../src/provider/types.js';
import { verifyContracts } from '../../src/verify/run.js';
import { cli } from '../helpers/cli.js';
import { specFixture } from '../provider/fixture.js';
import { PROJECT, silentProvider, stoppedProviderUrl, tempDir, wrapProvider, writeContract } from './helpers.js';

/**
 * Slack on top of a --timeout when timing a whole verify run (as test/hardening/verify-faults.test.ts):
 * the CLI's own work before and after the probe, on a busy 2-core CI machine. Well under the default
 * timeout (10 s), so a run that ignored --timeout still fails.
 */
const SLACK_MS = 4000;

describe('verify: environment, credentials and input', () => {
  let dir: string;
  let contract: string;
  let reference: ReferenceProvider;

  before(async () => {
    dir = await tempDir('environment');
    // A small contract: every case of two operations.
    contract = (await writeContract(dir, (c) => c.operationId === 'NumberService_GetActiveNumber' || c.operationId === 'GetCallbackConfiguration')).file;
    const fixture = await specFixture();
    reference = await startReferenceProvider({ catalog: fixture.catalog, spec: fixture.spec });
  });
  after(async () => {
    await reference.close();
    await rm(dir, { recursive: true, force: true });
  });

  describe('an unreachable provider is one clear error, exit 3, within the timeout', () => {
    it('stopped provider: PROVIDER_UNREACHABLE', async () => {
      const url = await stoppedProviderUrl();
      const started = Date.now();
      const result = await cli(['verify', contract, '--provider-base-url', url, '--timeout', '1500'], { cwd: dir });
      const elapsed = Date.now() - started;
      expect(result.code).to.equal(3);
      expect(result.stdout).to.equal('');
      expect(result.stderr).to.equal(`numbers-contract: PROVIDER_UNREACHABLE ${url}: ECONNREFUSED (tried for 1500 ms)\n`);
      expect(elapsed).to.be.lessThan(1500 + SLACK_MS);
    });

    it('a provider that never answers: PROVIDER_UNREACHABLE after the timeout', async () => {
      const silent = await silentProvider();
      try {
        const started = Date.now();
        const result = await cli(['verify', contract, '--provider-base-url', silent.url, '--timeout', '800'], { cwd: dir });
        expect(result.code).to.equal(3);
        expect(result.stderr).to.equal(`numbers-contract: PROVIDER_UNREACHABLE ${silent.url}: no HTTP answer within 800 ms\n`);
        expect(Date.now() - started).to.be.lessThan(800 + SLACK_MS);
      } finally {
        await silent.close();
      }
    });

    it('a provider too slow for some interactions: each is an environment error (exit 3), named; the rest verified', async () => {
      // The internal error of the active number never comes back. The timeout also bounds the probe,
      // every state change and every other request: 3 s leaves those room on a busy machine (with
      // 700 ms, a slow answer could turn an `ok` into a second PROVIDER_TIMEOUT).
      const slow = await wrapProvider(reference.url, (req, answer) => (req.method === 'GET' && req.url.includes('/activeNumbers/') && answer.status === 500 ? 'hang' : answer));
      try {
        const result = await cli(['verify', contract, '--provider-base-url', slow.url, '--state-change-url', `${slow.url}${STATE_CHANGE_PATH}`, '--timeout', '3000'], { cwd: dir });
        expect(result.code, result.stdout + result.stderr).to.equal(3);
        const lines = result.stdout.split('\n');
        expect(lines.filter((l) => !l.startsWith('ok '))).to.deep.equal([
          // GetActiveNumber documents two 500s (INTERNAL and UNKNOWN): both hang.
          'ERR  NumberService_GetActiveNumber/500/internal',
          `       PROVIDER_TIMEOUT: no response from ${slow.url} within 3000 ms`,
          'ERR  NumberService_GetActiveNumber/500/unknown',
          `       PROVIDER_TIMEOUT: no response from ${slow.url} within 3000 ms`,
          `${lines.length - 4} interactions against the provider at ${slow.url}: ${lines.length - 6} verified, 2 environment errors`,
          '',
        ]);
      } finally {
        await slow.close();
      }
    });
  });

  describe('credentials and project from the environment', () => {
    const env = { SINCH_KEY_ID: 'kit-test-key-id', SINCH_KEY_SECRET: 'kit-test-secret-9f8e7d', SINCH_PROJECT_ID: 'ffffffff-1111-4222-8333-444444444444' };

    it('are added per request (not on the 401 cases), swap the project in paths, and never reach output or reports', async () => {
      const strict = await startReferenceProvider({ credentials: { keyId: env.SINCH_KEY_ID, keySecret: env.SINCH_KEY_SECRET }, acceptPlaceholders: false });
      const recorder = await wrapProvider(strict.url);
      try {
        const result = await cli(['verify', contract, '--provider-base-url', recorder.url, '--state-change-url', `${recorder.url}${STATE_CHANGE_PATH}`, '--junit', 'creds.xml'], { cwd: dir, env });
        expect(result.code, result.stdout + result.stderr).to.equal(0);
        const api = recorder.requests.filter((r) => r.url.startsWith('/v1/'));
        expect(api.length).to.be.greaterThan(10);
        const basic = `Basic ${Buffer.from(`${env.SINCH_KEY_ID}:${env.SINCH_KEY_SECRET}`).toString('base64')}`;
        for (const r of api) {
          expect(r.url).to.include(`/v1/projects/${env.SINCH_PROJECT_ID}/`);
          expect(r.url).to.not.include(PROJECT);
        }
        expect(new Set(api.map((r) => r.authorization))).to.deep.equal(new Set([basic, 'Bearer invalid-token']));
        const junit = await readFile(path.join(dir, 'creds.xml'), 'utf8');
        for (const text of [result.stdout, result.stderr, junit]) {
          for (const secret of [env.SINCH_KEY_SECRET, env.SINCH_PROJECT_ID, env.SINCH_KEY_ID, basic.slice(6)]) expect(text).to.not.include(secret);
        }
      } finally {
        await recorder.close();
        await strict.close();
      }
    });

    it('authenticate the embedded provider the same way (a bearer token from SINCH_ACCESS_TOKEN)', async () => {
      const summary = await verifyContracts({ pactUrls: [contract], cwd: dir, env: { SINCH_ACCESS_TOKEN: 'kit-test-token-abcdef', SINCH_PROJECT_ID: env.SINCH_PROJECT_ID } });
      expect(summary.exitCode).to.equal(0);
      expect(JSON.stringify(summary)).to.not.include('kit-test-token-abcdef');
    });

    it('a failure message never shows a secret the provider echoed back', async () => {
      const echo = await wrapProvider(reference.url, (req, answer) => (answer.status === 404 ? { ...answer, body: { error: { code: 404, message: `no number for ${req.authorization ?? ''}`, status: 'MISSING' } } } : answer));
      try {
        const result = await cli(['verify', contract, '--provider-base-url', echo.url, '--state-change-url', `${echo.url}${STATE_CHANGE_PATH}`], { cwd: dir, env });
        expect(result.code).to.equal(1);
        expect(result.stdout).to.include('FAIL NumberService_GetActiveNumber/404/not_found');
        expect(result.stdout).to.not.include(env.SINCH_KEY_SECRET);
        expect(result.stdout).to.not.include(Buffer.from(`${env.SINCH_KEY_ID}:${env.SINCH_KEY_SECRET}`).toString('base64'));
      } finally {
        await echo.close();
      }
    });
  });

  describe('the JUnit report', () => {
    // The results come first, then one line for the report that could not be written, exit 3 (as coverage --html).
    const rows: Array<{ title: string; target: () => Promise<string>; cause: RegExp }> = [
      { title: 'to a directory', target: async () => (await mkdir(path.join(dir, 'reports'), { recursive: true }), 'reports'), cause: /\((EISDIR|EEXIST|ENOTEMPTY|EPERM)\)$/ },
      { title: 'under a file', target: async () => `${path.relative(dir, contract)}/junit.xml`, cause: /\((ENOTDIR|EEXIST)\)$/ },
    ];
    for (const row of rows) {
      it(`${row.title}: every result printed, then WRITE_FAILED (the one atomic writer's code) naming the file, exit 3`, async () => {
        const target = await row.target();
        const result = await cli(['verify', contract, '--junit', target], { cwd: dir });
        expect(result.code, result.stderr).to.equal(3);
        const lines = result.stdout.trimEnd().split('\n');
        expect(lines.at(-1)).to.match(/^\d+ interactions against the reference provider: \d+ verified$/);
        expect(lines.length).to.be.above(5);
        const last = result.stderr.trimEnd().split('\n').at(-1) ?? '';
        expect(last.startsWith(`numbers-contract: WRITE_FAILED ${target}: cannot write the file: `), result.stderr).to.equal(true);
        expect(last).to.match(row.cause);
        expect(result.stderr).to.not.include('INTERNAL');
        expect(result.stderr).to.not.include(`wrote ${target}`);
      });
    }
  });

  describe('input', () => {
    it('reads pacts from http URLs', async () => {
      const text = await readFile(contract, 'utf8');
      const server = http.createServer((req, res) => {
        res.writeHead(req.url === '/pact.json' ? 200 : 404, { 'content-type': 'application/json' });
        res.end(req.url === '/pact.json' ? text : '{}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      const { port } = server.address() as { port: number };
      try {
        const summary = await verifyContracts({ pactUrls: [`http://127.0.0.1:${port}/pact.json`], cwd: dir });
        expect(summary.exitCode).to.equal(0);
        expect(summary.sources).to.deep.equal([`http://127.0.0.1:${port}/pact.json`]);
        const missing = await cli(['verify', `http://127.0.0.1:${port}/nope.json`], { cwd: dir });
        expect(missing.code).to.equal(2);
        expect(missing.stderr).to.equal(`numbers-contract: PACT_UNREACHABLE http://127.0.0.1:${port}/nope.json: downloading the pact answered HTTP 404\n`);
      } finally {
        server.close();
      }
    });

    it('bad input is exit 2 with one line', async () => {
      await writeFile(path.join(dir, 'broken.json'), '{"interactions": [');
      await writeFile(path.join(dir, 'empty.json'), '{"interactions": []}');
      const cases: Array<[string[], string]> = [
        [['verify', 'missing.json'], 'numbers-contract: PACT_NOT_FOUND missing.json: no such pact file or directory\n'],
        [['verify', 'broken.json'], 'numbers-contract: PACT_SYNTAX broken.json: not valid JSON at line 1, column 19: unexpected end of input\n'],
        [['verify', 'empty.json'], 'numbers-contract: PACT_EMPTY empty.json#/interactions: has no interactions\n'],
        [['verify', contract, '--timeout', 'soon'], "numbers-contract: USAGE --timeout: 'soon' is not a whole number\n"],
        [['verify', 'http://'], 'numbers-contract: BAD_URL http://: not a URL\n'],
        [['verify', 'https://[::1'], 'numbers-contract: BAD_URL https://[::1: not a URL\n'],
        [['verify', 'http://127.0.0.1:99999/pact.json'], 'numbers-contract: BAD_URL http://127.0.0.1:99999/pact.json: not a URL\n'],
        [['verify', contract, '--provider-base-url', 'http://'], "numbers-contract: BAD_URL --provider-base-url: 'http://' is not a URL\n"],
        [['verify', contract, '--provider-base-url', 'http://a b'], "numbers-contract: BAD_URL --provider-base-url: 'http://a b' is not a URL\n"],
        [['verify', contract, '--provider-base-url', 'ftp://example.invalid'], "numbers-contract: BAD_URL --provider-base-url: 'ftp:' URLs are not supported; use http or https\n"],
        [
          ['verify', contract, '--state-change-url', 'http://127.0.0.1:1/state'],
          'numbers-contract: BAD_OPTIONS --state-change-url: a state-change URL or state handlers need --provider-base-url (the reference provider sets up its own states)\n',
        ],
        [['verify', contract, '--provider-base-url', 'http://127.0.0.1:1', '--workers', '2'], "numbers-contract: BAD_WORKERS --workers: parallel workers need the reference provider: an external provider's states would collide\n"],
      ];
      for (const [args, message] of cases) {
        const result = await cli(args, { cwd: dir });
        expect(result.code, args.join(' ')).to.equal(2);
        expect(result.stderr.startsWith(message), `${result.stderr} should start with ${message}`).to.equal(true);
      }
    });
  });
});
