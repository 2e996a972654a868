/**
 * Vitest setup entry: `setupFiles: ['numbers-contract-kit/vitest']` registers `toBeNumbersError`
 * on Vitest's `expect` and types it (`expect(res).toBeNumbersError('unknown_campaign')`).
 */
import { expect } from 'vitest';
import { numbersMatchers } from './expect/index.js';
import type { NumbersErrorMatchers } from './match/types.js';

expect.extend(numbersMatchers);

declare module 'vitest' {
  // The type parameter list must match Vitest's own declaration exactly. The return type is void,
  // as in the `jest` namespace Vitest also merges into its Assertion, so the two never conflict.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-explicit-any, @typescript-eslint/no-unused-vars -- declaration merging repeats Vitest's own type parameter
  interface Matchers<T = any> extends NumbersErrorMatchers<void> {}
}
