/**
 * Before verifying: is anything answering HTTP at the provider's base URL? An unreachable provider
 * is one clear environment error (exit 3), not one "Request Failed" per interaction. Any HTTP
 * answer, 404 included, counts as reachable. Connection refused is retried until the deadline, so
 * a provider that is still starting gets a moment.
 */
import http from 'node:http';
import https from 'node:https';
import { EXIT, KitError } from '../errors.js';
import { checkInterrupted, pause } from './interrupt.js';

const RETRY_MS = 200;

export async function probeProvider(baseUrl: URL, deadlineMs: number, shown: string, signal?: AbortSignal): Promise<void> {
  const started = Date.now();
  let last: string | undefined;
  while (Date.now() - started < deadlineMs) {
    const budget = Math.max(deadlineMs - (Date.now() - started), 1);
    const result = await attempt(baseUrl, budget, signal);
    checkInterrupted(signal);
    if (result === 'ok') return;
    if (result === 'timeout') {
      // A retry that only had the last few ms of the deadline says nothing about the provider (on a
      // busy machine even a reset takes longer to arrive): keep what the earlier tries saw.
      if (last === undefined || budget >= RETRY_MS) last = 'timeout';
      break;
    }
    last = result;
    await pause(Math.min(RETRY_MS, Math.max(deadlineMs - (Date.now() - started), 0)), signal);
    checkInterrupted(signal);
  }
  const reason = last === 'timeout' ? `no HTTP answer within ${deadlineMs} ms` : `${last ?? 'no answer'} (tried for ${deadlineMs} ms)`;
  throw new KitError('PROVIDER_UNREACHABLE', reason, { argument: shown, exitCode: EXIT.environment });
}

function attempt(url: URL, timeoutMs: number, signal: AbortSignal | undefined): Promise<string> {
  return new Promise((resolve) => {
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(url, { method: 'GET', agent: false, headers: { accept: 'application/json' }, ...(signal === undefined ? {} : { signal }) }, (res) => {
      res.resume();
      resolve('ok');
    });
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      resolve('timeout');
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end();
  });
}
