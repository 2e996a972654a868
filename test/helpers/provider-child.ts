/**
 * The reference provider in a process of its own, for load tests that measure its memory apart from
 * the load generator's: run with `node --expose-gc --import tsx`. It prints nothing; over IPC it
 * says `{kind: 'ready', url}`, answers `'memory'` with `process.memoryUsage()` after two full
 * collections, and exits 0 on `'close'` once the provider has closed.
 * Options from the environment: PROVIDER_BODY_LIMIT (bytes), PROVIDER_REQUEST_TIMEOUT_MS.
 */
import { startReferenceProvider } from '../../src/provider/server.js';

const gc = (globalThis as { gc?: () => void }).gc;
const number = (name: string): number | undefined => (process.env[name] === undefined ? undefined : Number(process.env[name]));
const bodyLimitBytes = number('PROVIDER_BODY_LIMIT');
const requestTimeoutMs = number('PROVIDER_REQUEST_TIMEOUT_MS');

const provider = await startReferenceProvider({
  ...(bodyLimitBytes === undefined ? {} : { bodyLimitBytes }),
  ...(requestTimeoutMs === undefined ? {} : { requestTimeoutMs }),
});
process.send?.({ kind: 'ready', url: provider.url });
process.on('message', (message: unknown) => {
  if (message === 'memory') {
    gc?.();
    gc?.();
    process.send?.({ kind: 'memory', gc: gc !== undefined, ...process.memoryUsage() });
  } else if (message === 'close') {
    void provider.close().then(() => process.exit(0));
  }
});
