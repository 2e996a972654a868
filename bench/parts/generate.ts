/**
 * Part 2, `generate`: the kit's command (spec → catalog → Pact V4 contract, written to disk), run
 * in-process through the CLI entry, against swagger-parser's `validate` of the same spec alone,
 * on the bundled spec and on synthetic specs of 10, 100 and 1,000 operations (the real path items
 * cloned, so every copy carries the same annotated errors).
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { buildCatalog } from '../../src/catalog/index.js';
import { runCli } from '../../src/cli/run.js';
import { renderContract } from '../../src/pact/contract.js';
import { loadSpec } from '../../src/spec/load.js';
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
  const specs: SpecUnderTest[] = [{ label: 'bundled spec', file: ctx.specPath, operations: ctx.catalog.operations.length, runs: ctx.smoke ? 1 : 5 }];
  const synthetic = ctx.smoke ? [{ ops: 10, runs: 1 }] : [{ ops: 10, runs: 3 }, { ops: 100, runs: 3 }, { ops: 1000, runs: 2 }];
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
    const real = spec.file === ctx.specPath;
    const what = `${spec.operations.toLocaleString('en-US')} operations, ${interactions.toLocaleString('en-US')} interactions`;
    rows.push({
      part: 'generate',
      measure: `kit generate, ${spec.label} (${what})`,
      value: `${formatMs(k)} (${formatMs(k / spec.operations)}/operation)`,
      ratio: `${formatRatio(k / v)} validate`,
      target: real ? '≤ 2× validate-only' : '',
      verdict: real ? judge(k / v <= 2, ctx.smoke) : 'info',
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
      `generate, bundled spec: ${real.value} in all (${real.ratio}); of it the kit's spec loader ${formatMs(stageRows.load)} (its own YAML parse and checks, ` +
        `then swagger-parser's validation of the parsed documents, the same work as validate-only's ${rows[1]!.value}) and the contract through the Pact core ${formatMs(stageRows.render)}.`,
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

/** Where generate's time goes on the bundled spec: the kit's spec loader (its own parse and checks, then swagger-parser on the parsed documents) and the contract rendering through the Pact core. */
async function stages(ctx: BenchContext): Promise<{ rows: BenchRow[]; load: number; render: number }> {
  const runs = ctx.smoke ? 1 : 5;
  const load: number[] = [];
  const render: number[] = [];
  for (let r = 0; r <= runs; r++) {
    let start = performance.now();
    const spec = await loadSpec(ctx.specPath);
    const loaded = performance.now() - start;
    const catalog = buildCatalog(spec);
    start = performance.now();
    await renderContract(catalog, catalog.cases, { consumer: 'bench-consumer', provider: 'sinch-numbers' });
    const rendered = performance.now() - start;
    if (r === 0) continue; // warm-up
    load.push(loaded);
    render.push(rendered);
  }
  const note = `${runsText(runs)}, bundled spec, in-process`;
  return {
    load: median(load),
    render: median(render),
    rows: [
      { part: 'generate', measure: 'of which: kit loadSpec (own YAML parse and checks, swagger-parser on the parsed documents)', value: formatMs(median(load)), ratio: '', target: '', verdict: 'info', note },
      { part: 'generate', measure: `of which: renderContract (${ctx.catalog.cases.length} interactions through the Pact core, canonical JSON)`, value: formatMs(median(render)), ratio: '', target: '', verdict: 'info', note },
    ],
  };
}
