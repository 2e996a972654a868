import { expect } from 'chai';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { regenerateErrorsDoc } from '../scripts/errors-doc.js';
import { ERROR_CODES, KitError, isErrorCode } from '../src/errors.js';
import { repoRoot } from './helpers/paths.js';

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => path.join(e.parentPath, e.name));
}

describe('error-code registry (src/errors.ts)', () => {
  it('docs/errors.md is what npm run regen gives', async () => {
    const doc = await readFile(path.join(repoRoot, 'docs', 'errors.md'), 'utf8');
    expect(regenerateErrorsDoc(doc) === doc, 'docs/errors.md is stale: run npm run regen').to.equal(true);
  });

  it('every code written as a literal in src/ is in the registry, and every registry code is used in src/', async () => {
    const used = new Set<string>();
    for (const file of await sources(path.join(repoRoot, 'src'))) {
      if (file.endsWith(`${path.sep}errors.ts`) || file.endsWith('generated.ts')) continue;
      const text = await readFile(file, 'utf8');
      // KitError codes are typed; these are the codes printed or built as text (`numbers-contract: CODE`, 'LINT_X', 'STATE_X: ').
      for (const m of text.matchAll(/numbers-contract: ([A-Z][A-Z0-9_]+) /g)) used.add(m[1]!);
      for (const m of text.matchAll(/'([A-Z][A-Z0-9_]+)(?::? )?'/g)) if (isErrorCode(m[1]) || /^(LINT|SPEC|STATE|COVERAGE|PROVIDER)_[A-Z]/.test(m[1]!)) used.add(m[1]!);
    }
    for (const code of [...used]) if (code.startsWith('SPEC_') && isErrorCode(code.replace('SPEC_', 'LINT_'))) used.add(code.replace('SPEC_', 'LINT_')); // lintCodeOf
    for (const placeholder of ['CODE', 'LINT_CODE']) used.delete(placeholder); // the line format in doc comments
    const unknown = [...used].filter((c) => !isErrorCode(c));
    expect(unknown, 'codes used in src/ but not in ERROR_CODES').to.deep.equal([]);
    const unused = Object.keys(ERROR_CODES).filter((c) => !used.has(c));
    expect(unused, 'codes in ERROR_CODES that src/ never uses').to.deep.equal([]);
  });

  it('a KitError takes its exit code from the registry unless told otherwise', () => {
    expect(new KitError('PACT_MISSING', 'x').exitCode).to.equal(3);
    expect(new KitError('SPEC_SYNTAX', 'x').exitCode).to.equal(2);
    expect(new KitError('SPEC_UNREADABLE', 'x', { exitCode: 3 }).exitCode).to.equal(3);
  });

  it('instanceof KitError holds for a KitError of another copy of the module (ESM and CommonJS), not for other errors', async () => {
    const copy = (await import(`../src/errors.js?copy=${Date.now()}`)) as typeof import('../src/errors.js');
    expect(copy.KitError).to.not.equal(KitError);
    const foreign = new copy.KitError('SPEC_SYNTAX', 'x');
    expect([foreign instanceof KitError, new KitError('USAGE', 'y') instanceof copy.KitError, new Error('z') instanceof KitError]).to.deep.equal([true, true, false]);
    const { SpecProblems } = await import('../src/openapi/problems.js');
    expect(new KitError('SPEC_REF_MISSING', 'x') instanceof SpecProblems).to.equal(false);
  });

  it('every meaning is one line and every code is upper snake case', () => {
    for (const [code, info] of Object.entries(ERROR_CODES)) {
      expect(code).to.match(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      expect(info.meaning, code).to.not.include('\n');
      expect(info.meaning.length, code).to.be.within(10, 200);
    }
  });
});
