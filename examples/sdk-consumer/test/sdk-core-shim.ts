/**
 * This repository only: `@sinch/sdk-client` 1.5 reads `@sinch/sdk-core/package.json` for its
 * version, and the registry this kit is built against cannot install @sinch/sdk-core 1.5.0. A
 * project that installs the SDK normally deletes this file and its import.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const stub = fileURLToPath(new URL('../../../test/fixtures/sdk-core-stub', import.meta.url));
const Module = createRequire(import.meta.url)('node:module') as { _initPaths(): void };
process.env.NODE_PATH = [stub, process.env.NODE_PATH].filter((p) => p !== undefined && p !== '').join(':');
Module._initPaths();
