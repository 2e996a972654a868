/**
 * Vitest setup entry: `setupFiles: ['numbers-contract-kit/vitest']` registers `toBeNumbersError`
 * on Vitest's `expect` and types it (`expect(res).toBeNumbersError('unknown_campaign')`).
 */
import { afterEach, expect } from 'vitest';
import { extendWithUnawaitedGuard } from './expect/unawaited.js';
import type { NumbersErrorMatchers } from './match/types.js';

// The matchers, and an afterEach hook failing a test whose fetch-Response assertion nobody awaited.
// Imported outside a Vitest run (a tool inspecting the entry) there is no suite to hook, nor a test to guard.
extendWithUnawaitedGuard(expect, (hook) => {
  try {
    afterEach(hook);
  } catch (error) {
    if (!/failed to find the current suite/.test(String(error))) throw error;
  }
});

declare module 'vitest' {
  // The type parameter list must match Vitest's own declaration exactly. The return type is void,
  // as in the `jest` namespace Vitest also merges into its Assertion, so the two never conflict.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-explicit-any, @typescript-eslint/no-unused-vars -- declaration merging repeats Vitest's own type parameter
  interface Matchers<T = any> extends NumbersErrorMatchers<void> {}
}
