/**
 * Worker-thread entry of spec validation (see validate-thread.ts): validates the documents of
 * `workerData` with swagger-parser, loaded here by Node's own loader, and posts back the
 * dereferenced document or the facts of the error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import SwaggerParser from '@apidevtools/swagger-parser';
import { errorFacts, runValidation, type ValidationInput, type ValidationOutcome } from './swagger-validation.js';

async function main(port: NonNullable<typeof parentPort>): Promise<void> {
  let outcome: ValidationOutcome;
  try {
    outcome = { ok: true, document: await runValidation(SwaggerParser, workerData as ValidationInput) };
  } catch (error) {
    outcome = { ok: false, error: errorFacts(error) };
  }
  port.postMessage(outcome);
}

if (parentPort === null) throw new Error('validate-worker runs only as a worker thread (see validate-thread.ts)');
await main(parentPort);
