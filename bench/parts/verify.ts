/**
 * Part 3, provider verification: the kit's `verifyContracts` against Pact's verifier called
 * directly (pact-core's Rust verifier, and pact-js's `Verifier` with state handlers), all on the
 * same contract against an identically configured reference provider. Each run is a child process
 * timed from inside. Two contract sizes (the catalog's, and three copies of every interaction)
 * separate the fixed cost (provider start, spec load, worker start) from the per-interaction cost.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChildProcess } from '../lib/child.js';
import type { BenchContext } from '../lib/context.js';
import { judge, type BenchRow } from '../lib/report.js';
import { formatMs, formatRatio, median, runsText } from '../lib/stats.js';
import type { VerifierJob, VerifierMode, VerifierTiming } from '../lib/verifier-child.js';

const CHILD = fileURLToPath(new URL('../lib/verifier-child.ts', import.meta.url));

const LABELS: Record<VerifierMode, string> = {
  kit: 'kit verifyContracts (default workers)',
  'kit-1-worker': 'kit verifyContracts, 1 worker',
  core: 'Pact verifier core, direct',
  'pact-js': 'pact-js Verifier + state handlers',
  'core-stub': 'Pact verifier core vs an instant stub (Pact alone)',
};

async function runChild(job: VerifierJob, timeoutMs: number): Promise<VerifierTiming> {
  const { reply, code, stderrTail } = await runChildProcess<VerifierJob, { ok: boolean; timing?: VerifierTiming; message?: string }>(CHILD, job, timeoutMs);
  if (reply?.ok === true && reply.timing !== undefined) return reply.timing;
  throw new Error(`verifier child (${job.mode}) failed: ${reply?.message ?? `exit ${code}`} ${stderrTail.slice(-300)}`);
}

/** The contract with every interaction `copies` times (descriptions made unique): more work, same kinds. */
async function multiplied(ctx: BenchContext, copies: number): Promise<string> {
  const pact = JSON.parse(await readFile(ctx.contractFile, 'utf8')) as { interactions: Array<{ description: string }> };
  const interactions = Array.from({ length: copies }, (_, k) => pact.interactions.map((i) => ({ ...i, description: k === 0 ? i.description : `${i.description} (copy ${k})` }))).flat();
  const file = path.join(ctx.tmp, `contract-x${copies}.json`);
  await writeFile(file, JSON.stringify({ ...pact, interactions }));
  return file;
}

/** The first `n` interactions of the contract (smoke mode). */
async function truncated(ctx: BenchContext, n: number): Promise<string> {
  const pact = JSON.parse(await readFile(ctx.contractFile, 'utf8')) as { interactions: unknown[] };
  const file = path.join(ctx.tmp, `contract-${n}.json`);
  await writeFile(file, JSON.stringify({ ...pact, interactions: pact.interactions.slice(0, n) }));
  return file;
}

interface Sample {
  mode: VerifierMode;
  size: number;
  timing: VerifierTiming;
}

