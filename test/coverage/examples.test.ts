/**
 * Coverage on the examples' real pact files: the example consumer's suite (examples/consumer, all
 * 57 errors and 21 provisioning failures of the four operations it calls) and the consumer CI example (examples/consumer-ci,
 * whose ci.sh runs its Pact tests, gates on coverage and publishes only when a broker is set).
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadCatalog } from '../../src/catalog/index.js';
import { SINCH_SDK_TRIGGERS } from '../../src/catalog/select.js';
import type { CoverageReport } from '../../src/coverage/types.js';
import { cli } from '../helpers/cli.js';
import { bundledSpec, repoRoot } from '../helpers/paths.js';

const run = promisify(execFile);

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

async function sh(file: string, args: string[], env: NodeJS.ProcessEnv, cwd = repoRoot): Promise<Ran> {
  try {
    const { stdout, stderr } = await run(file, args, { cwd, env, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** The environment of the test process without any broker configuration. */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PACT_DO_NOT_TRACK: 'true' };
  for (const name of Object.keys(env)) if (name.startsWith('PACT_BROKER_') || name === 'PACT_CLI' || name === 'COVERAGE_MIN') delete env[name];
  return { ...env, ...extra };
}

const counts = (report: CoverageReport): Record<string, string> => Object.fromEntries(report.operations.map((o) => [o.operationId, `${o.covered} covered, ${o.uncovered} uncovered`]));

const catalog = await loadCatalog(bundledSpec);

