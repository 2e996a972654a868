/**
 * Pact JSON for many interactions, built through the Pact core. The core's `newInteraction`
 * costs time in proportion to the interactions already in its pact handle (measured: adding
 * 5,439 interactions to one handle took 223, 442, 634, 829, 1,224 ms per successive 1,000, while
 * 1,000 in a fresh handle take ~360 ms), so one handle is O(N²). The interactions go into handles
 * of at most `CHUNK` each, every handle with the same metadata; the written files' interactions
 * are concatenated in order. Each interaction is serialised on its own, so the result is the same
 * pact a single handle writes.
 *
 * An interaction's V4 comments go to the core in two calls, its `text` list and its `references`
 * object (`setComment`, which stores the JSON it is given), rather than one call per comment and
 * per reference as `apply.ts` makes them: the core stores the same comments, in a third fewer FFI
 * calls per interaction.
 */
import { mkdtempSync, readFileSync, rmdirSync, rmSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyInteraction } from './apply.js';
import type { CoreInteraction, CorePact, PactCore } from './core.js';
import { KIT_REFERENCE_GROUP, type ErrorInteraction } from './interaction.js';
import { pactFileName } from './pact-file.js';

const CHUNK = 200;

export interface RenderOptions {
  core: PactCore;
  consumer: string;
  provider: string;
  /** Written under the kit's reference group, in this order. */
  metadata: Record<string, string>;
  chunk?: number;
}

type Json = Record<string, unknown>;

/**
 * The pact the core writes for `interactions` (in this order), parsed. Rendering happens in a
 * private temp directory. The file system calls are synchronous, like the core's own write: each
 * step needs the one before, and a trip through libuv's thread pool per call only adds latency.
 */
export async function renderPactJson(interactions: readonly ErrorInteraction[], options: RenderOptions): Promise<Json> {
  const { core, consumer, provider, metadata } = options;
  const size = Math.max(1, options.chunk ?? CHUNK);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'numbers-pact-'));
  // Every handle writes the same file in the one directory (`merge: false` overwrites it), read
  // before the next handle writes: no directory per handle to make and remove.
  const file = path.join(dir, pactFileName(consumer, provider));
  try {
    let first: Json | undefined;
    const all: unknown[] = [];
    for (let start = 0; start === 0 || start < interactions.length; start += size) {
      const pact = core.newPact(consumer, provider);
      for (const [name, value] of Object.entries(metadata)) pact.addMetadata(KIT_REFERENCE_GROUP, name, value);
      for (const interaction of interactions.slice(start, start + size)) addToContract(pact, interaction);
      pact.writePactFile(dir, false);
      const written = JSON.parse(readFileSync(file, 'utf8')) as Json;
      first ??= written;
      all.push(...((written.interactions as unknown[] | undefined) ?? []));
    }
    return { ...(first as Json), interactions: all };
  } finally {
    removeRenderDir(dir, file);
  }
}

/**
 * Removes a private render directory holding (at most) the one file the core wrote: that file and
 * the folder, ~0.1 ms, where a recursive `rmSync` costs a consumer's first write 1-2 ms of CPU;
 * anything else in it (a failed write) goes the recursive way.
 */
export function removeRenderDir(dir: string, file: string): void {
  try {
    unlinkSync(file);
    rmdirSync(dir);
  } catch {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** pact-core's interaction handle with `setComment` (every pact-core the kit supports has it; checked before use). */
type CommentingInteraction = CoreInteraction & { setComment(key: string, value: string): boolean };

/** Adds `interaction` as `apply.ts` does, its comments and references in one call each. */
function addToContract(pact: CorePact, interaction: ErrorInteraction): void {
  const handle = pact.newInteraction(interaction.description) as Partial<CommentingInteraction> & CoreInteraction;
  if (typeof handle.setComment !== 'function') {
    applyInteraction(handle, interaction, { forMockServer: false });
    return;
  }
  applyInteraction(handle, { ...interaction, comments: [], references: [] }, { forMockServer: false });
  // As addTextComment and addInteractionReference would leave them: `text` only when there is a
  // comment, `references` only when there is a reference; a repeated group and name keeps the last value.
  if (interaction.comments.length > 0) handle.setComment('text', JSON.stringify(interaction.comments));
  if (interaction.references.length > 0) {
    const groups = new Map<string, Map<string, string>>();
    for (const { group, name, value } of interaction.references) {
      const names = groups.get(group) ?? new Map<string, string>();
      names.set(name, value);
      groups.set(group, names);
    }
    const references = Object.fromEntries([...groups].map(([group, names]) => [group, Object.fromEntries(names)]));
    handle.setComment('references', JSON.stringify(references));
  }
}
