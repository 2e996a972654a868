/**
 * The consumer harness: runs a consumer's own client code against each selected error case, each
 * case with its own Pact mock server (127.0.0.1, free port) that serves only that case's
 * interaction. Works from any runner (mocha, Jest, Vitest): one `it` per case calling `run`, and
 * `writePact()` once at the end.
 *
 *   const matrix = await loadNumbersErrorMatrix({ consumer: 'billing', select: { operation: 'NumberService_RentNumber' } });
 *   for (const c of matrix.cases) it(c.title, () => matrix.run(c, async ({ url, case: errorCase }) => { ... }));
 *   after(() => matrix.writePact());
 */
import path from 'node:path';
import { loadBundledCatalog } from '../catalog/bundled.js';
import { loadCatalog } from '../catalog/index.js';
import type { Catalog, NumbersCase } from '../catalog/types.js';
import { KitError } from '../errors.js';
import { addInteraction } from './apply.js';
import { caseContext, type CaseContext } from './case-context.js';
import { DEFAULT_PROVIDER } from './contract.js';
import { loadPactCore, type PactCore, type PactLogLevel } from './core.js';
import { caseInteraction, describeCase } from './interaction.js';
import { judgeMockServer, PactMismatchError } from './judge.js';
import { checkPactFileName, checkParticipant } from './pact-file.js';
import { PactRecorder, type PactfileWriteMode } from './recorder.js';
import { describeStrayRuns, RunLedger } from './runs.js';
import { startTokenServer, type TokenServer } from './sdk-token.js';
import { selectCases, type CaseSelector } from '../catalog/select.js';
import { isErrorCase, type CaseKind } from '../catalog/types.js';
import { withTimeout } from '../util/timeout.js';

export type { CaseContext, ExpectedError, ExpectedProvisioningFailure, SinchSdkConfig } from './case-context.js';

export interface NumbersErrorMatrixOptions {
  /** Consumer name in the pact file. */
  consumer: string;
  /** Provider name (default `sinch-numbers`). */
  provider?: string;
  /** Directory of the consumer's pact file (default `pacts`, resolved against the cwd now). */
  dir?: string;
  /** The catalog, or the cases, to select from. */
  catalog: Catalog | readonly NumbersCase[];
  select?: CaseSelector;
  /** How long a "not received" verdict may wait for the mock server's match state (default 1000 ms). */
  settleMs?: number;
  /**
   * Longest time the consumer's code may take for one case (default 15 s). Past it the case fails
   * and its mock server is shut down, even if the test runner's own timeout has fired already.
   */
  caseTimeoutMs?: number;
  /** `merge` (default) keeps other interactions of an existing pact file; `overwrite` replaces the file. */
  pactfileWriteMode?: PactfileWriteMode;
  /**
   * Starts the Pact core's own log at this level. Default: the kit leaves it off (the harness
   * reports mismatches itself); pact-js starts it when it makes its first pact. The log starts once
   * per process: when pact-js came first, the core keeps pact-js's level and says so on the terminal.
   */
  logLevel?: PactLogLevel;
}

export interface MatrixCase {
  id: string;
  /** `<operationId> <status> <exampleName>`: a test title. */
  title: string;
  /** `error`: an HTTP error answer; `provisioning`: a 200 ActiveNumber whose scheduled provisioning FAILED. */
  kind: CaseKind;
  case: NumbersCase;
}

export interface MatrixStats {
  passed: number;
  failed: number;
  /** Cases first reported "not received" that settled to matched (pact-core 19.x race), not failed. */
  settled: number;
  maxSettleMs: number;
}

export interface NumbersErrorMatrix {
  readonly consumer: string;
  readonly provider: string;
  /** Path of the pact file `writePact` writes. */
  readonly pactFile: string;
  readonly cases: readonly MatrixCase[];
  readonly stats: Readonly<MatrixStats>;
  /** Runs `fn` against a mock server for the case; rejects with Pact's mismatches when the request was wrong. */
  run<T>(target: MatrixCase | NumbersCase | string, fn: (ctx: CaseContext) => T | Promise<T>): Promise<T>;
  /** Writes the pact file with every case that passed; undefined when none did. */
  writePact(): Promise<string | undefined>;
}

