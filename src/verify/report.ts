/**
 * From the verifier's JSON results and the proxy's event log to one outcome per interaction,
 * named by its catalog case id, with the differences in one line each (format.ts words them for the
 * terminal and JUnit). Everything that leaves here has been through the redactor.
 */
import type { PactInteraction, PactSource } from './pacts.js';
import type { ProxyEvent } from './proxy.js';
import type { Redactor } from '../util/redact.js';
import type { InteractionOutcome } from './types.js';

interface PactMismatch {
  type?: string;
  expected?: unknown;
  actual?: unknown;
  mismatch?: string;
  path?: string;
  key?: string;
}

interface PactError {
  interaction?: string;
  mismatch?: { type?: string; message?: string; mismatches?: PactMismatch[] };
}

export interface PactResults {
  result?: boolean;
  errors?: PactError[];
  /** Failures of pending pacts or interactions (docs.pact.io/pending): reported, never failing the run. */
  pendingErrors?: PactError[];
  interactionResults?: Array<{ description?: string; duration?: string; result?: string }>;
}

const LINE_LIMIT = 300;
const TOO_LARGE = 'PROVIDER_RESPONSE_TOO_LARGE';
const MISMATCH_ORDER = ['StatusMismatch', 'HeaderMismatch', 'MetadataMismatch', 'BodyTypeMismatch', 'BodyMismatch'];

export function buildOutcomes(sources: readonly PactSource[], results: PactResults, events: readonly ProxyEvent[], redact: Redactor): InteractionOutcome[] {
  const expected = sources.flatMap((source) => source.interactions.map((interaction) => ({ source, interaction, used: false })));
  const errors = [...(results.errors ?? []).map((error) => ({ error, used: false, pending: false })), ...(results.pendingErrors ?? []).map((error) => ({ error, used: false, pending: true }))];
  const outcomes: InteractionOutcome[] = [];
  let cursor = 0;
  for (const result of results.interactionResults ?? []) {
    const description = result.description ?? '';
    const entry = expected.find((e) => !e.used && e.interaction.description === description);
    if (entry !== undefined) entry.used = true;
    const interaction: PactInteraction = entry?.interaction ?? { description, caseId: description, states: [] };
    const source = entry?.source;

    // The proxy saw, in order: one setup per provider state (one with state "" when there is none), the request, the teardowns.
    let stateFailure: Extract<ProxyEvent, { kind: 'setup' }> | undefined;
    let request: Extract<ProxyEvent, { kind: 'request' }> | undefined;
    for (let n = Math.max(1, interaction.states.length); n > 0 && events[cursor]?.kind === 'setup'; n -= 1) {
      const setup = events[cursor++] as Extract<ProxyEvent, { kind: 'setup' }>;
      if (!setup.ok) stateFailure ??= setup;
    }
    if (stateFailure === undefined && events[cursor]?.kind === 'request') request = events[cursor++] as Extract<ProxyEvent, { kind: 'request' }>;
    let teardownFailure: Extract<ProxyEvent, { kind: 'teardown' }> | undefined;
    while (events[cursor]?.kind === 'teardown') {
      const teardown = events[cursor++] as Extract<ProxyEvent, { kind: 'teardown' }>;
      if (!teardown.ok) teardownFailure ??= teardown;
    }

    const outcome: InteractionOutcome = {
      caseId: interaction.caseId,
      description,
      source: source?.display ?? '',
      status: 'passed',
      durationMs: parseDuration(result.duration),
      problems: [],
    };
    if (result.result !== 'OK') {
      const match = errors.find((e) => !e.used && (e.error.interaction ?? '').endsWith(` - ${description}`) && (source === undefined || (e.error.interaction ?? '').includes(`between ${source.consumer} and ${source.provider}`)));
      if (match !== undefined) match.used = true;
      if (stateFailure !== undefined) {
        // A state endpoint that timed out or could not be reached is the environment (exit 3); one that refused the state fails the contract.
        const prefix = stateFailure.failure === 'timeout' ? 'STATE_SETUP_TIMEOUT: ' : stateFailure.failure === 'io' ? 'STATE_SETUP_IO_ERROR: ' : '';
        outcome.status = stateFailure.failure === undefined ? 'failed' : 'error';
        outcome.problems.push(`${prefix}provider state "${stateFailure.state}" could not be set up: ${stateFailure.message ?? 'failed'}`);
      } else if (request?.failure === 'too-large') {
        // The provider answered, with more than the kit holds: a failure of this interaction, not the environment.
        outcome.status = 'failed';
        outcome.problems.push(`${TOO_LARGE}: ${request.message ?? request.failure}`);
      } else if (request?.failure !== undefined) {
        outcome.status = 'error';
        outcome.problems.push(`${request.failure === 'timeout' ? 'PROVIDER_TIMEOUT' : 'PROVIDER_IO_ERROR'}: ${request.message ?? request.failure}`);
      } else {
        outcome.status = 'failed';
        // A failed teardown alone makes the verifier fail the interaction with a generic "teardown state
        // change handlers has failed": say which state and why instead, and a teardown that timed out or
        // could not be reached is the environment (exit 3), as for a setup.
        const teardownOnly = teardownFailure !== undefined && match?.error.mismatch?.type !== 'mismatches';
        if (!teardownOnly) outcome.problems.push(...describeError(match?.error));
        if (teardownFailure !== undefined) {
          const prefix = teardownFailure.failure === 'timeout' ? 'STATE_TEARDOWN_TIMEOUT: ' : teardownFailure.failure === 'io' ? 'STATE_TEARDOWN_IO_ERROR: ' : '';
          outcome.problems.push(`${prefix}provider state "${teardownFailure.state}" could not be torn down: ${teardownFailure.message ?? 'failed'}`);
          if (teardownOnly && teardownFailure.failure !== undefined) outcome.status = 'error';
        }
        if (outcome.problems.some((p) => /error sending request|Connection refused|tcp connect error/i.test(p))) outcome.status = 'error';
      }
      // The verifier's own call: a pending pact's (or interaction's) failure does not fail the run.
      if (match?.pending === true && outcome.status === 'failed') outcome.status = 'pending';
    }
    outcome.problems = outcome.problems.map((p) => clip(redact(p)));
    outcome.caseId = redact(outcome.caseId);
    outcome.description = redact(outcome.description);
    // A pact URL's password would otherwise reach the JUnit suite name.
    outcome.source = redact(outcome.source);
    outcomes.push(outcome);
  }
  return outcomes;
}

