/**
 * examples/provider-ci/ci.sh end to end against the loopback fake broker: the verification it runs
 * (what Pact's verifier asked the broker and published), then the Pact CLI steps, which a recording
 * stand-in receives (the real Pact CLI never runs in the tests).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { repoRoot } from '../helpers/paths.js';
import { startFakeBroker, type FakeBroker } from '../helpers/fake-broker.js';

const execFileAsync = promisify(execFile);
const TOKEN = 'pb-token-s3cret-5151';
const dir = path.join(repoRoot, 'examples', 'provider-ci');

async function sh(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync('bash', [path.join(dir, 'ci.sh'), ...args], { cwd: repoRoot, env, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('examples/provider-ci: ci.sh against a (fake) broker', function () {
  this.timeout(240_000);
  let broker: FakeBroker;
  let tmp: string;
  let calls: string;
  let fakeCli: string;

  before(async () => {
    const contract = JSON.parse(await readFile(path.join(repoRoot, 'contracts', 'numbers-consumer-sinch-numbers.json'), 'utf8')) as { interactions: unknown[] };
    broker = await startFakeBroker({ provider: 'sinch-numbers', pacts: [{ consumer: 'billing', pact: { ...contract, consumer: { name: 'billing' }, interactions: contract.interactions.slice(0, 3) } }], auth: { token: TOKEN } });
    tmp = await mkdtemp(path.join(os.tmpdir(), 'nck-provider-ci-'));
    calls = path.join(tmp, 'calls.txt');
    fakeCli = path.join(tmp, 'pact');
    await writeFile(fakeCli, `#!/usr/bin/env bash\necho "args: $*" >> "${calls}"\necho "url=$PACT_BROKER_BASE_URL token=\${PACT_BROKER_TOKEN:+set}" >> "${calls}"\n`);
    await chmod(fakeCli, 0o755);
  });
  after(async () => {
    await broker.close();
    await rm(tmp, { recursive: true, force: true });
    await rm(path.join(dir, 'reports'), { recursive: true, force: true });
  });

  function env(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    const base: NodeJS.ProcessEnv = { ...process.env, PACT_DO_NOT_TRACK: 'true' };
    for (const name of Object.keys(base)) if (/^(PACT_|GIT_|GITHUB_|CI$|PROVIDER_BASE_URL|STATE_CHANGE_URL|DEPLOY_ENVIRONMENT|WIP_SINCE)/.test(name)) delete base[name];
    return { ...base, PACT_DO_NOT_TRACK: 'true', PACT_BROKER_BASE_URL: broker.url, PACT_BROKER_TOKEN: TOKEN, PACT_CLI: fakeCli, GIT_COMMIT: 'abc123', GIT_BRANCH: 'main', ...extra };
  }

  it('in CI: verifies what the broker selects, publishes for the commit and branch, then asks can-i-deploy', async () => {
    await writeFile(calls, '');
    const ran = await sh([], env({ CI: 'true' }));
    expect(ran.code, `${ran.stderr}\n${ran.stdout}`).to.equal(0);
    expect(ran.stdout).to.contain('== 1/2 Verify the pacts the broker selects for sinch-numbers');
    expect(ran.stdout).to.contain('3 interactions against the reference provider: 3 verified');
    expect(ran.stdout).to.contain('== 2/2 Can sinch-numbers abc123 be deployed to production?');
    const selection = broker.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/for-verification')).at(-1);
    expect(selection?.body).to.deep.equal({
      consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }],
      includePendingStatus: true,
      includeWipPactsSince: '2026-01-01',
      providerVersionBranch: 'main',
    });
    expect(broker.published().map((p) => [p.body.providerApplicationVersion, p.body.success])).to.deep.equal([['abc123', true]]);
    expect(broker.requests.some((r) => r.method === 'PUT' && r.path === '/pacticipants/sinch-numbers/branches/main/versions/abc123')).to.equal(true);
    expect(await readFile(calls, 'utf8')).to.equal('args: broker can-i-deploy --pacticipant sinch-numbers --version abc123 --to-environment production --retry-while-unknown 6 --retry-interval 10\n' + `url=${broker.url} token=set\n`);
    expect(existsSync(path.join(dir, 'reports', 'provider-verification.xml'))).to.equal(true);
    expect(ran.stdout + ran.stderr).not.to.contain(TOKEN);
  });

  it('outside CI: verifies only (nothing published, can-i-deploy skipped)', async () => {
    await writeFile(calls, '');
    const before = broker.published().length;
    const ran = await sh([], env({}));
    expect(ran.code, ran.stderr).to.equal(0);
    expect(ran.stdout.trimEnd().split('\n').at(-1)).to.equal('skipped: results are published only in CI (CI=true), and can-i-deploy needs them');
    expect(broker.published().length).to.equal(before);
    expect(await readFile(calls, 'utf8')).to.equal('');
  });

  it('record-deployment: only that step', async () => {
    await writeFile(calls, '');
    const ran = await sh(['record-deployment'], env({ DEPLOY_ENVIRONMENT: 'staging' }));
    expect(ran.code, ran.stderr).to.equal(0);
    expect(await readFile(calls, 'utf8')).to.equal(`args: broker record-deployment --pacticipant sinch-numbers --version abc123 --environment staging\nurl=${broker.url} token=set\n`);
  });

  it('no broker configured: exit 2 with what to set', async () => {
    const ran = await sh([], env({ PACT_BROKER_BASE_URL: '' }));
    expect(ran.code).to.equal(2);
    expect(ran.stderr).to.equal('provider-ci: set PACT_BROKER_BASE_URL (and PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD)\n');
  });
});
