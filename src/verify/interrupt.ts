/**
 * An interrupted verification. The CLI aborts with the signal's name as the reason, so the run
 * ends (after its cleanup) with the shell's code for that signal: 130 for SIGINT, 143 for SIGTERM;
 * a caller's own abort is an environment error (3).
 */
import { EXIT, KitError } from '../errors.js';

export function interruptedError(signal: AbortSignal | undefined): KitError {
  const reason: unknown = signal?.reason;
  const name = reason === 'SIGINT' || reason === 'SIGTERM' ? reason : undefined;
  return new KitError('INTERRUPTED', name === undefined ? 'verification interrupted' : `verification interrupted (${name})`, {
    argument: 'verify',
    exitCode: name === 'SIGINT' ? EXIT.sigint : name === 'SIGTERM' ? EXIT.sigterm : EXIT.environment,
  });
}

/** Between steps: stop here when the run was interrupted (what the last step started is already registered for cleanup). */
export function checkInterrupted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw interruptedError(signal);
}

/** Waits `ms`, or less when `signal` aborts. */
export function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
