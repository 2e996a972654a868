/**
 * Issue 8, faults: `numbers-contract verify` against providers that fail in the ways the
 * reliability notes list (D1-D8, D15), beyond what test/verify already covers (a stopped provider,
 * one that never answers the probe, one slow interaction, a throwing in-process state handler).
 * Each row checks the exit code the README documents (3 environment: the provider or its state
 * endpoint could not be reached or timed out; 1 contract failure: it answered, wrongly, or its
 * state could not be set up), a message that names the problem, the time (within the timeout per
 * interaction plus a few seconds), and that nothing is left behind: no connection to the fake
 * provider, and sockets, listeners and child processes (the verifier runs in a child) back to
 * their baseline, counted from /proc so the Rust verifier's sockets count too.
 */
import http from 'node:http';
import { rm } from 'node:fs/promises';
import { expect } from 'chai';
import { KitError } from '../../src/errors.js';
import { startReferenceProvider, STATE_CHANGE_PATH } from '../../src/provider/server.js';
import type { ReferenceProvider } from '../../src/provider/types.js';
import { verifyContracts } from '../../src/verify/run.js';
import { cli, type CliResult } from '../helpers/cli.js';
import { dripAfterProbe, endlessAfterProbe, gateway502, hangAfterProbe, httpFaultProvider, resetAfterProbe, resettingProvider, type FaultProvider } from '../helpers/fault-providers.js';
import { leakReport, settleTo, snapshot, withinBaseline, type Snapshot } from '../helpers/leaks.js';
import { stoppedProviderUrl, tempDir, writeContract } from '../verify/helpers.js';
import { specFixture } from '../provider/fixture.js';

const TIMEOUT_MS = 600;
/**
 * Slack on top of the timeouts, for the kit's own work (a verifier child starts with tsx, the Pact
 * core loads): at least 4 s, and on a busy machine (CI: 2 shared cores) three times what a clean
 * verify of the same contract took just before, so the bounds follow the machine's speed. A kit that
 * waited on a default timeout (10 s per request) instead of --timeout still breaks them.
 */
const MIN_SLACK_MS = 4000;
let slackMs = MIN_SLACK_MS;
const PICKED = new Set(['NumberService_GetActiveNumber/404/not_found', 'NumberService_GetActiveNumber/500/internal', 'NumberService_RentNumber/403/unknown_campaign']);

interface Row {
  fault: string;
  exit: number;
  ms: number;
}

