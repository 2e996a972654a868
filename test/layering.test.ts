import { expect } from 'chai';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from './helpers/paths.js';

/**
 * The folders of src/ follow the data flow; this test extracts the folder import graph (static
 * imports, `export ... from`, `import type`, dynamic `import()`) and holds it to that order, so the
 * rule keeps itself. A new folder must be given a layer here.
 */
const LAYERS: Record<string, number> = {
  errors: 0,
  util: 1,
  io: 1,
  openapi: 2,
  catalog: 3,
  events: 4,
  lint: 4,
  match: 4,
  pact: 5,
  chai: 6,
  expect: 6,
  provider: 7,
  verify: 7,
  coverage: 7,
  cli: 9,
  // The package entries.
  index: 10,
  jest: 10,
  vitest: 10,
};

/** Edges the order allows but the design forbids. */
const FORBIDDEN: [from: RegExp, to: RegExp, why: string][] = [
  [/^(?!cli$)/, /^cli$/, 'nothing imports cli/ but cli/'],
  [/^match$/, /^(pact|provider|verify|coverage|cli)$/, 'match/ is the runner-independent core'],
];

/** Edges that are allowed for now, each with the change that removes it (none: the redactor moved to util/). */
const ALLOWED_FOR_NOW: [from: string, toFile: string][] = [];

const SPECIFIER = /(?:^|[\s;])(?:import|export)\s(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

interface Edge {
  from: string;
  to: string;
  file: string;
  target: string;
}

async function importEdges(): Promise<Edge[]> {
  const src = path.join(repoRoot, 'src');
  const entries = await readdir(src, { recursive: true, withFileTypes: true });
  const edges: Edge[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = path.relative(src, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    const text = await readFile(path.join(src, file), 'utf8');
    for (const m of text.matchAll(SPECIFIER)) {
      const specifier = m[1] ?? m[2] ?? '';
      if (!specifier.startsWith('.')) continue;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)).replace(/\.js$/, '.ts');
      edges.push({ from: folderOf(file), to: folderOf(target), file, target });
    }
  }
  return edges;
}

function folderOf(file: string): string {
  const [first, second] = file.split('/');
  return second === undefined ? (first ?? '').replace(/\.ts$/, '') : (first ?? '');
}

function cycles(edges: readonly Edge[]): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const e of edges) if (e.from !== e.to) graph.set(e.from, (graph.get(e.from) ?? new Set()).add(e.to));
  const found: string[][] = [];
  const visit = (node: string, stack: string[]): void => {
    const at = stack.indexOf(node);
    if (at !== -1) {
      found.push([...stack.slice(at), node]);
      return;
    }
    for (const next of graph.get(node) ?? []) visit(next, [...stack, node]);
  };
  for (const node of [...graph.keys()].sort()) visit(node, []);
  return found;
}

describe('layering: the folder import graph of src/', () => {
  let edges: Edge[];
  before(async () => {
    edges = await importEdges();
  });

  it('reads the imports (a sanity check of the extractor)', () => {
    expect(edges.length).to.be.above(100);
    expect(edges.some((e) => e.file === 'cli/main.ts' && e.target === 'cli/run.ts')).to.equal(true);
    expect(edges.some((e) => e.file === 'index.ts' && e.to === 'pact')).to.equal(true);
  });

  it('every folder has a layer', () => {
    const folders = new Set(edges.flatMap((e) => [e.from, e.to]));
    expect([...folders].filter((f) => LAYERS[f] === undefined).sort()).to.deep.equal([]);
  });

  it('has no folder cycles', () => {
    expect(cycles(edges).map((c) => c.join(' -> '))).to.deep.equal([]);
  });

  it('imports only along the data flow (openapi -> catalog -> pact/match -> chai/expect -> provider/verify/coverage -> cli)', () => {
    const allowed = (e: Edge): boolean => ALLOWED_FOR_NOW.some(([from, toFile]) => e.from === from && e.target === toFile);
    const upward = edges.filter((e) => e.from !== e.to && (LAYERS[e.to] ?? 0) > (LAYERS[e.from] ?? 0) && !allowed(e));
    expect(upward.map((e) => `${e.file} imports ${e.target}`)).to.deep.equal([]);
    const forbidden = edges.flatMap((e) => (e.from === e.to || allowed(e) ? [] : FORBIDDEN.filter(([from, to]) => from.test(e.from) && to.test(e.to)).map(([, , why]) => `${e.file} imports ${e.target}: ${why}`)));
    expect(forbidden).to.deep.equal([]);
  });

  it('the extractor sees every form of import', () => {
    const text = "import a from './a.js';\nimport type { B } from '../b.js';\nexport { c } from './c.js';\nexport * from './d.js';\nconst e = await import('./e.js');\nimport './f.js';";
    expect([...text.matchAll(SPECIFIER)].map((m) => m[1] ?? m[2])).to.deep.equal(['./a.js', '../b.js', './c.js', './d.js', './e.js', './f.js']);
  });

  it('finds a cycle and an upward edge when there is one', () => {
    const edge = (from: string, to: string): Edge => ({ from, to, file: `${from}/x.ts`, target: `${to}/y.ts` });
    expect(cycles([edge('catalog', 'openapi'), edge('openapi', 'catalog')])).to.deep.equal([
      ['catalog', 'openapi', 'catalog'],
      ['openapi', 'catalog', 'openapi'],
    ]);
  });
});
