/**
 * `verify --broker-url`: the steps a broker run adds to a verification. Before: the options checked
 * and the relay started (the verifier is pointed at it). Pact's verifier then does the broker work
 * itself (pacts for verification, pending, WIP, publishing). After: the broker's answers decide
 * whether there is a report (down, credentials, nothing selected), the pacts it served become the
 * report's sources, and the published results are checked.
 */
import { EXIT, KitError, type ErrorCode } from '../errors.js';
import { brokerSource, verifierBrokerOptions, type BrokerOptions, type BrokerSource } from './broker-options.js';
import { startBrokerRelay, type BrokerRelay } from './broker-relay.js';
import { brokerFailure, brokerPacts, publishProblem, type BrokerObservation, type BrokerPacts } from './broker-results.js';
import { MESSAGE_REQUEST, verifierRequests } from './pacts.js';
import type { Redactor } from '../util/redact.js';
import type { AllowedRequests } from './guard.js';
import { fictionalProjectIds } from './workers.js';
import type { BrokerReport, VerifyResult } from './types.js';

/**
 * How long one verification from a broker may take in all. A file run's limit comes from its number
 * of interactions; a broker run's is known only once the verifier fetched the pacts. Each provider
 * request and state change still has its own --timeout.
 */
export const BROKER_RUN_LIMIT_MS = 30 * 60_000;

export interface BrokerSession {
  source: BrokerSource;
  relay: BrokerRelay;
  /** The broker URL as printed (redacted, no trailing slash). */
  shown: string;
}

/**
 * The broker options checked (exit 2 before anything starts) and the relay started. A verification
 * from a broker names no pact files: they come from the broker.
 */
export function checkBrokerOptions(options: BrokerOptions, env: NodeJS.ProcessEnv, pactUrls: readonly string[], workers: number | undefined): BrokerSource {
  const source = brokerSource(options, env);
  if (workers !== undefined && workers > 1) throw new KitError('BAD_WORKERS', "a verification from a broker runs one verifier process: Pact's verifier fetches the pacts itself", { argument: '--workers' });
  if (pactUrls.length > 0) throw new KitError('BAD_OPTIONS', 'give pact files or a broker (--broker-url, --provider), not both', { argument: '--broker-url' });
  return source;
}

export async function startBrokerSession(source: BrokerSource, redact: Redactor, timeoutMs: number): Promise<BrokerSession> {
  const relay = await startBrokerRelay(source.url, timeoutMs, source.auth);
  return { source, relay, shown: redact(source.url.toString().replace(/\/$/, '')) };
}

/** pact-core's options for the broker source, through the relay: the verifier's broker token is the relay's key. */
export function brokerVerifierOptions(session: BrokerSession): Record<string, unknown> {
  return verifierBrokerOptions(session.source, session.relay.url, session.relay.verifierToken);
}

/** After the verifier ran: the broker's failure (thrown), or the pacts it served (none: a note). */
export function brokerSelection(session: BrokerSession): BrokerPacts {
  const observed = observation(session);
  const failure = brokerFailure(observed);
  if (failure !== undefined) throw failure;
  return brokerPacts(observed);
}

/**
 * The project-id swap for a real SINCH_PROJECT_ID: the fictional ids come from the pacts' provider
 * states, known once the verifier fetched them, which is before its first state change or request.
 */
export function brokerProjectIds(session: BrokerSession, real: string | undefined): { fictional: string[]; real: string } | undefined {
  if (real === undefined) return undefined;
  let known: string[] | undefined;
  return {
    real,
    // Read by the proxy on each request; the pacts are all in once the first request arrives.
    get fictional(): string[] {
      if (known !== undefined) return known;
      const selection = session.relay.selection();
      const ids = fictionalProjectIds(selection === undefined ? [] : brokerPacts(observation(session)).sources);
      if (selection !== undefined && selection.every((p) => p.text !== undefined)) known = ids;
      return ids;
    },
  };
}

/**
 * The requests of the pacts the broker served, for the verification proxy's allow-list: read as the
 * verifier fetches them (before its first request), the same array once all are in.
 */
export function brokerRequests(session: BrokerSession): () => AllowedRequests {
  let known: AllowedRequests | undefined;
  return () => {
    if (known !== undefined) return known;
    const selection = session.relay.selection();
    const requests = selection === undefined ? [] : verifierRequests(brokerPacts(observation(session)).sources);
    // A message-only pact is read without interactions: its messages are still asked for.
    if (selection?.some((p) => p.text !== undefined && /"type"\s*:\s*"(A|a)?[Ss]ynchronous\/Messages"/.test(p.text)) === true) requests.push(MESSAGE_REQUEST);
    if (selection !== undefined && selection.every((p) => p.text !== undefined)) known = requests;
    return requests;
  };
}

/** The broker's part of the summary; a result the broker did not take fails the run (exit 3) even when every interaction verified. */
export function finishBrokerRun(session: BrokerSession, pacts: BrokerPacts, summary: VerifyResult): void {
  summary.broker = brokerReport(session, pacts);
  if (summary.broker.publishFailure !== undefined && summary.exitCode === EXIT.ok) summary.exitCode = EXIT.environment;
}

function brokerReport(session: BrokerSession, pacts: BrokerPacts): BrokerReport {
  const observed = observation(session);
  const verified = (observed.selection ?? []).filter((p) => p.text !== undefined && hasInteractions(p.text)).length;
  const problem = publishProblem(observed, verified);
  const { source } = session;
  return {
    url: session.shown,
    provider: source.provider,
    pacts: pacts.sources.length,
    pendingPacts: pacts.pending.size,
    ...(source.publish === undefined
      ? {}
      : {
          published: {
            providerVersion: source.publish.providerVersion,
            ...(source.providerBranch === undefined ? {} : { branch: source.providerBranch }),
            accepted: observed.publications.filter((x) => x.method === 'POST' && x.status !== undefined && x.status < 300).length,
          },
        }),
    ...(pacts.none === undefined ? {} : { note: pacts.none }),
    ...(problem === undefined ? {} : { publishFailure: problem }),
  };
}

function observation(session: BrokerSession): BrokerObservation {
  return {
    source: session.source,
    shown: session.shown,
    exchanges: session.relay.exchanges,
    selection: session.relay.selection(),
    publications: session.relay.publications,
  };
}

function hasInteractions(text: string): boolean {
  try {
    const pact = JSON.parse(text) as { interactions?: unknown; messages?: unknown };
    return (Array.isArray(pact.interactions) && pact.interactions.length > 0) || (Array.isArray(pact.messages) && pact.messages.length > 0);
  } catch {
    return false;
  }
}

const PUBLISH_FAILED: ErrorCode = 'PUBLISH_FAILED';

/** The lines a broker run adds on stderr (the interaction lines and the summary are a file run's). */
export function formatBrokerReport(report: BrokerReport): string[] {
  const lines: string[] = [];
  if (report.note !== undefined) lines.push(`${report.note}: nothing to verify`);
  else lines.push(`broker ${report.url}: ${report.pacts} pact${report.pacts === 1 ? '' : 's'} selected for ${report.provider}${report.pendingPacts > 0 ? ` (${report.pendingPacts} pending)` : ''}`);
  if (report.published !== undefined && report.note === undefined) {
    const { providerVersion, branch, accepted } = report.published;
    lines.push(`results published for ${report.provider} ${providerVersion}${branch === undefined ? '' : ` (branch ${branch})`}: ${accepted} accepted`);
  }
  if (report.publishFailure !== undefined) lines.push(`${PUBLISH_FAILED} ${report.url}: ${report.publishFailure}`);
  return lines;
}
