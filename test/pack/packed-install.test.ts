/**
 * The package as users get it: `npm pack`, install the tarball into a scratch project in the OS
 * temp dir (offline, from the npm cache), then run a chai suite, a Jest-`expect` suite, a Vitest
 * suite and real Jest runs (CommonJS, Jest's default, and ESM) there over every catalog example
 * body, held as plain bodies, strings, Buffers, HTTP-shaped objects, real axios and fetch answers
 * and real Sinch SDK RequestFailedErrors from a loopback server; check the failure messages Jest
 * reports; run the Pact harness from the package root under Jest's ESM mode and read the pact
 * file it wrote; and type-check consumer files (ESM, CommonJS, and `moduleResolution: node10`
 * through `typesVersions`) against the packed declarations.
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { catalogCases, REPO_ROOT, SDK_CORE_STUB } from '../match/helpers.js';

const run = promisify(execFile);
const FIXTURE = join(REPO_ROOT, 'test/fixtures/packed-consumer');
/** Copied without `.txt` (which keeps them out of this repo's own type-check). */
const TYPE_FILES = ['types-chai.ts', 'types-vitest.ts', 'types-jest.ts', 'types-jest-cjs.cts', 'types-node10.ts', 'types-node10-vitest.ts', 'types-pact.ts', 'types-vitest-config.ts'];
/**
 * chai's augmentation and Vitest's both reach Vitest's Assertion, so they are checked apart; the
 * node10 pair (`module: commonjs`'s default resolution, which reads `typesVersions`, not `exports`) too.
 */
const TYPE_CHECKS = ['chai', 'runners', 'node10', 'node10-vitest', 'pact', 'vitest-types'];
/** The Pact harness suite of jest-esm/harness.test.js: its consumer, and the pact file it writes. */
const HARNESS_OPERATION = 'NumberService_GetActiveNumber';
const HARNESS_PACT = 'jest-esm/pacts/jest-esm-consumer-sinch-numbers.json';
/** Installed next to the tarball, at the versions this repo tests with (so the npm cache has them). */
const CONSUMER_DEPS = ['chai', 'mocha', 'vitest', 'axios', '@sinch/numbers', 'expect', 'jest', '@jest/globals', '@types/jest', 'typescript', '@types/chai', '@types/node', '@pact-foundation/pact'];

/** The part of Vitest's JSON report read here. */
interface JestJsonLike {
  numPassedTests: number;
  numFailedTests: number;
}

