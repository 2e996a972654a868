/**
 * #15 item 3: every redaction and matcher regex runs in linear time. Checked by shape (a small
 * analyser over the regex's syntax tree, test/util/regex-linear.ts), never by the clock: each
 * regex literal in src (the generated tables aside), found by parsing the sources, so a regex added
 * later is checked too. The few the analyser cannot prove are listed with why they are linear.
 */
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { REDACTION_PATTERNS, redactJwts, REDACTED } from '../../src/util/redact.js';
import { repoRoot } from '../helpers/paths.js';
import { superLinearReasons } from './regex-linear.js';

/**
 * Regexes the analyser refuses that are linear all the same, by source text, with the reason. Anything
 * else it refuses fails the test: rewrite it (a loop, a look-behind guard) or add it here with a proof.
 */
const PROVEN: Record<string, string> = {
  '^application\\/([\\w.+-]+\\+)?json\\s*(;|$)': "anchored at ^: one attempt; giving back the run tries '+json' once per character",
  '^(example|invalid|placeholder|dummy|fake)([-_.][A-Za-z0-9]+)*$': 'anchored; each repetition starts with a separator its run cannot hold, so there is one way to split',
  '^"(?:[^"\\\\\\u0000-\\u001f]|\\\\(?:["\\\\/bfnrt]|u[0-9a-fA-F]{4}))*"$': 'anchored; the two alternatives start with different characters (not a backslash / a backslash)',
  ' in JSON at position \\d+.*$': "a 20-character literal before the runs, on JSON.parse's own message",
  '\\(?((?:file:\\/\\/)?[^()\\s]+:\\d+:\\d+)\\)?\\s*$': "one frame of the test's own stack (a file path and line), not foreign text",
};

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(repoRoot, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(rel);
    return entry.name.endsWith('.ts') && !entry.name.startsWith('generated') ? [rel] : [];
  });
}

function regexLiterals(): Array<{ where: string; regex: RegExp }> {
  const files = sourceFiles('src');
  const found: Array<{ where: string; regex: RegExp }> = [];
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(path.join(repoRoot, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(source);
        const slash = text.lastIndexOf('/');
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        found.push({ where: `${file}:${line}`, regex: new RegExp(text.slice(1, slash), text.slice(slash + 1)) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('util/regex-linear: redaction and matcher regexes are linear (by shape, not by time)', () => {
  const bad: Array<[string, RegExp]> = [
    ['the old JWT pattern (quadratic on -eyJ-eyJ…)', /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g],
    ['nested quantifiers', /(a+)+$/],
    ['adjacent overlapping quantifiers', /\s*\s*x/],
    ['the old mismatch pattern', /to match '(.+)'$/],
    ['a backreference', /(\w+)=\1/],
  ];
  for (const [name, regex] of bad) {
    it(`the analyser refuses ${name}`, () => {
      expect(superLinearReasons(regex)).to.not.deep.equal([]);
    });
  }

  it('the analyser accepts linear shapes (a literal or a look-behind before each run)', () => {
    for (const regex of [/x[ab]*y/, /^\d+$/, /(?<![a-z])[a-z]+:/, /(\/\/[^/:]*:)[^/@]+@/]) expect(superLinearReasons(regex), regex.source).to.deep.equal([]);
  });

  it('every redaction pattern passes', () => {
    for (const [name, regex] of Object.entries(REDACTION_PATTERNS)) expect(superLinearReasons(regex), name).to.deep.equal([]);
  });

  it('every regex literal in src passes, or is proven linear above', () => {
    const literals = regexLiterals();
    expect(literals.length).to.be.greaterThan(100);
    const refused = literals.map(({ where, regex }) => ({ where, regex: regex.source, reasons: superLinearReasons(regex) })).filter((r) => r.reasons.length > 0);
    expect(refused.filter((r) => !Object.hasOwn(PROVEN, r.regex))).to.deep.equal([]);
    expect(
      Object.keys(PROVEN).filter((source) => !refused.some((r) => r.regex === source)),
      'proofs for regexes that are gone',
    ).to.deep.equal([]);
    process.stdout.write(`      linear: ${literals.length} regex literals checked, ${refused.length} refused by shape and proven above\n`);
  });

  it('the regexes this sweep replaced are refused by the analyser (so a return would be caught)', () => {
    for (const regex of [/(\{[^}]+\})/, /\{([^}]*)\}/g, /\/+$/, /\s*\n\s*/g, /(\d+(?:\.\d+)?)\s*(ms|s|m)\b/g]) expect(superLinearReasons(regex), regex.source).to.not.deep.equal([]);
  });

  it('JWTs are found by one pass over each run: the attack input is left as it is, a JWT inside it is not', () => {
    const attack = '-eyJ'.repeat(65_536); // 256 KiB, the review's size
    expect(redactJwts(attack) === attack, 'the attack input is unchanged').to.equal(true);
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln';
    expect(redactJwts(`${attack} ${jwt}`.split(' ')[1] ?? '')).to.equal(REDACTED);
    // Glued to the attack run, the run's first eyJ opens the header (as the old pattern read it).
    expect(redactJwts(`${attack}.${jwt}`)).to.equal(`-${REDACTED}.c2ln`);
    expect(redactJwts(`x-${jwt}`)).to.equal(`x-${REDACTED}`);
    expect(redactJwts(`${jwt}.more`)).to.equal(`${REDACTED}.more`);
    expect(redactJwts('eyJabc.defg.h')).to.equal('eyJabc.defg.h'); // header too short
  });
});
