/**
 * What a Pact mock server reports about the requests it saw (pact-core `mockServerMismatches`),
 * rendered as a numbered list a person can act on. Credentials a consumer sent are redacted:
 * failure messages never carry secrets.
 */
import { redactText } from '../util/redact.js';
import { joinLines } from '../util/terminal.js';

interface Mismatch {
  type: string;
  path?: string;
  key?: string;
  parameter?: string;
  expected?: unknown;
  actual?: unknown;
  mismatch?: string;
}

interface MismatchedRequest {
  method?: string;
  path?: string;
  query?: Record<string, string[]>;
}

export interface MatchResult {
  type?: string;
  method?: string;
  path?: string;
  mismatches?: Mismatch[];
  request?: MismatchedRequest;
  error?: string;
}

/** True when every result only says "expected but not received": the state pact-core 19.x can report too early. */
export function onlyMissingRequests(results: readonly MatchResult[]): boolean {
  return results.length > 0 && results.every((result) => result.type === 'missing-request');
}

function queryText(query: Record<string, string[]> | undefined): string {
  if (query === undefined) return '';
  const pairs = Object.entries(query).flatMap(([name, values]) => values.map((value) => `${name}=${value}`));
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
}

const SENSITIVE_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key']);

/** `x` of a pact-core "... to match 'x'" (string search: the text may be long and foreign). */
function quotedPattern(text: string): string | undefined {
  const at = text.indexOf("to match '");
  return at < 0 || !text.endsWith("'") || text.length - at < "to match ''".length + 1 ? undefined : text.slice(at + "to match '".length, -1);
}

function describeMismatch(m: Mismatch): string {
  const detail = m.mismatch ?? `expected ${JSON.stringify(m.expected)}, received ${JSON.stringify(m.actual)}`;
  switch (m.type) {
    case 'MethodMismatch':
      return `method: expected ${String(m.expected)}, received ${String(m.actual)}`;
    case 'PathMismatch':
      return `path: ${detail}`;
    case 'QueryMismatch':
      return `query '${m.parameter ?? ''}': ${detail}`;
    case 'HeaderMismatch':
      if (SENSITIVE_HEADERS.has((m.key ?? '').toLowerCase())) {
        const pattern = quotedPattern(m.mismatch ?? '');
        const wanted = pattern === undefined ? `is not ${JSON.stringify(m.expected)}` : `does not match ${pattern}`;
        return `header '${m.key ?? ''}': the value sent ${wanted} (value not shown: it may be a credential)`;
      }
      return `header '${m.key ?? ''}': ${detail}`;
    case 'BodyTypeMismatch':
      return `body type: ${detail}`;
    case 'BodyMismatch':
      return `body ${m.path ?? '$'}: ${detail}`;
    default:
      return `${m.type}: ${detail}`;
  }
}

function describeResult(result: MatchResult): string[] {
  const where = `${result.method ?? result.request?.method ?? '?'} ${result.path ?? result.request?.path ?? '?'}`;
  switch (result.type) {
    case 'missing-request':
      return [`expected but not received: ${where}${queryText(result.request?.query)}`];
    case 'request-not-found':
      return [`unexpected request (no interaction matches it): ${where}${queryText(result.request?.query)}`];
    case 'request-mismatch':
      return [`request ${where} did not match:`, ...(result.mismatches ?? []).map((m) => `     - ${describeMismatch(m)}`)];
    default:
      return [`${result.error ?? result.type ?? 'mismatch'}${result.path === undefined ? '' : ` at ${result.path}`}`];
  }
}

/** A numbered list, one entry per mock-server result (continuation lines indented). */
export function formatMismatches(results: readonly MatchResult[], keepProjects: readonly string[] = []): string {
  const lines: string[] = [];
  results.forEach((result, index) => {
    const [first = '', ...rest] = describeResult(result);
    lines.push(`  ${index + 1}) ${first}`, ...rest);
  });
  return redactText(joinLines(lines), { keepProjects });
}
