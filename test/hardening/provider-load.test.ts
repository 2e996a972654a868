/**
 * Issue 8, provider load: the reference provider in a process of its own (node --expose-gc, so
 * its memory is measured apart from the load generator's) under a bounded loopback load of mixed
 * requests: valid calls, malformed JSON, wrong content types, missing and wrong credentials,
 * unknown paths and methods, bodies over the 1 MiB limit (declared and chunked), requests that are
 * not HTTP at all, headers over Node's limit, state changes and token requests, across hundreds of
 * projects (the provider keeps at most 256). Every answer must carry a documented status (or a
 * transport limit: 413 body, 431 headers) in a Numbers error envelope, the provider must not
 * crash, and its memory after a full GC must stay flat from the warm-up round to the last one.
 * Then connections that trickle their headers (slowloris) are closed by the provider's header
 * timeout while it keeps answering everyone else.
 */
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { OpenAPIV3 } from 'openapi-types';
import { parseNumbersError } from '../../src/match/parse.js';
import type { ParsedNumbersError } from '../../src/match/types.js';
import { walkOperations } from '../../src/openapi/walk.js';
import { specFixture } from '../provider/fixture.js';

const CHILD = fileURLToPath(new URL('../helpers/provider-child.ts', import.meta.url));
const BODY_LIMIT = 1024 * 1024;
const HEADER_TIMEOUT_MS = 2000;
const PROJECT = '12c0ffee-dada-beef-cafe-baadc0de5678';
const AUTH = 'Bearer example-token';
const CONCURRENCY = 16;
const WARM_UP = 1000;
const ROUNDS = [1200, 1200, 1200];
/** Allowed growth between the warm-up round and the last one, after full GCs. */
const MAX_RSS_GROWTH_MB = 30;
const MAX_HEAP_GROWTH_MB = 8;

interface Answer {
  kind: string;
  status: number;
  contentType: string;
  body: string;
  /** The request was an API call (not the Pact state endpoint or OAuth token endpoint, which answer in their own formats). */
  api: boolean;
}

interface Memory {
  rss: number;
  heapUsed: number;
  gc: boolean;
}

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Spec {
  kind: string;
  method: string;
  path: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  /** Send the body with chunked transfer encoding (no Content-Length). */
  chunked?: boolean;
  api?: boolean;
}

/** One raw exchange on a socket of its own: for what an HTTP client will not send. */
function rawExchange(port: number, kind: string, bytes: string | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const head = /^HTTP\/1\.1 (\d{3})[^\r\n]*\r\n([\s\S]*?)\r\n\r\n([\s\S]*)$/.exec(text);
      if (head === null) {
        reject(new Error(`${kind}: no HTTP answer before the connection closed: ${JSON.stringify(text.slice(0, 200))}`));
        return;
      }
      const contentType = /^content-type:\s*(.*)$/im.exec(head[2] ?? '')?.[1]?.trim() ?? '';
      resolve({ kind, status: Number(head[1]), contentType, body: head[3] ?? '', api: true });
    });
    socket.end(bytes);
  });
}

function httpExchange(port: number, agent: http.Agent, spec: Spec): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { ...spec.headers };
    if (spec.body !== undefined && spec.chunked !== true) headers['content-length'] ??= Buffer.byteLength(spec.body);
    const big = typeof spec.body !== 'string' && spec.body !== undefined;
    const req = http.request({ host: '127.0.0.1', port, method: spec.method, path: spec.path, headers, agent: big ? false : agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ kind: spec.kind, status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8'), api: spec.api !== false }));
      res.on('error', reject);
    });
    req.on('error', (error) => reject(new Error(`${spec.kind}: ${(error as NodeJS.ErrnoException).code ?? error.message}`)));
    if (spec.chunked === true && Buffer.isBuffer(spec.body)) {
      // Over the limit in 64 KiB chunks, as a streaming client would send it.
      for (let at = 0; at < spec.body.length; at += 64 * 1024) req.write(spec.body.subarray(at, at + 64 * 1024));
      req.end();
    } else req.end(spec.body);
  });
}

type Exchange = { raw: string | Buffer; kind: string } | Spec;

