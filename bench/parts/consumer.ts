/**
 * Part 1, the consumer error matrix: the kit's harness (one Pact mock server per case, the pact
 * file written once) against plain pact-js `PactV4` (one `addInteraction().executeTest()` per case,
 * the file merged after each), Pact-core mock servers without the harness, and bare loopback
 * servers, with the same interactions and the same client (`sendCase`), at the catalog's size and
 * at synthetic sizes. Every run of every contender is a fresh child process
 * (`lib/consumer-child.ts`), as a user's test run is: Pact handles cannot be freed and fetch keeps
 * per-origin state, so runs sharing a process would weigh on each other. Runs are interleaved,
 * the contenders' order rotated run by run.
 */
import { fileURLToPath } from 'node:url';
import type { ConsumerChildMessage, ConsumerJob } from '../lib/consumer-child.js';
import type { Contender, RunOutcome } from '../lib/consumer-runs.js';
import { runChildProcess } from '../lib/child.js';
import type { BenchContext } from '../lib/context.js';
import { judge, type BenchRow } from '../lib/report.js';
import { formatMs, formatRatio, median, runsText } from '../lib/stats.js';

const CHILD = fileURLToPath(new URL('../lib/consumer-child.ts', import.meta.url));

/** pact-js is not run above this many cases: its per-file merge makes a run take many minutes. */
export const PACT_JS_MAX_CASES = 1200;

interface Step {
  cases: number;
  /** Runs of the harness and the loopback servers. */
  runs: number;
  /** Runs of pact-js (0: skipped). */
  pactJsRuns: number;
}

function plan(ctx: BenchContext, pactJsMax: number): Step[] {
  if (ctx.smoke)
    return [
      { cases: 6, runs: 1, pactJsRuns: 1 },
      { cases: 12, runs: 1, pactJsRuns: 1 },
    ];
  const pactJs = (n: number, runs: number): number => (n <= pactJsMax ? runs : 0);
  const catalog = ctx.catalog.cases.length;
  return [
    { cases: catalog, runs: 5, pactJsRuns: pactJs(catalog, 3) },
    { cases: 600, runs: 3, pactJsRuns: pactJs(600, 1) },
    { cases: 1200, runs: 3, pactJsRuns: pactJs(1200, 1) },
    { cases: 5000, runs: 2, pactJsRuns: pactJs(5000, 1) },
  ];
}

async function runInChild(ctx: BenchContext, contender: Contender, cases: number): Promise<RunOutcome> {
  const job: ConsumerJob = { contender, specPath: ctx.specPath, tmp: ctx.tmp, cases, warm: ctx.smoke ? 4 : ctx.catalog.cases.length };
  const { reply, code, stderrTail } = await runChildProcess<ConsumerJob, ConsumerChildMessage>(CHILD, job);
  if (reply?.kind === 'done') return reply.outcome;
  throw new Error(`consumer child (${contender}, ${cases} cases) failed: ${reply?.message ?? `exit ${code}`} ${stderrTail.slice(-300)}`);
}

interface StepSamples {
  harness: RunOutcome[];
  pactJs: RunOutcome[];
  loopback: number[];
  fresh: number[];
  pactCore: number[];
}

/** All runs of one size: contenders interleaved, their order rotated run by run; pact-js after them. */
async function runStep(ctx: BenchContext, step: Step): Promise<StepSamples> {
  const samples: StepSamples = { harness: [], pactJs: [], loopback: [], fresh: [], pactCore: [] };
  const n = step.cases;
  const contenders: Array<() => Promise<void>> = [
    async () => void samples.harness.push(await runInChild(ctx, 'harness', n)),
    async () => void samples.loopback.push((await runInChild(ctx, 'loopback', n)).ms),
    async () => void samples.fresh.push((await runInChild(ctx, 'loopback-per-case', n)).ms),
    async () => void samples.pactCore.push((await runInChild(ctx, 'pact-core', n)).ms),
  ];
  for (let r = 0; r < step.runs; r++) {
    ctx.log(`consumer: ${n} cases, run ${r + 1}/${step.runs}`);
    for (let k = 0; k < contenders.length; k++) await contenders[(k + r) % contenders.length]!();
    if (r < step.pactJsRuns) {
      ctx.log(`consumer: ${n} cases, pact-js run ${r + 1}/${step.pactJsRuns}`);
      samples.pactJs.push(await runInChild(ctx, 'pact-js', n));
    }
  }
  return samples;
}

