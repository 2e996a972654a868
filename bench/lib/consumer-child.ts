/**
 * Child process of the consumer part: one measured run of one contender over one size of the
 * matrix, in a process of its own, so that the state a process accumulates (Pact handles, which
 * pact-core cannot free, and fetch's per-origin state) comes only from that run, as in a user's
 * own test run. The outcome travels over IPC.
 */
import { loadCatalog } from '../../src/catalog/index.js';
import { isErrorCase } from '../../src/catalog/types.js';
import { runContender, type Contender, type RunOutcome } from './consumer-runs.js';
import { syntheticCases } from './synthetic.js';

export interface ConsumerJob {
  contender: Contender;
  specPath: string;
  tmp: string;
  cases: number;
  warm: number;
}

export type ConsumerChildMessage = { kind: 'done'; outcome: RunOutcome } | { kind: 'error'; message: string };

process.env.PACT_DO_NOT_TRACK = 'true';
const send = (message: ConsumerChildMessage): Promise<void> => new Promise((resolve) => process.send?.(message, () => resolve()));

process.once('message', (job: ConsumerJob) => {
  (async () => {
    const catalog = await loadCatalog(job.specPath);
    const outcome = await runContender(job.contender, job.tmp, syntheticCases(catalog.cases.filter(isErrorCase), job.cases), syntheticCases(catalog.cases.filter(isErrorCase), job.warm));
    await send({ kind: 'done', outcome });
  })()
    .catch((error: unknown) => send({ kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }))
    .finally(() => process.exit(0));
});
