/**
 * `verifyContracts`: Pact provider verification of the kit's contracts (or any pact files) against
 * the embedded reference provider (default) or an external provider. Order: read the pacts, start
 * the reference provider if needed, probe the provider (unreachable → exit 3 once), start the
 * verification proxy (credentials, project id, timeouts, provider states), run Pact's verifier in a
 * child process, then turn its results into one outcome per interaction.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EXIT, KitError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import { credentialsFromEnv } from '../provider/auth.js';
import { startReferenceProvider } from '../provider/server.js';
import type { ReferenceProvider } from '../provider/types.js';
import { resolvePacts, type PactSource } from './pacts.js';
import { probeProvider } from './probe.js';
import { startProxy, type StateBackend, type VerificationProxy } from './proxy.js';
import { checkHandlers, embeddedStates, handlerStates, remoteStates } from './states.js';
import type { InteractionOutcome } from './types.js';
import { needsSplit, sortLikeSources, splitPacts, workerCount } from './workers.js';
import { createRedactor, secretValues } from './redact.js';
import { buildOutcomes, junitXml, type PactResults } from './report.js';
import { runVerifier } from './runner.js';
import type { VerifyOptions, VerifySummary } from './types.js';

export const DEFAULT_TIMEOUT_MS = 10_000;
const PROBE_LIMIT_MS = 5_000;

export interface VerifyResult extends VerifySummary {
  /** Notes for the user (e.g. states that cannot be set up), already redacted. */
  warnings: string[];
  /** What Pact's core printed, redacted (for --debug). */
  verifierLog: string;
  /** Verifier processes that ran in parallel. */
  workers: number;
}

