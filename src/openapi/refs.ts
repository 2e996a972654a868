import { realpathSync } from 'node:fs';
import path from 'node:path';
import { KitError } from '../errors.js';
import { confinedRealPath } from './confine.js';
import type { Budget } from './options.js';
import { parseSpecValue } from './parse.js';
import { readSpecFile } from './read.js';
import { classifyRef, type RefTarget } from './ref-target.js';
import { decodeSpecText } from './text.js';
import { escapePointer } from './walk.js';

export interface SpecDocument {
  /** The lexical absolute path (what messages name, and the document's key). */
  file: string;
  value: unknown;
}

export interface RefSite {
  doc: SpecDocument;
  /** The object that has the `$ref` member. */
  holder: object;
  /** Pointer of `holder` in its document. */
  pointer: string;
  ref: string;
  target: RefTarget;
  /** Path of the document the target is in. */
  targetFile: string;
}

export interface SpecDocuments {
  root: SpecDocument;
  byFile: Map<string, SpecDocument>;
  /** Every `$ref`, in document order, the spec's own first. */
  sites: RefSite[];
  siteOf: Map<object, RefSite>;
}

/**
 * Finds every `$ref` of the spec (wherever it is: swagger-parser follows refs in examples and
 * extensions too), checks each one from its text, and loads the files they name (inside the spec
 * folder, symlinks resolved without leaving it), each through the same front door as the spec,
 * within one budget. One
 * file at a time, in document order, so the first problem reported is always the same one.
 */
export async function loadDocuments(root: SpecDocument, budget: Budget): Promise<SpecDocuments> {
  const rootDir = path.dirname(root.file);
  const rootReal = realpathSync(rootDir);
  const result: SpecDocuments = { root, byFile: new Map([[root.file, root]]), sites: [], siteOf: new Map() };
  const queue = [root];
  for (let doc = queue.shift(); doc !== undefined; doc = queue.shift()) {
    for (const { holder, pointer, ref } of collectRefs(doc.value)) {
      const location = { file: doc.file, pointer: `${pointer}/$ref` };
      const target = classifyRef(ref, doc.file, rootDir, location);
      const targetFile = target.kind === 'local' ? doc.file : target.path;
      const site: RefSite = { doc, holder, pointer, ref, target, targetFile };
      result.sites.push(site);
      result.siteOf.set(holder, site);
      if (target.kind === 'local' || result.byFile.has(targetFile)) continue;
      if (--budget.filesLeft < 0) {
        throw new KitError('SPEC_TOO_MANY_FILES', `$ref ${JSON.stringify(ref)} would read more than ${budget.limits.maxFiles} files (maxFiles)`, location);
      }
      const real = await confinedRealPath(rootDir, rootReal, targetFile, ref, location);
      const bytes = await readSpecFile(real, budget, { ...location, label: `$ref ${JSON.stringify(ref)}: `, noFollow: true });
      const loaded: SpecDocument = { file: targetFile, value: parseSpecValue(decodeSpecText(bytes, targetFile), targetFile, budget) };
      result.byFile.set(targetFile, loaded);
      queue.push(loaded);
    }
  }
  return result;
}

/** Every object with a string `$ref`, in document order, with its pointer (each shared object once). */
function collectRefs(value: unknown): { holder: object; pointer: string; ref: string }[] {
  const found: { holder: object; pointer: string; ref: string }[] = [];
  const seen = new Set<object>();
  const stack: { value: unknown; pointer: string }[] = [{ value, pointer: '' }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const current = item.value;
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const ref = (current as Record<string, unknown>).$ref;
    if (typeof ref === 'string' && !Array.isArray(current)) found.push({ holder: current, pointer: item.pointer, ref });
    const keys = Object.keys(current);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      stack.push({ value: (current as Record<string, unknown>)[key], pointer: `${item.pointer}/${escapePointer(key)}` });
    }
  }
  return found;
}
