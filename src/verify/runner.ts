/** Starts the verifier child (`worker.ts`), hands it the job and waits for its result. */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EXIT, KitError } from '../errors.js';
import { interruptedError } from './interrupt.js';
import type { WorkerRequest, WorkerResult } from './worker.js';

export interface RunnerOutput {
  result: WorkerResult;
  /** What the native core printed (the last 64 KiB), for --debug. Not redacted. */
  log: string;
}

const LOG_LIMIT = 64 * 1024;

function workerPath(): { file: string; execArgv: string[] } {
  const js = fileURLToPath(new URL('./worker.js', import.meta.url));
  if (existsSync(js)) return { file: js, execArgv: [] };
  // Running from src/ under tsx (tests, `npx tsx src/cli/main.ts`): load tsx from where the kit is, not the cwd.
  const inherited = process.execArgv.filter((arg, i, all) => arg.includes('tsx') || (/^--(import|require)$/.test(arg) && (all[i + 1] ?? '').includes('tsx')));
  return { file: fileURLToPath(new URL('./worker.ts', import.meta.url)), execArgv: inherited.length > 0 ? inherited : ['--import', import.meta.resolve('tsx')] };
}

export function runVerifier(request: WorkerRequest, deadlineMs: number, signal?: AbortSignal): Promise<RunnerOutput> {
  const { file, execArgv } = workerPath();
  if (signal?.aborted === true) return Promise.reject(interruptedError(signal));
  return new Promise((resolve, reject) => {
    const child = fork(file, [], {
      execArgv,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // The verifier only talks to the kit's proxy: it needs no provider credentials, so it gets none. Broker
      // credentials arrive in its options only (pact-core would otherwise fall back to PACT_BROKER_* here).
      env: { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SINCH_') && !name.startsWith('PACT_BROKER_'))), PACT_DO_NOT_TRACK: 'true' },
    });
    let log = '';
    const keep = (chunk: Buffer): void => {
      log = (log + chunk.toString('utf8')).slice(-LOG_LIMIT);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    let result: WorkerResult | undefined;
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(() => reject(new KitError('VERIFY_TIMEOUT', `the verification did not finish within ${deadlineMs} ms`, { argument: 'verify', exitCode: EXIT.environment })));
    }, deadlineMs);
    const onAbort = (): void => {
      child.kill('SIGKILL');
      finish(() => reject(interruptedError(signal)));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('message', (message: WorkerResult) => {
      result = message;
    });
    child.on('error', (error) => finish(() => reject(new KitError('VERIFIER_START', `cannot start the verifier: ${error.message}`, { argument: 'verify', exitCode: EXIT.environment }))));
    child.on('close', (code, signalName) => {
      finish(() => {
        if (result !== undefined) resolve({ result, log });
        else resolve({ result: { kind: 'failure', message: `the verifier process ended without a result (exit ${code ?? signalName ?? '?'})` }, log });
      });
    });
    child.send(request);
  });
}
