/**
 * Runs Pact's verifier (pact-js `Verifier`) against a provider that answers each case's documented
 * error, in a child process so the verifier's console output stays out of the test report.
 *   node --import tsx documented-provider.ts <pact file> <mode> <case ids JSON>
 * prints one JSON line: { ok, failed: [interaction descriptions] }.
 */
import { Verifier } from '@pact-foundation/pact';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '../../src/catalog/index.js';
import { isErrorCase, type ErrorCase } from '../../src/catalog/types.js';
import { canonicalJson } from '../../src/util/canonical-json.js';
import { bundledSpec } from '../helpers/paths.js';

export type Mode = 'documented' | 'varied' | 'wrong-code';

function requestKey(method: string, url: string, contentType: string, auth: string, body: string, state: string): string {
  return JSON.stringify([method, url, contentType, auth, body, state]);
}

function answer(c: ErrorCase, mode: Mode): { headers: Record<string, string>; body: Record<string, unknown> } {
  const body = structuredClone(c.body) as Record<string, unknown> & { error?: Record<string, unknown> };
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...c.responseHeaders };
  if (mode === 'varied') {
    headers['Content-Type'] = 'application/json; charset=utf-8';
    if (headers['Retry-After'] !== undefined) headers['Retry-After'] = '120';
    if (body.error !== undefined) Object.assign(body.error, { message: 'worded differently', details: [{ type: 'ErrorInfo', reason: 'OTHER' }] });
    else body.text = 'worded differently';
    body.extra = true;
  }
  if (mode === 'wrong-code') {
    if (body.error !== undefined) body.error.status = 'OTHER_STATUS';
    else body.code = 'other_code';
  }
  return { headers, body };
}

/** A provider that answers each case's documented error, found by request and current state. */
async function documentedProvider(cases: readonly ErrorCase[], mode: Mode): Promise<{ url: string; setState: (s: string) => void; close: () => Promise<void> }> {
  let state = '';
  const table = new Map<string, ErrorCase>();
  for (const c of cases) {
    const query = Object.entries(c.request.query).flatMap(([k, vs]) => vs.map((v) => `${k}=${v}`));
    const body = c.request.rawBody ?? (c.request.body === undefined ? '' : canonicalJson(c.request.body));
    const url = `${c.request.path}${query.length === 0 ? '' : `?${query.join('&')}`}`;
    table.set(requestKey(c.request.method, url, c.request.headers['Content-Type'] ?? '', c.request.headers.Authorization ?? '', body, c.state.name), c);
  }
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
    req.on('end', () => {
      const contentType = req.headers['content-type'] ?? '';
      const body = contentType.includes('json') && data !== '' ? canonicalJson(JSON.parse(data)) : data;
      const c = table.get(requestKey(req.method ?? '', decodeURIComponent(req.url ?? ''), contentType, req.headers.authorization ?? '', body, state));
      if (c === undefined) {
        res.writeHead(599).end();
        return;
      }
      const reply = answer(c, mode);
      res.writeHead(c.status, reply.headers).end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setState: (s) => (state = s),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function main(pactFile: string, mode: Mode, ids: string[]): Promise<void> {
  const catalog = await loadCatalog(bundledSpec);
  const cases = catalog.cases.filter(isErrorCase).filter((c) => ids.includes(c.id));
  const provider = await documentedProvider(cases, mode);
  const stateHandlers = Object.fromEntries(cases.map((c) => [c.state.name, async () => provider.setState(c.state.name)]));
  let result: { ok: boolean; failed: string[] };
  try {
    await new Verifier({ providerBaseUrl: provider.url, pactUrls: [pactFile], stateHandlers, logLevel: 'error' }).verifyProvider();
    result = { ok: true, failed: [] };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    result = { ok: false, failed: [...new Set([...text.matchAll(/"interaction":"[^"]* - ([^"]+)"/g)].map((m) => m[1] ?? ''))].sort() };
  } finally {
    await provider.close();
  }
  process.stdout.write(`\nRESULT ${JSON.stringify(result)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [pactFile = '', mode = 'documented', ids = '[]'] = process.argv.slice(2);
  await main(pactFile, mode as Mode, JSON.parse(ids) as string[]);
}
