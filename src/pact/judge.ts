/**
 * Deciding whether a case's mock server got what the case documents.
 *
 * pact-core 19.x records a matched request slightly *after* the response has been sent, so a
 * client can have the right response in hand while the mock server still says "expected but not
 * received" (pact-js #1835, #1713; pact-reference #535; measured here under load: ~0.3-0.8 % of
 * cases, settled within 1-5 ms), or, read between the two calls, neither a match nor a mismatch.
 * When that is all the mock server reports, the verdict waits for the match state to settle
 * (bounded by `settleMs`) before failing. Any other report fails at once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { NumbersCase } from '../catalog/types.js';
import type { CorePact } from './core.js';
import { describeCase } from './interaction.js';
import { formatMismatches, onlyMissingRequests, type MatchResult } from './mismatches.js';
import { redactText } from '../util/redact.js';
import { terminalSafe } from '../util/terminal.js';

export interface Verdict {
  /** Empty when the mock server matched. */
  results: MatchResult[];
  /** True when the first look said "not received" and a later one said matched (the 19.x race). */
  settled: boolean;
  waitedMs: number;
}

export async function judgeMockServer(pact: CorePact, port: number, settleMs: number): Promise<Verdict> {
  if (pact.mockServerMatchedSuccessfully(port)) return { results: [], settled: false, waitedMs: 0 };
  const start = performance.now();
  let delay = 1;
  for (;;) {
    const results = pact.mockServerMismatches(port);
    const waitedMs = performance.now() - start;
    // No report at all is the same race caught between the two reads (the match was recorded after
    // the first): it settles like "not received".
    const settling = results.length === 0 || onlyMissingRequests(results);
    if (!settling || waitedMs >= settleMs) {
      return { results: results.length > 0 ? results : [{ type: 'unknown', error: 'the mock server reports no match and no mismatch' }], settled: false, waitedMs };
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 32);
    if (pact.mockServerMatchedSuccessfully(port)) return { results: [], settled: true, waitedMs: performance.now() - start };
  }
}

function requestLine(c: NumbersCase): string {
  const query = Object.entries(c.request.query).flatMap(([name, values]) => values.map((value) => `${name}=${value}`));
  return `${c.request.method} ${c.request.path}${query.length === 0 ? '' : `?${query.join('&')}`}`;
}

/** A case's mock server did not get the request the case documents. Carries Pact's mismatch details. */
export class PactMismatchError extends Error {
  override readonly name = 'PactMismatchError';
  readonly caseId: string;
  readonly results: readonly MatchResult[];

  constructor(errorCase: NumbersCase, results: readonly MatchResult[], consumerError?: unknown) {
    // The case's own (fictional) project may be shown; any other project in a path was the consumer's.
    const keep = [...errorCase.request.path.matchAll(/\/projects\/([^/?#]+)/g)].map((m) => m[1] ?? '');
    const lines = [`${describeCase(errorCase)}: the Pact mock server did not get the request this case documents`, '', formatMismatches(results, keep), '', `documented request: ${requestLine(errorCase)}`];
    if (consumerError !== undefined) {
      const text = consumerError instanceof Error ? `${consumerError.name}: ${consumerError.message}` : String(consumerError);
      lines.push(`the consumer code also threw: ${redactText(text.split('\n', 1)[0] ?? '', { keepProjects: keep })}`);
    }
    super(terminalSafe(lines.join('\n')), consumerError === undefined ? undefined : { cause: consumerError });
    this.caseId = errorCase.id;
    this.results = results;
  }
}

export function isPactMismatchError(value: unknown): value is PactMismatchError {
  return value instanceof PactMismatchError || (value instanceof Error && value.name === 'PactMismatchError');
}
