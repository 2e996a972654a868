// One fresh process: how long importing one of the kit's matcher entries takes once its test
// runner's own package is loaded (as it is inside that runner), and whether it loaded Pact's core.
import { createRequire } from 'node:module';
const [, , entry, runnerPackage] = process.argv;
const runner = runnerPackage === '-' ? undefined : await import(runnerPackage);
// Inside Jest, `expect` and `afterEach` are globals before setup files run; the /jest entry extends
// one and hooks the other.
if (runnerPackage === 'expect') {
  globalThis.expect = runner.expect;
  globalThis.afterEach = () => undefined;
}
const start = performance.now();
await import(entry);
const ms = performance.now() - start;
const loaded = Object.keys(createRequire(import.meta.url).cache);
const pactCore = loaded.some((file) => file.includes('@pact-foundation'));
process.stdout.write(`${JSON.stringify({ ms, pactCore })}\n`);
