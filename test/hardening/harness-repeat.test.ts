/**
 * Issue 8, harness leaks: the consumer harness run over large matrices again and again in one
 * process: every real catalog case (163) for several rounds, a round where a tenth of the cases
 * fail on purpose (wrong path, a throw, code that never finishes), and 1,000 synthetic cases twice.
 * No phantom failures (every case that should pass passes, every one that should fail fails), and
 * after each round the mock servers are gone: the process's listening and connected TCP sockets,
 * counted from /proc (the mock servers live in Pact's Rust core, invisible to Node's handle list),
 * and Node's own handles are back to the baseline, and every port the harness handed out refuses
 * connections.
 */
import http from 'node:http';
import net from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { loadCatalog } from '../../src/catalog/index.js';
import type { Catalog, ErrorCase } from '../../src/catalog/types.js';
import { numbersErrorMatrix, type CaseContext, type MatrixStats } from '../../src/pact/harness.js';
import { isPactMismatchError } from '../../src/pact/judge.js';
import { leakReport, settleTo, snapshot, withinBaseline } from '../helpers/leaks.js';
import { bundledSpec } from '../helpers/paths.js';
import { catalogOf, syntheticCases } from '../pact/fixtures.js';

const REAL_ROUNDS = 8;
const SYNTHETIC = 1000;
const SYNTHETIC_ROUNDS = 3;

