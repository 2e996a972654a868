/**
 * The package as users get it: `npm pack`, install the tarball into a scratch project in the OS
 * temp dir (offline, from the npm cache), then run a chai suite, a Jest-`expect` suite and a Vitest
 * suite there over every catalog example body, held as plain bodies, strings, Buffers, HTTP-shaped
 * objects, real axios and fetch answers and real Sinch SDK RequestFailedErrors from a loopback
 * server; and type-check consumer files against the packed declarations.
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { catalogCases, REPO_ROOT, SDK_CORE_STUB } from '../match/helpers.js';

const run = promisify(execFile);
const FIXTURE = join(REPO_ROOT, 'test/fixtures/packed-consumer');
const TYPE_FILES = ['chai', 'vitest', 'jest'];
/** Two programs: chai's augmentation and Vitest's both reach Vitest's Assertion, so they are checked apart. */
const TYPE_CHECKS = ['chai', 'runners'];
/** Installed next to the tarball, at the versions this repo tests with (so the npm cache has them). */
const CONSUMER_DEPS = ['chai', 'mocha', 'vitest', 'axios', '@sinch/numbers', 'expect', 'typescript', '@types/chai', '@types/node'];

async function versionOf(name: string): Promise<string> {
  const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
  return `${name}@${pkg.version}`;
}

async function sh(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(file, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${file} ${args.join(' ')} failed in ${cwd}:\n${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`.slice(0, 20_000));
  }
}

async function install(project: string, tarball: string): Promise<void> {
  const deps = await Promise.all(CONSUMER_DEPS.map(versionOf));
  const args = ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--legacy-peer-deps', '--no-package-lock', tarball, ...deps];
  try {
    await sh('npm', [...args, '--offline'], project);
  } catch {
    await sh('npm', [...args, '--prefer-offline'], project); // a cache miss: the registry is reachable
  }
}

describe('packed install: npm pack → scratch project → chai, expect and Vitest suites', function () {
  // About 60 s on an idle 2-core machine (pack ~15 s, offline install ~6 s, suites and tsc ~30 s);
  // the margin is for loaded CI machines.
  this.timeout(150_000);
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'numbers-kit-packed-'));
  });
  after(async () => {
    if (process.env.KEEP_PACKED_SCRATCH === undefined) await rm(dir, { recursive: true, force: true });
  });

  it('asserts every catalog example body through the installed package', async () => {
    const cases = await catalogCases();
    const { stdout } = await sh('npm', ['pack', '--json', '--pack-destination', dir], REPO_ROOT);
    const [packed] = JSON.parse(stdout.slice(stdout.indexOf('['))) as { filename: string }[];
    expect(packed?.filename).to.match(/^numbers-contract-kit-.*\.tgz$/);

    const project = join(dir, 'consumer');
    await cp(FIXTURE, project, { recursive: true });
    for (const t of TYPE_FILES) await rename(join(project, `types-${t}.ts.txt`), join(project, `types-${t}.ts`));
    await mkdir(join(project, 'harness'));
    await cp(join(REPO_ROOT, 'test/fixtures/harness/receivers.js'), join(project, 'harness/receivers.js'));
    await writeFile(join(project, 'cases.json'), JSON.stringify(cases));
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'numbers-kit-packed-consumer', version: '0.0.0', private: true, type: 'module' }));
    await install(project, join(dir, packed!.filename));

    const env = { NODE_PATH: SDK_CORE_STUB, NO_COLOR: '1', CI: 'true' };
    const reportFile = join(dir, 'vitest.json');
    const [mocha, , ...typeChecks] = await Promise.all([
      sh(process.execPath, ['node_modules/mocha/bin/mocha.js', '--reporter', 'json', '--timeout', '30000', 'chai.test.js', 'expect.test.js'], project, env),
      sh(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'vitest.config.js', '--reporter=json', `--outputFile=${reportFile}`], project, env),
      ...TYPE_CHECKS.map((t) => sh(process.execPath, ['node_modules/typescript/bin/tsc', '-p', `tsconfig.${t}.json`], project)),
    ]);

    const mochaReport = JSON.parse(mocha.stdout) as { stats: { passes: number; failures: number; pending: number } };
    expect(mochaReport.stats).to.include({ failures: 0, pending: 0, passes: 2 * cases.length + 3 });
    const vitestReport = JSON.parse(await readFile(reportFile, 'utf8')) as { numPassedTests: number; numFailedTests: number };
    expect(vitestReport).to.include({ numFailedTests: 0, numPassedTests: cases.length + 1 });
    expect(typeChecks.map((r) => r.stdout + r.stderr)).to.deep.equal(TYPE_CHECKS.map(() => ''));
  });
});