export async function consumerPart(ctx: BenchContext, pactJsMax = PACT_JS_MAX_CASES): Promise<BenchRow[]> {
  const steps = plan(ctx, pactJsMax);
  const rows: BenchRow[] = [];
  const perCaseHarness = new Map<number, number>();

  for (const step of steps) {
    const n = step.cases;
    const { harness, pactJs, loopback: loop, fresh, pactCore: floor } = await runStep(ctx, step);
    const h = median(harness.map((o) => o.ms));
    const l = median(loop);
    const f = median(fresh);
    const pc = median(floor);
    perCaseHarness.set(n, h / n);
    if (!ctx.smoke && (n === steps[0]!.cases || n === steps[steps.length - 1]!.cases)) {
      const own = (h - pc) / n;
      ctx.note(
        `consumer, ${n.toLocaleString('en-US')} cases: the harness costs ${formatMs(h / n)} per case; Pact's mock server per case without the harness ${formatMs(pc / n)} ` +
          `(${own > 0 ? `so the harness's own work is ${formatMs(own)}` : 'the harness is within noise of it'}); a bare Node server per case ${formatMs(f / n)}, one kept-alive bare server ${formatMs(l / n)}. ` +
          'Cases share requests and differ only in provider state, so each needs a mock server of its own: a new server and a new connection per case.',
      );
    }
    const size = `${n.toLocaleString('en-US')} cases`;
    const value = (total: number): string => `${formatMs(total / n)}/case, ${formatMs(total)} total`;
    const harnessFailed = harness.map((o) => o.failed);
    const harnessErrors = harness.flatMap((o) => o.errors ?? []);
    if (harnessErrors.length > 0)
      ctx.note(
        `consumer, ${n.toLocaleString('en-US')} cases: the harness failed ${harnessErrors
          .slice(0, 3)
          .map((e) => `"${e}"`)
          .join('; ')}`,
      );
    rows.push({
      part: 'consumer',
      measure: `kit harness, ${size}`,
      value: value(h),
      ratio: `${formatRatio(h / l)} loopback`,
      target: '≤ 4× loopback',
      verdict: judge(h / l <= 4, ctx.smoke),
      note: `${runsText(harness.length)}; pact file written once at the end (included)${harnessFailed.some((x) => x > 0) ? `; failed cases per run: ${harnessFailed.join(', ')} (see the notes)` : ''}`,
    });
    if (pactJs.length > 0) {
      const p = median(pactJs.map((o) => o.ms));
      const failed = pactJs.map((o) => o.failed);
      const errors = pactJs.flatMap((o) => o.errors ?? []);
      if (errors.length > 0)
        ctx.note(
          `consumer, ${n.toLocaleString('en-US')} cases: pact-js failed ${errors
            .slice(0, 2)
            .map((e) => `"${e}"`)
            .join('; ')}`,
        );
      const targeted = n === 1200;
      rows.push({
        part: 'consumer',
        measure: `pact-js PactV4, executeTest per case, ${size}`,
        value: value(p),
        ratio: `kit ${formatRatio(p / h)} faster`,
        target: targeted ? 'kit ≥ 15× faster' : '',
        verdict: targeted ? judge(p / h >= 15, ctx.smoke) : 'info',
        note: `${runsText(pactJs.length)}${failed.some((x) => x > 0) ? `; failed cases per run: ${failed.join(', ')} (see the notes)` : ''}`,
      });
    } else {
      rows.push({
        part: 'consumer',
        measure: `pact-js PactV4, executeTest per case, ${size}`,
        value: 'not run',
        ratio: '',
        target: '',
        verdict: 'skipped',
        note: `pact-js is not run above ${pactJsMax.toLocaleString('en-US')} cases: its per-test pact-file merge grows with the file (O(N²) in all), a run would take tens of minutes`,
      });
    }
    rows.push({
      part: 'consumer',
      measure: `Pact core mock server per case, no harness, ${size}`,
      value: value(pc),
      ratio: `kit ${formatRatio(h / pc)} this`,
      target: '',
      verdict: 'info',
      note: `${runsText(floor.length)}; pact handle + interaction + mock server + the request + match check + cleanup: the floor of one Pact mock server per case`,
    });
    rows.push({
      part: 'consumer',
      measure: `bare http server, same requests, ${size}`,
      value: value(l),
      ratio: '',
      target: '',
      verdict: 'info',
      note: `${runsText(loop.length)}; one server, client keeps its connection: the loopback floor`,
    });
    rows.push({
      part: 'consumer',
      measure: `bare http server per case, ${size}`,
      value: value(f),
      ratio: `kit ${formatRatio(h / f)} this`,
      target: '',
      verdict: 'info',
      note: `${runsText(fresh.length)}; listen + new connection + close per case, the harness's one-server-per-case design without Pact`,
    });
  }

  const first = steps[0]!.cases;
  const last = steps[steps.length - 1]!.cases;
  const drift = perCaseHarness.get(last)! / perCaseHarness.get(first)!;
  rows.push({
    part: 'consumer',
    measure: `kit harness per-case drift, ${first.toLocaleString('en-US')} → ${last.toLocaleString('en-US')} cases`,
    value: `${formatMs(perCaseHarness.get(last)!)} vs ${formatMs(perCaseHarness.get(first)!)} per case`,
    ratio: formatRatio(drift),
    target: '≤ 1.5×',
    verdict: judge(drift <= 1.5, ctx.smoke),
    note: 'every run in a fresh process',
  });
  if (!ctx.smoke) {
    ctx.note(
      "consumer: every run of every contender is a fresh process, as a user's test run is. Pact handles are never freed (pact-core exposes no free to " +
        "JavaScript; pact-js leaks them the same way) and pact-core's cost to build an interaction grows with the number of handles in the process; fetch " +
        '(undici) also keeps state for every origin, and every mock server is a new origin: the per-case cost of the Pact-based contenders rises with the ' +
        'size of a run for these reasons (compare the harness with the Pact-core floor at each size).',
    );
  }
  return rows;
}
