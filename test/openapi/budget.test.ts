import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildCatalog } from '../../src/catalog/build.js';
import type { KitError } from '../../src/errors.js';
import { measureExpansion } from '../../src/openapi/expand.js';
import { loadSpec } from '../../src/openapi/load.js';
import { newBudget, resolveLimits } from '../../src/openapi/options.js';
import { parseSpecText } from '../../src/openapi/parse.js';
import { Alias } from 'yaml';
import { cli } from '../helpers/cli.js';
import { bundledSpec, repoRoot } from '../helpers/paths.js';
import { loadError } from './load-error.js';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'specs');

/** CPU time (user + system, every thread of this process) since `since`, in ms. */
const cpuMs = (since: NodeJS.CpuUsage): number => {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
};

/**
 * Runs `load` and returns the CPU time it took and how much the RSS grew. CPU time, not wall time:
 * a bomb that expanded would burn minutes of CPU, while other work on a busy CI machine only
 * stretches the wall clock (a 40 ms load could take seconds of wall time there).
 */
async function measured(load: () => Promise<unknown>): Promise<{ ms: number; rssMb: number }> {
  const rss = process.memoryUsage().rss;
  const started = process.cpuUsage();
  await load().catch(() => undefined);
  return { ms: cpuMs(started), rssMb: (process.memoryUsage().rss - rss) / 2 ** 20 };
}

describe('spec front door: resource bombs', () => {
  let tmp: string;
  before(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'nck-budget-'));
    await loadSpec(path.join(fixtures, '_base', 'spec.yaml'));
  });
  after(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  const bombs: [string, string, string][] = [
    ['a07-alias-bomb', 'spec.yaml', 'SPEC_ALIAS_BUDGET'],
    ['a08-deep-flow', 'spec.yaml', 'SPEC_TOO_DEEP'],
    ['a08-deep-json', 'spec.json', 'SPEC_TOO_DEEP'],
    ['ref-bomb', 'spec.yaml', 'SPEC_TOO_MANY_NODES'],
  ];
  for (const [name, file, code] of bombs) {
    it(`${name}: ${code} in under 1 s of CPU, RSS growth under 200 MB`, async () => {
      let error: KitError | undefined;
      const { ms, rssMb } = await measured(async () => {
        error = await loadError(path.join(fixtures, name, file));
      });
      expect(error?.code).to.equal(code);
      expect(ms).to.be.below(1000);
      expect(rssMb).to.be.below(200);
    });
  }

  it('10,000 levels of [[[...]]] in YAML and in JSON (4 MB of brackets in YAML): SPEC_TOO_DEEP, no stack overflow', async () => {
    const yaml = path.join(tmp, 'deep.yaml');
    await writeFile(yaml, `openapi: 3.0.3\nx-deep: ${'['.repeat(2_000_000)}${']'.repeat(2_000_000)}\n`);
    const json = path.join(tmp, 'deep.json');
    await writeFile(json, `{"openapi": "3.0.3", "x": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`);
    for (const file of [yaml, json]) {
      let error: KitError | undefined;
      const { ms } = await measured(async () => {
        error = await loadError(file);
      });
      expect(error?.code, file).to.equal('SPEC_TOO_DEEP');
      expect(ms, file).to.be.below(1000);
    }
  });

  it('a maxDepth above 256 is refused: the YAML composer recurses once per level', async () => {
    const error = await loadError(bundledSpec, { maxDepth: 1000 });
    expect([error.code, error.argument, error.message]).to.deep.equal(['SPEC_OPTIONS', 'maxDepth', 'maxDepth must be an integer from 1 to 256, got 1000']);
  });

  it('limits are options: a spec over a small node budget, and within a larger one', async () => {
    const base = path.join(fixtures, '_base', 'spec.yaml');
    const small = await loadError(base, { maxNodes: 100 });
    expect([small.code, small.message]).to.deep.equal(['SPEC_TOO_MANY_NODES', 'more than 100 nodes (maxNodes)']);
    const shallow = await loadError(base, { maxDepth: 5 });
    expect(shallow.code).to.equal('SPEC_TOO_DEEP');
    const bomb = path.join(fixtures, 'a07-alias-bomb', 'spec.yaml');
    expect((await loadError(bomb, { maxNodes: 50_000_000 })).code).to.equal('SPEC_ALIAS_BUDGET');
  });
});

