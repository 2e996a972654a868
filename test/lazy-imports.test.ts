import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './helpers/paths.js';

const run = promisify(execFile);

/** Packages only the spec loader, provider, verifier, coverage or CLI need. */
const SPEC_AND_TOOLS = ['@apidevtools/swagger-parser', 'ajv', 'ajv-formats', 'commander', 'js-yaml', 'yaml'];
const PACT = ['@pact-foundation/pact', '@pact-foundation/pact-core'];

async function loadedPackages(entry: string, action?: string): Promise<string[]> {
  const pacts = await mkdtemp(path.join(os.tmpdir(), 'nck-lazy-'));
  try {
    const child = path.join(repoRoot, 'test', 'fixtures', 'startup', 'loaded-packages.mjs');
    const args = ['--import', 'tsx', child, path.join(repoRoot, entry), ...(action === undefined ? [] : [action])];
    const { stdout } = await run(process.execPath, args, { cwd: repoRoot, env: { ...process.env, PACT_DO_NOT_TRACK: 'true', PACTS_DIR: pacts } });
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as string[];
  } finally {
    await rm(pacts, { recursive: true, force: true });
  }
}

const among = (loaded: readonly string[], names: readonly string[]): string[] => loaded.filter((p) => names.includes(p));

describe('start-up: what each entry loads', function () {
  this.timeout(60_000);

  const cases: Array<{ entry: string; action?: string; forbidden: readonly string[]; title: string }> = [
    { title: 'the package root, imported', entry: 'src/index.ts', forbidden: [...SPEC_AND_TOOLS, ...PACT] },
    // The Pact core's native binding loads when a case runs (pact-js, and pact-core's JavaScript
    // wrapper with its logger, never); the bundled catalog is precompiled.
    { title: 'the package root, one harness case run and its pact written', entry: 'src/index.ts', action: 'harness-case', forbidden: [...SPEC_AND_TOOLS, ...PACT, 'pino', 'pino-pretty'] },
    { title: 'numbers-contract-kit/chai', entry: 'src/chai/index.ts', forbidden: [...SPEC_AND_TOOLS, ...PACT] },
    { title: 'numbers-contract-kit/expect', entry: 'src/expect/index.ts', forbidden: [...SPEC_AND_TOOLS, ...PACT] },
    { title: 'numbers-contract-kit/jest', entry: 'src/jest.ts', forbidden: [...SPEC_AND_TOOLS, ...PACT] },
    { title: 'numbers-contract-kit/vitest', entry: 'src/vitest.ts', forbidden: [...SPEC_AND_TOOLS, ...PACT] },
  ];
  for (const { title, entry, action, forbidden } of cases) {
    it(`${title}: none of ${forbidden.join(', ')}`, async () => {
      expect(among(await loadedPackages(entry, action), forbidden)).to.deep.equal([]);
    });
  }

  it('sees what a module loads (the reference provider brings Ajv and the YAML parser), so the rows above can fail', async () => {
    const loaded = await loadedPackages('src/provider/server.ts');
    expect(among(loaded, ['ajv', 'yaml'])).to.deep.equal(['ajv', 'yaml']);
  });

  it("a harness case loads the Pact core's binding, from pact-core's platform package", async () => {
    const pact = (await loadedPackages('src/index.ts', 'harness-case')).filter((p) => p.startsWith('@pact-foundation/'));
    expect(pact).to.have.lengthOf(1);
    expect(pact[0]).to.match(/^@pact-foundation\/pact-core-[a-z0-9]+-[a-z0-9]+/);
  });
});
