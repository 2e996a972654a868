/**
 * One measured run in a fresh child process (tsx loaded, Pact's telemetry off): sends `job`,
 * keeps the child's last message, and settles when the child has closed. Its stderr tail (2,000
 * characters) goes into the error when the run gives no usable answer.
 */
import { fork } from 'node:child_process';

export interface ChildRun<Reply> {
  /** The child's last message, if any. */
  reply: Reply | undefined;
  code: number | null;
  stderrTail: string;
}

export function runChildProcess<Job, Reply>(file: string, job: Job, timeoutMs?: number): Promise<ChildRun<Reply>> {
  return new Promise((resolve) => {
    const child = fork(file, [], {
      execArgv: ['--import', import.meta.resolve('tsx')],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, PACT_DO_NOT_TRACK: 'true' },
    });
    let stderrTail = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-2000);
    });
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    let reply: Reply | undefined;
    child.on('message', (message: Reply) => {
      reply = message;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ reply, code, stderrTail });
    });
    child.send(job as never);
  });
}
