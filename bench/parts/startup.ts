/**
 * Start-up: what a consumer test file pays before its first case is done, in fresh processes,
 * the kit against pact-js's own flow for the same interaction, interleaved; the same for a Jest
 * suite of one-case files (each file its own module registry, so per-file costs multiply); and
 * the import time of the matcher-only entries. Runs the built package (`npm run build` first).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../../src/openapi/bundled.js';
import type { BenchContext } from '../lib/context.js';
import { runFresh } from '../lib/fresh.js';
import { writeJestProject } from '../lib/jest-suites.js';
import { judge, type BenchRow } from '../lib/report.js';
import { formatMs, formatRatio, median, runsText } from '../lib/stats.js';

const lib = (file: string): string => fileURLToPath(new URL(`../lib/${file}`, import.meta.url));

/** Matcher entries, each with the package its runner has loaded before a test file imports it. */
const ENTRIES = [
  { entry: 'chai', runner: 'chai' },
  { entry: 'expect', runner: 'expect' },
  { entry: 'jest', runner: 'expect' },
  { entry: 'vitest', runner: 'vitest' },
] as const;

export async function startupPart(ctx: BenchContext): Promise<BenchRow[]> {
  const root = packageRoot();
  buildPackage(root);
  const kitEntry = path.join(root, 'dist', 'index.js');
  return [...(await firstCaseRows(ctx, root, kitEntry)), ...(await jestRows(ctx, root, kitEntry)), ...(await entryRows(ctx, root))];
}

function buildPackage(root: string): void {
  const built = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`npm run build failed: ${(built.stderr || built.stdout).slice(-600)}`);
}

async function firstCaseRows(ctx: BenchContext, root: string, kitEntry: string): Promise<BenchRow[]> {
  const runs = ctx.smoke ? 1 : 7;
  const kit: number[] = [];
  const pactJs: number[] = [];
  const cpu = { kit: [] as number[], pactJs: [] as number[] };
  for (let i = 0; i < runs; i++) {
    const dir = await mkdtemp(path.join(ctx.tmp, 'first-case-'));
    const k = await runFresh<{ cpuMs: number }>([lib('first-case-kit.mjs'), kitEntry, dir], { cwd: root });
    const p = await runFresh<{ cpuMs: number }>([lib('first-case-pact-js.mjs'), dir], { cwd: root });
    kit.push(k.wallMs);
    pactJs.push(p.wallMs);
    cpu.kit.push(k.reply.cpuMs);
    cpu.pactJs.push(p.reply.cpuMs);
  }
  const ratio = median(kit) / median(pactJs);
  ctx.note(`time to first case, CPU of the child (median): kit ${formatMs(median(cpu.kit))}, pact-js ${formatMs(median(cpu.pactJs))}.`);
  return [
    {
      part: 'startup',
      measure: 'time to first case: import + matrix + one case + write, fresh process (GetActiveNumber 404, fetch)',
      value: `kit ${formatMs(median(kit))}, pact-js ${formatMs(median(pactJs))} (${runsText(runs)}, interleaved)`,
      ratio: `${formatRatio(ratio)} pact-js`,
      target: '≤ 0.6× pact-js',
      verdict: judge(ratio <= 0.6, ctx.smoke),
    },
  ];
}

async function jestRows(ctx: BenchContext, root: string, kitEntry: string): Promise<BenchRow[]> {
  const files = ctx.smoke ? 2 : 20;
  const runs = ctx.smoke ? 1 : 3;
  // Under the package root, so both projects resolve jest, pact-js and the kit's dependencies.
  const base = await mkdtemp(path.join(root, 'bench', '.startup-jest-'));
  try {
    const kit = await writeJestProject('kit', path.join(base, 'kit'), files, kitEntry);
    const pactJs = await writeJestProject('pact-js', path.join(base, 'pact-js'), files, kitEntry);
    // A long test timeout for both: on a busy machine a pact-js test file can need more than Jest's
    // default 5 s, and a timed-out contender would fail the part instead of being measured.
    const jest = [path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--silent', '--testTimeout', '120000'];
    const times = { kit: [] as number[], pactJs: [] as number[] };
    for (let i = 0; i < runs; i++) {
      const k = await runFresh([...jest, '--config', kit.config], { cwd: kit.dir, env: { NODE_OPTIONS: '--experimental-vm-modules' }, timeoutMs: 600_000 });
      const p = await runFresh([...jest, '--config', pactJs.config], { cwd: pactJs.dir, timeoutMs: 600_000 });
      times.kit.push(k.wallMs);
      times.pactJs.push(p.wallMs);
    }
    const ratio = median(times.kit) / median(times.pactJs);
    return [
      {
        part: 'startup',
        measure: `Jest suite of ${files} test files, one case each (kit: ESM mode; pact-js: CommonJS mode; Jest's default workers)`,
        value: `kit ${formatMs(median(times.kit))}, pact-js ${formatMs(median(times.pactJs))} (${runsText(runs)}, interleaved)`,
        ratio: `${formatRatio(ratio)} pact-js`,
        target: '≤ 0.6× pact-js',
        verdict: judge(ratio <= 0.6, ctx.smoke),
      },
    ];
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}

async function entryRows(ctx: BenchContext, root: string): Promise<BenchRow[]> {
  const runs = ctx.smoke ? 1 : 7;
  const rows: BenchRow[] = [];
  for (const { entry, runner } of ENTRIES) {
    const times: number[] = [];
    let pactCore = false;
    for (let i = 0; i < runs; i++) {
      const run = await runFresh<{ ms: number; pactCore: boolean }>([lib('entry-import.mjs'), `numbers-contract-kit/${entry}`, runner], { cwd: root });
      times.push(run.reply.ms);
      pactCore ||= run.reply.pactCore;
    }
    rows.push({
      part: 'startup',
      measure: `import numbers-contract-kit/${entry} (${runner} already loaded), fresh process`,
      value: `${formatMs(median(times))} (${runsText(runs)})${pactCore ? '; loaded the Pact core' : ''}`,
      ratio: '',
      target: '≤ 50 ms, no Pact core',
      verdict: judge(median(times) <= 50 && !pactCore, ctx.smoke),
    });
  }
  return rows;
}
