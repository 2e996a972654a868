/**
 * Child process of the verify part: one verification of `pactFile` against a freshly started
 * reference provider, timed from inside (so every contender pays the same process start outside
 * the measurement). Modes:
 * - `kit`: the kit's `verifyContracts` (its own provider, proxy and verifier worker);
 * - `core`: Pact's Rust verifier through pact-core's `verifyPacts` (the verifier the standalone
 *   `pact verifier` wraps), straight at the provider, states through the provider's `/_pactSetup`;
 * - `pact-js`: pact-js's `Verifier` with state handlers that call the provider's `setState`/`clearState`;
 * - `core-stub`: the Rust verifier against a stub that answers each interaction's documented
 *   response at once (in file order; state changes answered 200): Pact's own cost per interaction.
 * The verifiers print to stdout; the parent ignores it.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { startReferenceProvider } from '../../src/provider/server.js';
import { verifyContracts } from '../../src/verify/run.js';

export type VerifierMode = 'kit' | 'kit-1-worker' | 'core' | 'pact-js' | 'core-stub';

export interface VerifierJob {
  mode: VerifierMode;
  pactFile: string;
}

export interface VerifierTiming {
  /** From before the provider starts to the end of the verification, ms. */
  totalMs: number;
  /** The verification alone (after the provider is up), ms; for the kit, its verifier phase. */
  verifyMs: number;
  passed: number;
  total: number;
  workers: number;
}

interface PactCore {
  verifyPacts(options: Record<string, unknown>): Promise<string>;
  logLevel(level: string): void;
}

function countResults(json: string): { passed: number; total: number } {
  let parsed: { interactionResults?: Array<{ result?: string }> };
  try {
    parsed = JSON.parse(json) as typeof parsed;
  } catch {
    return { passed: Number.NaN, total: Number.NaN };
  }
  const results = parsed.interactionResults ?? [];
  return { passed: results.filter((r) => r.result === 'OK').length, total: results.length };
}

/** pact-core resolves with the results' JSON, or rejects with it as the message when something failed. */
async function settleJson(work: Promise<unknown>): Promise<string> {
  try {
    const value = await work;
    return typeof value === 'string' ? value : '{}';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const start = message.indexOf('{');
    if (start >= 0) return message.slice(start);
    throw error;
  }
}

async function stateNames(pactFile: string): Promise<string[]> {
  const pact = JSON.parse(await readFile(pactFile, 'utf8')) as { interactions: Array<{ providerStates?: Array<{ name: string }> }> };
  return [...new Set(pact.interactions.flatMap((i) => (i.providerStates ?? []).map((s) => s.name)))];
}

interface Stub {
  url: string;
  close(): Promise<void>;
}

/** Answers the interactions' documented responses in order; every state change gets 200 {}. */
async function startStub(pactFile: string): Promise<Stub> {
  type Interaction = { response: { status: number; headers?: Record<string, string | string[]>; body?: { content?: unknown } } };
  const pact = JSON.parse(await readFile(pactFile, 'utf8')) as { interactions: Interaction[] };
  const answers = pact.interactions.map((i) => ({
    status: i.response.status,
    headers: Object.fromEntries(Object.entries(i.response.headers ?? {}).map(([k, v]) => [k, Array.isArray(v) ? String(v[0]) : v])),
    body: JSON.stringify(i.response.body?.content ?? {}),
  }));
  let next = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if ((req.url ?? '').startsWith('/_pactSetup')) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{}');
        return;
      }
      const answer = answers[next++ % answers.length]!;
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function run(job: VerifierJob): Promise<VerifierTiming> {
  process.env.PACT_DO_NOT_TRACK = 'true';
  if (job.mode === 'kit' || job.mode === 'kit-1-worker') {
    const start = performance.now();
    const result = await verifyContracts({ pactUrls: [job.pactFile], env: {}, ...(job.mode === 'kit-1-worker' ? { workers: 1 } : {}) });
    return { totalMs: performance.now() - start, verifyMs: result.durationMs, passed: result.passed, total: result.total, workers: result.workers };
  }
  const require = createRequire(import.meta.url);
  const loadCore = (): PactCore => {
    const core = (createRequire(require.resolve('@pact-foundation/pact'))('@pact-foundation/pact-core') as { default: PactCore }).default;
    core.logLevel('error');
    return core;
  };
  if (job.mode === 'core-stub') {
    const start = performance.now();
    const stub = await startStub(job.pactFile);
    const up = performance.now();
    try {
      const json = await settleJson(loadCore().verifyPacts({ providerBaseUrl: stub.url, pactUrls: [job.pactFile], providerStatesSetupUrl: `${stub.url}/_pactSetup`, logLevel: 'error' }));
      const end = performance.now();
      return { totalMs: end - start, verifyMs: end - up, ...countResults(json), workers: 1 };
    } finally {
      await stub.close();
    }
  }
  const start = performance.now();
  const provider = await startReferenceProvider();
  const up = performance.now();
  try {
    let json: string;
    if (job.mode === 'core') {
      json = await settleJson(loadCore().verifyPacts({ providerBaseUrl: provider.url, pactUrls: [job.pactFile], providerStatesSetupUrl: `${provider.url}/_pactSetup`, logLevel: 'error' }));
    } else {
      const { Verifier } = await import('@pact-foundation/pact');
      const names = await stateNames(job.pactFile);
      const handlers = Object.fromEntries(
        names.map((name) => [
          name,
          {
            setup: async (params: unknown) => provider.setState(name, (params ?? {}) as Record<string, unknown>),
            teardown: async (params: unknown) => provider.clearState((params ?? {}) as Record<string, unknown>),
          },
        ]),
      );
      type Options = ConstructorParameters<typeof Verifier>[0];
      const options: Options = { providerBaseUrl: provider.url, pactUrls: [job.pactFile], stateHandlers: handlers as unknown as Options['stateHandlers'], logLevel: 'error' };
      json = await settleJson(new Verifier(options).verifyProvider());
    }
    const end = performance.now();
    return { totalMs: end - start, verifyMs: end - up, ...countResults(json), workers: 1 };
  } finally {
    await provider.close();
  }
}

process.once('message', (job: VerifierJob) => {
  run(job)
    .then((timing) => process.send?.({ ok: true, timing }, () => process.exit(0)))
    .catch((error: unknown) => process.send?.({ ok: false, message: error instanceof Error ? error.message : String(error) }, () => process.exit(0)));
});
