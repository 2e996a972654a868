import path from 'node:path';
import type SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';
import { KitError } from '../errors.js';
import type { SpecDocuments } from './refs.js';
import { runValidation, type AjvError, type ErrorFacts, type ValidationInput } from './swagger-validation.js';
import { validateInWorker } from './validate-thread.js';
import { escapePointer } from './walk.js';

/** swagger-parser's module as `import()` gives it (CommonJS: the class is the default export). */
interface SwaggerParserModule {
  default: typeof SwaggerParser;
}

/** How validation runs; every field has a default. */
export interface ValidateContext {
  /**
   * Loads swagger-parser (default: `import('@apidevtools/swagger-parser')`, on first use, so that
   * importing the kit never loads it). When the running module system cannot load it
   * (`ERR_REQUIRE_ESM`: Jest's module runtime before Node 24.9 refuses the `require` of its
   * ESM-only dependency), validation runs in a worker thread, under Node's own loader.
   */
  loadParser?: () => Promise<SwaggerParserModule>;
}

/**
 * swagger-parser's validation (the OpenAPI 3.0 JSON schema, then dereferencing) on documents the
 * front door has already read, parsed and checked. It reads nothing itself: its file and http
 * resolvers and its parsers are replaced by one that hands out the already-parsed documents by
 * path, and refuses anything else (which would mean its idea of a ref differs from ours).
 * In process when swagger-parser can be loaded here, else in a worker thread (one per call; the
 * same validation, the same KitErrors, the document back with its cycles and shared objects).
 */
export async function validateDocuments(docs: SpecDocuments, ctx: ValidateContext = {}): Promise<OpenAPIV3.Document> {
  const input: ValidationInput = {
    file: docs.root.file,
    root: docs.root.value,
    documents: [...docs.byFile.values()].map((d) => ({ file: d.file, value: d.value })),
  };
  const parser = await (ctx.loadParser ?? importParser)().then(
    (module) => module.default,
    (error: unknown) => {
      if (needsNodeLoader(error)) return undefined;
      throw error;
    },
  );
  if (parser === undefined) {
    const outcome = await validateInWorker(input);
    if (outcome.ok) return outcome.document;
    throw describe(reviveError(outcome.error), input.file);
  }
  try {
    return await runValidation(parser, input);
  } catch (error) {
    throw describe(error, input.file);
  }
}

function importParser(): Promise<SwaggerParserModule> {
  return import('@apidevtools/swagger-parser') as Promise<SwaggerParserModule>;
}

/**
 * True when the module system that runs this code cannot load swagger-parser, which `require`s
 * an ESM-only package: Node's own loader can (from 20.19), Jest's module runtime (before Node
 * 24.9) throws `ERR_REQUIRE_ESM` "Must use import to load ES Module: ...".
 */
export function needsNodeLoader(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'ERR_REQUIRE_ESM' || (typeof message === 'string' && message.startsWith('Must use import to load ES Module'));
}

function reviveError(facts: ErrorFacts): Error {
  const error = facts.rangeError ? new RangeError(facts.message) : new Error(facts.message);
  return Object.assign(error, facts.code === undefined ? {} : { code: facts.code }, facts.details === undefined ? {} : { details: facts.details });
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
function pickAjvError(errors: readonly AjvError[]): { pointer: string; message: string } {
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
