/**
 * Ctrl+C and SIGTERM end `numbers-contract verify` promptly in every phase (downloading a pact,
 * probing the provider, while Pact's verifier runs), after cleaning up: the verifier child killed,
 * servers closed, temp files removed; exit 130 (SIGINT) or 143 (SIGTERM) with one line (issue 15,
 * item 5). The CLI runs as a real process, its TMPDIR a fresh directory that must be empty after.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { hangAfterProbe, httpFaultProvider, isProbe, type FaultProvider } from '../helpers/fault-providers.js';
import { repoRoot } from '../helpers/paths.js';
import { tempDir, writeContract } from './helpers.js';

/** Exit within this of the signal (the kit's own cleanup; a run that waited for --timeout would take 600 s). */
const PROMPT_MS = 3000;

interface Run {
  child: ChildProcess;
  stderr(): string;
  exited: Promise<{ code: number | null; at: number }>;
}

function startCli(args: string[], tmp: string): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli/main.ts'), 'verify', ...args], {
    // From the repository, where tsx is installed; the pacts and the provider are URLs.
    cwd: repoRoot,
    env: { PATH: process.env.PATH, PACT_DO_NOT_TRACK: 'true', TMPDIR: tmp },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  child.stdout?.resume();
  return { child, stderr: () => stderr, exited: new Promise((resolve) => child.on('exit', (code) => resolve({ code, at: performance.now() }))) };
}

/** Every process below `pid` (from /proc). */
function descendants(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) found.push(Number(entry), ...descendants(Number(entry)));
    } catch {
      // gone
    }
  }
  return found;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(condition: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!condition() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 25));
}

describe('verify: SIGINT and SIGTERM end the run promptly, cleaned up, exit 130 / 143', function () {
  this.timeout(90_000);
  let dir: string;
  let contract: string;
  let tmp: string;
  const times: string[] = [];

  before(async () => {
    dir = await tempDir('signals');
    contract = (await writeContract(dir, (c) => c.operationId === 'NumberService_GetActiveNumber')).file;
  });
  beforeEach(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'numbers-contract-test-signals-tmp-'));
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
    process.stdout.write(`      signal → exit: ${times.join('; ')}\n`);
  });

  // A pact served at /pact.json; everything else as `api` says (the probe answered).
  async function server(api: 'hang-pact' | 'hang-api' | 'hang-probe'): Promise<FaultProvider> {
    const pact = await readFile(contract, 'utf8');
    return httpFaultProvider((req, res) => {
      if (req.url === '/pact.json' && api !== 'hang-pact') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(pact);
      } else if (api === 'hang-api' || (api === 'hang-pact' && req.url !== '/pact.json')) {
        hangAfterProbe()(req, res);
      } else if (api === 'hang-probe' && !isProbe(req)) {
        res.writeHead(404);
        res.end();
      }
    });
  }

  const rows: Array<{ phase: string; signal: NodeJS.Signals; code: number; api: 'hang-pact' | 'hang-api' | 'hang-probe'; ready: (s: FaultProvider, run: Run) => boolean }> = [
    { phase: 'downloading a pact URL that never answers', signal: 'SIGINT', code: 130, api: 'hang-pact', ready: (s) => s.hits >= 1 },
    { phase: 'downloading a pact URL that never answers', signal: 'SIGTERM', code: 143, api: 'hang-pact', ready: (s) => s.hits >= 1 },
    { phase: 'probing a provider that never answers', signal: 'SIGTERM', code: 143, api: 'hang-probe', ready: (s) => s.hits >= 2 },
    { phase: "Pact's verifier waiting on a provider that never answers", signal: 'SIGINT', code: 130, api: 'hang-api', ready: (s) => s.hits >= 3 },
  ];
  for (const row of rows) {
    it(`${row.signal} while ${row.phase}: exit ${row.code}, one line, no child, no temp file`, async () => {
      const provider = await server(row.api);
      try {
        const run = startCli([`${provider.url}/pact.json`, '--provider-base-url', provider.url, '--timeout', '600000', '--workers', '1'], tmp);
        await until(() => row.ready(provider, run), 60_000);
        expect(row.ready(provider, run), `the run reached its phase: ${run.stderr()}`).to.equal(true);
        const children = descendants(run.child.pid as number);
        const sent = performance.now();
        run.child.kill(row.signal);
        const { code, at } = await run.exited;
        const ms = Math.round(at - sent);
        times.push(`${row.signal} ${row.phase}: ${code} in ${ms} ms`);
        expect(code, run.stderr()).to.equal(row.code);
        expect(run.stderr()).to.equal(`numbers-contract: INTERRUPTED verify: verification interrupted (${row.signal})\n`);
        expect(ms).to.be.below(PROMPT_MS);
        await until(() => children.every((pid) => !alive(pid)), 2000);
        expect(children.filter(alive), 'child processes left').to.deep.equal([]);
        // tsx keeps its compile cache there (tsx-<uid>): not the kit's.
        expect(
          (await readdir(tmp)).filter((name) => !name.startsWith('tsx-')),
          'temp files left',
        ).to.deep.equal([]);
        await until(() => provider.open() === 0, 2000);
        expect(provider.open(), 'connections left to the provider').to.equal(0);
      } finally {
        await provider.close();
      }
    });
  }
});
