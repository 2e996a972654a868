import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import type { ErrorCase } from '../../src/catalog/types.js';

/** `n` distinct cases made from the real catalog's, cycling through them (ids and states made unique). */
export function syntheticCases(cases: readonly ErrorCase[], n: number): ErrorCase[] {
  const out: ErrorCase[] = [];
  for (let i = 0; i < n; i++) {
    const base = cases[i % cases.length]!;
    const round = Math.floor(i / cases.length);
    if (round === 0) {
      out.push(base);
      continue;
    }
    out.push({
      ...base,
      id: `${base.id}#${round}`,
      exampleName: `${base.exampleName}_${round}`,
      state: { name: `${base.state.name} (synthetic ${round})`, params: { ...base.state.params, round } },
    });
  }
  return out;
}

/**
 * A copy of the bundled spec with `operations` operations, written into `dir`: the real path items
 * cloned under new paths and operationIds, so every copy carries the same annotated errors.
 */
export async function syntheticSpec(specText: string, operations: number, dir: string): Promise<{ file: string; operations: number }> {
  const doc = parse(specText) as { paths: Record<string, Record<string, { operationId?: string }>> };
  const originals = Object.entries(doc.paths);
  const paths: Record<string, unknown> = {};
  let count = 0;
  for (let copy = 0; count < operations; copy++) {
    for (const [template, item] of originals) {
      if (count >= operations) break;
      const clone = structuredClone(item);
      let kept = 0;
      for (const [method, op] of Object.entries(clone)) {
        if (count + kept >= operations) {
          delete clone[method];
          continue;
        }
        if (copy > 0 && op.operationId !== undefined) op.operationId = `${op.operationId}_${copy}`;
        kept++;
      }
      count += kept;
      paths[copy === 0 ? template : template.replace('/v1/projects/{projectId}/', `/v1/projects/{projectId}/copy${copy}/`)] = clone;
    }
  }
  // Compact JSON (a YAML 1.2 subset the kit reads): the same document in fewer bytes than YAML, so
  // 1,000 operations stay within the loader's default byte budget (maxBytes 4 MiB).
  const file = path.join(dir, `numbers-${operations}.json`);
  await writeFile(file, JSON.stringify({ ...doc, paths, 'x-webhooks': eventsOf(doc, paths) }));
  return { file, operations: count };
}

type Webhooks = Record<string, { post?: { requestBody?: { content?: Record<string, { examples?: Record<string, { 'x-numbers-event'?: { trigger?: { operationId?: string } } }> }> } } }>;

/** The spec's callback events whose trigger operation the copy kept (the catalog refuses a trigger naming no operation). */
function eventsOf(doc: object, paths: Record<string, unknown>): Webhooks | undefined {
  const webhooks = (doc as { 'x-webhooks'?: Webhooks })['x-webhooks'];
  if (webhooks === undefined) return undefined;
  const kept = new Set(Object.values(paths).flatMap((item) => Object.values(item as Record<string, { operationId?: string }>).map((op) => op.operationId)));
  const copy = structuredClone(webhooks);
  for (const hook of Object.values(copy)) {
    for (const media of Object.values(hook.post?.requestBody?.content ?? {})) {
      for (const [name, example] of Object.entries(media.examples ?? {})) {
        if (!kept.has(example['x-numbers-event']?.trigger?.operationId)) delete media.examples![name];
      }
    }
  }
  return copy;
}
