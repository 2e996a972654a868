import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ValidationInput, ValidationOutcome } from './swagger-validation.js';

/**
 * Runs swagger-parser's validation in a worker thread (validate-worker.ts), where Node's own
 * loader, not the host's module runtime, loads it. The documents go over by structured clone and
 * the dereferenced document comes back the same way: cycles and shared objects survive both ways.
 * One worker per call, ended once it has answered. Most of its cost (loading swagger-parser, a
 * cold validation) is what a first in-process call pays too: for the bundled spec, fresh
 * processes at a load average of 13 on 2 cores, a median 0.74 s in the worker against 0.62 s in
 * process (an empty thread starts in 20-50 ms). The caller that needs it, Jest, evaluates the kit
 * afresh for each test file, so a worker kept in module state would not outlive a test file anyway. From the sources (`.ts`, the repo's own
 * tests) the worker runs under tsx.
 */
export function validateInWorker(input: ValidationInput): Promise<ValidationOutcome> {
  const extension = path.extname(fileURLToPath(import.meta.url));
  const entry = new URL(`./validate-worker${extension}`, import.meta.url);
  return new Promise<ValidationOutcome>((resolve, reject) => {
    let outcome: ValidationOutcome | undefined;
    let failure: unknown;
    const worker = extension === '.ts' ? underTsx(entry, input) : new Worker(entry, { workerData: input });
    worker.once('message', (answer: ValidationOutcome) => {
      outcome = answer;
      void worker.terminate();
    });
    worker.once('error', (error) => {
      failure = error;
    });
    // Settled once the thread is gone: nothing of it outlives the call.
    worker.once('exit', (code) => {
      if (outcome !== undefined) resolve(outcome);
      else reject(failure ?? new Error(`the spec validation worker exited with code ${code} before answering`));
    });
  });
}

/**
 * The worker from the TypeScript sources: tsx's ESM loader registered inside the worker first
 * (on Node 20 neither `execArgv: ['--import', 'tsx']` nor tsx's main entry reaches a worker's own
 * module loading; `register()` of tsx/esm/api, its ESM build, does).
 */
function underTsx(entry: URL, input: ValidationInput): Worker {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const { exports } = require(manifest) as { exports: Record<string, { import?: { default?: string } } | undefined> };
  const api = pathToFileURL(path.join(path.dirname(manifest), exports['./esm/api']?.import?.default ?? 'dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true, workerData: input });
}
