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

/**
 * The file-level cycles: each group of files that import one another (a strongly connected
 * component of the file graph, Tarjan's algorithm), shown as one cycle through its first file.
 */
function fileCycles(edges: readonly Edge[]): string[] {
  const graph = new Map<string, string[]>();
  for (const e of edges) graph.set(e.file, [...(graph.get(e.file) ?? []), e.target]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const groups: string[][] = [];
  const connect = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node) ?? 0);
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (stack.includes(next)) low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = member === node ? undefined : stack.pop()) group.push(member);
    if (group.length > 1 || (graph.get(node) ?? []).includes(node)) groups.push(group.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) connect(node);
  return groups.map((group) => shortestCycle(group, graph).join(' -> ')).sort();
}

/** The shortest way from a group's first file back to itself, through the group (breadth first). */
function shortestCycle(group: readonly string[], graph: ReadonlyMap<string, readonly string[]>): string[] {
  const start = group[0] ?? '';
  const from = new Map<string, string>();
  const queue = [start];
  for (let at = queue.shift(); at !== undefined; at = queue.shift()) {
    for (const next of graph.get(at) ?? []) {
      if (next === start) {
        const path = [at];
        for (let back = from.get(at); back !== undefined; back = from.get(back)) path.unshift(back);
        return [...path, start];
      }
      if (group.includes(next) && !from.has(next) && next !== start) {
        from.set(next, at);
        queue.push(next);
      }
    }
  }
  return [...group];
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

  it('has no file cycles (not even inside a folder; type-only imports count too)', () => {
    expect(fileCycles(edges)).to.deep.equal([]);
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

  it('finds every file cycle, each shown once as its shortest round trip', () => {
    const edge = (file: string, target: string): Edge => ({ from: 'x', to: 'x', file, target });
    const edges = [
      edge('v/a.ts', 'v/b.ts'),
      edge('v/b.ts', 'v/c.ts'),
      edge('v/c.ts', 'v/a.ts'),
      edge('v/c.ts', 'v/b.ts'),
      edge('v/c.ts', 'v/d.ts'),
      edge('w/x.ts', 'w/y.ts'),
      edge('w/y.ts', 'w/x.ts'),
      edge('w/y.ts', 'v/a.ts'),
      edge('z/self.ts', 'z/self.ts'),
    ];
    expect(fileCycles(edges)).to.deep.equal(['v/a.ts -> v/b.ts -> v/c.ts -> v/a.ts', 'w/x.ts -> w/y.ts -> w/x.ts', 'z/self.ts -> z/self.ts']);
    expect(fileCycles([edge('v/a.ts', 'v/b.ts'), edge('v/b.ts', 'v/c.ts')])).to.deep.equal([]);
  });
});
