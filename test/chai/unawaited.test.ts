import { expect } from 'chai';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../helpers/paths.js';

interface MochaJson {
  stats: { passes: number; failures: number };
  failures: { title: string; err: { message: string } }[];
}

/** Runs test/fixtures/unawaited/chai-fetch.fixture.ts in a child mocha, as a user's suite would run. */
function runFixture(scenario: 'right' | 'wrong'): Promise<{ code: number | null; report: MochaJson }> {
  const mocha = path.join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');
  const args = [mocha, '--no-config', '--import=tsx', '--reporter', 'json', 'test/fixtures/unawaited/chai-fetch.fixture.ts'];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: repoRoot, env: { ...process.env, NCK_UNAWAITED: scenario } }, (error, stdout) => {
      try {
        resolve({ code: error === null ? 0 : (error.code as number | null), report: JSON.parse(stdout) as MochaJson });
      } catch (parseError) {
        reject(parseError as Error);
      }
    });
  });
}

const NEVER_AWAITED =
  /^toBeNumbersError\(\.\.\.\) on a fetch Response \(asserted at .*chai-fetch\.fixture\.ts:\d+:\d+\) was never awaited: its body is read asynchronously, so no test saw the outcome\. Write `await expect\(res\)\.toBeNumbersError\(\.\.\.\)` \(or return it from the test\)\.$/;

describe('chai on a fetch Response: no silent green', function () {
  this.timeout(60_000);

  it('a status the expectation cannot have fails at once, in its own test, without await', async () => {
    const { report } = await runFixture('right');
    const failure = report.failures.find((f) => f.title === 'a status the code cannot have fails at once');
    expect(failure?.err.message.split('\n')[0]).to.equal('expected a Numbers error INVALID_ARGUMENT (400 or 415, google envelope), but received a fetch Response with status 404 and a body not read (the status alone decides)');
  });

  it('a right assertion nobody awaited fails the test that made it, naming the line', async () => {
    const { code, report } = await runFixture('right');
    expect(code).to.not.equal(0);
    expect(report.failures.map((f) => f.title)).to.deep.equal(['a status the code cannot have fails at once', 'not awaited but right']);
    expect(report.failures[1]?.err.message).to.match(NEVER_AWAITED);
  });

  it('a wrong assertion nobody awaited fails that test with the mismatch and the same hint', async () => {
    const { report } = await runFixture('wrong');
    const failure = report.failures.find((f) => f.title === 'not awaited and wrong');
    const [first, ...rest] = failure?.err.message.split('\n') ?? [];
    expect(first).to.equal('expected a Numbers error NOT_FOUND (404, google envelope) with a message containing "no such number", but received NOT_FOUND (404, google envelope)');
    expect(rest.at(-1)).to.match(NEVER_AWAITED);
  });

  it('awaited assertions and a success status with .not pass', async () => {
    const { report } = await runFixture('right');
    expect(report.stats.passes).to.equal(3);
  });
});