function describeError(error: PactError | undefined): string[] {
  if (error?.mismatch === undefined) return ['the verifier reported a failure without details'];
  if (error.mismatch.type !== 'mismatches' || error.mismatch.mismatches === undefined) return [error.mismatch.message ?? 'verification failed'];
  // By kind, then by where: Pact's verifier lists a message's body mismatches in no fixed order.
  const sorted = [...error.mismatch.mismatches].sort((a, b) => rank(a.type) - rank(b.type) || compareText(a.path ?? a.key ?? '', b.path ?? b.key ?? ''));
  return sorted.map(describeMismatch);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function rank(type: string | undefined): number {
  const index = MISMATCH_ORDER.indexOf(type ?? '');
  return index < 0 ? MISMATCH_ORDER.length : index;
}

function describeMismatch(m: PactMismatch): string {
  switch (m.type) {
    case 'StatusMismatch':
      return `status: expected ${String(m.expected)}, got ${String(m.actual)}`;
    case 'HeaderMismatch':
      return `header ${m.key ?? ''}: ${m.mismatch ?? `expected ${String(m.expected)}, got ${String(m.actual)}`}`;
    case 'BodyMismatch':
      return `body ${m.path ?? '$'}: ${m.mismatch ?? `expected ${String(m.expected)}, got ${String(m.actual)}`}${envelopeHint(m)}`;
    case 'BodyTypeMismatch':
      return `body: ${m.mismatch ?? `expected ${String(m.expected)}, got ${String(m.actual)}`}`;
    case 'MetadataMismatch':
      return `metadata ${m.key ?? ''}: ${m.mismatch ?? `expected ${String(m.expected)}, got ${String(m.actual)}`}`;
    default:
      return `${m.type ?? 'mismatch'}: ${m.mismatch ?? JSON.stringify(m)}`;
  }
}

/** The two Numbers error envelopes, named when a body has the other one's keys. */
function envelopeHint(m: PactMismatch): string {
  if ((m.path ?? '$') !== '$' || typeof m.expected !== 'string' || typeof m.actual !== 'string') return '';
  const keys = (text: string): string[] => {
    try {
      const value: unknown = JSON.parse(text);
      return Array.isArray(value) ? value.map(String) : [];
    } catch {
      return [];
    }
  };
  const expected = keys(m.expected);
  const actual = keys(m.actual);
  const legacy = (k: string[]): boolean => k.includes('code') && k.includes('text');
  if (expected.includes('error') && !actual.includes('error') && legacy(actual)) return ' (the provider answered the legacy {code, text} envelope; the contract expects the google {error: {...}} envelope)';
  if (legacy(expected) && actual.includes('error')) return ' (the provider answered the google {error: {...}} envelope; the contract expects the legacy {code, text} envelope)';
  return '';
}

function clip(line: string): string {
  const single = oneLine(line);
  return single.length > LINE_LIMIT ? `${single.slice(0, LINE_LIMIT - 3)}...` : single;
}

/**
 * Each newline and the white space around it as one space. A loop, not a `\s*\n\s*` regex: the
 * problems quote the provider's answer, and that regex tries every blank of a run as a start (a
 * body of spaces took seconds).
 */
export function oneLine(text: string): string {
  const blank = (i: number): boolean => /\s/.test(text[i] ?? '');
  let out = '';
  let from = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', from)) {
    let start = i;
    while (start > from && blank(start - 1)) start--;
    let end = i + 1;
    while (end < text.length && blank(end)) end++;
    out += `${text.slice(from, start)} `;
    from = end;
  }
  return out + text.slice(from);
}

/** `23ms`, `1s 200ms`, `2m 3s` → ms. */
export function parseDuration(text: string | undefined): number {
  let total = 0;
  for (const [, amount, unit] of (text ?? '').matchAll(/(?<![\d.])(\d+(?:\.\d+)?)\s*(ms|s|m)\b/g)) {
    const n = Number(amount);
    total += unit === 'ms' ? n : unit === 's' ? n * 1000 : n * 60_000;
  }
  return total;
}
