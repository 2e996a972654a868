import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { numbersErrorMatrix } from '../../src/pact/harness.js';
import { catalogOf, syntheticCases } from './fixtures.js';

// At least 1000 in CI; NUMBERS_SYNTHETIC_CASES=2400 measures other sizes.
const N = Math.max(1000, Number(process.env.NUMBERS_SYNTHETIC_CASES ?? 1000));

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

describe(`pact harness over ${N} synthetic cases`, function () {
  this.timeout(120_000);
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'numbers-synthetic-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('has no phantom failures, a flat per-case cost, and writes one pact file at the end', async () => {
    const matrix = numbersErrorMatrix({ consumer: 'synthetic', dir, catalog: catalogOf(syntheticCases(N)) });
    const failures: string[] = [];
    /** CPU ms of each case (this process, every thread: Pact's mock servers run in it). */
    const perCase: number[] = [];
    const started = performance.now();
    for (const c of matrix.cases) {
      const t = process.cpuUsage();
      try {
        await matrix.run(c, async ({ request, expected }) => {
          const response = await fetch(request.url, { headers: request.headers });
          await response.json();
          if (response.status !== expected.status) throw new Error(`status ${response.status}`);
        });
      } catch (error) {
        failures.push(`${c.id}: ${error instanceof Error ? error.message : String(error)}`);
      }
      const { user, system } = process.cpuUsage(t);
      perCase.push((user + system) / 1000);
    }
    const runMs = performance.now() - started;
    const written = performance.now();
    await matrix.writePact();
    const writeMs = performance.now() - written;

    // CPU time, not wall time: load that starts or stops elsewhere on a shared CI machine during the run
    // stretches the wall clock of the early or the late cases, but not the CPU a case costs.
    // Medians, so a stray GC does not decide the comparison.
    const early = median(perCase.slice(50, 250));
    const late = median(perCase.slice(-200));
    process.stdout.write(
      `      ${N} cases: ${(runMs / N).toFixed(2)} ms/case (median CPU ms of cases 50-250: ${early.toFixed(2)}, of the last 200: ${late.toFixed(2)}), ` +
        `pact write ${writeMs.toFixed(0)} ms, settled races ${matrix.stats.settled} (max ${matrix.stats.maxSettleMs.toFixed(1)} ms), failures ${failures.length}\n`,
    );
    expect(failures).to.deep.equal([]);
    expect(matrix.stats).to.include({ passed: N, failed: 0 });
    // O(N) not O(N²): the last cases cost about what the early ones did (loose bound for busy CI machines).
    expect(late).to.be.below(early * 3 + 3);
    const pact = JSON.parse(await readFile(matrix.pactFile, 'utf8')) as { interactions: unknown[] };
    expect(pact.interactions).to.have.length(N);
  });
});
