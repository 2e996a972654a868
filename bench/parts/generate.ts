/**
 * Part 2, `generate`: the kit's command (spec → catalog → Pact V4 contract, written to disk), run
 * in-process through the CLI entry, against swagger-parser's `validate` of the same spec alone,
 * on the bundled spec and on synthetic specs of 10, 100 and 1,000 operations (the real path items
 * cloned, so every copy carries the same annotated errors).
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { buildCatalog } from '../../src/catalog/build.js';
import { runCli } from '../../src/cli/run.js';
import { renderContract } from '../../src/pact/contract.js';
import { loadPactCore } from '../../src/pact/core.js';
import { caseInteraction } from '../../src/pact/interaction.js';
import { renderPactJson } from '../../src/pact/render.js';
import { loadSpec, parseSpecText } from '../../src/openapi/load.js';
import type { BenchContext } from '../lib/context.js';
import { judge, type BenchRow } from '../lib/report.js';
import { formatMs, formatRatio, median, runsText } from '../lib/stats.js';
import { syntheticSpec } from '../lib/synthetic.js';

interface SpecUnderTest {
  label: string;
  file: string;
  operations: number;
  runs: number;
}

async function generateOnce(ctx: BenchContext, spec: string): Promise<{ ms: number; interactions: number }> {
  const out = await mkdtemp(path.join(ctx.tmp, 'generate-'));
  let stdout = '';
  let stderr = '';
  try {
    const start = performance.now();
    const code = await runCli(['generate', '--spec', spec, '--out', out], {
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
      cwd: ctx.tmp,
      env: {},
    });
    const ms = performance.now() - start;
    if (code !== 0) throw new Error(`generate exited ${code}: ${stderr.trim()}`);
    return { ms, interactions: Number(/(\d+) interactions/.exec(stdout)?.[1] ?? Number.NaN) };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

async function validateOnce(spec: string): Promise<number> {
  const start = performance.now();
  await SwaggerParser.validate(spec);
  return performance.now() - start;
}

export async function generatePart(ctx: BenchContext): Promise<BenchRow[]> {
  const specs: SpecUnderTest[] = [{ label: 'bundled spec', file: ctx.specPath, operations: ctx.catalog.operations.length, runs: ctx.smoke ? 1 : 9 }];
  const synthetic = ctx.smoke
    ? [{ ops: 10, runs: 1 }]
    : [
        { ops: 10, runs: 3 },
        { ops: 100, runs: 3 },
        { ops: 1000, runs: 2 },
      ];
  for (const { ops, runs } of synthetic) {
    const made = await syntheticSpec(ctx.specText, ops, ctx.tmp);
    specs.push({ label: 'synthetic spec', file: made.file, operations: made.operations, runs });
  }

  // Warm-up (not measured).
  await generateOnce(ctx, ctx.specPath);
  await validateOnce(ctx.specPath);

  const rows: BenchRow[] = [];
  const perOperation = new Map<number, number>();
  for (const spec of specs) {
    const kit: number[] = [];
    const validate: number[] = [];
    let interactions = 0;
    for (let r = 0; r < spec.runs; r++) {
      ctx.log(`generate: ${spec.label}, ${spec.operations} operations, run ${r + 1}/${spec.runs}`);
      const g = await generateOnce(ctx, spec.file);
      interactions = g.interactions;
      kit.push(g.ms);
      validate.push(await validateOnce(spec.file));
    }
    const k = median(kit);
    const v = median(validate);
    perOperation.set(spec.operations, k / spec.operations);
    const what = `${spec.operations.toLocaleString('en-US')} operations, ${interactions.toLocaleString('en-US')} interactions`;
    rows.push({
      part: 'generate',
      measure: `kit generate, ${spec.label} (${what})`,
      value: `${formatMs(k)} (${formatMs(k / spec.operations)}/operation)`,
      ratio: `${formatRatio(k / v)} validate`,
      // The speed target (≤ 2× validate-only) is retired (issue 11): reported, not judged.
      target: '',
      verdict: 'info',
      note: `${runsText(spec.runs)}; load + validate + catalog + contract + atomic write`,
    });
    rows.push({
      part: 'generate',
      measure: `swagger-parser validate alone, ${spec.label} (${spec.operations.toLocaleString('en-US')} operations)`,
      value: formatMs(v),
      ratio: '',
      target: '',
      verdict: 'info',
      note: `${runsText(spec.runs)}`,
    });
  }
  const stageRows = await stages(ctx);
  rows.push(...stageRows.rows);
  if (!ctx.smoke) {
    const real = rows[0]!;
    ctx.note(
      `generate, bundled spec: ${real.value} in all (${real.ratio}); of it the kit's spec loader ${formatMs(stageRows.load)} (its parse with the yaml package and checks, ` +
        `${formatMs(stageRows.parse)}, then swagger-parser's validation of the parsed documents, the same work as validate-only's ${rows[1]!.value} less reading and parsing the file) ` +
        `and the contract ${formatMs(stageRows.render)}, of which ${formatMs(stageRows.core)} in the Pact core (the ${ctx.catalog.cases.length} interactions built through its FFI, ` +
        `the pact file written and read back)${backtraceNote()}.`,
    );
  }
  if (!ctx.smoke) {
    const small = perOperation.get(100)!;
    const big = perOperation.get(1000)!;
    rows.push({
      part: 'generate',
      measure: 'kit generate per-operation growth, 100 → 1,000 operations',
      value: `${formatMs(big)} vs ${formatMs(small)} per operation`,
      ratio: formatRatio(big / small),
      target: '≤ 1.5× (linear)',
      verdict: judge(big / small <= 1.5, ctx.smoke),
    });
  }
  return rows;
}

/** pact_ffi builds an error value (unused) in its comment calls: with RUST_BACKTRACE set, each captures a backtrace. */
function backtraceNote(): string {
  const value = process.env.RUST_BACKTRACE;
  return value === undefined || value === '' || value === '0' ? '' : `; RUST_BACKTRACE=${value} was set, which makes the core's comment calls capture a backtrace each`;
}