describe('hardening: verify against faulty providers (exit code, message, time, no leaks)', function () {
  this.timeout(60_000);
  let dir: string;
  let contract: string;
  let reference: ReferenceProvider;
  let baseline: Snapshot;
  const rows: Row[] = [];

  before(async () => {
    dir = await tempDir('verify-faults');
    contract = (await writeContract(dir, (c) => PICKED.has(c.id))).file;
    const fixture = await specFixture();
    reference = await startReferenceProvider({ catalog: fixture.catalog, spec: fixture.spec });
    // Warm up once (tsx in the verifier child, the Pact core), so the first row is not the slow one;
    // then time a clean run for the slack.
    await verifyContracts({ pactUrls: [contract], cwd: dir, workers: 1 });
    const clean = performance.now();
    await verifyContracts({ pactUrls: [contract], cwd: dir, workers: 1 });
    slackMs = Math.max(MIN_SLACK_MS, Math.round(3 * (performance.now() - clean)));
  });
  beforeEach(async () => {
    baseline = snapshot();
  });
  after(async () => {
    await reference.close();
    await rm(dir, { recursive: true, force: true });
    process.stdout.write(`      faults (slack ${slackMs} ms): ${rows.map((r) => `${r.fault} → exit ${r.exit} in ${r.ms} ms`).join('; ')}\n`);
  });

  /** Runs the CLI, then checks the fake provider holds no connection from the kit and, once it is closed, that nothing else is held. */
  async function verifyAgainst(fault: string, provider: FaultProvider | undefined, args: string[], pacts: string[] = [contract]): Promise<CliResult & { ms: number }> {
    const started = performance.now();
    let result: CliResult;
    try {
      result = await cli(['verify', ...pacts, '--timeout', String(TIMEOUT_MS), ...args], { cwd: dir });
      if (provider !== undefined) {
        // The kit's connections to the provider are closed when verify returns (a few ms for FIN to arrive;
        // the wait ends as soon as they are, the deadline only matters on a busy machine or when one leaks).
        const until = Date.now() + 5000;
        while (provider.open() > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
        expect(provider.open(), `${fault}: connections from the kit still open to the provider`).to.equal(0);
      }
    } finally {
      await provider?.close();
    }
    const ms = Math.round(performance.now() - started);
    rows.push({ fault, exit: result.code, ms });
    const now = await settleTo(baseline);
    expect(withinBaseline(now, baseline), `${fault}: ${leakReport(now, baseline)}`).to.equal(true);
    return { ...result, ms };
  }

  const lines = (stdout: string): string[] => stdout.trimEnd().split('\n');

  it('D5: a provider that resets every connection (RST before a status line): PROVIDER_UNREACHABLE, exit 3', async () => {
    const provider = await resettingProvider();
    const result = await verifyAgainst('reset every connection', provider, ['--provider-base-url', provider.url]);
    expect(result.code).to.equal(3);
    expect(result.stdout).to.equal('');
    expect(result.stderr).to.equal(`numbers-contract: PROVIDER_UNREACHABLE ${provider.url}: ECONNRESET (tried for ${TIMEOUT_MS} ms)\n`);
    expect(result.ms).to.be.below(TIMEOUT_MS + slackMs);
  });

  it('D5: a provider that answers the probe, then resets every API request: each interaction PROVIDER_IO_ERROR, exit 3', async () => {
    const provider = await httpFaultProvider(resetAfterProbe());
    const result = await verifyAgainst('reset after the probe', provider, ['--provider-base-url', provider.url, '--state-change-url', `${reference.url}${STATE_CHANGE_PATH}`]);
    expect(result.code).to.equal(3);
    expect(lines(result.stdout)).to.deep.equal([
      'ERR  NumberService_GetActiveNumber/404/not_found',
      `       PROVIDER_IO_ERROR: the request to ${provider.url} failed: ECONNRESET`,
      'ERR  NumberService_GetActiveNumber/500/internal',
      `       PROVIDER_IO_ERROR: the request to ${provider.url} failed: ECONNRESET`,
      'ERR  NumberService_RentNumber/403/unknown_campaign',
      `       PROVIDER_IO_ERROR: the request to ${provider.url} failed: ECONNRESET`,
      `3 interactions against the provider at ${provider.url}: 0 verified, 3 environment errors`,
    ]);
    expect(result.ms).to.be.below(TIMEOUT_MS + slackMs);
  });

  it('D3: a gateway answering an HTML 502 for everything: each interaction FAIL with status and content type, exit 1 (no retry)', async () => {
    const provider = await httpFaultProvider(gateway502());
    const result = await verifyAgainst('HTML 502 gateway', provider, ['--provider-base-url', provider.url, '--state-change-url', `${reference.url}${STATE_CHANGE_PATH}`]);
    expect(result.code).to.equal(1);
    const out = lines(result.stdout);
    expect(out.filter((l) => l.startsWith('FAIL '))).to.deep.equal([...PICKED].sort().map((id) => `FAIL ${id}`));
    expect(out).to.include.members([
      '       status: expected 404, got 502',
      '       status: expected 500, got 502',
      '       status: expected 403, got 502',
      "       body: Expected a body of 'application/json' but the actual content type was 'text/html'",
    ]);
    expect(out.at(-1)).to.equal(`3 interactions against the provider at ${provider.url}: 0 verified, 3 failed`);
    // Sent once each: the probe, then one request per interaction, never retried.
    expect(provider.hits).to.equal(1 + 3);
    expect(result.ms).to.be.below(TIMEOUT_MS + slackMs);
  });

  it('D2: a provider that answers the probe, then never answers: each interaction PROVIDER_TIMEOUT, exit 3, within 3 × timeout', async () => {
    const provider = await httpFaultProvider(hangAfterProbe());
    const result = await verifyAgainst('API hangs', provider, ['--provider-base-url', provider.url, '--state-change-url', `${reference.url}${STATE_CHANGE_PATH}`]);
    expect(result.code).to.equal(3);
    expect(lines(result.stdout).filter((l) => l.startsWith('  '))).to.deep.equal(Array(3).fill(`       PROVIDER_TIMEOUT: no response from ${provider.url} within ${TIMEOUT_MS} ms`));
    expect(result.ms).to.be.at.least(3 * TIMEOUT_MS);
    expect(result.ms).to.be.below(3 * TIMEOUT_MS + slackMs);
  });

  it('D2: a provider that drips every answer (a byte every 100 ms, never done): each interaction PROVIDER_TIMEOUT naming the provider, exit 3, within 3 × timeout', async () => {
    const provider = await httpFaultProvider(dripAfterProbe(100));
    const result = await verifyAgainst('API drips', provider, ['--provider-base-url', provider.url, '--state-change-url', `${reference.url}${STATE_CHANGE_PATH}`]);
    expect(result.code, result.stdout).to.equal(3);
    const problems = lines(result.stdout).filter((l) => l.startsWith('  '));
    expect(problems).to.have.length(3);
    for (const line of problems) expect(line).to.match(new RegExp(`^ {7}PROVIDER_TIMEOUT: the response from ${provider.url} did not complete within ${TIMEOUT_MS} ms \\(\\d+ bytes of its body received\\)$`));
    expect(result.ms).to.be.below(3 * TIMEOUT_MS + slackMs);
  });

  // Answers larger than the 50 MiB the kit holds: read up to the cap, then dropped (the connection closed), each interaction FAIL.
  const huge: Array<{ fault: string; declared?: number }> = [{ fault: 'endless chunked body' }, { fault: 'endless body declaring 256 MiB', declared: 256 * 1024 * 1024 }];
  for (const { fault, declared } of huge) {
    it(`D3: a provider answering an ${fault}: each interaction FAIL PROVIDER_RESPONSE_TOO_LARGE naming the cap, exit 1, connection closed`, async () => {
      const provider = await httpFaultProvider(endlessAfterProbe(declared));
      const result = await verifyAgainst(fault, provider, ['--provider-base-url', provider.url, '--state-change-url', `${reference.url}${STATE_CHANGE_PATH}`, '--timeout', '20000']);
      expect(result.code, result.stdout).to.equal(1);
      expect(lines(result.stdout)).to.deep.equal([
        ...[...PICKED].flatMap((id) => [`FAIL ${id}`, `       PROVIDER_RESPONSE_TOO_LARGE: the response from ${provider.url} is larger than 52428800 bytes (50 MiB); it was not read further`]),
        `3 interactions against the provider at ${provider.url}: 0 verified, 3 failed`,
      ]);
    });
  }

  /** The reference provider behind a front whose state-change endpoint does `state` instead. */
  async function stateFault(state: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<FaultProvider> {
    return httpFaultProvider((req, res) => {
      if (req.url === STATE_CHANGE_PATH) return state(req, res);
      const forward = http.request(new URL(req.url ?? '/', reference.url), { method: req.method, headers: req.headers, agent: false }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', () => res.destroy());
      forward.end();
    });
  }

  it('D6: a state-change endpoint that answers 500: each interaction FAIL naming the state and the answer, exit 1', async () => {
    const provider = await stateFault((_req, res) => {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end('{"error":"NullPointerException in ProviderStates.setUp"}');
    });
    const result = await verifyAgainst('state endpoint answers 500', provider, ['--provider-base-url', provider.url, '--state-change-url', `${provider.url}${STATE_CHANGE_PATH}`]);
    expect(result.code).to.equal(1);
    expect(lines(result.stdout)).to.include.members([
      'FAIL NumberService_GetActiveNumber/500/internal',
      '       provider state "the Numbers API fails internally" could not be set up: the state-change URL answered 500: {"error":"NullPointerException in ProviderStates.setUp"}',
    ]);
    expect(lines(result.stdout).at(-1)).to.equal(`3 interactions against the provider at ${provider.url}: 0 verified, 3 failed`);
    expect(result.ms).to.be.below(TIMEOUT_MS + slackMs);
  });

  it('D8: a state-change endpoint that never answers: each interaction STATE_SETUP_TIMEOUT, exit 3, and no socket left to it', async () => {
    const provider = await stateFault(() => undefined);
    const result = await verifyAgainst('state endpoint hangs', provider, ['--provider-base-url', provider.url, '--state-change-url', `${provider.url}${STATE_CHANGE_PATH}`]);
    expect(result.code, result.stdout).to.equal(3);
    expect(lines(result.stdout)).to.include.members([
      'ERR  NumberService_GetActiveNumber/500/internal',
      `       STATE_SETUP_TIMEOUT: provider state "the Numbers API fails internally" could not be set up: the state setup did not finish within ${TIMEOUT_MS} ms`,
    ]);
    expect(lines(result.stdout).at(-1)).to.equal(`3 interactions against the provider at ${provider.url}: 0 verified, 3 environment errors`);
    expect(result.ms).to.be.below(3 * TIMEOUT_MS + slackMs);
  });

  it('D1/D8: a state-change endpoint that is down: each interaction STATE_SETUP_IO_ERROR, exit 3', async () => {
    const down = await stoppedProviderUrl();
    const result = await verifyAgainst('state endpoint down', undefined, ['--provider-base-url', reference.url, '--state-change-url', `${down}${STATE_CHANGE_PATH}`]);
    expect(result.code, result.stdout).to.equal(3);
    expect(lines(result.stdout)).to.include.members([
      'ERR  NumberService_RentNumber/403/unknown_campaign',
      '       STATE_SETUP_IO_ERROR: provider state "the campaign does not match the originator" could not be set up: the state-change URL could not be reached: ECONNREFUSED',
    ]);
    expect(result.ms).to.be.below(TIMEOUT_MS + slackMs);
  });

  // One state's handler never settles, in its setup or in its teardown: only that interaction is an environment error.
  const hangingHandlers: Array<{ phase: 'setup' | 'teardown'; title: string; fault: string; problem: string }> = [
    {
      phase: 'setup',
      title: 'D8: an in-process state handler that never settles: STATE_SETUP_TIMEOUT for its interaction, exit 3; the others verified',
      fault: 'state handler never settles',
      problem: `STATE_SETUP_TIMEOUT: provider state "the Numbers API fails internally" could not be set up: the state setup did not finish within ${TIMEOUT_MS} ms`,
    },
    {
      phase: 'teardown',
      title: 'D8: an in-process teardown that never settles: STATE_TEARDOWN_TIMEOUT for its interaction (not a contract failure), exit 3; the others verified',
      fault: 'teardown never settles',
      problem: `STATE_TEARDOWN_TIMEOUT: provider state "the Numbers API fails internally" could not be torn down: the state teardown did not finish within ${TIMEOUT_MS} ms`,
    },
  ];
  for (const { phase, title, fault, problem } of hangingHandlers) {
    it(title, async () => {
      const hangs = (name: string, which: 'setup' | 'teardown'): boolean => which === phase && name === 'the Numbers API fails internally';
      const started = performance.now();
      const summary = await verifyContracts({
        pactUrls: [contract],
        providerBaseUrl: reference.url,
        cwd: dir,
        timeoutMs: TIMEOUT_MS,
        stateHandlers: Object.fromEntries(
          reference.states.map((name) => [
            name,
            {
              setup: (params: Record<string, unknown>) => (hangs(name, 'setup') ? new Promise(() => undefined) : reference.setState(name, params)),
              teardown: (params: Record<string, unknown>) => (hangs(name, 'teardown') ? new Promise(() => undefined) : reference.clearState(params)),
            },
          ]),
        ),
      });
      const ms = Math.round(performance.now() - started);
      rows.push({ fault, exit: summary.exitCode, ms });
      expect(summary.exitCode).to.equal(3);
      expect(summary.outcomes.map((o) => [o.caseId, o.status, o.problems])).to.deep.equal([
        ['NumberService_GetActiveNumber/404/not_found', 'passed', []],
        ['NumberService_GetActiveNumber/500/internal', 'error', [problem]],
        ['NumberService_RentNumber/403/unknown_campaign', 'passed', []],
      ]);
      expect(ms).to.be.below(TIMEOUT_MS + slackMs);
      const now = await settleTo(baseline);
      expect(withinBaseline(now, baseline), leakReport(now, baseline)).to.equal(true);
    });
  }

  it('D11/D2: a pact URL that accepts the connection and never answers: PACT_UNREACHABLE, exit 3, within the timeout, no socket left to it', async () => {
    const provider = await httpFaultProvider(() => undefined);
    const result = await verifyAgainst('pact URL hangs', provider, [], [`${provider.url}/pacts/provider/sinch-numbers/latest`]);
    expect(result.code).to.equal(3);
    expect(result.stderr).to.equal(`numbers-contract: PACT_UNREACHABLE ${provider.url}/pacts/provider/sinch-numbers/latest: cannot download the pact: no answer within ${TIMEOUT_MS} ms\n`);
    expect(result.ms).to.be.below(TIMEOUT_MS + slackMs);
  });

  it('D15: an interrupted verification (abort) kills the verifier child and closes the proxy: INTERRUPTED, exit 3, promptly', async () => {
    const provider = await httpFaultProvider(hangAfterProbe());
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 1500);
    const error = await verifyContracts({
      pactUrls: [contract],
      providerBaseUrl: provider.url,
      stateChangeUrl: `${reference.url}${STATE_CHANGE_PATH}`,
      cwd: dir,
      timeoutMs: 10_000,
      signal: controller.signal,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    const ms = Math.round(performance.now() - started);
    rows.push({ fault: 'interrupted (abort)', exit: error instanceof KitError ? error.exitCode : -1, ms });
    expect(error).to.be.instanceOf(KitError);
    expect((error as KitError).code).to.equal('INTERRUPTED');
    expect((error as KitError).exitCode).to.equal(3);
    expect(ms).to.be.below(1500 + slackMs);
    const until = Date.now() + 5000;
    while (provider.open() > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(provider.open(), 'connections from the kit still open to the provider').to.equal(0);
    await provider.close();
    const now = await settleTo(baseline);
    expect(withinBaseline(now, baseline), leakReport(now, baseline)).to.equal(true);
  });
});
