/**
 * `verifyContracts`: Pact provider verification of the kit's contracts (or any pact files) against
 * the embedded reference provider (default) or an external provider, in named steps: resolve the
 * inputs → decide the pact sources → start and probe the target (unreachable → exit 3 once) → plan
 * the workers → start one verification proxy per worker (credentials, project id, timeouts,
 * provider states) → run Pact's verifier in child processes → collect one outcome per interaction
 * → summarise (and write the JUnit report). Whatever was started is closed when it ends.
 */
import path from 'node:path';
import { EXIT, KitError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import { startReferenceProvider } from '../provider/server.js';
import type { ReferenceProvider } from '../provider/types.js';
import { authorizationFor, DEFAULT_TIMEOUT_MS, resolveInputs, type VerifyInputs } from './inputs.js';
import { BROKER_RUN_LIMIT_MS, brokerProjectIds, brokerRequests, brokerSelection, finishBrokerRun, brokerVerifierOptions, checkBrokerOptions, startBrokerSession, type BrokerSession } from './broker.js';
import type { BrokerSource } from './broker-options.js';
import { checkInterrupted } from './interrupt.js';
import { resolvePacts, verifierRequests, type PactSource } from './pacts.js';
import { probeProvider } from './probe.js';
import type { AllowedRequests } from './guard.js';
import { startProxy, type StateBackend, type VerificationProxy } from './proxy.js';
import { checkHandlers, embeddedStates, handlerStates, remoteStates } from './states.js';
import { collectOutcomes, summarise, type WorkerRun } from './collect.js';
import { junitXml } from './format.js';
import { runVerifier } from './runner.js';
import type { VerifyOptions, VerifyResult } from './types.js';
import { planWorkers, sortLikeSources, type Defer, type WorkerPlan } from './workers.js';

export { DEFAULT_TIMEOUT_MS };
const PROBE_LIMIT_MS = 5_000;

/** The provider being verified, reachable, and where its provider states are set up. */
interface Target {
  url: URL;
  /** The URL as shown to the user (redacted, no trailing slash). */
  shown: string;
  /** The embedded reference provider, when no external provider was named. */
  reference: ReferenceProvider | undefined;
  state: StateBackend;
  warnings: string[];
}

export async function verifyContracts(options: VerifyOptions): Promise<VerifyResult> {
  const inputs = resolveInputs(options);
  const broker = options.broker === undefined ? undefined : checkBrokerOptions(options.broker, inputs.env, options.pactUrls, options.workers);
  const cleanups: Array<() => Promise<void>> = [];
  const defer: Defer = (cleanup) => void cleanups.push(cleanup);
  try {
    // An interrupt ends the run between steps (and the waits inside them): the finally closes what was started.
    const interrupted = (): void => checkInterrupted(options.signal);
    const pacts = await pactSources(inputs, broker, defer);
    interrupted();
    const target = await startTarget(inputs, pacts.sources, defer);
    interrupted();
    const plan = await planWorkers(pacts.sources, options.workers, target.reference !== undefined, realProjectId(inputs.env), defer);
    if (pacts.session !== undefined) plan.projectIds = [brokerProjectIds(pacts.session, realProjectId(inputs.env))];
    interrupted();
    const proxies = await startProxies(inputs, target, plan, pacts.session === undefined ? undefined : brokerRequests(pacts.session), defer);
    const started = performance.now();
    const runs = await runWorkers(inputs, plan, proxies, pacts.session);
    const durationMs = Math.round(performance.now() - started);
    // From a broker: what it served (its failure is the run's error); the report is made of those pacts.
    const served = pacts.session === undefined ? undefined : brokerSelection(pacts.session);
    const sources = served?.sources ?? pacts.sources;
    const { outcomes, log } = collectOutcomes(served === undefined ? runs : runs.map((run) => ({ ...run, sources })), inputs, target.shown, served?.none !== undefined);
    sortLikeSources(outcomes, sources);
    options.onProgress?.(outcomes.length, outcomes.length);
    const provider = target.reference === undefined ? `provider at ${target.shown}` : 'reference provider';
    const summary = summarise(inputs, sources, { provider, warnings: [...(pacts.notes ?? []), ...target.warnings], workers: plan.workers }, { outcomes, log, durationMs });
    if (pacts.session !== undefined && served !== undefined) finishBrokerRun(pacts.session, served, summary);
    if (options.junitFile !== undefined) await writeJunit(path.resolve(inputs.cwd, options.junitFile), summary);
    return summary;
  } finally {
    // Last started, first closed: proxies, then the split pacts, the reference provider, the relay or the downloads.
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

/** The JUnit report, written after the run: its failure (WRITE_FAILED, exit 3, naming the file) is said after the results, never a lost run. */
async function writeJunit(file: string, summary: VerifyResult): Promise<void> {
  try {
    await writeFileAtomic(file, junitXml(summary));
  } catch (error) {
    if (!(error instanceof KitError)) throw error;
    summary.junitError = error;
    summary.exitCode = EXIT.environment;
  }
}

/**
 * The place where the list of pact sources is decided: files, directories and URLs from the options;
 * or none yet from a broker (Pact's verifier fetches them through the relay: the report reads them after).
 */
async function pactSources(inputs: VerifyInputs, broker: BrokerSource | undefined, defer: Defer): Promise<{ sources: PactSource[]; session?: BrokerSession; notes?: string[] }> {
  if (broker !== undefined) {
    const session = await startBrokerSession(broker, inputs.redact, inputs.timeoutMs);
    defer(() => session.relay.close());
    return { sources: [], session };
  }
  const pacts = await resolvePacts(inputs.options.pactUrls, inputs.cwd, inputs.timeoutMs, inputs.options.signal);
  defer(() => pacts.cleanup());
  return pacts;
}

/** The reference provider started (or the external one named), probed, and its state backend chosen. */
async function startTarget(inputs: VerifyInputs, sources: readonly PactSource[], defer: Defer): Promise<Target> {
  const { options } = inputs;
  if (options.stateHandlers !== undefined) checkHandlers(sources, options.stateHandlers);
  let reference: ReferenceProvider | undefined;
  if (inputs.providerUrl === undefined) {
    reference = await startReferenceProvider({
      ...(options.catalog === undefined ? {} : { catalog: options.catalog }),
      ...(options.specPath === undefined ? {} : { spec: options.specPath }),
      credentials: inputs.credentials,
    });
    const started = reference;
    defer(() => started.close());
    checkInterrupted(options.signal);
  }
  const url = inputs.providerUrl ?? new URL(reference?.url as string);
  const shown = inputs.redact(url.toString().replace(/\/$/, ''));
  await probeProvider(url, Math.min(inputs.timeoutMs, PROBE_LIMIT_MS), shown, options.signal);
  const warnings: string[] = [];
  let state: StateBackend;
  if (reference !== undefined) state = embeddedStates(reference);
  else if (inputs.stateChangeUrl !== undefined) state = remoteStates(inputs.stateChangeUrl, inputs.timeoutMs);
  else if (options.stateHandlers !== undefined) state = handlerStates(options.stateHandlers);
  else {
    state = async () => undefined;
    if (sources.some((s) => s.interactions.some((i) => i.states.length > 0))) {
      warnings.push('no --state-change-url or state handlers: provider states are not set up, so state-driven interactions depend on what the provider already holds');
    }
  }
  return { url, shown, reference, state, warnings };
}

function realProjectId(env: NodeJS.ProcessEnv): string | undefined {
  return env.SINCH_PROJECT_ID !== undefined && env.SINCH_PROJECT_ID !== '' ? env.SINCH_PROJECT_ID : undefined;
}

/** One verification proxy per worker, all reporting progress to one counter. */
async function startProxies(inputs: VerifyInputs, target: Target, plan: WorkerPlan, served: (() => AllowedRequests) | undefined, defer: Defer): Promise<VerificationProxy[]> {
  let done = 0;
  const progress = (event: { kind: string; ok?: boolean }): void => {
    if ((event.kind === 'request' || (event.kind === 'setup' && event.ok === false)) && done < plan.total) inputs.options.onProgress?.(++done, plan.total);
  };
  const authorization = authorizationFor(inputs.credentials);
  const proxies: VerificationProxy[] = [];
  for (const [index, projectIds] of plan.projectIds.entries()) {
    const proxy = await startProxy({
      target: target.url,
      shown: target.shown,
      // Only the requests of the pacts this worker verifies (from a broker: of the pacts it served).
      allowed: served ?? verifierRequests(plan.shares[index] ?? []),
      timeoutMs: inputs.timeoutMs,
      ...(authorization === undefined ? {} : { authorization }),
      ...(projectIds === undefined ? {} : { projectIds }),
      state: target.state,
      onEvent: progress,
    });
    defer(() => proxy.close());
    proxies.push(proxy);
  }
  return proxies;
}

/** The place where the options of Pact's verifier are built, for one worker. */
function verifierOptions(inputs: VerifyInputs, sources: readonly PactSource[], proxy: VerificationProxy, broker: BrokerSession | undefined): Record<string, unknown> {
  return {
    providerBaseUrl: proxy.url,
    ...(broker === undefined ? { pactUrls: sources.map((s) => s.file) } : brokerVerifierOptions(broker)),
    providerStatesSetupUrl: proxy.stateUrl,
    // The run's key: the proxy refuses every request and state change without it.
    customProviderHeaders: proxy.verifierHeaders,
    // The proxy times each request out first and says so; the verifier's own timeout is a backstop.
    timeout: inputs.timeoutMs + 2000,
  };
}

/** Every worker's verifier child, in parallel, under one deadline. */
async function runWorkers(inputs: VerifyInputs, plan: WorkerPlan, proxies: readonly VerificationProxy[], broker: BrokerSession | undefined): Promise<WorkerRun[]> {
  // From a broker the number of interactions is known only once the verifier has fetched the pacts.
  const deadline = broker !== undefined ? BROKER_RUN_LIMIT_MS : Math.ceil(plan.total / plan.workers) * (2 * inputs.timeoutMs + 1000) + 60_000;
  return Promise.all(
    plan.shares.map(async (sources, index) => {
      const proxy = proxies[index] as VerificationProxy;
      const run = await runVerifier({ options: verifierOptions(inputs, sources, proxy, broker) }, deadline, inputs.options.signal);
      return { run, sources, proxy };
    }),
  );
}
