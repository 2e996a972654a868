/**
 * The bench cannot rot: `npm run bench -- --smoke` (a few cases of each part) runs to the end in a
 * child process and prints a table with every part's rows. Timings are never asserted; the smoke
 * run must not touch bench/RESULTS.md.
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from '../helpers/paths.js';

const RESULTS = path.join(repoRoot, 'bench', 'RESULTS.md');

function runSmoke(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'bench', 'run.ts'), '--smoke'], {
      cwd: repoRoot,
      env: { ...process.env, PACT_DO_NOT_TRACK: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const readIfThere = (file: string): Promise<string | undefined> => readFile(file, 'utf8').catch(() => undefined);

describe('npm run bench -- --smoke', function () {
  // The startup part builds the package and runs two small Jest suites: minutes on a loaded 2-core machine.
  this.timeout(600_000);

  it('runs every part and prints a table with their rows, without writing bench/RESULTS.md', async () => {
    const before = await readIfThere(RESULTS);
    const { code, stdout, stderr } = await runSmoke();
    expect(
      code,
      `${stderr.slice(-2000)}\n${stdout
        .split('\n')
        .filter((line) => line.includes('part failed to run'))
        .join('\n')}`,
    ).to.equal(0);

    const rows = stdout.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| part '));
    const parts = new Set(rows.map((line) => line.split('|')[1]!.trim()));
    expect([...parts].sort()).to.deep.equal(['consumer', 'generate', 'matchers', 'provider', 'startup', 'verify']);
    for (const part of parts) expect(rows.filter((line) => line.split('|')[1]!.trim() === part).length, part).to.be.greaterThan(0);
    // Every row carries a verdict; none says the part failed to run.
    expect(
      rows.every((line) => /\| (met|missed|info|skipped)\b[^|]*\|$/.test(line)),
      rows.join('\n'),
    ).to.equal(true);
    // Every figure was computed (a broken baseline shows as n/a).
    expect(
      rows.filter((line) => /\bn\/a\b/.test(line)),
      'rows with n/a',
    ).to.deep.equal([]);
    expect(stdout)
      .to.match(/kit harness/)
      .and.to.match(/pact-js PactV4/)
      .and.to.match(/kit generate/)
      .and.to.match(/kit verifyContracts/);
    expect(stdout)
      .to.match(/parseNumbersError|parse /)
      .and.to.match(/reference provider/);

    expect(await readIfThere(RESULTS)).to.equal(before);
  });
});
