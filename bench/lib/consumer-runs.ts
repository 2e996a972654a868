/**
 * The consumer-side contenders, each running the same cases with the same client (`sendCase`):
 * the kit's harness, plain pact-js, Pact-core mock servers without the harness, and bare Node
 * servers.
 */
import { PactV4 } from '@pact-foundation/pact';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ErrorCase } from '../../src/catalog/types.js';
import { addInteraction } from '../../src/pact/apply.js';
import { loadPactCore, type PactCore } from '../../src/pact/core.js';
import { numbersErrorMatrix } from '../../src/pact/harness.js';
import { errorInteraction } from '../../src/pact/interaction.js';
import { addNumbersErrorCase } from '../../src/pact/pact-js.js';
import { loopbackFreshRun, loopbackRun } from '../parts/loopback.js';
import { sendCase } from './client.js';

export interface RunOutcome {
  ms: number;
  failed: number;
  /** The first failures' messages (their first lines, at most 3 failures), for the notes. */
  errors?: string[];
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}${error.cause instanceof Error ? ` (cause: ${error.cause.message})` : ''}` : String(error);
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(0, 4)
    .join(' / ')
    .slice(0, 300);
}

async function inFreshDir<T>(tmp: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmp, 'pacts-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The kit's harness over `cases`, pact file written at the end (counted). */
function harnessRun(tmp: string, cases: readonly ErrorCase[]): Promise<RunOutcome> {
  return inFreshDir(tmp, async (dir) => {
    const start = performance.now();
    const matrix = numbersErrorMatrix({ consumer: 'bench-consumer', dir, catalog: cases, pactfileWriteMode: 'overwrite' });
    let failed = 0;
    const errors: string[] = [];
    for (const c of matrix.cases) {
      try {
        await matrix.run(c, ({ url, case: errorCase }) => sendCase(url, errorCase));
      } catch (error) {
        failed += 1;
        if (errors.length < 3) errors.push(`${c.id}: ${firstLine(error)}`);
      }
    }
    await matrix.writePact();
    return { ms: performance.now() - start, failed, errors };
  });
}

/** Plain pact-js: one `executeTest` per case, each merging the pact file, as a suite written by hand does. */
function pactJsRun(tmp: string, cases: readonly ErrorCase[]): Promise<RunOutcome> {
  return inFreshDir(tmp, async (dir) => {
    const start = performance.now();
    const pact = new PactV4({ consumer: 'bench-consumer', provider: 'sinch-numbers', dir, logLevel: 'error' });
    let failed = 0;
    const errors: string[] = [];
    for (const c of cases) {
      try {
        await addNumbersErrorCase(pact, c).executeTest((server) => sendCase(server.url, c));
      } catch (error) {
        failed += 1;
        if (errors.length < 3) errors.push(`${c.id}: ${firstLine(error)}`);
      }
    }
    return { ms: performance.now() - start, failed, errors };
  });
}

/**
 * The Pact floor of the harness's design, without the harness: per case a pact handle with the
 * case's interaction, a mock server, the same request, the match check, cleanup. Returns total ms.
 */
async function pactCoreRun(core: PactCore, cases: readonly ErrorCase[]): Promise<number> {
  const start = performance.now();
  for (const c of cases) {
    const pact = core.newPact('bench-consumer', 'sinch-numbers');
    addInteraction(pact, errorInteraction(c), { forMockServer: true });
    const port = pact.createMockServer('127.0.0.1', 0, false);
    try {
      await sendCase(`http://127.0.0.1:${port}`, c);
      pact.mockServerMatchedSuccessfully(port);
    } finally {
      pact.cleanupMockServer(port);
    }
  }
  return performance.now() - start;
}

export type Contender = 'harness' | 'pact-js' | 'pact-core' | 'loopback' | 'loopback-per-case';

/**
 * One measured run of `contender` over `cases`, after an unmeasured run over `warm` (JIT, the
 * native library, undici). Meant for a fresh process per run, so that nothing another run left
 * behind (Pact handles, which pact-core cannot free; fetch's per-origin state) weighs on this one.
 */
export async function runContender(contender: Contender, tmp: string, cases: readonly ErrorCase[], warm: readonly ErrorCase[]): Promise<RunOutcome> {
  const once = async (list: readonly ErrorCase[]): Promise<RunOutcome> => {
    switch (contender) {
      case 'harness':
        return harnessRun(tmp, list);
      case 'pact-js':
        return pactJsRun(tmp, list);
      case 'pact-core':
        return { ms: await pactCoreRun(loadPactCore(), list), failed: 0 };
      case 'loopback':
        return { ms: await loopbackRun(list), failed: 0 };
      case 'loopback-per-case':
        return { ms: await loopbackFreshRun(list), failed: 0 };
    }
  };
  await once(warm);
  return once(cases);
}