describe('spec front door: parsing', () => {
  const budget = () => newBudget(resolveLimits());

  it('JSON: duplicate keys at any depth, with both positions', () => {
    expect(() => parseSpecText('{"a": {"b": 1,\n "b": 2}}', 'x.json', budget()))
      .to.throw('duplicate key "b" at line 2, column 2 (first at line 1, column 8)')
      .with.property('pointer', '/a/b');
  });

  it('JSON is read by the YAML parser, strictly: what YAML allows beyond RFC 8259 is refused at its position', () => {
    const cases: [string, string][] = [
      ['{"a": 1,}', 'unexpected "}", expected a double-quoted key at line 1, column 9'],
      ['[1, 2,]', 'unexpected "]", expected a JSON value at line 1, column 7'],
      ["{'a': 1}", 'unexpected "\'", expected a double-quoted key at line 1, column 2'],
      ['{"a": 1 # note\n}', 'unexpected "#", expected \',\' or \'}\' at line 1, column 9'],
      ['{a: 1}', 'unexpected "a", expected a double-quoted key at line 1, column 2'],
      ['{"a": yes}', 'unexpected "y", expected a JSON value at line 1, column 7'],
      ['{"a": .5}', 'unexpected ".", expected a JSON value at line 1, column 7'],
      ['{"a": 1 "b": 2}', 'unexpected "\\"", expected \',\' or \'}\' at line 1, column 9'],
      ['{"a"}', 'unexpected "}", expected \':\' after the key at line 1, column 5'],
      ['["a": 1]', 'unexpected ":", expected \',\' or \']\' at line 1, column 5'],
      ['{"a": "\\x41"}', 'invalid escape in string at line 1, column 8'],
      ['{"a": "b\tc"}', 'control character in string at line 1, column 9'],
      ['{"a": &x 1}', 'unexpected "&", expected a JSON value at line 1, column 7'],
      ['{"a": !!str 1}', 'unexpected "!", expected a JSON value at line 1, column 7'],
      ['"a": 1', 'unexpected ":" after the JSON value at line 1, column 4'],
      ['{"a": 1} {}', 'unexpected "{" after the JSON value at line 1, column 10'],
      ['{"a": [1', 'unexpected end of JSON, expected \',\' or \']\' at line 1, column 9'],
      ['', 'unexpected end of JSON, expected a JSON value at line 1, column 1'],
    ];
    for (const [text, message] of cases) {
      expect(() => parseSpecText(text, 'x.json'), text)
        .to.throw(message)
        .with.property('code', 'SPEC_SYNTAX');
    }
    expect(parseSpecText('{"a":\t[1e3, -0.5, true, null, "\\u00e9\\/"],\r\n "b": {}}', 'x.json')).to.deep.equal({ a: [1000, -0.5, true, null, 'é/'], b: {} });
  });

  it('JSON: __proto__ stays an ordinary key', () => {
    const value = parseSpecText('{"__proto__": {"polluted": true}, "a": [{"__proto__": 1}]}', 'x.json', budget());
    expect(Object.getPrototypeOf(value)).to.equal(Object.prototype);
    expect(Object.keys(value)).to.deep.equal(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });

  it('YAML: keys that are equal as JSON keys are duplicates (1 and "1", true and "true")', () => {
    for (const text of ['a:\n  1: x\n  "1": y\n', 'a:\n  true: x\n  "true": y\n']) {
      expect(() => parseSpecText(text, 'x.yaml')).to.throw(/^duplicate key/).with.property('code', 'SPEC_DUPLICATE_KEY');
    }
  });

  it('YAML: refuses what JSON cannot hold (complex keys, !!binary, .inf) and a second document', () => {
    const cases: [string, string][] = [
      ['? [a, b]\n: 1\n', 'mapping keys must be strings, numbers or booleans at line 1, column 3'],
      ['a: !!binary aGVsbG8=\n', 'a !!binary value is not JSON data at line 1, column 13'],
      ['a: .inf\n', 'Infinity is not a JSON number at line 1, column 4'],
      ['a: 1\n---\nb: 2\n', 'more than one YAML document (a second one starts at line 2, column 1)'],
      ['a: !custom 1\n', 'Unresolved tag: !custom at line 1, column 4'],
      ['a: *nowhere\n', 'alias *nowhere has no anchor &nowhere before it at line 1, column 4'],
    ];
    for (const [text, message] of cases) expect(() => parseSpecText(text, 'x.yaml'), text).to.throw(message);
  });

  it('measures expansion in linear time: 9 references x 12 levels is 282 billion nodes, stopped at once', () => {
    let level: unknown = 'leaf';
    for (let i = 0; i < 12; i++) level = Array.from({ length: 9 }, () => level);
    const started = process.cpuUsage();
    expect(measureExpansion({ bomb: level }, { maxNodes: 1_000_000, maxDepth: 100, cycles: 'fail' })).to.deep.equal({ kind: 'nodes', pointer: '/bomb/0/0/0/0/0' });
    expect(cpuMs(started), 'CPU ms').to.be.below(200);
  });
});

describe('spec front door: aliases and $ref chains cost linear work', () => {
  let tmp: string;
  before(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'nck-linear-'));
  });
  after(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  /** The base spec with `extra` lines at the top of `info`, and its 200 schema of ListRegions replaced by a `$ref` to `ref`. */
  async function baseWith(extra: string, ref = '#/components/schemas/Regions', schemas = ''): Promise<string> {
    const base = await readFile(path.join(fixtures, '_base', 'spec.yaml'), 'utf8');
    const file = path.join(tmp, `spec-${Math.random().toString(36).slice(2)}.yaml`);
    await writeFile(
      file,
      base
        .replace('info:\n', `info:\n${extra}`)
        .replace("schema: { $ref: '#/components/schemas/Regions' }", `schema: { $ref: '${ref}' }`)
        .replace('\n  schemas:\n', `\n  schemas:\n${schemas}`),
    );
    return file;
  }

  it("20,000 aliases (88 KB): each one shared, and not one document search of the yaml package's per-alias resolver", async () => {
    // yaml's Alias#resolve searches the whole document for the anchor: once per alias, it was quadratic (about a minute here).
    const resolve = Object.getOwnPropertyDescriptor(Alias.prototype, 'resolve');
    let searches = 0;
    Alias.prototype.resolve = function (this: Alias, ...args: Parameters<Alias['resolve']>) {
      searches++;
      return resolve?.value.apply(this, args);
    };
    try {
      const file = await baseWith(`  x-anchor: &a {k: v}\n  x-aliases: [${Array.from({ length: 20_000 }, () => '*a').join(', ')}]\n`);
      expect((await readFile(file)).length).to.be.above(80_000);
      const spec = await loadSpec(file);
      const info = spec.document.info as unknown as { 'x-anchor': object; 'x-aliases': object[] };
      expect(info['x-aliases']).to.have.length(20_000);
      expect(new Set(info['x-aliases'])).to.deep.equal(new Set([info['x-anchor']]));
    } finally {
      if (resolve !== undefined) Object.defineProperty(Alias.prototype, 'resolve', resolve);
    }
    expect(searches).to.equal(0);
  });

  it('a chain of 5,000 $refs is SPEC_TOO_DEEP at the ref that starts it, not a stack overflow; 99 links load', async () => {
    const chain = (n: number): string => Array.from({ length: n }, (_, i) => `    C${i}: { $ref: '#/components/schemas/C${i + 1}' }\n`).join('') + `    C${n}: { type: object }\n`;
    const long = await loadError(await baseWith('', '#/components/schemas/C0', chain(5_000)));
    expect([long.code, long.pointer, long.message]).to.deep.equal([
      'SPEC_TOO_DEEP',
      '/paths/~1v1~1projects~1{projectId}~1availableRegions/get/responses/200/content/application~1json/schema/$ref',
      '$ref "#/components/schemas/C0" starts a chain of more than 100 $refs before a value (maxDepth)',
    ]);
    // With the operation's own ref, 99 links are 100 refs: the limit, allowed.
    await loadSpec(await baseWith('', '#/components/schemas/C0', chain(99)));
    expect((await loadError(await baseWith('', '#/components/schemas/C0', chain(100)))).code).to.equal('SPEC_TOO_DEEP');
    // A chain entered in its middle first still counts in full from its start.
    const late = await loadError(await baseWith('  x-first: { $ref: "#/components/schemas/C50" }\n', '#/components/schemas/C0', chain(100)));
    expect([late.code, late.pointer]).to.deep.equal(['SPEC_TOO_DEEP', '/paths/~1v1~1projects~1{projectId}~1availableRegions/get/responses/200/content/application~1json/schema/$ref']);
  });
});

