import { realpathSync } from 'node:fs';
import path from 'node:path';
import { EXIT, KitError, type ErrorCode } from '../errors.js';
import { confinedRealPath } from './confine.js';
import type { Budget } from './options.js';
import { parseSpecValue } from './parse.js';
import { readSpecFile } from './read.js';
import { classifyRef, type DocumentBase, type RefTarget } from './ref-target.js';
import { fetchRemoteRef, RemoteRefusedError, RemoteTooLargeError } from './remote.js';
import { decodeSpecText } from './text.js';
import { escapePointer } from './walk.js';

export interface SpecDocument {
  /** The lexical absolute path (files) or the URL without fragment (remote documents). */
  key: string;
  /** What messages name: the path, or the URL. */
  file: string;
  base: DocumentBase;
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
  /** Key of the document the target is in. */
  targetKey: string;
}

export interface SpecDocuments {
  root: SpecDocument;
  byKey: Map<string, SpecDocument>;
  /** Every `$ref`, in document order, the spec's own first. */
  sites: RefSite[];
  siteOf: Map<object, RefSite>;
}

/**
 * Finds every `$ref` of the spec (wherever it is: swagger-parser follows refs in examples and
 * extensions too), checks each one from its text, and loads the files (and, only when allowed,
 * the URLs) they name, each through the same front door as the spec, within one budget. One
 * file at a time, in document order, so the first problem reported is always the same one.
 */
export async function loadDocuments(root: SpecDocument, budget: Budget): Promise<SpecDocuments> {
  const rootDir = path.dirname(root.key);
  const rootReal = realpathSync(rootDir);
  const ctx = { rootDir, allowRemoteRefs: budget.limits.allowRemoteRefs };
  const result: SpecDocuments = { root, byKey: new Map([[root.key, root]]), sites: [], siteOf: new Map() };
  const queue = [root];
  for (let doc = queue.shift(); doc !== undefined; doc = queue.shift()) {
    for (const { holder, pointer, ref } of collectRefs(doc.value)) {
      const location = { file: doc.file, pointer: `${pointer}/$ref` };
      const target = classifyRef(ref, doc.base, ctx, location);
      const targetKey = target.kind === 'local' ? doc.key : target.kind === 'file' ? target.path : target.url;
      const site: RefSite = { doc, holder, pointer, ref, target, targetKey };
      result.sites.push(site);
      result.siteOf.set(holder, site);
      if (result.byKey.has(targetKey) || target.kind === 'local') continue;
      if (--budget.filesLeft < 0) {
        throw new KitError('SPEC_TOO_MANY_FILES', `$ref ${JSON.stringify(ref)} would read more than ${budget.limits.maxFiles} files (maxFiles)`, location);
      }
      let loaded: SpecDocument;
      if (target.kind === 'file') {
        const real = await confinedRealPath(rootDir, rootReal, target.path, ref, location);
        const bytes = await readSpecFile(real, budget, { ...location, label: `$ref ${JSON.stringify(ref)}: `, noFollow: true });
        const value = parseSpecValue(decodeSpecText(bytes, target.path), target.path, budget);
        loaded = { key: targetKey, file: target.path, base: { kind: 'file', path: target.path }, value };
      } else {
        const bytes = await fetchRemote(target.url, ref, budget, location);
        const value = parseSpecValue(decodeSpecText(bytes, target.url), target.url, budget, new URL(target.url).pathname);
        loaded = { key: targetKey, file: target.url, base: { kind: 'remote', url: target.url }, value };
      }
      result.byKey.set(targetKey, loaded);
      queue.push(loaded);
    }
  }
  return result;
}

/** Every object with a string `$ref`, in document order, with its pointer (each shared object once). */
export function collectRefs(value: unknown): { holder: object; pointer: string; ref: string }[] {
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

async function fetchRemote(url: string, ref: string, budget: Budget, location: { file: string; pointer: string }): Promise<Uint8Array> {
  const fail = (code: ErrorCode, message: string, exitCode: 2 | 3 = EXIT.badInput): never => {
    throw new KitError(code, `$ref ${JSON.stringify(ref)} ${message}`, { ...location, exitCode });
  };
  const fetcher = budget.limits.fetchRemote ?? fetchRemoteRef;
  const timeoutMs = budget.limits.remoteTimeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RemoteTimeout()), timeoutMs);
  });
  try {
    const bytes = await Promise.race([fetcher(new URL(url), { maxBytes: budget.bytesLeft, timeoutMs }), timeout]);
    if (bytes.length > budget.bytesLeft) fail('SPEC_TOO_LARGE', `is over the ${budget.limits.maxBytes}-byte limit (maxBytes, all spec files together)`);
    budget.bytesLeft -= bytes.length;
    return bytes;
  } catch (error) {
    if (error instanceof KitError) throw error;
    if (error instanceof RemoteRefusedError) return fail('SPEC_REF_REMOTE', `is refused: ${error.message}`);
    if (error instanceof RemoteTooLargeError) return fail('SPEC_TOO_LARGE', `is over the ${budget.limits.maxBytes}-byte limit (maxBytes, all spec files together)`);
    const name = (error as Error | undefined)?.name;
    if (error instanceof RemoteTimeout || name === 'TimeoutError' || name === 'AbortError') return fail('SPEC_REF_TIMEOUT', `timed out after ${timeoutMs} ms`, EXIT.environment);
    const message = error instanceof Error ? error.message : String(error);
    return fail('SPEC_REF_FETCH', `could not be fetched: ${message.split('\n', 1)[0]?.slice(0, 200) ?? ''}`, EXIT.environment);
  } finally {
    clearTimeout(timer);
  }
}

class RemoteTimeout extends Error {}
