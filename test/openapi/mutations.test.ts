import { expect } from 'chai';
import fc from 'fast-check';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildCatalog } from '../../src/catalog/build.js';
import { reportError } from '../../src/cli/report.js';
import { isKitError } from '../../src/errors.js';
import { lintSpec } from '../../src/lint/index.js';
import { loadSpec } from '../../src/openapi/load.js';
import { repoRoot } from '../helpers/paths.js';

/** More runs for a soak: NCK_MUTANTS=5000 npx mocha test/openapi/mutations.test.ts */
const RUNS = Number(process.env.NCK_MUTANTS ?? 150);
const SNIPPETS = [':', ': ', '- ', '[', ']', '{', '}', ',', '&a ', '*a', '*b', '\t', "'", '"', '#', '\\', '\u0000', '\uFEFF', '!!binary ', '!!str ', '? ', '|', '>', '%YAML 1.1\n', '---\n', '...\n', '<<: ', '__proto__: ', '~', '.inf', '0x1F', '\r\n'];
const REFS = ['#/components/schemas/Nope', '../outside.yaml', '/etc/passwd', 'file:///etc/passwd', 'http://127.0.0.1:9/x.yaml', '#/__proto__/x', '#', '#/paths', 'spec.yaml#/components', '%2e%2e/x.yaml', '', '#/components/schemas/Regions/properties', 'nope.yaml'];

type Mutation = (text: string) => string;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((at) => (text: string) => text.slice(0, at % (text.length + 1))),
  fc.tuple(fc.nat(), fc.constantFrom(...SNIPPETS)).map(([at, snippet]) => (text: string) => {
    const i = at % (text.length + 1);
    return text.slice(0, i) + snippet + text.slice(i);
  }),
  fc.nat().map((at) => (text: string) => {
    const lines = text.split('\n');
    lines.splice(at % lines.length, 1);
    return lines.join('\n');
  }),
  fc.nat().map((at) => (text: string) => {
    const lines = text.split('\n');
    const i = at % lines.length;
    lines.splice(i, 0, lines[i] ?? '');
    return lines.join('\n');
  }),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => (text: string) => {
    const lines = text.split('\n');
    const [i, j] = [a % lines.length, b % lines.length];
    [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
    return lines.join('\n');
  }),
  fc.tuple(fc.nat(), fc.constantFrom(...REFS)).map(([at, ref]) => (text: string) => {
    const refs = [...text.matchAll(/\$ref: '[^']*'/g)];
    const hit = refs[at % Math.max(refs.length, 1)];
    return hit === undefined ? text : text.slice(0, hit.index) + `$ref: '${ref}'` + text.slice((hit.index ?? 0) + hit[0].length);
  }),
);

/**
 * Mutants of the base fixture (truncations, YAML-significant insertions, dropped, doubled and
 * swapped lines, hostile refs): loading, listing and linting each one either succeeds or fails
 * with a KitError that prints as one line; nothing else may escape, and nothing is polluted.
 */
describe('spec front door: mutated specs', () => {
  let tmp: string;
  let base: string;
  let baseJson: string;
  const tried = { specs: 0, loaded: 0, refused: 0, codes: {} as Record<string, number> };
  before(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'nck-mutants-'));
    base = await readFile(path.join(repoRoot, 'test', 'fixtures', 'specs', '_base', 'spec.yaml'), 'utf8');
    baseJson = JSON.stringify((await loadSpec(path.join(repoRoot, 'test', 'fixtures', 'specs', '_base', 'spec.yaml'))).document, null, 1);
  });
  after(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  async function check(file: string, text: string): Promise<void> {
    await writeFile(file, text);
    tried.specs++;
    try {
      const spec = await loadSpec(file);
      tried.loaded++;
      try {
        buildCatalog(spec);
      } catch (error) {
        if (!isKitError(error)) throw error;
      }
      lintSpec(spec);
    } catch (error) {
      if (!isKitError(error)) throw error;
      tried.refused++;
      tried.codes[error.code] = (tried.codes[error.code] ?? 0) + 1;
      expect(error.code).to.match(/^(SPEC|LINT)_[A-Z_]+$/);
      expect([2, 3]).to.include(error.exitCode);
      let line = '';
      reportError(error, { stderr: (text) => void (line += text), cwd: tmp }, false);
      // One line; the pointer may contain spaces (a key with spaces), so the location is not \S+.
      expect(line, line).to.match(/^numbers-contract: [A-Z_]+ [^\n]+: [^\n]{1,500}\n$/);
    }
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  }

  it('YAML mutants: only KitErrors, one line each', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        await check(path.join(tmp, 'spec.yaml'), mutations.reduce((text, mutate) => mutate(text), base));
      }),
      { numRuns: RUNS, seed: Number(process.env.NCK_SEED ?? 20261127) },
    );
  });

  it('JSON mutants: only KitErrors, one line each', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        await check(path.join(tmp, 'spec.json'), mutations.reduce((text, mutate) => mutate(text), baseJson));
      }),
      { numRuns: RUNS, seed: Number(process.env.NCK_SEED ?? 20261127) },
    );
    expect(tried.specs).to.equal(2 * RUNS);
    if (process.env.NCK_MUTANTS !== undefined) console.log(`      mutants: ${JSON.stringify(tried)}`);
  });
});