describe('coverage of the examples', function () {
  this.timeout(240_000);

  describe('examples/consumer: the example consumer suite', () => {
    let pactDir: string;
    after(async () => {
      if (pactDir !== undefined) await rm(pactDir, { recursive: true, force: true });
    });
    before(async () => {
      pactDir = await mkdtemp(path.join(os.tmpdir(), 'nck-cov-example-'));
      const mocha = path.join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');
      const ran = await sh(process.execPath, ['--import', 'tsx', mocha, '--no-config', '--timeout', '60000', '--reporter', 'dot', 'examples/consumer/test/errors.test.ts'], cleanEnv({ NUMBERS_EXAMPLE_PACT_DIR: pactDir }));
      expect(ran.code, ran.stdout + ran.stderr).to.equal(0);
    });

    it('covers all 78 documented cases (57 errors, 21 provisioning failures) of the four operations it calls, each by its stamp', async () => {
      const { code, stdout } = await cli(['coverage', pactDir, '--json']);
      expect(code).to.equal(0);
      const report = JSON.parse(stdout) as CoverageReport;
      expect(counts(report)).to.deep.equal({
        NumberService_ListAvailableNumbers: '10 covered, 0 uncovered',
        NumberService_RentNumber: '21 covered, 0 uncovered',
        NumberService_GetActiveNumber: '32 covered, 0 uncovered',
        NumberService_UpdateActiveNumber: '15 covered, 0 uncovered',
      });
      expect(report.totals).to.include({ documented: 78, covered: 78, percent: 100, interactions: 78, undocumented: 0, skipped: 0 });
      expect(report.interactions.every((i) => i.result === 'covered' && i.via === 'stamp' && i.caseIds.length === 1)).to.equal(true);
    });

    it('with --operations naming one more operation: its 11 errors are uncovered, and --fail-under 90 fails', async () => {
      const ops = 'NumberService_ListAvailableNumbers,NumberService_RentNumber,NumberService_GetActiveNumber,NumberService_UpdateActiveNumber,NumberService_ReleaseNumber';
      const { code, stdout, stderr } = await cli(['coverage', pactDir, '--json', '--operations', ops, '--fail-under', '90']);
      expect(code).to.equal(1);
      expect(counts(JSON.parse(stdout) as CoverageReport)).to.include({ NumberService_ReleaseNumber: '0 covered, 11 uncovered' });
      expect(stderr).to.equal('numbers-contract: COVERAGE_BELOW --fail-under: 87.6% of the documented errors in scope covered (78 of 89), below 90%\n');
    });
  });

  describe('examples/sdk-consumer: the SDK client and its not-applicable list (#14 item 2)', () => {
    let pactDir: string;
    after(async () => {
      if (pactDir !== undefined) await rm(pactDir, { recursive: true, force: true });
    });
    before(async () => {
      pactDir = await mkdtemp(path.join(os.tmpdir(), 'nck-cov-sdk-'));
      const mocha = path.join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');
      const ran = await sh(process.execPath, ['--import', 'tsx', mocha, '--no-config', '--timeout', '60000', '--reporter', 'dot', 'examples/sdk-consumer/test/sdk.test.ts'], cleanEnv({ NUMBERS_EXAMPLE_PACT_DIR: pactDir }));
      expect(ran.code, ran.stdout + ran.stderr).to.equal(0);
    });

    it('every case the SDK can meet is covered (100%); the method, content-type and JSON cases are apart, with the reason', async () => {
      const list = 'examples/sdk-consumer/not-applicable.json';
      const { code, stdout, stderr } = await cli(['coverage', pactDir, '--json', '--not-applicable', list, '--fail-under', '100']);
      expect({ code, stderr }).to.deep.equal({ code: 0, stderr: '' });
      const report = JSON.parse(stdout) as CoverageReport;
      const cases = report.operations.flatMap((o) => o.cases);
      // The list declares exactly the trigger kinds the example's select leaves out.
      const declared = cases.filter((c) => c.notApplicable !== null).map((c) => c.id);
      const unselected = catalog.cases.filter((c) => report.scope.operations.includes(c.operationId) && !SINCH_SDK_TRIGGERS.includes(c.trigger.kind)).map((c) => c.id);
      expect(declared).to.deep.equal(unselected).and.to.have.length.greaterThan(3);
      expect(report.totals).to.include({ documented: cases.length, notApplicable: declared.length, applicable: cases.length - declared.length, covered: cases.length - declared.length, uncovered: 0, percent: 100 });
      expect(report.notApplicable?.warnings).to.deep.equal([]);
    });

    it("the README's summary line for it is the one coverage prints", async () => {
      const { stdout } = await cli(['coverage', pactDir, '--not-applicable', 'examples/sdk-consumer/not-applicable.json']);
      const last = stdout.trimEnd().split('\n').at(-1)!;
      expect(last).to.match(/^Covered \d+ of \d+ applicable documented errors \(100\.0%\) across 3 operations; \d+ more declared not applicable in examples\/sdk-consumer\/not-applicable\.json\.$/);
      expect((await readFile(path.join(repoRoot, 'README.md'), 'utf8')).split('\n')).to.include(last);
    });
  });

  describe('examples/consumer-ci: ci.sh end to end', () => {
    const dir = path.join(repoRoot, 'examples', 'consumer-ci');
    const script = path.join(dir, 'ci.sh');
    let fakeCli: string;
    let calls: string;
    let tmp: string;
    after(async () => {
      if (tmp !== undefined) await rm(tmp, { recursive: true, force: true });
    });

    before(async () => {
      tmp = await mkdtemp(path.join(os.tmpdir(), 'nck-cov-ci-'));
      calls = path.join(tmp, 'calls.txt');
      fakeCli = path.join(tmp, 'pact');
      // Stands in for the Pact CLI: records its arguments and which credentials it was given.
      await writeFile(fakeCli, `#!/usr/bin/env bash\necho "args: $*" >> "${calls}"\necho "url=$PACT_BROKER_BASE_URL token=\${PACT_BROKER_TOKEN:+set}" >> "${calls}"\n`);
      await chmod(fakeCli, 0o755);
    });

    it('no broker: runs the Pact tests, gates on coverage, writes the HTML report, skips the publish step, exit 0', async () => {
      const ran = await sh('bash', [script], cleanEnv());
      expect(ran.code, `${ran.stderr}\n${ran.stdout.slice(-3000)}`).to.equal(0);
      expect(ran.stdout).to.contain('42 passing');
      expect(ran.stdout).to.contain('Covered 42 of 53 documented errors (79.2%) across 2 operations.');
      expect(ran.stdout.trimEnd().split('\n').at(-1)).to.equal('skipped: no broker configured (set PACT_BROKER_BASE_URL, and PACT_BROKER_TOKEN or PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD)');
      expect(existsSync(path.join(dir, 'coverage.html'))).to.equal(true);

      const { stdout } = await cli(['coverage', path.join(dir, 'pacts'), '--json']);
      const report = JSON.parse(stdout) as CoverageReport;
      expect(counts(report)).to.deep.equal({
        NumberService_RentNumber: '15 covered, 6 uncovered',
        NumberService_GetActiveNumber: '27 covered, 5 uncovered',
      });
      const html = await readFile(path.join(dir, 'coverage.html'), 'utf8');
      expect(html.match(/data-covered="true"/g)).to.have.length(42);
      expect(html.match(/data-covered="false"/g)).to.have.length(11);
    });

    it("billing's pact verifies against the reference provider (the README's provider verification step)", async () => {
      const { code, stdout } = await cli(['verify', path.join(dir, 'pacts')]);
      expect(code, stdout).to.equal(0);
      expect(stdout).to.contain('42 interactions against the reference provider: 42 verified');
    });

    it('a broker configured: publishes pacts/ with version and branch, then asks can-i-deploy; credentials only in the environment', async () => {
      await writeFile(calls, '');
      const env = cleanEnv({ PACT_CLI: fakeCli, PACT_BROKER_BASE_URL: 'http://127.0.0.1:9', PACT_BROKER_TOKEN: 'tok-secret-123', GIT_COMMIT: 'abc123', GIT_BRANCH: 'main' });
      const ran = await sh('bash', [script], env);
      expect(ran.code, `${ran.stderr}\n${ran.stdout.slice(-3000)}`).to.equal(0);
      expect(await readFile(calls, 'utf8')).to.equal(
        'args: broker publish pacts --consumer-app-version abc123 --branch main\nurl=http://127.0.0.1:9 token=set\n' +
          'args: broker can-i-deploy --pacticipant billing --version abc123 --to-environment production --retry-while-unknown 6 --retry-interval 10\nurl=http://127.0.0.1:9 token=set\n',
      );
      expect(ran.stdout).to.contain('== 4/4 Can billing abc123 be deployed to production?');
      expect(ran.stdout + ran.stderr).to.not.contain('tok-secret-123');
    });

    it('record-deployment (run by the deploy job): only that step, for the version and environment', async () => {
      await writeFile(calls, '');
      const env = cleanEnv({ PACT_CLI: fakeCli, PACT_BROKER_BASE_URL: 'http://127.0.0.1:9', PACT_BROKER_TOKEN: 'tok-secret-123', GIT_COMMIT: 'abc123', DEPLOY_ENVIRONMENT: 'staging' });
      const ran = await sh('bash', [script, 'record-deployment'], env);
      expect(ran.code, ran.stderr).to.equal(0);
      expect(await readFile(calls, 'utf8')).to.equal('args: broker record-deployment --pacticipant billing --version abc123 --environment staging\nurl=http://127.0.0.1:9 token=set\n');
      expect(ran.stdout).to.not.contain('== 1/4 Pact tests');
    });

    it('type-checks as its own project (its tsconfig maps numbers-contract-kit to the kit sources)', async () => {
      const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
      const ran = await sh(process.execPath, [tsc, '-p', dir], cleanEnv());
      expect(ran.code, ran.stdout + ran.stderr).to.equal(0);
    });

    it('below the gate (COVERAGE_MIN=80): exit 1 with the measured percentage, and nothing is published', async () => {
      await writeFile(calls, '');
      const env = cleanEnv({ COVERAGE_MIN: '80', PACT_CLI: fakeCli, PACT_BROKER_BASE_URL: 'http://127.0.0.1:9', PACT_BROKER_TOKEN: 't' });
      const ran = await sh('bash', [script], env);
      expect(ran.code).to.equal(1);
      expect(ran.stderr).to.contain('numbers-contract: COVERAGE_BELOW --fail-under: 79.2% of the documented errors in scope covered (42 of 53), below 80%');
      expect(ran.stdout).to.contain('== 2/4 Error coverage');
      expect(ran.stdout).to.not.contain('== 3/4 Publish');
      expect(await readFile(calls, 'utf8')).to.equal('');
    });
  });
});
