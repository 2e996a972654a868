/**
 * What the spec front door costs: `npx tsx scripts/bench-front-door.ts [spec] [runs]`.
 * Times each phase of `loadSpec` on the same spec (default: the bundled one) and prints the
 * median and the minimum of each (the minimum is the better figure on a busy machine).
 */
import path from 'node:path';
import { lintSpec } from '../src/lint/index.js';
import { measureExpansion } from '../src/openapi/expand.js';
import { loadSpec } from '../src/openapi/load.js';
import { newBudget, resolveLimits } from '../src/openapi/options.js';
import { parseSpecText } from '../src/openapi/parse.js';
import { readSpecFile } from '../src/openapi/read.js';
import { checkRefGraph } from '../src/openapi/ref-graph.js';
import { loadDocuments, type SpecDocuments } from '../src/openapi/refs.js';
import { decodeSpecText } from '../src/openapi/text.js';
import { validateDocuments } from '../src/openapi/validate.js';

const file = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..', 'openapi', 'numbers.v1.yaml'));
const runs = Number(process.argv[3] ?? 30);
const phases = { 'read + parse + budgets': [] as number[], 'refs + graph + expansion': [] as number[], 'swagger-parser (no reads)': [] as number[], 'loadSpec total': [] as number[], lintSpec: [] as number[] };

async function time(fn: () => unknown): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

for (let i = 0; i < runs + 3; i++) {
  const limits = resolveLimits();
  const budget = newBudget(limits);
  let root: Record<string, unknown> = {};
  let docs: SpecDocuments | undefined;
  const parse = await time(async () => {
    root = parseSpecText(decodeSpecText(await readSpecFile(file, budget, { file, label: '' }), file), file, budget);
  });
  const refs = await time(async () => {
    docs = await loadDocuments({ file, value: root }, budget);
    measureExpansion(root, { maxNodes: limits.maxNodes, maxDepth: limits.maxDepth, follow: checkRefGraph(docs, limits.maxDepth), cycles: 'allow' });
  });
  const validate = await time(() => validateDocuments(docs as SpecDocuments));
  const total = await time(() => loadSpec(file));
  const spec = await loadSpec(file);
  const lint = await time(() => lintSpec(spec));
  if (i < 3) continue; // warm-up
  phases['read + parse + budgets'].push(parse);
  phases['refs + graph + expansion'].push(refs);
  phases['swagger-parser (no reads)'].push(validate);
  phases['loadSpec total'].push(total);
  phases.lintSpec.push(lint);
}

console.log(`${path.relative(process.cwd(), file)}: ${runs} runs`);
for (const [name, samples] of Object.entries(phases)) {
  const sorted = [...samples].sort((a, b) => a - b);
  console.log(`  ${name.padEnd(28)} median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ms, min ${sorted[0]?.toFixed(1)} ms`);
}
