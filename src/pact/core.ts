/**
 * The slice of Pact's native core (`@pact-foundation/pact-core`, the FFI under pact-js) the kit
 * drives, and the one place that loads it. The core is resolved *through* the installed
 * `@pact-foundation/pact` (the kit's peer dependency), so the kit and the user's pact-js share one
 * native library and one set of versions. The kit calls the core's native binding directly
 * (native-core.ts finds it) and falls back to pact-core's JavaScript wrapper when it cannot.
 */
import { createRequire } from 'node:module';
import { EXIT, KitError } from '../errors.js';
import { ffiCore } from './ffi-core.js';
import { SPECIFICATION_V4, type CoreMessagePact, type CorePact, type PactCore, type PactLogLevel } from './core-types.js';
import { loadNativeFfi } from './native-core.js';

export type { CoreInteraction, CoreMessagePact, CorePact, PactCore, PactLogLevel } from './core-types.js';

interface PactCoreModule {
  makeConsumerPact(consumer: string, provider: string, version?: number, logLevel?: string): CorePact;
  makeConsumerAsyncMessagePact(consumer: string, provider: string, version?: number, logLevel?: string): CoreMessagePact;
}

/**
 * Loads the Pact core that the installed pact-js uses. Throws an environment KitError when it is missing.
 * `logLevel` starts the core's own log at that level; without one the kit leaves the log as it
 * finds it (see `ffiCore`; through pact-core's wrapper, `error`).
 */
export function loadPactCore(logLevel?: PactLogLevel): PactCore {
  // The core reads this when it starts; the kit never sends usage data.
  process.env.PACT_DO_NOT_TRACK = 'true';
  try {
    const pactMain = createRequire(import.meta.url).resolve('@pact-foundation/pact');
    const ffi = loadNativeFfi(pactMain);
    return ffi === undefined ? wrappedCore(pactMain, logLevel ?? 'error') : ffiCore(ffi, logLevel);
  } catch (error) {
    throw new KitError('PACT_MISSING', 'cannot load @pact-foundation/pact and its core; install it next to the kit: npm install --save-dev @pact-foundation/pact@">=16.5.0 <18"', {
      argument: '@pact-foundation/pact',
      exitCode: EXIT.environment,
      cause: error,
    });
  }
}

/** The core through pact-core's own JavaScript wrapper (the path when the binding is not found plainly). */
export function wrappedCore(pactMain: string, logLevel: PactLogLevel): PactCore {
  const module = createRequire(pactMain)('@pact-foundation/pact-core') as PactCoreModule;
  return {
    newPact: (consumer, provider) => module.makeConsumerPact(consumer, provider, SPECIFICATION_V4, logLevel),
    newMessagePact: (consumer, provider) => module.makeConsumerAsyncMessagePact(consumer, provider, SPECIFICATION_V4, logLevel),
  };
}