export async function verifyPart(ctx: BenchContext): Promise<BenchRow[]> {
  const modes: VerifierMode[] = ['kit', 'kit-1-worker', 'core', 'pact-js', 'core-stub'];
  const small = ctx.smoke ? await truncated(ctx, 6) : ctx.contractFile;
  const large = ctx.smoke ? await truncated(ctx, 12) : await multiplied(ctx, 3);
  const sizes = [
    { file: small, runs: ctx.smoke ? 1 : 5 },
    { file: large, runs: ctx.smoke ? 1 : 3 },
  ];
  const samples: Sample[] = [];
  const deadline = ctx.smoke ? 120_000 : 600_000;
  // Warm-up: the OS file cache and the first native-library load, not measured (skipped in smoke mode).
  if (!ctx.smoke) await runChild({ mode: 'core', pactFile: small }, deadline);
  for (const { file, runs } of sizes) {
    for (let r = 0; r < runs; r++) {
      for (const mode of modes) {
        ctx.log(`verify: ${LABELS[mode]}, ${path.basename(file)}, run ${r + 1}/${runs}`);
        const timing = await runChild({ mode, pactFile: file }, deadline);
        samples.push({ mode, size: timing.total, timing });
      }
    }
  }

  const stats = (mode: VerifierMode, file: string): { total: number; n: number; passed: number; runs: number; workers: number } => {
    const mine = samples.filter((s) => s.mode === mode && s.timing.total > 0);
    const target = file === small ? Math.min(...mine.map((s) => s.size)) : Math.max(...mine.map((s) => s.size));
    const chosen = mine.filter((s) => s.size === target);
    return {
      total: median(chosen.map((s) => s.timing.totalMs)),
      n: target,
      passed: Math.min(...chosen.map((s) => s.timing.passed)),
      runs: chosen.length,
      workers: chosen[0]?.timing.workers ?? 1,
    };
  };

  const measured = new Map(modes.map((mode) => [mode, { a: stats(mode, small), b: stats(mode, large) }]));
  const marginalOf = (mode: VerifierMode): number => {
    const { a, b } = measured.get(mode)!;
    return (b.total - a.total) / (b.n - a.n);
  };
  const core = measured.get('core')!.a.total;
  const coreMarginal = marginalOf('core');
  const rows: BenchRow[] = [];
  for (const mode of modes) {
    const { a, b } = measured.get(mode)!;
    const marginal = marginalOf(mode);
    const failures = a.passed < a.n || b.passed < b.n ? `; passed ${a.passed}/${a.n} and ${b.passed}/${b.n}` : '';
    const isKit = mode === 'kit';
    rows.push({
      part: 'verify',
      measure: `${LABELS[mode]}, ${a.n} interactions`,
      value: `${formatMs(a.total)} total, ${formatMs(a.total / a.n)}/interaction`,
      ratio: mode === 'core' ? '' : `${formatRatio(a.total / core)} core`,
      target: isKit ? '≤ 1.2× direct' : '',
      verdict: isKit ? judge(a.total / core <= 1.2, ctx.smoke) : 'info',
      note: `${runsText(a.runs)}; ${mode === 'core-stub' ? 'a stub answering each documented response at once, no provider' : 'provider start included'}${mode.startsWith('kit') ? `; ${a.workers} verifier worker(s)` : ''}${failures}`,
    });
    rows.push({
      part: 'verify',
      measure: `${LABELS[mode]}, per interaction (marginal, ${a.n} → ${b.n})`,
      value: `${formatMs(marginal)}/interaction`,
      ratio: mode === 'core' ? '' : `${formatRatio(marginal / coreMarginal)} core`,
      target: isKit ? '≤ 2 ms' : '',
      verdict: isKit ? judge(marginal <= 2, ctx.smoke) : 'info',
      note: `(T(${b.n}) − T(${a.n})) / ${b.n - a.n}; T(${a.n}): ${runsText(a.runs)}, T(${b.n}): ${runsText(b.runs)}`,
    });
  }
  const kit = marginalOf('kit');
  const stub = measured.get('core-stub')!;
  if (!ctx.smoke) {
    ctx.note(
      `verify: against a stub that answers every request at once, Pact's Rust verifier alone needs ${formatMs(stub.a.total / stub.a.n)} per interaction on the ` +
        `${stub.a.n}-interaction contract (${formatMs(marginalOf('core-stub'))} marginal up to ${stub.b.n}: its cost per interaction grows with the size of the pact file), ` +
        `and that time is CPU inside the verifier, so ≤ 2 ms per interaction cannot be reached with Pact's verifier on this machine. The kit's ${formatMs(kit)} ` +
        `comes from handing the verifier files of at most 40 interactions and running ${measured.get('kit')!.a.workers} verifier workers.`,
    );
  }
  return rows;
}
