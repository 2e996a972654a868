/**
 * Part 5, the reference provider under load on loopback: requests per second and latency for a
 * happy-path request (GET an active number) and an error-path request (the same operation for a
 * project put over its rate limit: 429 RESOURCE_EXHAUSTED), with autocannon (a devDependency) in
 * this process and the provider in a child process, whose RSS is read before and after.
 * A bare Node http server in the same child gives the loopback ceiling for scale.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { isErrorCase, type ErrorCase } from '../../src/catalog/types.js';
import type { BenchContext } from '../lib/context.js';
import type { ProviderChildReply, ProviderChildRequest, StateSetup } from '../lib/provider-child.js';
import { judge, type BenchRow } from '../lib/report.js';
import { formatMiB, formatMs, formatRate, formatRatio, median, runsText } from '../lib/stats.js';

const CHILD = fileURLToPath(new URL('../lib/provider-child.ts', import.meta.url));
const CONNECTIONS = 10;

interface AutocannonResult {
  requests: { average: number; total: number };
  start: Date;
  finish: Date;
  latency: { p50: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

/** Completed requests per second over the whole run (autocannon's per-second average is coarse for short runs). */
const rate = (x: AutocannonResult): number => x.requests.total / Math.max(1e-3, (new Date(x.finish).getTime() - new Date(x.start).getTime()) / 1000);

function loadAutocannon(): Autocannon | undefined {
  try {
    return createRequire(import.meta.url)('autocannon') as Autocannon;
  } catch {
    return undefined;
  }
}

class Child {
  readonly #process: ChildProcess;
  readonly #waiting: Array<(reply: ProviderChildReply) => void> = [];

  constructor() {
    this.#process = fork(CHILD, [], {
      execArgv: ['--expose-gc', '--import', import.meta.resolve('tsx')],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: { ...process.env, PACT_DO_NOT_TRACK: 'true' },
    });
    this.#process.on('message', (reply: ProviderChildReply) => this.#waiting.shift()?.(reply));
  }

  ask(request: ProviderChildRequest): Promise<ProviderChildReply> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`provider child did not answer ${request.kind}`)), 60_000);
      this.#waiting.push((reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      this.#process.send(request);
    });
  }

  async rss(): Promise<{ rss: number; heapUsed: number }> {
    const reply = await this.ask({ kind: 'rss' });
    if (reply.kind !== 'rss') throw new Error('provider child: unexpected reply');
    return reply;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.#process.once('exit', () => resolve());
      this.#process.send({ kind: 'close' } satisfies ProviderChildRequest);
    });
  }
}

function find(cases: readonly ErrorCase[], operationId: string, status: number): ErrorCase {
  const found = cases.find((c) => c.operationId === operationId && c.status === status && c.trigger.kind === 'state');
  if (found === undefined) throw new Error(`no ${operationId} ${status} case in the catalog`);
  return found;
}

