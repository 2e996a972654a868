import type { Catalog } from '../../src/catalog/types.js';

/** Everything a part needs, passed down from `bench/run.ts` (no module-level state). */
export interface BenchContext {
  /** A few cases of each part, in seconds: proves the bench runs, measures nothing worth quoting. */
  smoke: boolean;
  catalog: Catalog;
  specPath: string;
  specText: string;
  /** The committed contract of the whole catalog. */
  contractFile: string;
  /** Scratch directory of this run (removed at the end). */
  tmp: string;
  /** Progress, to stderr. */
  log(line: string): void;
  /** A sentence for the Notes section of the results. */
  note(line: string): void;
}
