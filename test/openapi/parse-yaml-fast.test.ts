import { expect } from 'chai';
import fc from 'fast-check';
import { readFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import { newBudget, resolveLimits } from '../../src/openapi/options.js';
import { parseYamlFast } from '../../src/openapi/parse-yaml-fast.js';
import { parseYamlFull } from '../../src/openapi/parse-yaml.js';
import { withinPlainSubset } from '../../src/openapi/yaml-subset.js';
import { bundledSpec } from '../helpers/paths.js';

/** The full path's value and the budget it leaves, or its error message. */
function full(text: string): { value: unknown; nodesLeft: number } | { error: string } {
  const budget = newBudget(resolveLimits());
  try {
    return { value: parseYamlFull(text, 'spec.yaml', budget), nodesLeft: budget.nodesLeft };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** The fast path gives up, or gives exactly what the full path gives (value, and nodes left in the budget). */
function agrees(text: string): boolean {
  const budget = newBudget(resolveLimits());
  const fast = parseYamlFast(text, budget);
  if (fast === undefined) return budget.nodesLeft === budget.limits.maxNodes;
  const expected = full(text);
  return 'value' in expected && isDeepStrictEqual(fast.value, expected.value) && budget.nodesLeft === expected.nodesLeft;
}

// Texts where js-yaml reads otherwise than YAML, or accepts what YAML refuses (yaml-test-suite
// S98Z, SU5Z and the fuzzing that found the rest): the fast path must give up on each.
const DIVERGENT = [
  'empty block scalar: >\n \n  \n   \n # comment',
  'key: "value"# invalid comment',
  "x: 'a'#c",
  'x: [a]#c',
  'x: "a\nb"',
  'foo: "bar\ntruebaz"\n',
  'x: [a,\nb]',
  'x: {a: 1,\nb: 2}',
  '- -\n- a',
  '- -\n# c\n- a',
  'a:\n- -\n- b',
  'american:\n  -\n-  Boston Red Sox\n',
  'blocka sequence:\n  - one\n  - \n- two : three\n',
  '[a]: b',
  '{a: b}: c',
  '[[a]: b]',
  '{a: [b, c], [d, e]}',
  '{[]}',
  'null: a',
  '~: a',
  '.inf: a',
  'x: .inf',
  'x: .NaN',
  'x: &a [1]\ny: *a',
  'x: !!str 1',
  '? a\n: b',
  '%YAML 1.2\n---\nx: 1',
  'x: 1\n---\ny: 2',
  'x:\t1',
  'x: 1\r\ny: 2',
];

// The same value both ways, also where the core schema's scalars are easy to get wrong.
const SAME = [
  'x: -0',
  'x: -.5',
  'x: 0o17',
  'x: 0x1F',
  'x: +12',
  'x: 1_000',
  'x: 5.',
  'x: 012',
  'x: 1e3',
  'x: 1.0e+3',
  'x: yes',
  'x: 2001-12-14',
  'x: nULL',
  'x: tRUE',
  'x: ~',
  'x:',
  '1: a\n0x10: b\ntrue: c',
  'x: 12345678901234567890',
  '__proto__: {a: 1}\nconstructor: 1',
  '<<: {a: 1}',
  'x: {a, b: c}',
  'x: [a: b]',
  'x: |\n  a\n\n  b\n',
  'x: >-\n\n  a\n',
  'x: |+\n  a\n\n',
  'x: a\n  b\n   c',
  'x: "a\\u00e9\\x41"',
  "x: 'it''s'",
  '- - a\n  - b\n- c',
  'x: a # c\n# d\ny: b',
  '/v1/{id}:rent:\n  get: {}',
];

describe('spec front door: the YAML fast path', () => {
  it('takes the bundled spec, with the full path’s value and node count', async () => {
    const text = await readFile(bundledSpec, 'utf8');
    const budget = newBudget(resolveLimits());
    const fast = parseYamlFast(text, budget);
    expect(fast, 'the bundled spec should stay within the plain subset').to.not.equal(undefined);
    const expected = full(text);
    expect(expected).to.have.property('value');
    expect(isDeepStrictEqual(fast?.value, (expected as { value: unknown }).value)).to.equal(true);
    expect(budget.nodesLeft).to.equal((expected as { nodesLeft: number }).nodesLeft);
  });

  it('gives up where js-yaml and YAML disagree, and leaves the budget alone', () => {
    for (const text of DIVERGENT) {
      const budget = newBudget(resolveLimits());
      expect(parseYamlFast(text, budget), JSON.stringify(text)).to.equal(undefined);
      expect(budget.nodesLeft).to.equal(budget.limits.maxNodes);
    }
  });

  it('reads scalars as the YAML 1.2 core schema does', () => {
    for (const text of SAME) {
      expect(parseYamlFast(text, newBudget(resolveLimits())), JSON.stringify(text)).to.not.equal(undefined);
      expect(agrees(text), JSON.stringify(text)).to.equal(true);
    }
  });

  it('gives up over the node budget and near the depth limit, so the full path reports them', () => {
    const text = 'a:\n  - 1\n  - 2\n  - 3\n';
    expect(parseYamlFast(text, newBudget(resolveLimits({ maxNodes: 5 })))).to.not.equal(undefined);
    expect(parseYamlFast(text, newBudget(resolveLimits({ maxNodes: 4 })))).to.equal(undefined);
    const deep = `${'['.repeat(20)}${']'.repeat(20)}`;
    expect(parseYamlFast(deep, newBudget(resolveLimits({ maxDepth: 40 })))).to.not.equal(undefined);
    expect(parseYamlFast(deep, newBudget(resolveLimits({ maxDepth: 24 })))).to.equal(undefined);
  });

  it('checks the subset in linear time (4 MB of brackets, 4 MB of one line)', () => {
    const started = process.cpuUsage();
    expect(withinPlainSubset('['.repeat(4 * 2 ** 20))).to.equal(false);
    expect(withinPlainSubset(`x: ${'a]: '.repeat(2 ** 20)}`)).to.equal(false);
    const { user, system } = process.cpuUsage(started);
    expect((user + system) / 1000).to.be.below(1000);
  });

  it('mutants of the bundled spec: the fast path gives up or agrees with the full path', async () => {
    const lines = (await readFile(bundledSpec, 'utf8')).split('\n');
    const pieces = [' ', '  ', '\n', ':', ': ', '- ', '-', '#', ' #', '"', "'", '[', ']', '{', '}', ',', '|', '>', '|-', '?', '0', 'e', '\\', 'null', '~', '\n  ', '\n- '];
    const snippet = fc.tuple(fc.nat(lines.length - 1), fc.integer({ min: 1, max: 12 })).map(([start, length]) => {
      const chosen = lines.slice(start, start + length);
      const indent = Math.min(...chosen.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0), 80);
      return chosen.map((l) => l.slice(Math.min(indent, /^ */.exec(l)?.[0].length ?? 0))).join('\n');
    });
    const edit = fc.tuple(fc.nat(), fc.constantFrom(...pieces), fc.integer({ min: -4, max: 4 }), fc.nat(3));
    fc.assert(
      fc.property(snippet, fc.array(edit, { minLength: 1, maxLength: 4 }), (base, edits) => {
        let text = base;
        for (const [at, piece, shift, kind] of edits) {
          const i = at % (text.length + 1);
          if (kind === 0) text = text.slice(0, i) + piece + text.slice(i);
          else if (kind === 1) text = text.slice(0, i) + text.slice(i + 1 + (at % 3));
          else if (kind === 2) text = text.slice(0, i) + piece + text.slice(i + 1);
          else {
            const all = text.split('\n');
            const n = at % all.length;
            all[n] = shift > 0 ? ' '.repeat(shift) + all[n] : (all[n] ?? '').replace(new RegExp(`^ {0,${-shift}}`), '');
            text = all.join('\n');
          }
        }
        return agrees(text);
      }),
      { numRuns: 3000, seed: Number(process.env.NCK_SEED ?? 20261127) },
    );
  });
});
