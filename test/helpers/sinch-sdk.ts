/**
 * The official Node SDK (@sinch/numbers) for tests. Its client package reads
 * `@sinch/sdk-core/package.json`, which the registry this kit is built against cannot install, so a
 * stub directory goes on NODE_PATH while it loads (see test/fixtures/sdk-core-stub).
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const SDK_CORE_STUB = fileURLToPath(new URL('../fixtures/sdk-core-stub', import.meta.url));

/* The part of the SDK's surface these tests use (its own types need @sinch/sdk-core's). */
interface NumbersSdk {
  get(d: { phoneNumber: string }): Promise<unknown>;
  rent(d: { phoneNumber: string; rentNumberRequestBody: Record<string, unknown> }): Promise<unknown>;
  availableRegions: { list(d?: Record<string, unknown>): Promise<unknown> };
}

export type NumbersServiceClass = new (params: Record<string, unknown>) => NumbersSdk;

export function loadNumbersService(): NumbersServiceClass {
  const previous = process.env.NODE_PATH;
  const Module = createRequire(import.meta.url)('node:module') as { _initPaths(): void };
  process.env.NODE_PATH = [SDK_CORE_STUB, previous].filter((p) => p !== undefined && p !== '').join(':');
  Module._initPaths();
  try {
    return (createRequire(import.meta.url)('@sinch/numbers') as { NumbersService: NumbersServiceClass }).NumbersService;
  } finally {
    if (previous === undefined) delete process.env.NODE_PATH;
    else process.env.NODE_PATH = previous;
    Module._initPaths();
  }
}
