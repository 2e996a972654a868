import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogCases, REPO_ROOT, SDK_CORE_STUB } from '../match/helpers.js';

interface VitestJson {
  success: boolean;
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  testResults: { assertionResults: { status: string; fullName: string; failureMessages: string[] }[] }[];
}

/** Runs the Vitest suite in test/fixtures/vitest-suite (offline, loopback only) and reads its JSON report. */
async function runVitest(): Promise<{ code: number | null; report: VitestJson; output: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'numbers-kit-vitest-'));
  const outputFile = join(dir, 'report.json');
  try {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'test/fixtures/vitest-suite/vitest.config.ts', '--reporter=json', `--outputFile=${outputFile}`], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_PATH: SDK_CORE_STUB, CI: 'true', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const report = JSON.parse(await readFile(outputFile, 'utf8')) as VitestJson;
    return { code, report, output };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('a real Vitest run (numbers-contract-kit/vitest as setup file)', function () {
  this.timeout(90_000);

  it('asserts every catalog example body, as every receiver and as the real SDK rejection', async () => {
    const cases = await catalogCases();
    const { code, report, output } = await runVitest();
    const failures = report.testResults.flatMap((f) => f.assertionResults.filter((a) => a.status !== 'passed'));
    expect(
      failures.map((f) => `${f.fullName}: ${f.failureMessages.join('\n')}`),
      output,
    ).to.deep.equal([]);
    expect(code).to.equal(0);
    expect(report.numPassedTests).to.equal(cases.length + 3);
  });
});
