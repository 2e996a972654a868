/**
 * The consumer's pact file, written once at the end of a run instead of read-merged-rewritten
 * after every case as pact-js's `executeTest` does (O(N²) over a suite). Interactions that passed
 * are kept in memory by case id; `write()` builds them through the Pact core (`render.ts`),
 * merges with an existing file (replacing this kit's earlier copies of the same cases, keeping
 * everything else) and writes canonical JSON atomically.
 */
import path from 'node:path';
import { EXIT, isKitError, KitError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import type { PactCore } from './core.js';
import { KIT_REFERENCE_GROUP, type ErrorInteraction } from './interaction.js';
import { renderPactJson } from './render.js';
import { canonicalPact, pactFileName } from './pact-file.js';
import { readPactIfExists } from './read.js';

export type PactfileWriteMode = 'merge' | 'overwrite';

export interface RecorderOptions {
  core: PactCore;
  consumer: string;
  provider: string;
  dir: string;
  mode: PactfileWriteMode;
  metadata: Record<string, string>;
}

type Json = Record<string, unknown>;

export class PactRecorder {
  readonly #options: RecorderOptions;
  readonly #passed = new Map<string, ErrorInteraction>();

  constructor(options: RecorderOptions) {
    this.#options = options;
  }

  get size(): number {
    return this.#passed.size;
  }

  get file(): string {
    return path.join(this.#options.dir, pactFileName(this.#options.consumer, this.#options.provider));
  }

  record(interaction: ErrorInteraction): void {
    this.#passed.set(interaction.caseId, interaction);
  }

  /** Writes the pact file; returns its path, or undefined when no case has passed. */
  async write(): Promise<string | undefined> {
    if (this.#passed.size === 0) return undefined;
    const fresh = await this.#render();
    const existing = this.#options.mode === 'merge' ? await readPactToMerge(this.file) : undefined;
    const merged = existing === undefined ? fresh : mergeInto(existing, fresh);
    await writeFileAtomic(this.file, canonicalPact(merged));
    return this.file;
  }

  #render(): Promise<Json> {
    const { core, consumer, provider, metadata } = this.#options;
    const ordered = [...this.#passed.values()].sort((a, b) => (a.description < b.description ? -1 : a.description > b.description ? 1 : 0));
    return renderPactJson(ordered, { core, consumer, provider, metadata });
  }
}

function kitCaseId(interaction: unknown): string | undefined {
  const comments = (interaction as { comments?: { references?: Record<string, Record<string, string>> } }).comments;
  return comments?.references?.[KIT_REFERENCE_GROUP]?.caseId;
}

/** The pact file to merge into, read like every pact (same caps and errors); a broken one says how to get past it. */
export async function readPactToMerge(file: string): Promise<Json | undefined> {
  try {
    return (await readPactIfExists(file))?.json;
  } catch (error) {
    if (!isKitError(error) || error.exitCode === EXIT.environment) throw error;
    throw new KitError(error.code, `${error.message}; the harness merges into it: fix or delete it, or use pactfileWriteMode 'overwrite'`, {
      ...(error.file === undefined ? {} : { file: error.file }),
      ...(error.pointer === undefined ? {} : { pointer: error.pointer }),
      exitCode: error.exitCode,
      cause: error,
    });
  }
}

/** The existing pact with this run's interactions in place of older copies of the same cases. */
export function mergeInto(existing: Json, fresh: Json): Json {
  const freshInteractions = (fresh.interactions as unknown[] | undefined) ?? [];
  const descriptions = new Set(freshInteractions.map((i) => (i as Json).description));
  const caseIds = new Set(freshInteractions.map(kitCaseId));
  const kept = ((existing.interactions as unknown[] | undefined) ?? []).filter((i) => {
    const caseId = kitCaseId(i);
    return !descriptions.has((i as Json).description) && (caseId === undefined || !caseIds.has(caseId));
  });
  return {
    ...existing,
    ...fresh,
    metadata: { ...(existing.metadata as Json | undefined), ...(fresh.metadata as Json | undefined) },
    interactions: [...kept, ...freshInteractions],
  };
}