/** The part of Jest's `--json` report read here. */
interface JestJson {
  numRuntimeErrorTestSuites: number;
  testResults: { name: string; assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
}

/**
 * The tests that fail on purpose (jest-cjs/failures.test.js, jest-esm/failures.test.js), each with
 * the failure message Jest reports for it: the error's name and the kit's message, word for word
 * (the stack trace after it is cut off).
 */
const NOT_FOUND_BODY = '{"error":{"code":404,"message":"Number +12025550134 not found","status":"NOT_FOUND","details":[]}}';
const EXPECTED_JEST_FAILURES: Record<'cjs' | 'esm', Record<string, string>> = {
  cjs: {
    'a different error':
      'Error: expected a Numbers error unknown_campaign (403, legacy envelope), but received INVALID_ARGUMENT (400, google envelope)\n\n' +
      'Expected: code unknown_campaign, status 403, envelope legacy\n' +
      'Received: (an HTTP response) status 400, envelope google, code INVALID_ARGUMENT (error.status), message "bad", body: {"error":{"code":400,"message":"bad","status":"INVALID_ARGUMENT","details":[]}}\n' +
      'Mismatch: code (compared error.status): expected unknown_campaign, got INVALID_ARGUMENT; status: expected 403, got 400; envelope: expected legacy, got google\n' +
      'Documented: for status 400: FAILED_PRECONDITION, INVALID_ARGUMENT, syntax_constraint_violation, syntax_invalid_json, syntax_invalid_parameter_format',
    '.not of the same error':
      'Error: expected not to be a Numbers error unknown_campaign, but it is (403, legacy envelope)\n\n' +
      'Received: (an HTTP response) status 403, envelope legacy, code unknown_campaign (legacy code), message "Campaign mismatch", body: {"code":"unknown_campaign","text":"Campaign mismatch"}',
    // 404 is no status of unknown_campaign: decided from the status before the body is read.
    'a fetch Response, awaited':
      'Error: expected a Numbers error unknown_campaign (403, legacy envelope), but received a fetch Response with status 404 and a body not read (the status alone decides)\n\n' +
      'Expected: code unknown_campaign, status 403, envelope legacy\n' +
      'Received: (a fetch Response) status 404, a body not read (the status alone decides), headers content-type=application/json\n' +
      'Mismatch: status: expected 403, got 404\n' +
      'Documented: for status 404: NOT_FOUND',
    'a fetch Promise, not awaited': 'KitError: toBeNumbersError: received a Promise: did you forget await? Await the request first, or use expect(promise).rejects.toBeNumbersError(...).',
    '.rejects with the Sinch SDK error of another code':
      'Error: expected a Numbers error PERMISSION_DENIED (403, google envelope), but received NOT_FOUND (404, google envelope)\n\n' +
      'Expected: code PERMISSION_DENIED, status 403, envelope google\n' +
      `Received: (a Sinch SDK RequestFailedError) status 404, envelope google, code NOT_FOUND (error.status), message "Number +12025550134 not found", headers content-type=application/json, body: ${NOT_FOUND_BODY}\n` +
      'Mismatch: code (compared error.status): expected PERMISSION_DENIED, got NOT_FOUND; status: expected 403, got 404\n' +
      'Documented: for status 404: NOT_FOUND',
  },
  esm: {
    'a different error':
      'Error: expected a Numbers error unknown_campaign (403, legacy envelope), but received blocked_account (no HTTP status, legacy envelope)\n\n' +
      'Expected: code unknown_campaign, status 403, envelope legacy\n' +
      'Received: (a plain body) no HTTP status, envelope legacy, code blocked_account (legacy code), message "Account blocked", body: {"code":"blocked_account","text":"Account blocked"}\n' +
      'Mismatch: code (compared legacy code): expected unknown_campaign, got blocked_account\n' +
      'Documented: for status 403: PERMISSION_DENIED, blocked_account, illegal_number_type, unknown_campaign',
    'a fetch Response, awaited, under .not':
      'Error: expected not to be a Numbers error with status 403, but it is (unknown_campaign, 403, legacy envelope)\n\n' +
      'Received: (a fetch Response) status 403, envelope legacy, code unknown_campaign (legacy code), message "Campaign mismatch", headers content-type=application/json, body: {"code":"unknown_campaign","text":"Campaign mismatch"}',
  },
};

async function versionOf(name: string): Promise<string> {
  const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
  return `${name}@${pkg.version}`;
}

async function sh(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(file, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${file} ${args.join(' ')} failed in ${cwd}:\n${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`.slice(0, 20_000), { cause: error });
  }
}

/**
 * Runs the real `jest` binary in jest-<mode>/ of the scratch project, as `npx jest --json` would
 * (ESM mode with NODE_OPTIONS=--experimental-vm-modules, as Jest documents it), and reads its
 * report. Exit code 1 is expected: failures.test.js fails on purpose.
 */
async function runJest(project: string, mode: 'cjs' | 'esm', env: NodeJS.ProcessEnv): Promise<{ report: JestJson; output: string }> {
  const outputFile = join(project, `jest-${mode}-report.json`);
  const args = [join(project, 'node_modules/jest/bin/jest.js'), '--json', `--outputFile=${outputFile}`, `--cacheDirectory=${join(project, '.jest-cache')}`];
  const nodeOptions = mode === 'esm' ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules`.trim() } : {};
  let output: string;
  try {
    const r = await run(process.execPath, args, { cwd: join(project, `jest-${mode}`), env: { ...process.env, ...env, ...nodeOptions }, maxBuffer: 64 * 1024 * 1024 });
    output = r.stdout + r.stderr;
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string; message: string };
    output = `${e.stdout ?? ''}${e.stderr ?? ''}`;
    if (e.code !== 1) throw new Error(`jest (${mode}) failed with ${String(e.code)}:\n${e.message}\n${output}`.slice(0, 20_000), { cause: error });
  }
  return { report: JSON.parse(await readFile(outputFile, 'utf8')) as JestJson, output };
}

/** Per test file (by name): each test's status, and for a failure its message without the stack. */
function jestOutcomes(report: JestJson): Record<string, Record<string, string>> {
  return Object.fromEntries(
    report.testResults.map((f) => [
      `${basename(dirname(f.name))}/${basename(f.name)}`,
      Object.fromEntries(f.assertionResults.map((t) => [t.title, t.status === 'passed' ? 'passed' : `${t.status}: ${t.failureMessages.map((m) => m.split('\n    at ')[0]).join('\n--\n')}`])),
    ]),
  );
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

/** The outcome of a child run started in `before`, read by the `it` that checks it. */
type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
const settle = <T>(work: Promise<T>): Promise<Settled<T>> =>
  work.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
async function outcome<T>(run: Promise<Settled<T>> | undefined): Promise<T> {
  const settled = await run;
  if (settled === undefined) throw new Error('not started: pack or install failed (see the "before all" hook)');
  if (!settled.ok) throw settled.error;
  return settled.value;
}

interface MochaJson {
  stats: { passes: number; failures: number; pending: number };
  tests: { file: string; err: Record<string, unknown> }[];
  failures: { file: string; fullTitle: string; err: { message?: string } }[];
}

/**
 * One pack and one install in `before`; the suites and type checks then run at once in the
 * scratch project, and each `it` checks one of them, so a failure names its step.
 */
describe('packed install: npm pack → scratch project → chai, expect, Vitest and Jest suites', function () {
  // About 60 s on an idle 2-core machine (pack ~15 s, offline install ~6 s, suites and tsc ~30 s),
  // plus ~10 s of CPU for the two Jest runs and the CommonJS type check (93 s in all next to three
  // busy-looping processes), plus the Pact harness suite and the node10 type checks (135 s in all
  // at a load average of 8-14 on 2 cores); the margin is for loaded CI machines.
  this.timeout(300_000);
  let dir: string;
  let project: string;
  let cases: Awaited<ReturnType<typeof catalogCases>>;
  const runs: {
    mocha?: Promise<Settled<{ stdout: string; stderr: string }>>;
    vitest?: Promise<Settled<JestJsonLike>>;
    jestCjs?: Promise<Settled<{ report: JestJson; output: string }>>;
    jestEsm?: Promise<Settled<{ report: JestJson; output: string }>>;
    cjsTypes?: Promise<Settled<{ stdout: string; stderr: string }>>;
    typeChecks?: Promise<Settled<{ stdout: string; stderr: string }[]>>;
  } = {};

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'numbers-kit-packed-'));
    cases = await catalogCases();
    const { stdout } = await sh('npm', ['pack', '--json', '--pack-destination', dir], REPO_ROOT);
    const [packed] = JSON.parse(stdout.slice(stdout.indexOf('['))) as { filename: string }[];
    expect(packed?.filename, 'npm pack').to.match(/^numbers-contract-kit-.*\.tgz$/);

    project = join(dir, 'consumer');
    await cp(FIXTURE, project, { recursive: true });
    for (const file of TYPE_FILES) await rename(join(project, `${file}.txt`), join(project, file));
    await mkdir(join(project, 'harness'));
    await cp(join(REPO_ROOT, 'test/fixtures/harness/receivers.js'), join(project, 'harness/receivers.js'));
    await writeFile(join(project, 'cases.json'), JSON.stringify(cases));
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'numbers-kit-packed-consumer', version: '0.0.0', private: true, type: 'module' }));
    await install(project, join(dir, packed!.filename));

    const env = { NODE_PATH: SDK_CORE_STUB, NO_COLOR: '1', CI: 'true', PACT_DO_NOT_TRACK: 'true' };
    const reportFile = join(dir, 'vitest.json');
    runs.mocha = settle(sh(process.execPath, ['node_modules/mocha/bin/mocha.js', '--reporter', 'json', '--timeout', '30000', 'chai.test.js', 'expect.test.js'], project, env));
    runs.vitest = settle(
      sh(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'vitest.config.js', '--reporter=json', `--outputFile=${reportFile}`], project, env).then(
        async () => JSON.parse(await readFile(reportFile, 'utf8')) as JestJsonLike,
      ),
    );
    runs.jestCjs = settle(runJest(project, 'cjs', env));
    runs.jestEsm = settle(runJest(project, 'esm', env));
    runs.cjsTypes = settle(sh(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.jest-cjs.json', '--listFiles'], project));
    runs.typeChecks = settle(Promise.all(TYPE_CHECKS.map((t) => sh(process.execPath, ['node_modules/typescript/bin/tsc', '-p', `tsconfig.${t}.json`], project))));
  });
  after(async () => {
    await Promise.all(Object.values(runs)); // settled: never rejects
    if (process.env.KEEP_PACKED_SCRATCH === undefined && dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  const mochaFile = async (file: string): Promise<{ passes: number; failures: string[] }> => {
    const report = JSON.parse((await outcome(runs.mocha)).stdout) as MochaJson;
    expect(report.stats.pending, 'pending tests').to.equal(0);
    const mine = (f: string): boolean => f.endsWith(`/${file}`);
    return { passes: report.tests.filter((t) => mine(t.file) && Object.keys(t.err).length === 0).length, failures: report.failures.filter((f) => mine(f.file)).map((f) => `${f.fullTitle}: ${f.err.message ?? ''}`) };
  };

  it('chai suite (mocha): every catalog example body through numbers-contract-kit/chai', async () => {
    const { passes, failures } = await mochaFile('chai.test.js');
    expect(failures).to.deep.equal([]);
    const expectSuite = await mochaFile('expect.test.js');
    expect(passes + expectSuite.passes).to.equal(2 * cases.length + 3);
  });

  it('expect suite (mocha): every catalog example body through numbers-contract-kit/expect', async () => {
    const { passes, failures } = await mochaFile('expect.test.js');
    expect(failures).to.deep.equal([]);
    expect(passes).to.be.above(0);
  });

  it('Vitest suite', async () => {
    const vitestReport = await outcome(runs.vitest);
    expect(vitestReport).to.include({ numFailedTests: 0, numPassedTests: cases.length + 1 });
  });

  it('Jest, CommonJS: every body passes, every deliberate failure has its message', async () => {
    const jestCjs = await outcome(runs.jestCjs);
    const passing = (titles: string[]) => Object.fromEntries(titles.map((t) => [t, 'passed']));
    const failing = (messages: Record<string, string>) => Object.fromEntries(Object.entries(messages).map(([t, m]) => [t, `failed: ${m}`]));
    expect(jestOutcomes(jestCjs.report), jestCjs.output).to.deep.equal({
      'jest-cjs/numbers.test.js': passing([...cases.map((c) => c.id), 'parseNumbersError and numbersMatchers are requireable from numbers-contract-kit/expect', 'misuse throws a usage error, also under .not']),
      'jest-cjs/failures.test.js': failing(EXPECTED_JEST_FAILURES.cjs),
    });
    expect(jestCjs.report.numRuntimeErrorTestSuites).to.equal(0);
  });

  it('Jest, ESM: the suites and the Pact harness from the package root, and the pact it wrote', async () => {
    const jestEsm = await outcome(runs.jestEsm);
    const passing = (titles: string[]) => Object.fromEntries(titles.map((t) => [t, 'passed']));
    const failing = (messages: Record<string, string>) => Object.fromEntries(Object.entries(messages).map(([t, m]) => [t, `failed: ${m}`]));
    // The Pact harness, from the package root, one test per documented error of the operation.
    const harnessCases = cases.filter((c) => c.operationId === HARNESS_OPERATION);
    const harnessTitles = harnessCases.map((c) => c.id.split('/').join(' '));
    expect(harnessTitles).to.have.length.above(5);
    expect(jestOutcomes(jestEsm.report), jestEsm.output).to.deep.equal({
      'jest-esm/harness.test.js': passing(harnessTitles),
      'jest-esm/numbers.test.js': passing(cases.map((c) => c.id)),
      'jest-esm/no-globals.test.js': passing(['toBeNumbersError through expect.extend(numbersMatchers)']),
      'jest-esm/failures.test.js': failing(EXPECTED_JEST_FAILURES.esm),
    });
    expect(jestEsm.report.numRuntimeErrorTestSuites).to.equal(0);
    // ...and its afterAll wrote the consumer's pact: one interaction per case, stamped with its case id.
    const pact = JSON.parse(await readFile(join(project, HARNESS_PACT), 'utf8')) as {
      consumer: { name: string };
      provider: { name: string };
      interactions: { description: string; comments?: { references?: { 'numbers-contract-kit'?: { caseId?: string } } } }[];
    };
    expect({ consumer: pact.consumer.name, provider: pact.provider.name }).to.deep.equal({ consumer: 'jest-esm-consumer', provider: 'sinch-numbers' });
    expect(pact.interactions.map((i) => i.description).sort()).to.deep.equal([...harnessTitles].sort());
    expect(pact.interactions.map((i) => i.comments?.references?.['numbers-contract-kit']?.caseId).sort()).to.deep.equal(harnessCases.map((c) => c.id).sort());
  });

  it(`tsc: consumer files type-check against the packed declarations (${TYPE_CHECKS.join(', ')})`, async () => {
    const typeChecks = await outcome(runs.typeChecks);
    expect(typeChecks.map((r) => r.stdout + r.stderr)).to.deep.equal(TYPE_CHECKS.map(() => ''));
  });

  it('tsc: a CommonJS TypeScript consumer gets the CommonJS declarations (the require condition)', async () => {
    const cjsTypes = await outcome(runs.cjsTypes);
    const kitTypes = cjsTypes.stdout
      .split('\n')
      .filter((f) => f.includes('/node_modules/numbers-contract-kit/'))
      .map((f) => f.slice(f.indexOf('/dist/') + 1));
    expect(kitTypes).to.include.members(['dist/cjs/jest.d.ts', 'dist/cjs/expect/index.d.ts']);
    expect(kitTypes.filter((f) => !f.startsWith('dist/cjs/'))).to.deep.equal([]);
  });
});