export async function providerPart(ctx: BenchContext): Promise<BenchRow[]> {
  const autocannon = loadAutocannon();
  if (autocannon === undefined) {
    const message = 'autocannon is not installed (it is a devDependency: run npm ci, or npm install --no-save autocannon)';
    ctx.note(`provider: skipped, ${message}.`);
    return [{ part: 'provider', measure: 'reference provider under load', value: 'not run', ratio: '', target: '≥ 5,000 req/s', verdict: 'skipped', note: message }];
  }
  // The error path: GetActiveNumber for a project over its rate limit (429). The happy path: the
  // same operation, the same number made active, in a second project that is not rate limited.
  const limited = find(ctx.catalog.cases.filter(isErrorCase), 'NumberService_GetActiveNumber', 429);
  const project = String(limited.state.params.projectId);
  const happyProject = project.replace(/.$/, (ch) => (ch === '0' ? '1' : '0'));
  const phoneNumber = decodeURIComponent(limited.request.path.split('/').pop() ?? '');
  const states: StateSetup[] = [
    { state: limited.state.name, params: limited.state.params },
    { state: 'the phone number is an active number of the project', params: { projectId: happyProject, phoneNumber } },
  ];
  const headers = { ...limited.request.headers };
  const paths = { happy: limited.request.path.replace(project, happyProject), error: limited.request.path };

  const amount = ctx.smoke ? 200 : 10_000;
  const seconds = ctx.smoke ? 1 : 5;
  const runs = ctx.smoke ? 1 : 3;
  const child = new Child();
  try {
    const started = await child.ask({ kind: 'start', states, bareBody: JSON.stringify({ phoneNumber, projectId: happyProject, displayName: 'bench' }) });
    if (started.kind !== 'started') throw new Error(`provider child: ${started.kind === 'error' ? started.message : 'unexpected reply'}`);
    const load = (url: string, options: { amount: number } | { duration: number }): Promise<AutocannonResult> => autocannon({ url, connections: CONNECTIONS, headers, method: 'GET', ...options });
    // Memory: the first `amount` requests of each path against the fresh provider, RSS read before and after.
    const before = await child.rss();
    ctx.log(`provider: ${amount} happy-path and ${amount} error-path requests (memory)`);
    await load(`${started.url}${paths.happy}`, { amount });
    const afterHappy = await child.rss();
    await load(`${started.url}${paths.error}`, { amount });
    const afterError = await child.rss();
    // Throughput and latency: fixed-duration runs (autocannon's clock ticks once a second, so
    // runs of a fixed number of requests that finish within a second are not timed exactly).
    const results: Record<'happy' | 'error' | 'bare', AutocannonResult[]> = { happy: [], error: [], bare: [] };
    for (let r = 0; r < runs; r++) {
      ctx.log(`provider: throughput run ${r + 1}/${runs}`);
      results.happy.push(await load(`${started.url}${paths.happy}`, { duration: seconds }));
      results.error.push(await load(`${started.url}${paths.error}`, { duration: seconds }));
      results.bare.push(await load(started.bareUrl, { duration: seconds }));
    }
    const after = await child.rss();

    const bareRps = median(results.bare.map(rate));
    const rows: BenchRow[] = [];
    const expected = { happy: '200', error: String(limited.status) };
    for (const kind of ['happy', 'error'] as const) {
      const list = results[kind];
      const rps = median(list.map(rate));
      const mid = list.slice().sort((a, b) => rate(a) - rate(b))[Math.floor(list.length / 2)]!;
      const wrong = list.reduce(
        (n, x) =>
          n +
          Object.entries(x.statusCodeStats ?? {})
            .filter(([code]) => code !== expected[kind])
            .reduce((m, [, s]) => m + s.count, 0) +
          x.errors +
          x.timeouts,
        0,
      );
      rows.push({
        part: 'provider',
        measure: `reference provider, ${kind === 'happy' ? 'happy path (GET active number, 200)' : `error path (GET active number, rate limited: ${limited.status})`}`,
        value: `${formatRate(rps)}; latency mean ${formatMs((CONNECTIONS / rps) * 1000)}, p99 ≤ ${mid.latency.p99 + 1} ms`,
        ratio: `${formatRatio(rps / bareRps)} bare server`,
        target: '≥ 5,000 req/s',
        verdict: judge(rps >= 5000, ctx.smoke),
        note: `${runsText(runs)} of ${seconds} s, ${CONNECTIONS} connections; mean latency = connections ÷ rate (autocannon counts whole ms)${wrong > 0 ? `; ${wrong} unexpected answers or errors` : ''}`,
      });
    }
    rows.push({
      part: 'provider',
      measure: 'bare Node http server, same load (loopback ceiling)',
      value: formatRate(bareRps),
      ratio: '',
      target: '',
      verdict: 'info',
      note: `${runsText(runs)}; autocannon and the servers share the machine's cores`,
    });
    const growth = Math.max(afterHappy.rss - before.rss, afterError.rss - afterHappy.rss);
    rows.push({
      part: 'provider',
      measure: `provider RSS over ${amount.toLocaleString('en-US')} happy-path, then ${amount.toLocaleString('en-US')} error-path requests`,
      value: `${formatMiB(before.rss)} → ${formatMiB(afterHappy.rss)} → ${formatMiB(afterError.rss)}`,
      ratio: '',
      target: '≤ 50 MB per 10k',
      verdict: judge(growth <= 50e6, ctx.smoke),
      note: 'RSS of the provider child process, read after a full GC; the larger of the two growths is judged',
    });
    rows.push({
      part: 'provider',
      measure: 'provider RSS and heap at the end of the load runs',
      value: `RSS ${formatMiB(before.rss)} → ${formatMiB(after.rss)}; heap ${formatMiB(before.heapUsed)} → ${formatMiB(after.heapUsed)}`,
      ratio: '',
      target: '',
      verdict: 'info',
      note: `after ${runs * 2} more runs of ${seconds} s against the provider (and ${runs} against the bare server, same process)`,
    });
    return rows;
  } finally {
    await child.close();
  }
}