export function numbersErrorMatrix(options: NumbersErrorMatrixOptions): NumbersErrorMatrix {
  const consumer = checkParticipant(options.consumer, 'consumer');
  const provider = checkParticipant(options.provider ?? DEFAULT_PROVIDER, 'provider');
  checkPactFileName(consumer, provider, ['consumer', 'provider']);
  const all = Array.isArray(options.catalog) ? (options.catalog as readonly NumbersCase[]) : (options.catalog as Catalog).cases;
  const selected = selectCases(all, options.select);
  const byId = new Map(selected.map((c) => [c.id, c]));
  // Generous: only a request the mock server has not matched waits, and under CPU load the core needs longer.
  const settleMs = options.settleMs ?? 1000;
  const caseTimeoutMs = options.caseTimeoutMs ?? 15_000;
  // The Pact core (a native library) loads when the first case runs, not when the suite is defined.
  let loadedCore: PactCore | undefined;
  const loaded = (): PactCore => (loadedCore ??= loadPactCore(options.logLevel));
  const core: PactCore = { newPact: (c, p) => loaded().newPact(c, p), newMessagePact: (c, p) => loaded().newMessagePact(c, p) };
  const catalog = Array.isArray(options.catalog) ? undefined : (options.catalog as Catalog);
  const recorder = new PactRecorder({
    core,
    consumer,
    provider,
    dir: path.resolve(options.dir ?? 'pacts'),
    mode: options.pactfileWriteMode ?? 'merge',
    metadata: catalog === undefined ? {} : { specVersion: catalog.specVersion, specSha256: catalog.specSha256 },
  });
  const stats: MatrixStats = { passed: 0, failed: 0, settled: 0, maxSettleMs: 0 };
  const ledger = new RunLedger();
  let tokenServer: Promise<TokenServer> | undefined;

  const resolve = (target: MatrixCase | NumbersCase | string): NumbersCase => {
    const id = typeof target === 'string' ? target : target.id;
    const found = byId.get(id);
    if (found === undefined) throw new KitError('UNKNOWN_CASE', `case ${id} is not among this matrix's selected cases`, { argument: 'run' });
    return found;
  };

  return {
    consumer,
    provider,
    pactFile: recorder.file,
    cases: selected.map((c) => ({ id: c.id, title: describeCase(c), kind: isErrorCase(c) ? 'error' : 'provisioning', case: c })),
    stats,
    run<T>(target: MatrixCase | NumbersCase | string, fn: (ctx: CaseContext) => T | Promise<T>): Promise<T> {
      let errorCase: NumbersCase;
      try {
        errorCase = resolve(target);
      } catch (error) {
        return Promise.reject(error as Error);
      }
      tokenServer ??= startTokenServer();
      const work = tokenServer.then((tokens) => runCase(errorCase, tokens.url, fn));
      return ledger.track(errorCase.id, work);
    },
    async writePact() {
      const runningAtWrite = ledger.running();
      const records = await ledger.settle(caseTimeoutMs + settleMs + 1000);
      await (await tokenServer)?.close();
      if (records.length === 0) {
        throw new KitError('NO_CASE_RAN', `writePact(): no case ran through matrix.run(), so there is nothing to write to ${recorder.file}`, {
          argument: 'writePact',
        });
      }
      const written = await recorder.write();
      const stray = describeStrayRuns(records, runningAtWrite);
      if (stray !== undefined) throw new KitError('CASE_OUTSIDE_TEST', `writePact(): ${stray}`, { argument: 'writePact' });
      return written;
    },
  };

  async function runCase<T>(errorCase: NumbersCase, authHostname: string, fn: (ctx: CaseContext) => T | Promise<T>): Promise<T> {
    const interaction = caseInteraction(errorCase);
    const pact = core.newPact(consumer, provider);
    addInteraction(pact, interaction, { forMockServer: true });
    const port = pact.createMockServer('127.0.0.1', 0, false);
    try {
      const ctx = caseContext(errorCase, `http://127.0.0.1:${port}`, authHostname);
      let value: T | undefined;
      let thrown: { error: unknown } | undefined;
      try {
        value = await withTimeout(
          Promise.resolve().then(() => fn(ctx)),
          caseTimeoutMs,
          () => new Error(`${describeCase(errorCase)}: the consumer code did not finish within ${caseTimeoutMs} ms`),
        );
      } catch (error) {
        thrown = { error };
      }
      const verdict = await judgeMockServer(pact, port, settleMs);
      if (verdict.settled) {
        stats.settled += 1;
        stats.maxSettleMs = Math.max(stats.maxSettleMs, verdict.waitedMs);
      }
      if (verdict.results.length > 0) {
        stats.failed += 1;
        throw new PactMismatchError(errorCase, verdict.results, thrown?.error);
      }
      if (thrown !== undefined) {
        stats.failed += 1;
        throw thrown.error;
      }
      stats.passed += 1;
      recorder.record(interaction);
      return value as T;
    } finally {
      pact.cleanupMockServer(port);
    }
  }
}

/** Like `numbersErrorMatrix`, loading the catalog from `spec` (default: the kit's bundled spec). */
export async function loadNumbersErrorMatrix(options: Omit<NumbersErrorMatrixOptions, 'catalog'> & { spec?: string }): Promise<NumbersErrorMatrix> {
  const { spec, ...rest } = options;
  const catalog = spec === undefined ? await loadBundledCatalog() : await loadCatalog(path.resolve(spec));
  return numbersErrorMatrix({ ...rest, catalog });
}
