/**
 * After Pact's verifier ran against the broker: what the broker answered (seen by the relay) decides
 * whether there is anything to report. One function per question, each pure: did the broker fail
 * the run (down, credentials, errors), which pacts were verified (and which are pending), were the
 * results published.
 */
import { KitError } from '../errors.js';
import type { BrokerSource } from './broker-options.js';
import type { BrokerExchange, RelayedPact } from './broker-relay.js';
import { parsePact, type PactSource } from './pacts.js';

export interface BrokerObservation {
  source: BrokerSource;
  /** The broker URL as printed (redacted). */
  shown: string;
  exchanges: readonly BrokerExchange[];
  selection: readonly RelayedPact[] | undefined;
  publications: readonly BrokerExchange[];
}

export interface BrokerPacts {
  sources: PactSource[];
  /** Displays of the pacts the broker marked pending. */
  pending: Set<string>;
  /** What to tell the user when nothing was selected; undefined when there are pacts. */
  none?: string;
}

/** The broker's own failure (not the provider's), as the one error line of the run; undefined when it answered. */
export function brokerFailure(o: BrokerObservation): KitError | undefined {
  const failed = o.exchanges.find((x) => !isPublication(x) && (x.failure !== undefined || (x.status !== undefined && x.status >= 400 && !isUnknownProvider(x, o))));
  if (failed === undefined) return undefined;
  const request = `${failed.method} ${failed.path}`;
  if (failed.failure !== undefined) return new KitError('BROKER_UNREACHABLE', `cannot reach the broker: ${failed.failure} (${request})`, { argument: o.shown });
  const status = failed.status as number;
  if (status === 401 || status === 403) {
    const what =
      o.source.auth === undefined
        ? 'no credentials were sent; set PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD'
        : 'token' in o.source.auth
          ? 'it refused the token in PACT_BROKER_TOKEN'
          : 'it refused PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD';
    return new KitError('BROKER_UNAUTHORIZED', `the broker answered ${status} to ${request}: ${what}`, { argument: o.shown });
  }
  if (status >= 500) return new KitError('BROKER_ERROR', `the broker answered ${status} to ${request}`, { argument: o.shown });
  const hint = failed.path === '/' || failed.path === '' ? ' (is this the base URL of a Pact Broker?)' : failed.method === 'POST' ? ' (the broker refused the selectors or options)' : '';
  return new KitError('BROKER_REJECTED', `the broker answered ${status} to ${request}${hint}`, { argument: o.shown });
}

/**
 * The pacts the broker selected and served, read with the kit's pact reader (case ids, states).
 * A pact the reader cannot use (message-only, malformed) still counts, without interactions: its
 * results are then named by description.
 */
export function brokerPacts(o: BrokerObservation): BrokerPacts {
  const selection = o.selection ?? [];
  const unknown = o.exchanges.some((x) => isUnknownProvider(x, o));
  if (selection.length === 0) {
    const why = unknown
      ? `the broker knows no provider named '${o.source.provider}' (check --provider, or no consumer has published a pact for it yet)`
      : `the broker selected no pact for provider '${o.source.provider}'${o.source.selectors.length === 0 ? '' : ` with the consumer version selectors ${JSON.stringify(o.source.selectors)}`}`;
    if (o.source.failIfNoPactsFound) throw new KitError('NO_PACTS', why, { argument: o.shown });
    return { sources: [], pending: new Set(), none: why };
  }
  const sources: PactSource[] = [];
  const pending = new Set<string>();
  for (const pact of selection) {
    const display = `${o.shown}${pact.path}`;
    if (pact.text === undefined) continue;
    let source: PactSource;
    try {
      source = parsePact(pact.text, display, '');
    } catch {
      source = { display, file: '', consumer: '', provider: o.source.provider, interactions: [] };
    }
    sources.push(source);
    if (pact.pending) pending.add(display);
  }
  return { sources, pending };
}

/** With --publish: one accepted result per verified pact, else what went wrong (exit 3, after the report). */
export function publishProblem(o: BrokerObservation, verified: number): string | undefined {
  if (o.source.publish === undefined || verified === 0) return undefined;
  const accepted = o.publications.filter((x) => x.status !== undefined && x.status >= 200 && x.status < 300).length;
  if (accepted >= verified) return undefined;
  const refused = o.exchanges.find((x) => isPublication(x) && (x.failure !== undefined || (x.status ?? 0) >= 300));
  const why = refused === undefined ? 'the verifier sent no result for the others (does each pact have a pb:publish-verification-results link?)' : `${refused.method} ${refused.path}: ${refused.failure ?? `HTTP ${refused.status ?? '?'}`}`;
  return `the broker accepted ${accepted} of ${verified} verification result${verified === 1 ? '' : 's'}: ${why}`;
}

/**
 * Publishing: the results POST, and before it the provider's resource and the PUTs of its version's
 * branch (or tags); the verifier touches /pacticipants/ only to publish.
 */
function isPublication(x: BrokerExchange): boolean {
  return (x.method === 'POST' && /\/verification-results\/?$/.test(x.path)) || x.method === 'PUT' || x.path.includes('/pacticipants/');
}

/** 404 on the provider's pacts-for-verification resource: the broker does not know the provider (yet). */
function isUnknownProvider(x: BrokerExchange, o: BrokerObservation): boolean {
  return x.status === 404 && x.path.endsWith(`/pacts/provider/${encodeURIComponent(o.source.provider)}/for-verification`);
}