export async function verifyContracts(options: VerifyOptions): Promise<VerifyResult> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 600_000) throw new KitError('BAD_TIMEOUT', 'the timeout must be a whole number of milliseconds between 1 and 600000', { argument: '--timeout' });
  const redact = createRedactor(secretValues(env));
  const providerUrl = options.providerBaseUrl === undefined ? undefined : httpUrl(options.providerBaseUrl, '--provider-base-url');
  const stateChangeUrl = options.stateChangeUrl === undefined ? undefined : httpUrl(options.stateChangeUrl, '--state-change-url');
  if (stateChangeUrl !== undefined && options.stateHandlers !== undefined) throw new KitError('BAD_OPTIONS', 'give either a state-change URL or state handlers, not both', { argument: '--state-change-url' });
  if (providerUrl === undefined && (stateChangeUrl !== undefined || options.stateHandlers !== undefined)) {
    throw new KitError('BAD_OPTIONS', 'a state-change URL or state handlers need --provider-base-url (the reference provider sets up its own states)', { argument: '--state-change-url' });
  }

  if (options.workers !== undefined) workerCount(options.workers, providerUrl === undefined, true, Number.MAX_SAFE_INTEGER);

  const pacts = await resolvePacts(options.pactUrls, cwd, timeoutMs);
  let provider: ReferenceProvider | undefined;
  const proxies: VerificationProxy[] = [];
  let tempDir: string | undefined;
  const warnings: string[] = [...pacts.notes];
  try {
    const total = pacts.sources.reduce((sum, s) => sum + s.interactions.length, 0);
    if (options.stateHandlers !== undefined) checkHandlers(pacts.sources, options.stateHandlers);
    const credentials = credentialsFromEnv(env);
    if (providerUrl === undefined) {
      provider = await startReferenceProvider({
        ...(options.catalog === undefined ? {} : { catalog: options.catalog }),
        ...(options.specPath === undefined ? {} : { spec: options.specPath }),
        credentials,
      });
    }
    const target = providerUrl ?? new URL(provider?.url as string);
    const shownTarget = redact(target.toString().replace(/\/$/, ''));
    await probeProvider(target, Math.min(timeoutMs, PROBE_LIMIT_MS), shownTarget);

    let state: StateBackend;
    if (provider !== undefined) state = embeddedStates(provider);
    else if (stateChangeUrl !== undefined) state = remoteStates(stateChangeUrl, timeoutMs);
    else if (options.stateHandlers !== undefined) state = handlerStates(options.stateHandlers);
    else {
      state = async () => undefined;
      if (pacts.sources.some((s) => s.interactions.some((i) => i.states.length > 0))) {
        warnings.push('no --state-change-url or state handlers: provider states are not set up, so state-driven interactions depend on what the provider already holds');
      }
    }

    const realProject = env.SINCH_PROJECT_ID !== undefined && env.SINCH_PROJECT_ID !== '' ? env.SINCH_PROJECT_ID : undefined;
    const fictional = fictionalProjectIds(pacts.sources);
    const workers = workerCount(options.workers, provider !== undefined, fictional.length > 0, total);
    const split = needsSplit(pacts.sources, workers);
    tempDir = split ? await mkdtemp(path.join(os.tmpdir(), 'numbers-contract-split-')) : undefined;
    const plans = split ? await splitPacts(pacts.sources, workers, tempDir as string) : [pacts.sources];
    let done = 0;
    const progress = (event: { kind: string; ok?: boolean }): void => {
      if ((event.kind === 'request' || (event.kind === 'setup' && event.ok === false)) && done < total) options.onProgress?.(++done, total);
    };
    const authorization = authorizationFor(credentials);
    for (const [index] of plans.entries()) {
      // Each parallel worker verifies against its own project of the reference provider, so states never collide.
      const project = workers > 1 ? `w${index}-${realProject ?? fictional[0]}` : realProject;
      proxies.push(
        await startProxy({
          target,
          timeoutMs,
          ...authorization,
          ...(project !== undefined && fictional.length > 0 ? { projectIds: { fictional, real: project } } : {}),
          state,
          onEvent: progress,
        }),
      );
    }

    const started = performance.now();
    const deadline = Math.ceil(total / workers) * (2 * timeoutMs + 1000) + 60_000;
    const runs = await Promise.all(
      plans.map((sources, index) => {
        const proxy = proxies[index] as VerificationProxy;
        return runVerifier({ pactFiles: sources.map((s) => s.file), providerBaseUrl: proxy.url, stateUrl: proxy.stateUrl, timeoutMs: timeoutMs + 2000 }, deadline, options.signal).then((run) => ({
          run,
          sources,
          proxy,
        }));
      }),
    );
    const durationMs = Math.round(performance.now() - started);
    const outcomes: InteractionOutcome[] = [];
    const logs: string[] = [];
    let firstError: string | undefined;
    for (const { run, sources, proxy } of runs) {
      const { result, log } = run;
      logs.push(log);
      if (result.kind === 'missing') {
        throw new KitError('PACT_MISSING', 'cannot load @pact-foundation/pact and its core; install it next to the kit: npm install --save-dev @pact-foundation/pact@">=16.5.0 <18"', {
          argument: '@pact-foundation/pact',
          exitCode: EXIT.environment,
        });
      }
      if (result.kind === 'failure') throw new KitError('VERIFIER_FAILED', `Pact's verifier did not run: ${redact(result.message)}`, { argument: 'verify', exitCode: EXIT.internal });
      let parsed: PactResults;
      try {
        parsed = JSON.parse(result.json) as PactResults;
      } catch {
        throw new KitError('VERIFIER_FAILED', "Pact's verifier returned results that are not JSON", { argument: 'verify', exitCode: EXIT.internal });
      }
      firstError ??= parsed.errors?.[0]?.mismatch?.message;
      outcomes.push(...buildOutcomes(sources, parsed, proxy.events, redact));
    }
    if (outcomes.length === 0) throw new KitError('VERIFIER_FAILED', `Pact's verifier verified no interaction${firstError === undefined ? '' : `: ${redact(firstError)}`}`, { argument: 'verify', exitCode: EXIT.internal });
    sortLikeSources(outcomes, pacts.sources);
    const log = logs.join('\n');
    options.onProgress?.(outcomes.length, outcomes.length);
    const failed = outcomes.filter((o) => o.status === 'failed').length;
    const errors = outcomes.filter((o) => o.status === 'error').length;
    const summary: VerifyResult = {
      provider: provider === undefined ? `provider at ${shownTarget}` : 'reference provider',
      sources: pacts.sources.map((s) => redact(s.display)),
      total: outcomes.length,
      passed: outcomes.length - failed - errors,
      failed,
      errors,
      durationMs,
      outcomes,
      exitCode: failed > 0 ? EXIT.contractFailure : errors > 0 ? EXIT.environment : EXIT.ok,
      warnings: warnings.map(redact),
      verifierLog: redact(log),
      workers,
    };
    if (options.junitFile !== undefined) await writeFileAtomic(path.resolve(cwd, options.junitFile), junitXml(summary));
    return summary;
  } finally {
    await Promise.all(proxies.map((p) => p.close()));
    await provider?.close();
    await pacts.cleanup();
    if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
  }
}

function httpUrl(text: string, argument: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new KitError('BAD_URL', `'${text}' is not a URL`, { argument });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new KitError('BAD_URL', `'${url.protocol}' URLs are not supported; use http or https`, { argument });
  return url;
}

/** Basic from SINCH_KEY_ID + SINCH_KEY_SECRET, else Bearer SINCH_ACCESS_TOKEN; none: the contracts' placeholder stays. */
function authorizationFor(credentials: ReturnType<typeof credentialsFromEnv>): { authorization?: string } {
  const pair = credentials.find((c) => c.keyId !== undefined && c.keySecret !== undefined);
  if (pair !== undefined) return { authorization: `Basic ${Buffer.from(`${pair.keyId}:${pair.keySecret}`).toString('base64')}` };
  const token = credentials.find((c) => c.accessToken !== undefined);
  return token === undefined ? {} : { authorization: `Bearer ${token.accessToken}` };
}

function fictionalProjectIds(sources: readonly PactSource[]): string[] {
  const ids = new Set<string>();
  for (const s of sources) for (const i of s.interactions) for (const st of i.states) if (typeof st.params.projectId === 'string' && st.params.projectId !== '') ids.add(st.params.projectId);
  return [...ids].sort((a, b) => b.length - a.length);
}
