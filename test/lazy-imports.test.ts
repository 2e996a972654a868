import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './helpers/paths.js';

const execute = promisify(execFile);

/** Packages only the spec loader, provider, verifier, coverage or CLI need. */
const SPEC_AND_TOOLS = ['@apidevtools/swagger-parser', 'ajv', 'ajv-formats', 'commander', 'js-yaml', 'yaml'];
const PACT = ['@pact-foundation/pact', '@pact-foundation/pact-core'];
/** The kit's own modules that only reading a spec from source needs (the bundled catalog is precompiled). */
const SPEC_READING = ['catalog/build.ts', 'catalog/annotation.ts', 'catalog/events.ts', 'catalog/request.ts', 'openapi/walk.ts', 'openapi/load.ts'];

interface Loaded {
  packages: string[];
  kitModules: string[];
}

const runs = new Map<string, Promise<Loaded>>();

/** What a fresh process loads for `entry` (and `action`); each combination runs once per test run. */
function loaded(entry: string, action?: string): Promise<Loaded> {
  const key = `${entry} ${action ?? ''}`;
  let run = runs.get(key);
  if (run === undefined) runs.set(key, (run = loadedIn(entry, action)));
  return run;
}

async function loadedIn(entry: string, action?: string): Promise<Loaded> {
  const pacts = await mkdtemp(path.join(os.tmpdir(), 'nck-lazy-'));
  try {
    const child = path.join(repoRoot, 'test', 'fixtures', 'startup', 'loaded-packages.mjs');
    const args = ['--import', 'tsx', child, path.join(repoRoot, entry), ...(action === undefined ? [] : [action])];
    const { stdout } = await execute(process.execPath, args, { cwd: repoRoot, env: { ...process.env, PACT_DO_NOT_TRACK: 'true', PACTS_DIR: pacts } });
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as Loaded;
  } finally {
    await rm(pacts, { recursive: true, force: true });
  }
}

const among = (loaded: readonly string[], names: readonly string[]): string[] => loaded.filter((p) => names.includes(p));

describe('start-up: what each entry loads', function () {
  this.timeout(60_000);

  const cases: Array<{ entry: string; action?: string; forbidden: readonly string[]; forbiddenModules?: readonly string[]; title: string }> = [
    { title: 'the package root, imported', entry: 'src/index.ts', forbidden: [...SPEC_AND_TOOLS, ...PACT], forbiddenModules: SPEC_READING },
    // The Pact core's native binding loads when a case runs (pact-js, and pact-core's JavaScript
    // wrapper with its logger, never); the bundled catalog is precompiled.
    {
      title: 'the package root, one harness case run and its pact written',
      entry: 'src/index.ts',
      action: 'harness-case',
      forbidden: [...SPEC_AND_TOOLS, ...PACT, 'pino', 'pino-pretty'],
      forbiddenModules: SPEC_READING,
    },
    { title: 'numbers-contract-kit/chai', entry: 'src/chai/index.ts', forbidden: [...SPEC_AND_TOOLS, ...PACT] },
    { title: 'numbers-contract-kit/expect', entry: 'src/expect/index.ts', forbidden: [...SPEC_AND_TOOLS, ...PACT] },
    { title: 'numbers-contract-kit/jest', entry: 'src/jest.ts', forbidden: [...SPEC_AND_TOOLS, ...PACT] },
    { title: 'numbers-contract-kit/vitest', entry: 'src/vitest.ts', forbidden: [...SPEC_AND_TOOLS, ...PACT] },
  ];
  for (const { title, entry, action, forbidden, forbiddenModules = [] } of cases) {
    it(`${title}: none of ${[...forbidden, ...forbiddenModules].join(', ')}`, async () => {
      const { packages, kitModules } = await loaded(entry, action);
      expect(among(packages, forbidden)).to.deep.equal([]);
      expect(among(kitModules, forbiddenModules)).to.deep.equal([]);
    });
  }

  it('sees what a module loads (the reference provider brings Ajv, the YAML parser and the catalog builder), so the rows above can fail', async () => {
    const { packages, kitModules } = await loaded('src/provider/server.ts');
    expect(among(packages, ['ajv', 'yaml'])).to.deep.equal(['ajv', 'yaml']);
    expect(among(kitModules, SPEC_READING)).to.deep.equal([...SPEC_READING].sort());
  });

  it("a harness case loads the Pact core's binding, from pact-core's platform package", async () => {
    const pact = (await loaded('src/index.ts', 'harness-case')).packages.filter((p) => p.startsWith('@pact-foundation/'));
    expect(pact).to.have.lengthOf(1);
    expect(pact[0]).to.match(/^@pact-foundation\/pact-core-[a-z0-9]+-[a-z0-9]+/);
  });
});
