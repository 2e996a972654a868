import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';
import { KitError } from '../errors.js';
import type { SpecDocuments } from './refs.js';
import { escapePointer } from './walk.js';

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}

/**
 * swagger-parser's validation (the OpenAPI 3.0 JSON schema, then dereferencing) on documents the
 * front door has already read, parsed and checked. It reads nothing itself: its file and http
 * resolvers and its parsers are replaced by one that hands out the already-parsed documents by
 * path, and refuses anything else (which would mean its idea of a ref differs from ours).
 */
export async function validateDocuments(docs: SpecDocuments): Promise<OpenAPIV3.Document> {
  const file = docs.root.file;
  const lookup = (url: string): unknown => {
    const byUrl = docs.byKey.get(url);
    if (byUrl !== undefined && byUrl.base.kind === 'remote') return byUrl.value;
    let fsPath: string | undefined;
    try {
      fsPath = fileURLToPath(new URL(url.startsWith('file:') ? url : `file://${url}`));
    } catch {
      fsPath = undefined;
    }
    const doc = fsPath === undefined ? undefined : docs.byKey.get(fsPath);
    if (doc === undefined || doc.base.kind !== 'file') throw new Error(`not loaded by the front door: ${url}`);
    return doc.value;
  };
  const options = {
    resolve: {
      external: true,
      file: false,
      http: false,
      frontDoor: { order: 1, canRead: () => true, read: (info: { url: string }) => lookup(info.url) },
    },
    parse: {
      json: false,
      yaml: false,
      text: false,
      binary: false,
      frontDoor: { order: 1, allowEmpty: false, canParse: () => true, parse: (info: { data: unknown }) => info.data },
    },
    continueOnError: false,
    dereference: { circular: true },
  };
  try {
    return (await new SwaggerParser().validate(file, docs.root.value as never, options as never)) as unknown as OpenAPIV3.Document;
  } catch (error) {
    throw describe(error, file);
  }
}

function describe(error: unknown, file: string): KitError {
  const e = error as { message?: string; code?: string; details?: AjvError[] };
  // swagger-parser names the file in some messages: keep the message free of absolute paths.
  const firstLine = ((e.message ?? String(error)).split('\n', 1)[0]?.slice(0, 300) ?? '').split(file).join(path.basename(file));
  if (Array.isArray(e.details)) {
    const { pointer, message } = pickAjvError(e.details);
    return new KitError('SPEC_INVALID', message, { file, pointer, cause: error });
  }
  if (e.code === 'EMISSINGPOINTER' || e.code === 'EINVALIDPOINTER') return new KitError('SPEC_REF_MISSING', firstLine, { file, cause: error });
  if (e.code === 'ERESOLVER' || e.code === 'EUNMATCHEDRESOLVER') return new KitError('SPEC_REF_UNRESOLVED', firstLine, { file, cause: error });
  if (error instanceof RangeError) return new KitError('SPEC_TOO_DEEP', firstLine, { file, cause: error });
  if (firstLine.startsWith('API version')) return new KitError('SPEC_INVALID', firstLine, { file, pointer: '/info/version', cause: error });
  if (/version/i.test(firstLine)) return new KitError('SPEC_VERSION', firstLine, { file, pointer: '/openapi', cause: error });
  return new KitError('SPEC_INVALID', firstLine, { file, cause: error });
}

/**
 * One readable line out of Ajv's `allErrors` list, the same for the same spec: summary keywords
 * (oneOf, anyOf...) are skipped, the deepest location wins (ties: pointer, then message order).
 */
export function pickAjvError(errors: readonly AjvError[]): { pointer: string; message: string } {
  const useful = errors.filter((e) => !['oneOf', 'anyOf', 'not', 'if', 'then', 'else'].includes(e.keyword));
  const pool = (useful.length > 0 ? useful : errors).map((e) => {
    const extra = e.params?.additionalProperty;
    const pointer = typeof extra === 'string' ? `${e.instancePath}/${escapePointer(extra)}` : e.instancePath;
    const message = typeof extra === 'string' ? `${JSON.stringify(extra)} is not allowed here` : (e.message ?? e.keyword);
    return { pointer, message };
  });
  pool.sort((a, b) => depth(b.pointer) - depth(a.pointer) || compare(a.pointer, b.pointer) || compare(a.message, b.message));
  const unique = new Set(pool.map((p) => `${p.pointer} ${p.message}`));
  const best = pool[0] ?? { pointer: '', message: 'the spec does not match the OpenAPI 3.0 schema' };
  const others = unique.size - 1;
  return { pointer: best.pointer, message: `${best.message} (OpenAPI 3.0 schema${others > 0 ? `; ${others} more problem${others === 1 ? '' : 's'}` : ''})` };
}

function depth(pointer: string): number {
  return pointer === '' ? 0 : pointer.split('/').length;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