/** The consumer: sends the case's documented request with node:http on a connection of its own (no pool), reads the answer. */
function sendDocumented({ request }: CaseContext, pathOverride?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(request.url);
    const body = request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: pathOverride ?? `${url.pathname}${url.search}`,
        headers: { ...request.headers, ...(body === undefined ? {} : { 'Content-Length': Buffer.byteLength(body) }) },
        agent: false,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

interface RoundResult {
  stats: MatrixStats;
  /** Cases that failed but should have passed, or passed but should have failed. */
  phantom: string[];
  ports: number[];
  ms: number;
  pactInteractions: number;
}

describe('hardening: the consumer harness over large matrices, repeatedly, leaves nothing behind', function () {
  this.timeout(120_000);
  let dir: string;
  let catalog: Catalog;
  const lines: string[] = [];

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'numbers-harness-repeat-'));
    catalog = await loadCatalog(bundledSpec);
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
    process.stdout.write(`      harness rounds: ${lines.join('; ')}\n`);
  });

  /**
   * One matrix over `cases`; `sabotage(index)` says how a case is made to fail (or not), and the
   * round checks each case's outcome against it, then that everything the round opened is closed.
   */
  async function round(label: string, from: Catalog | readonly ErrorCase[], sabotage: (index: number) => 'pass' | 'wrong-path' | 'throw' | 'hang' = () => 'pass'): Promise<RoundResult> {
    const baseline = snapshot();
    // The kit's own settle wait (1 s) and a case timeout a loaded CI machine cannot reach by accident
    // (a hanging case costs both; a passing one neither).
    const matrix = numbersErrorMatrix({ consumer: `repeat-${lines.length}`, dir, catalog: from, caseTimeoutMs: 1000, pactfileWriteMode: 'overwrite' });
    const ports: number[] = [];
    const phantom: string[] = [];
    const started = performance.now();
    let expectedPasses = 0;
    for (const [index, c] of matrix.cases.entries()) {
      const plan = sabotage(index);
      if (plan === 'pass') expectedPasses += 1;
      const outcome = await matrix
        .run(c, async (ctx) => {
          ports.push(Number(new URL(ctx.url).port));
          // The instrument sees the Rust core's listener: one more than the baseline while a case runs.
          if (index === 0) expect(snapshot().tcp.listeners, `${label}: the case's mock server`).to.include(`127.0.0.1:${new URL(ctx.url).port}`);
          if (plan === 'hang') return new Promise(() => undefined);
          if (plan === 'throw') {
            await sendDocumented(ctx);
            throw new Error('the consumer mishandled the answer');
          }
          const status = await sendDocumented(ctx, plan === 'wrong-path' ? '/v1/nowhere' : undefined);
          if (plan === 'pass' && status !== c.case.status) throw new Error(`answered ${status}, expected ${c.case.status}`);
          return status;
        })
        .then(
          () => 'passed',
          (error: unknown) => (plan === 'wrong-path' || plan === 'hang' ? (isPactMismatchError(error) ? 'failed' : `failed oddly: ${String(error)}`) : plan === 'throw' ? 'failed' : `failed: ${String(error)}`),
        );
      if ((plan === 'pass') !== (outcome === 'passed') || outcome.startsWith('failed oddly') || outcome.startsWith('failed:')) phantom.push(`${c.id} (${plan}): ${outcome}`);
    }
    const written = await matrix.writePact();
    const ms = performance.now() - started;
    // Phantoms first: they name the cases, where the pact's count below only says how many.
    expect(phantom, `${label}: cases whose outcome was not the planned one`).to.deep.equal([]);
    const pactInteractions = written === undefined ? 0 : (JSON.parse(await readFile(written, 'utf8')) as { interactions: unknown[] }).interactions.length;
    expect(pactInteractions, `${label}: the pact holds exactly the cases that passed`).to.equal(expectedPasses);

    const now = await settleTo(baseline);
    expect(withinBaseline(now, baseline), `${label}: ${leakReport(now, baseline)}`).to.equal(true);
    const open = (await Promise.all([...new Set(ports)].map(async (port) => ((await refuses(port)) ? undefined : port)))).filter((p) => p !== undefined);
    expect(open, `${label}: mock server ports still accepting connections`).to.deep.equal([]);
    lines.push(
      `${label}: ${matrix.cases.length} cases in ${(ms / 1000).toFixed(1)} s, ${matrix.stats.passed} passed, ${matrix.stats.failed} failed (as planned), ${phantom.length} phantom, ${matrix.stats.settled} settled races (longest ${matrix.stats.maxSettleMs.toFixed(0)} ms), listeners ${baseline.tcp.listening}→${now.tcp.listening}`,
    );
    return { stats: { ...matrix.stats }, phantom, ports, ms, pactInteractions };
  }

  it(`every real catalog case, ${REAL_ROUNDS} rounds: no phantom failures, mock servers and sockets back to baseline after each`, async () => {
    for (let r = 1; r <= REAL_ROUNDS; r += 1) {
      const result = await round(`real round ${r}`, catalog);
      expect(result.phantom).to.deep.equal([]);
      expect(result.stats).to.include({ passed: catalog.cases.length, failed: 0 });
      // One mock server per case (a port may come round again once its server has closed).
      expect(result.ports).to.have.length(catalog.cases.length);
    }
  });

  it('a round where a tenth of the cases fail on purpose (wrong path, throw, hang): exactly those fail, and their mock servers close too', async () => {
    const plans = ['wrong-path', 'throw', 'hang'] as const;
    const result = await round('sabotaged round', catalog, (i) => (i % 10 === 3 ? (plans[Math.floor(i / 10) % 3] ?? 'throw') : 'pass'));
    expect(result.phantom).to.deep.equal([]);
    const sabotaged = catalog.cases.filter((_, i) => i % 10 === 3).length;
    expect(result.stats).to.include({ passed: catalog.cases.length - sabotaged, failed: sabotaged });
  });

  it(`${SYNTHETIC} synthetic cases, ${SYNTHETIC_ROUNDS} rounds: no phantom failures, back to baseline`, async () => {
    const cases = catalogOf(syntheticCases(SYNTHETIC));
    for (let r = 1; r <= SYNTHETIC_ROUNDS; r += 1) {
      const result = await round(`synthetic round ${r}`, cases);
      expect(result.phantom).to.deep.equal([]);
      expect(result.stats).to.include({ passed: SYNTHETIC, failed: 0 });
    }
  });
});
