/**
 * #14 item 1 for Jest and Vitest (mocha: test/chai/unawaited.test.ts): an assertion on a fetch
 * Response that nobody awaits fails loudly in the test that made it, naming its line, through the
 * setup entries' guard (src/expect/unawaited.ts); what the status decides fails at once. Each runner
 * runs the scenarios of test/fixtures/unawaited/scenarios.ts in a child process, with the kit's
 * setup entry, and the report is read test by test: the exact failure, no unhandled error.
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../helpers/paths.js';

interface RunnerJson {
  numFailedTests: number;
  numPassedTests: number;
  testResults: { assertionResults: { status: string; title: string; failureMessages: string[] }[] }[];
}

const RUNNERS = {
  jest: (out: string) => ['node_modules/jest/bin/jest.js', '--config', 'test/fixtures/unawaited/jest/jest.config.cjs', '--ci', '--json', `--outputFile=${out}`],
  vitest: (out: string) => ['node_modules/vitest/vitest.mjs', 'run', '--config', 'test/fixtures/unawaited/vitest/vitest.config.ts', '--reporter=json', `--outputFile=${out}`],
};

async function run(runner: keyof typeof RUNNERS): Promise<{ code: number | null; report: RunnerJson; output: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), `nck-unawaited-${runner}-`));
  const out = path.join(dir, 'report.json');
  try {
    const child = spawn(process.execPath, RUNNERS[runner](out), { cwd: repoRoot, env: { ...process.env, CI: 'true', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return { code, report: JSON.parse(await readFile(out, 'utf8')) as RunnerJson, output };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const SCENARIOS = path.join(repoRoot, 'test', 'fixtures', 'unawaited', 'scenarios.ts');
const hint = (line: number, column: number): string =>
  `toBeNumbersError(...) on a fetch Response (asserted at ${SCENARIOS}:${line}:${column}) was still reading the body when its test ended, so no test saw the outcome: it was not awaited (or the test timed out first). Write \`await expect(res).toBeNumbersError(...)\` (or return it from the test).`;
const STATUS_DECIDES =
  'expected a Numbers error INVALID_ARGUMENT (400 or 415, google envelope), but received a fetch Response with status 404 and a body not read (the status alone decides)\n\nExpected: code INVALID_ARGUMENT, status 400 or 415, envelope google\nReceived: (a fetch Response) status 404, a body not read (the status alone decides), headers content-type=application/json\nMismatch: status: expected 400 or 415, got 404\nDocumented: for status 404: NOT_FOUND';
const RECEIVED =
  'Received: (a fetch Response) status 404, envelope google, code NOT_FOUND (error.status), message "Number not found", headers content-type=application/json, body: {"error":{"code":404,"message":"Number not found","status":"NOT_FOUND","details":[]}}';
const MESSAGE_MISMATCH = `expected a Numbers error NOT_FOUND (404, google envelope) with a message containing "no such number", but received NOT_FOUND (404, google envelope)\n\nExpected: code NOT_FOUND, status 404, envelope google, message containing "no such number"\n${RECEIVED}\nMismatch: message: expected a message containing "no such number", got "Number not found"\nDocumented: for status 404: NOT_FOUND`;

/** Each scenario's outcome: passed, or its failure message without the stack. */
const EXPECTED: Record<string, string> = {
  'a status the code cannot have fails at once': STATUS_DECIDES,
  'awaited and right passes': 'passed',
  'awaited and wrong fails with the mismatch only': MESSAGE_MISMATCH,
  'a success status decides at once, also for .not': 'passed',
  'not awaited but right': hint(40, 29),
  'not awaited and wrong': `${MESSAGE_MISMATCH}\n\n${hint(43, 29)}`,
  'not awaited, wrong, and the body arrives after the test': `${MESSAGE_MISMATCH}\n\n${hint(46, 36)}`,
  'the next test, running when a late body arrives': 'passed',
  'last: not awaited under .not, the body arriving after every test': `expected not to be a Numbers error NOT_FOUND, but it is (404, google envelope)\n\n${RECEIVED}\n\n${hint(50, 40)}`,
};

describe('Jest and Vitest on a fetch Response: no silent green', function () {
  this.timeout(120_000);

  for (const runner of ['jest', 'vitest'] as const) {
    it(`${runner}: every never-awaited assertion fails the test that made it, naming its line; nothing else fails, nothing is unhandled`, async () => {
      const { code, report, output } = await run(runner);
      const outcomes = Object.fromEntries(
        report.testResults.flatMap((file) =>
          file.assertionResults.map((t) => [
            t.title,
            t.status === 'passed'
              ? 'passed'
              : (t.failureMessages[0] ?? '')
                  .replace(/^(?:Error|JestAssertionError|JestExtendError): /, '')
                  .split(/\n\s+at /)[0]!
                  .trimEnd(),
          ]),
        ),
      );
      expect(outcomes, output).to.deep.equal(EXPECTED);
      expect(code).to.equal(1);
      expect(output).to.not.match(/unhandled|Unhandled Rejection/i);
    });
  }
});