describe('spec front door: what it keeps', () => {
  it('the bundled spec: same sha256 as its bytes, same document on every load, same catalog from any cwd', async () => {
    const bytes = await readFile(bundledSpec);
    const first = await loadSpec(bundledSpec);
    const second = await loadSpec(path.relative(process.cwd(), bundledSpec));
    expect(first.sha256).to.equal(createHash('sha256').update(bytes).digest('hex'));
    expect(second.sha256).to.equal(first.sha256);
    expect(JSON.stringify(buildCatalog(second).cases)).to.equal(JSON.stringify(buildCatalog(first).cases));
  });

  it('a spec with external refs lists the same from two working directories', async () => {
    const folder = path.join(fixtures, 'ref-external-ok');
    const fromRoot = await cli(['list', '--json', '--spec', 'test/fixtures/specs/ref-external-ok/spec.yaml']);
    const fromFolder = await cli(['list', '--json', '--spec', 'spec.yaml'], { cwd: folder });
    expect(fromRoot.code).to.equal(0);
    expect(fromFolder.stdout).to.equal(fromRoot.stdout);
  });

  it('__proto__, constructor and prototype keys survive as data and pollute nothing', async () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const spec = await loadSpec(path.join(fixtures, 'a10-proto-keys', 'spec.yaml'));
    const regions = (spec.document.components?.schemas?.Regions ?? {}) as { properties: Record<string, unknown> };
    expect(Object.prototype.hasOwnProperty.call(regions.properties, '__proto__')).to.equal(true);
    expect(Object.getPrototypeOf(regions.properties)).to.equal(Object.prototype);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).to.deep.equal(before);
    expect(({} as Record<string, unknown>)['x-polluted']).to.equal(undefined);
  });
});
