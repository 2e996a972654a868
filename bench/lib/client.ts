import type { CaseBase } from '../../src/catalog/types.js';

/** The request URL of a case against `base`, query in the case's order. */
function caseUrl(base: string, c: CaseBase): string {
  const query = Object.entries(c.request.query).flatMap(([name, values]) => values.map((v) => `${encodeURIComponent(name)}=${encodeURIComponent(v)}`));
  return `${base}${c.request.path}${query.length === 0 ? '' : `?${query.join('&')}`}`;
}

/**
 * The one client every consumer-side contender runs (kit harness, plain pact-js, bare loopback):
 * native fetch with the case's method, headers and body, reading the whole answer. Returns the status.
 */
export async function sendCase(base: string, c: CaseBase, extraHeaders: Record<string, string> = {}): Promise<number> {
  const init: RequestInit = { method: c.request.method, headers: { ...c.request.headers, ...extraHeaders } };
  if (c.request.rawBody !== undefined) init.body = c.request.rawBody;
  else if (c.request.body !== undefined) init.body = JSON.stringify(c.request.body);
  const response = await fetch(caseUrl(base, c), init);
  await response.arrayBuffer();
  return response.status;
}