/**
 * Where generate's time goes on the bundled spec: the kit's spec loader (its own parse and checks,
 * then swagger-parser on the parsed documents), and within it the YAML parse; the contract
 * rendering, and within it the Pact core's part (handles, interactions, the pact file written and
 * read back; the rest is the catalog-to-interaction mapping and the canonical JSON).
 */
async function stages(ctx: BenchContext): Promise<{ rows: BenchRow[]; load: number; parse: number; render: number; core: number }> {
  const runs = ctx.smoke ? 1 : 5;
  const times = { load: [] as number[], parse: [] as number[], render: [] as number[], core: [] as number[] };
  const pactCore = loadPactCore();
  for (let r = 0; r <= runs; r++) {
    let start = performance.now();
    const spec = await loadSpec(ctx.specPath);
    const loaded = performance.now() - start;
    start = performance.now();
    parseSpecText(ctx.specText, ctx.specPath);
    const parsed = performance.now() - start;
    const catalog = buildCatalog(spec);
    start = performance.now();
    await renderContract(catalog, catalog.cases, { consumer: 'bench-consumer', provider: 'sinch-numbers', core: pactCore });
    const rendered = performance.now() - start;
    const interactions = catalog.cases.map(caseInteraction);
    start = performance.now();
    await renderPactJson(interactions, { core: pactCore, consumer: 'bench-consumer', provider: 'sinch-numbers', metadata: { specVersion: catalog.specVersion, specSha256: catalog.specSha256 } });
    const core = performance.now() - start;
    if (r === 0) continue; // warm-up
    times.load.push(loaded);
    times.parse.push(parsed);
    times.render.push(rendered);
    times.core.push(core);
  }
  const note = `${runsText(runs)}, bundled spec, in-process`;
  const row = (measure: string, values: number[]): BenchRow => ({ part: 'generate', measure, value: formatMs(median(values)), ratio: '', target: '', verdict: 'info', note });
  const cases = ctx.catalog.cases.length;
  return {
    load: median(times.load),
    parse: median(times.parse),
    render: median(times.render),
    core: median(times.core),
    rows: [
      row('of which: kit loadSpec (yaml-package parse and checks, swagger-parser on the parsed documents)', times.load),
      row('of which, within loadSpec: the parse with the yaml package and its checks (parseSpecText)', times.parse),
      row(`of which: renderContract (${cases} interactions through the Pact core, canonical JSON)`, times.render),
      row(`of which, within renderContract: the Pact core (${cases} interactions added, pact file written and read back)`, times.core),
    ],
  };
}
