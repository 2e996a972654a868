/** Parallel verifier processes: how many, and each one's share of the pacts. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { KitError } from '../errors.js';
import type { PactSource } from './pacts.js';
import type { InteractionOutcome } from './types.js';

/**
 * Parallel verifier processes: only against the reference provider (each worker gets a project of
 * its own), 2 by default when there is enough work; an external provider's states would collide.
 */
export function workerCount(requested: number | undefined, embedded: boolean, hasProjectIds: boolean, total: number): number {
  if (requested !== undefined) {
    if (!Number.isInteger(requested) || requested < 1 || requested > 16) throw new KitError('BAD_WORKERS', 'workers must be a whole number from 1 to 16', { argument: '--workers' });
    if (requested > 1 && !embedded) throw new KitError('BAD_WORKERS', "parallel workers need the reference provider: an external provider's states would collide", { argument: '--workers' });
    return hasProjectIds ? Math.min(requested, total) : 1;
  }
  if (!embedded || !hasProjectIds) return 1;
  return Math.max(1, Math.min(2, os.availableParallelism(), Math.floor(total / 20)));
}

/** Registers a cleanup that runs when the verification ends, however it ends. */
export type Defer = (cleanup: () => Promise<void>) => void;

export interface WorkerPlan {
  workers: number;
  /** Each worker's pacts: the sources themselves, or split copies in a temp directory. */
  shares: PactSource[][];
  /** Each worker's project-id swap (the contracts' fictional ids → the real or per-worker one), if any. */
  projectIds: Array<{ fictional: string[]; real: string } | undefined>;
  /** Interactions in all the sources. */
  total: number;
}

/**
 * How many verifier processes, and what each one verifies. Each parallel worker verifies against
 * its own project of the reference provider, so states never collide.
 */
export async function planWorkers(sources: readonly PactSource[], requested: number | undefined, embedded: boolean, realProject: string | undefined, defer: Defer): Promise<WorkerPlan> {
  const total = sources.reduce((sum, s) => sum + s.interactions.length, 0);
  const fictional = fictionalProjectIds(sources);
  const workers = workerCount(requested, embedded, fictional.length > 0, total);
  let shares: PactSource[][] = [[...sources]];
  if (needsSplit(sources, workers)) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'numbers-contract-split-'));
    defer(() => rm(dir, { recursive: true, force: true }));
    shares = await splitPacts(sources, workers, dir);
  }
  const projectIds = shares.map((_, index) => {
    const project = workers > 1 ? `w${index}-${realProject ?? fictional[0]}` : realProject;
    return project !== undefined && fictional.length > 0 ? { fictional, real: project } : undefined;
  });
  return { workers, shares, projectIds, total };
}

/** The project ids the pacts' provider states name, longest first (so one containing another is swapped whole). */
export function fictionalProjectIds(sources: readonly PactSource[]): string[] {
  const ids = new Set<string>();
  for (const s of sources) for (const i of s.interactions) for (const st of i.states) if (typeof st.params.projectId === 'string' && st.params.projectId !== '') ids.add(st.params.projectId);
  return [...ids].sort((a, b) => b.length - a.length);
}

/**
 * Interactions per pact file handed to Pact's verifier. The verifier spends CPU time per
 * interaction in proportion to the size of the pact file it comes from (measured against a stub
 * answering instantly: ~12 ms + 0.02 ms × interactions in the file, so 15.5 ms each for the
 * 163-interaction contract and 25 ms each for a 652-interaction one; in files of 41, 14 ms for both).
 */
const MAX_INTERACTIONS_PER_FILE = 40;

/** Whether the pacts are handed to the verifier as split files (parallel workers, or a pact too big for one file). */
function needsSplit(sources: readonly PactSource[], workers: number): boolean {
  return workers > 1 || sources.some((s) => s.interactions.length > MAX_INTERACTIONS_PER_FILE);
}

/**
 * Each pact split round-robin into `workers` shares of its interactions, each share written as
 * files of at most `perFile` interactions (in order).
 */
async function splitPacts(sources: readonly PactSource[], workers: number, dir: string, perFile = MAX_INTERACTIONS_PER_FILE): Promise<PactSource[][]> {
  const plans: PactSource[][] = Array.from({ length: workers }, () => []);
  for (const [index, source] of sources.entries()) {
    const raw = JSON.parse(await readFile(source.file, 'utf8')) as { interactions: Array<{ description?: unknown }> };
    for (let w = 0; w < workers; w += 1) {
      const share = source.interactions.filter((_, i) => i % workers === w);
      for (let start = 0, part = 0; start < share.length; start += perFile, part += 1) {
        const chunk = share.slice(start, start + perFile);
        const wanted = new Set(chunk.map((i) => i.description));
        const file = path.join(dir, `w${w}-${index}-${part}.json`);
        await writeFile(file, JSON.stringify({ ...raw, interactions: raw.interactions.filter((i) => typeof i.description === 'string' && wanted.has(i.description)) }));
        plans[w]?.push({ ...source, file, interactions: chunk });
      }
    }
  }
  return plans.filter((plan) => plan.length > 0);
}

/** Outcomes in the order of the pact files and their interactions, whatever worker ran them. */
export function sortLikeSources(outcomes: InteractionOutcome[], sources: readonly PactSource[]): void {
  const order = new Map<string, number>();
  let n = 0;
  for (const s of sources) for (const i of s.interactions) order.set(`${s.display}\u0000${i.description}`, n++);
  outcomes.sort((a, b) => (order.get(`${a.source}\u0000${a.description}`) ?? n) - (order.get(`${b.source}\u0000${b.description}`) ?? n));
}
