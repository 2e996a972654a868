/** Parallel verifier processes: how many, and each one's share of the pacts. */
import { readFile, writeFile } from 'node:fs/promises';
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

/** Each pact split round-robin into `workers` files holding a share of its interactions. */
export async function splitPacts(sources: readonly PactSource[], workers: number, dir: string): Promise<PactSource[][]> {
  const plans: PactSource[][] = Array.from({ length: workers }, () => []);
  for (const [index, source] of sources.entries()) {
    const raw = JSON.parse(await readFile(source.file, 'utf8')) as { interactions: Array<{ description?: unknown }> };
    for (let w = 0; w < workers; w += 1) {
      const share = source.interactions.filter((_, i) => i % workers === w);
      if (share.length === 0) continue;
      const wanted = new Set(share.map((i) => i.description));
      const file = path.join(dir, `w${w}-${index}.json`);
      await writeFile(file, JSON.stringify({ ...raw, interactions: raw.interactions.filter((i) => typeof i.description === 'string' && wanted.has(i.description)) }));
      plans[w]?.push({ ...source, file, interactions: share });
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
