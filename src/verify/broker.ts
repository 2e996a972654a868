/**
 * `verify --broker-url`: the steps a broker run adds to a verification. Before: the options checked
 * and the relay started (the verifier is pointed at it). Pact's verifier then does the broker work
 * itself (pacts for verification, pending, WIP, publishing). After: the broker's answers decide
 * whether there is a report (down, credentials, nothing selected), the pacts it served become the
 * report's sources, and the published results are checked.
 */
import { KitError } from '../errors.js';
import { brokerSource, verifierBrokerOptions, type BrokerOptions, type BrokerSource } from './broker-options.js';
import { startBrokerRelay, type BrokerRelay } from './broker-relay.js';
import { brokerFailure, brokerPacts, publishProblem, type BrokerObservation, type BrokerPacts } from './broker-results.js';
import type { Redactor } from './redact.js';

export interface BrokerSession {
  source: BrokerSource;
  relay: BrokerRelay;
  /** The broker URL as printed (redacted, no trailing slash). */
  shown: string;
}

/** What a broker run tells beyond the interaction lines. */
export interface BrokerReport {
  /** The broker, as printed. */
  url: string;
  provider: string;
  /** Pacts the broker selected and the verifier fetched. */
  pacts: number;
  /** Of those, pacts the broker marked pending. */
  pendingPacts: number;
  /** With --publish: the provider version and how many results the broker accepted. */
  published?: { providerVersion: string; branch?: string; accepted: number };
  /** Why there is nothing to report (no pact selected); the run then exits 0. */
  note?: string;
  /** With --publish: a result the broker did not accept (the run then exits 3 at least). */
  publishFailure?: string;
}

/**
 * The broker options checked (exit 2 before anything starts) and the relay started. A verification
 * from a broker names no pact files: they come from the broker.
 */
export function checkBrokerOptions(options: BrokerOptions, env: NodeJS.ProcessEnv, pactUrls: readonly string[]): BrokerSource {
  const source = brokerSource(options, env);
  if (pactUrls.length > 0) throw new KitError('BAD_OPTIONS', 'give pact files or a broker (--broker-url, --provider), not both', { argument: '--broker-url' });
  return source;
}

export async function startBrokerSession(source: BrokerSource, redact: Redactor, timeoutMs: number): Promise<BrokerSession> {
  const relay = await startBrokerRelay(source.url, timeoutMs);
  return { source, relay, shown: redact(source.url.toString().replace(/\/$/, '')) };
}

/** pact-core's options for the broker source, through the relay. */
export function brokerVerifierOptions(session: BrokerSession): Record<string, unknown> {
  return verifierBrokerOptions(session.source, session.relay.url);
}

/** After the verifier ran: the broker's failure (thrown), or the pacts it served (none: a note). */
export function brokerSelection(session: BrokerSession): BrokerPacts {
  const observed = observation(session);
  const failure = brokerFailure(observed);
  if (failure !== undefined) throw failure;
  return brokerPacts(observed);
}

export function brokerReport(session: BrokerSession, pacts: BrokerPacts): BrokerReport {
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