/** The request mix. `next()` picks one deterministically; `projects` spreads calls over many projects. */
function mix(seed: number): () => Exchange {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  const project = (): string => (rnd() < 0.5 ? PROJECT : `load-${Math.floor(rnd() * 100_000)}`);
  const oversized = Buffer.alloc(BODY_LIMIT + 1024, 0x61);
  const json = { 'Content-Type': 'application/json', Authorization: AUTH };
  const kinds: Array<[number, () => Exchange]> = [
    [10, () => ({ kind: 'get active number', method: 'GET', path: `/v1/projects/${project()}/activeNumbers/${pick(['+12025550134', '+12025550101', '+12025550199', '%2B12025550134'])}`, headers: { Authorization: AUTH } })],
    [6, () => ({ kind: 'list regions', method: 'GET', path: `/v1/projects/${project()}/availableRegions${pick(['', '?types=MOBILE', '?types=BOGUS'])}`, headers: { Authorization: AUTH } })],
    [
      6,
      () => ({
        kind: 'search numbers',
        method: 'GET',
        path: `/v1/projects/${project()}/availableNumbers?regionCode=${pick(['US', 'GB', 'XX', ''])}&type=${pick(['LOCAL', 'MOBILE', 'FIXED'])}&size=${pick(['1', '10', '-1', 'x'])}`,
        headers: { Authorization: AUTH },
      }),
    ],
    [6, () => ({ kind: 'list active numbers', method: 'GET', path: `/v1/projects/${project()}/activeNumbers?regionCode=US&type=LOCAL&pageSize=${pick(['5', '1000', 'nan'])}`, headers: { Authorization: AUTH } })],
    [6, () => ({ kind: 'update active number', method: 'PATCH', path: `/v1/projects/${project()}/activeNumbers/+12025550134`, headers: json, body: JSON.stringify({ displayName: `load ${Math.floor(rnd() * 1000)}` }) })],
    [5, () => ({ kind: 'update callbacks', method: 'PATCH', path: `/v1/projects/${project()}/callbackConfiguration`, headers: json, body: JSON.stringify({ hmacSecret: pick(['s3cr3t-load', '', 'x'.repeat(300)]) }) })],
    [
      5,
      () => ({
        kind: 'rent',
        method: 'POST',
        path: `/v1/projects/${project()}/availableNumbers/+1202555015${Math.floor(rnd() * 10)}:rent`,
        headers: json,
        body: JSON.stringify({ smsConfiguration: { servicePlanId: 'example-service-plan', campaignId: pick(['CEXAMPL', 'OTHER']) } }),
      }),
    ],
    [6, () => ({ kind: 'malformed JSON', method: 'POST', path: `/v1/projects/${project()}/availableNumbers:rentAny`, headers: json, body: pick(['{"regionCode": "US",', '{', 'nul', '[1,2', '{"a":\u0000}', '\uFEFF{}x']) })],
    [5, () => ({ kind: 'wrong JSON type', method: 'POST', path: `/v1/projects/${project()}/availableNumbers:rentAny`, headers: json, body: pick(['[]', '"US"', '42', '{"regionCode": 7, "type": []}', '{"__proto__": {"polluted": true}}']) })],
    [
      5,
      () => ({
        kind: 'wrong content type',
        method: 'PATCH',
        path: `/v1/projects/${project()}/callbackConfiguration`,
        headers: { Authorization: AUTH, 'Content-Type': pick(['text/plain', 'application/xml', 'application/jsonx', 'multipart/form-data; boundary=x']) },
        body: '{}',
      }),
    ],
    [
      5,
      () => ({
        kind: 'credentials',
        method: 'GET',
        path: `/v1/projects/${project()}/availableRegions`,
        headers: pick<Record<string, string>>([{}, { Authorization: 'Bearer invalid-token' }, { Authorization: 'Basic !!!' }, { Authorization: 'Token x' }, { Authorization: `Bearer ${'a'.repeat(4000)}` }]),
      }),
    ],
    [
      5,
      () => ({
        kind: 'unknown path',
        method: 'GET',
        path: pick(['/', '/v2/projects/x', `/v1/projects/${project()}/nope`, '/v1/projects//activeNumbers', `/v1/projects/${project()}/activeNumbers/%E0%A4%A`, `/v1/${'x/'.repeat(500)}`]),
        headers: { Authorization: AUTH },
      }),
    ],
    [5, () => ({ kind: 'wrong method', method: pick(['DELETE', 'PUT', 'PROPFIND', 'OPTIONS', 'TRACE']), path: `/v1/projects/${project()}/availableRegions`, headers: { Authorization: AUTH } })],
    [
      3,
      () => ({
        kind: 'state change',
        method: 'POST',
        path: '/_pactSetup',
        headers: json,
        body: pick(['{"state":"the Numbers API is unavailable","params":{"projectId":"load-state"},"action":"setup"}', '{"state":"no such state"}', 'not json', '{"action":"teardown","params":{"projectId":"load-state"}}']),
        api: false,
      }),
    ],
    [2, () => ({ kind: 'oauth token', method: 'POST', path: '/oauth2/token', headers: { Authorization: pick(['Basic ZXhhbXBsZS1rZXktaWQ6ZXhhbXBsZS1rZXktc2VjcmV0', 'Basic bm9wZTpub3Bl', 'Bearer x']) }, api: false })],
    [1, () => ({ kind: 'oversized body (Content-Length)', method: 'PATCH', path: `/v1/projects/${project()}/callbackConfiguration`, headers: json, body: oversized })],
    [1, () => ({ kind: 'oversized body (chunked)', method: 'PATCH', path: `/v1/projects/${project()}/callbackConfiguration`, headers: json, body: oversized, chunked: true })],
    [1, () => ({ kind: 'not HTTP', raw: pick(['\u0000\u0001\u0002garbage\r\n\r\n', `BREW /v1/projects/${PROJECT}/availableRegions HTTP/1.1\r\nHost: x\r\n\r\n`, 'GET / HTTP/9.9\r\n\r\n']) })],
    [
      1,
      () => ({
        kind: 'bad framing',
        raw: pick([
          `PATCH /v1/projects/${PROJECT}/callbackConfiguration HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}`,
          `PATCH /v1/projects/${PROJECT}/callbackConfiguration HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
          `GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n`,
        ]),
      }),
    ],
    [1, () => ({ kind: 'headers over the limit', raw: `GET /v1/projects/${PROJECT}/availableRegions HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n` })],
  ];
  const total = kinds.reduce((sum, [weight]) => sum + weight, 0);
  return () => {
    let at = rnd() * total;
    for (const [weight, make] of kinds) {
      at -= weight;
      if (at < 0) return make();
    }
    return (kinds[0] as [number, () => Exchange])[1]();
  };
}

describe('hardening: the reference provider under a bounded loopback load', function () {
  this.timeout(90_000);
  let child: ChildProcess;
  let port: number;
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  let allowed: Set<number>;
  let crashed = false;

  const memory = (): Promise<Memory> =>
    new Promise((resolve) => {
      const onMessage = (message: { kind?: string } & Memory): void => {
        if (message.kind !== 'memory') return;
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
      child.send('memory');
    });

  before(async () => {
    const { spec } = await specFixture();
    // Every status the spec documents for any operation (successes included).
    allowed = new Set(walkOperations(spec.document).flatMap((w) => Object.keys((w.operation as OpenAPIV3.OperationObject).responses).map(Number)));
    child = fork(CHILD, [], {
      execArgv: ['--expose-gc', '--import', 'tsx'],
      env: { ...process.env, PROVIDER_BODY_LIMIT: String(BODY_LIMIT), PROVIDER_REQUEST_TIMEOUT_MS: String(HEADER_TIMEOUT_MS) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        crashed = true;
        resolve({ code, signal });
      }),
    );
    const url = await new Promise<string>((resolve, reject) => {
      child.on('message', (message: { kind?: string; url?: string }) => message.kind === 'ready' && resolve(message.url ?? ''));
      void exited.then(() => reject(new Error('the provider process ended before it was ready')));
    });
    port = Number(new URL(url).port);
  });

  after(async () => {
    if (!crashed) child.send('close');
    const end = await exited;
    expect(end, 'the provider process closes cleanly').to.deep.equal({ code: 0, signal: null });
  });

  /** `count` exchanges, CONCURRENCY at a time. */
  async function round(count: number, next: () => Exchange, answers: Answer[], problems: string[]): Promise<number> {
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    let started = 0;
    const t = performance.now();
    const worker = async (): Promise<void> => {
      while (started < count) {
        started += 1;
        const exchange = next();
        try {
          answers.push('raw' in exchange ? await rawExchange(port, exchange.kind, exchange.raw) : await httpExchange(port, agent, exchange));
        } catch (error) {
          problems.push(error instanceof Error ? error.message : String(error));
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    agent.destroy();
    return performance.now() - t;
  }

  it('answers 4,600 mixed requests (valid, malformed, oversized, not HTTP) with documented statuses in an envelope; no crash; flat memory', async () => {
    const next = mix(20261127);
    const answers: Answer[] = [];
    const problems: string[] = [];
    const warmMs = await round(WARM_UP, next, answers, problems);
    const baseline = await memory();
    expect(baseline.gc, 'the provider runs with --expose-gc').to.equal(true);
    const after: Memory[] = [];
    let loadMs = warmMs;
    for (const count of ROUNDS) {
      loadMs += await round(count, next, answers, problems);
      after.push(await memory());
    }
    const last = after.at(-1) as Memory;
    const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
    const byStatus: Record<number, number> = {};
    for (const a of answers) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
    process.stdout.write(
      `      load: ${answers.length} answers in ${(loadMs / 1000).toFixed(1)} s (${Math.round(answers.length / (loadMs / 1000))}/s, ${CONCURRENCY} at a time); statuses ${JSON.stringify(byStatus)}; ` +
        `rss ${mb(baseline.rss)} → ${after.map((m) => mb(m.rss)).join(' → ')} MB, heap ${mb(baseline.heapUsed)} → ${after.map((m) => mb(m.heapUsed)).join(' → ')} MB\n`,
    );

    expect(crashed, 'the provider process is alive').to.equal(false);
    expect(problems, 'every request got an answer').to.deep.equal([]);
    expect(answers).to.have.length(WARM_UP + ROUNDS.reduce((a, b) => a + b, 0));
    const wrong: string[] = [];
    for (const a of answers) {
      const limit = a.status === 413 || a.status === 431;
      if (!allowed.has(a.status) && !limit) wrong.push(`${a.kind}: undocumented status ${a.status}`);
      if (a.status >= 400 && a.api) {
        let body: unknown;
        try {
          body = JSON.parse(a.body);
        } catch {
          body = undefined;
        }
        const parsed = parseNumbersError({ status: a.status, headers: { 'content-type': a.contentType }, body }) as ParsedNumbersError;
        if (!parsed.isNumbersError || !a.contentType.startsWith('application/json')) wrong.push(`${a.kind}: ${a.status} ${a.contentType || 'no content type'}, not a Numbers envelope: ${JSON.stringify(a.body.slice(0, 120))}`);
      }
    }
    expect([...new Set(wrong)]).to.deep.equal([]);
    for (const kind of ['oversized body (Content-Length)', 'oversized body (chunked)']) {
      const statuses = new Set(answers.filter((a) => a.kind === kind).map((a) => a.status));
      expect([...statuses], kind).to.deep.equal([413]);
    }
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect(mb(last.rss - baseline.rss), 'RSS growth, MB').to.be.below(MAX_RSS_GROWTH_MB);
    expect(mb(last.heapUsed - baseline.heapUsed), 'heap growth, MB').to.be.below(MAX_HEAP_GROWTH_MB);
  });

  it('closes connections that trickle their headers (slowloris) within the header timeout, and keeps answering meanwhile', async () => {
    const SLOW = 16;
    const started = performance.now();
    const closed = Array.from(
      { length: SLOW },
      (_, i) =>
        new Promise<{ ms: number; answer: string }>((resolve) => {
          const socket = net.connect(port, '127.0.0.1');
          let answer = '';
          socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
          socket.on('error', () => undefined);
          socket.write(`GET /v1/projects/${PROJECT}/availableRegions HTTP/1.1\r\nHost: x\r\n`);
          // Half of them keep sending a header line every 300 ms, the others go quiet.
          const trickle = setInterval(() => i % 2 === 0 && socket.write(`X-Slow-${i}: ${Date.now()}\r\n`), 300);
          const giveUp = setTimeout(() => socket.destroy(), HEADER_TIMEOUT_MS + 15_000);
          socket.on('close', () => {
            clearInterval(trickle);
            clearTimeout(giveUp);
            resolve({ ms: performance.now() - started, answer });
          });
        }),
    );
    const answers: Answer[] = [];
    const problems: string[] = [];
    await round(400, mix(7), answers, problems);
    expect(problems).to.deep.equal([]);
    expect(answers).to.have.length(400);
    const ends = await Promise.all(closed);
    const slowest = Math.max(...ends.map((e) => e.ms));
    process.stdout.write(`      slowloris: ${SLOW} connections closed by the provider after ${Math.round(Math.min(...ends.map((e) => e.ms)))}-${Math.round(slowest)} ms (header timeout ${HEADER_TIMEOUT_MS} ms)\n`);
    // Node checks the timeout every second here (every 30 s by default): closed within a few seconds, not 30.
    expect(slowest, 'closed by the header timeout, not by the test giving up').to.be.below(HEADER_TIMEOUT_MS + 3000);
    for (const end of ends) expect(end.answer).to.match(/^HTTP\/1\.1 408 /);
    expect(crashed).to.equal(false);
  });
});
