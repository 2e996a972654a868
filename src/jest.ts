/**
 * Jest setup entry: `setupFilesAfterEnv: ['numbers-contract-kit/jest']` registers
 * `toBeNumbersError` on Jest's global `expect` and types it for the `jest` globals
 * (@types/jest) and for `@jest/globals` / the `expect` package.
 * With `injectGlobals: false`, call `expect.extend(numbersMatchers)` from `numbers-contract-kit/expect`.
 * Built twice: ESM and CommonJS (`dist/cjs`, the `require` condition of the exports map). Jest
 * resolves setup files with `require`, and its CommonJS runtime cannot load ESM before Node 24.9.
 */
import { extendWithUnawaitedGuard } from './expect/unawaited.js';
import type { NumbersErrorMatchers } from './match/types.js';
// Makes the 'expect' module resolvable for the augmentation below (Jest depends on it).
import type {} from 'expect';

const { expect: jestExpect, afterEach } = globalThis as { expect?: { extend?: unknown }; afterEach?: unknown };
if (jestExpect === undefined || typeof jestExpect.extend !== 'function' || typeof afterEach !== 'function') {
  throw new Error("numbers-contract-kit/jest: Jest's global expect was not found. Load this file from Jest's setupFilesAfterEnv, " + "or call expect.extend(numbersMatchers) with numbersMatchers from 'numbers-contract-kit/expect'.");
}
// The matchers, and an afterEach hook failing a test whose fetch-Response assertion nobody awaited.
extendWithUnawaitedGuard({ extend: (matchers) => (jestExpect.extend as (m: object) => void).call(jestExpect, matchers) }, afterEach as (fn: () => Promise<void>) => void);

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Jest's matcher types live in the global jest namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars -- declaration merging repeats Jest's own type parameters
    interface Matchers<R, T = {}> extends NumbersErrorMatchers<R> {}
  }
}

declare module 'expect' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars -- declaration merging repeats expect's own type parameters
  interface Matchers<R extends void | Promise<void>, T = unknown> extends NumbersErrorMatchers<R> {}
}
