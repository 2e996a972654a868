/**
 * `npm run bench`: the kit's hot paths against the baselines a user would otherwise use, measured
 * side by side in one run on this machine, printed as a table and written to bench/RESULTS.md.
 *
 *   npm run bench                       full run (several minutes), writes bench/RESULTS.md
 *   npm run bench -- --smoke            a few cases of each part in seconds; writes nothing
 *   npm run bench -- --only verify,provider --out /tmp/r.md
 *   npm run bench -- --pact-js-max 600  run pact-js only up to 600 cases
 *
 * Exit code 0 when every part ran (missed targets included: they are reported, not asserted),
 * 1 when a part failed to run, 2 on bad arguments.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '../src/catalog/index.js';
import { bundledSpecPath, packageRoot } from '../src/openapi/bundled.js';
import type { BenchContext } from './lib/context.js';
import { loadAverage, renderTable, writeResults, type BenchRow } from './lib/report.js';
import { consumerPart, PACT_JS_MAX_CASES } from './parts/consumer.js';
import { generatePart } from './parts/generate.js';
import { matchersPart } from './parts/matchers.js';
import { providerPart } from './parts/provider.js';
import { startupPart } from './parts/startup.js';
import { verifyPart } from './parts/verify.js';

const PARTS = ['consumer', 'generate', 'verify', 'matchers', 'provider', 'startup'] as const;
type PartName = (typeof PARTS)[number];

interface Args {
  smoke: boolean;
  out: string | undefined;
  only: PartName[];
  pactJsMax: number;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { smoke: false, out: undefined, only: [...PARTS], pactJsMax: PACT_JS_MAX_CASES };
  let explicitOut = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--smoke') args.smoke = true;
    else if (arg === '--out') {
      args.out = path.resolve(value());
      explicitOut = true;
    } else if (arg === '--only') {
      const names = value()
        .split(',')
        .map((s) => s.trim());
      const unknown = names.filter((n) => !(PARTS as readonly string[]).includes(n));
      if (unknown.length > 0) throw new Error(`unknown part(s) ${unknown.join(', ')}; parts: ${PARTS.join(', ')}`);
      args.only = names as PartName[];
    } else if (arg === '--pact-js-max') {
      args.pactJsMax = Number(value());
      if (!Number.isInteger(args.pactJsMax) || args.pactJsMax < 0) throw new Error('--pact-js-max needs a whole number');
    } else throw new Error(`unknown argument ${arg}; use --smoke, --out FILE, --only PART[,PART], --pact-js-max N`);
  }
  // A full run of every part writes bench/RESULTS.md; smoke and partial runs only where --out says.
  if (!explicitOut && !args.smoke && args.only.length === PARTS.length) args.out = path.join(packageRoot(), 'bench', 'RESULTS.md');
  return args;
}

export async function runBench(argv: readonly string[], io: { stdout: (s: string) => void; stderr: (s: string) => void }): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    io.stderr(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  process.env.PACT_DO_NOT_TRACK = 'true';
  const started = performance.now();
  const loadBefore = loadAverage();
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'nck-bench-'));
  const notes: string[] = [];
  const rows: BenchRow[] = [];
  let failed = false;
  try {
    const specPath = bundledSpecPath();
    const ctx: BenchContext = {
      smoke: args.smoke,
      catalog: await loadCatalog(specPath),
      specPath,
      specText: await readFile(specPath, 'utf8'),
      contractFile: path.join(packageRoot(), 'contracts', 'numbers-consumer-sinch-numbers.json'),
      tmp,
      log: (line) => io.stderr(`bench: ${line}\n`),
      note: (line) => notes.push(line),
    };
    const parts: Record<PartName, () => Promise<BenchRow[]>> = {
      consumer: () => consumerPart(ctx, args.pactJsMax),
      generate: () => generatePart(ctx),
      verify: () => verifyPart(ctx),
      matchers: () => matchersPart(ctx),
      provider: () => providerPart(ctx),
      startup: () => startupPart(ctx),
    };
    for (const name of args.only) {
      const partStart = performance.now();
      ctx.log(`${name}: starting`);
      try {
        rows.push(...(await parts[name]()));
      } catch (error) {
        failed = true;
        const message = error instanceof Error ? error.message : String(error);
        rows.push({ part: name, measure: 'part failed to run', value: '', ratio: '', target: '', verdict: 'error', note: message.split('\n', 1)[0]!.slice(0, 300) });
      }
      ctx.log(`${name}: done in ${((performance.now() - partStart) / 1000).toFixed(1)} s`);
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  const doc = {
    mode: args.smoke ? 'smoke mode: a few cases per part, timings not meaningful' : args.only.length === PARTS.length ? 'full run' : `parts: ${args.only.join(', ')}`,
    rows,
    notes,
    loadBefore,
    loadAfter: loadAverage(),
    wallSeconds: (performance.now() - started) / 1000,
  };
  io.stdout(`${renderTable(rows)}\n`);
  if (args.out !== undefined) {
    await writeResults(args.out, doc);
    io.stderr(`bench: wrote ${path.relative(process.cwd(), args.out) || args.out}\n`);
  } else if (args.smoke) {
    io.stderr('bench: smoke mode, nothing written (give --out FILE to write the results)\n');
  }
  return failed ? 1 : 0;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runBench(process.argv.slice(2), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
