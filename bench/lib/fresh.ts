/**
 * Fresh Node processes for start-up measurements: wall time from spawn to exit (what a user waits
 * for) and the JSON the child prints last. No tsx: start-up rows run the built package.
 */
import { spawn } from 'node:child_process';

export interface FreshRun<Reply> {
  wallMs: number;
  reply: Reply;
}

export function runFresh<Reply>(args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<FreshRun<Reply>> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: options.cwd,
      env: { ...process.env, PACT_DO_NOT_TRACK: 'true', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`${args.join(' ')} exited ${code}: ${(stderr || stdout).slice(-600)}`));
      try {
        resolve({ wallMs, reply: (last.startsWith('{') ? JSON.parse(last) : {}) as Reply });
      } catch {
        reject(new Error(`${args.join(' ')} printed no result: ${last.slice(0, 200)}`));
      }
    });
  });
}
