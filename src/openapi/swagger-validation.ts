/**
 * The swagger-parser call itself and the plain data around it: what it is handed and what comes
 * back (the document, or the facts of its error). Both sides use it: openapi/validate.ts in
 * process, validate-worker.ts in a worker thread (the data crosses by structured clone).
 */
import { fileURLToPath } from 'node:url';
import type SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';

export interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** What swagger-parser is handed: the already-parsed documents, by path. Crosses to the worker by structured clone. */
export interface ValidationInput {
  /** The spec's path (what messages name). */
  file: string;
  root: unknown;
  documents: { file: string; value: unknown }[];
}

/** What the worker answers: the dereferenced document, or the facts `describe` needs of the error. */
export type ValidationOutcome = { ok: true; document: OpenAPIV3.Document } | { ok: false; error: ErrorFacts };

/** The parts of a swagger-parser error that `describe` reads, as plain data. */
export interface ErrorFacts {
  message: string;
  code?: string;
  details?: AjvError[];
  rangeError: boolean;
}

/** The validation itself, with swagger-parser's class given: here, or in the worker. Throws swagger-parser's own errors. */
export async function runValidation(Parser: typeof SwaggerParser, input: ValidationInput): Promise<OpenAPIV3.Document> {
  const byFile = new Map(input.documents.map((d) => [d.file, d]));
  const lookup = (url: string): unknown => {
    let fsPath: string | undefined;
    try {
      fsPath = fileURLToPath(new URL(url.startsWith('file:') ? url : `file://${url}`));
    } catch {
      fsPath = undefined;
    }
    const doc = fsPath === undefined ? undefined : byFile.get(fsPath);
    if (doc === undefined) throw new Error(`not loaded by the front door: ${url}`);
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
  return (await new Parser().validate(input.file, input.root as never, options as never)) as unknown as OpenAPIV3.Document;
}

/** A swagger-parser error as plain data (what the worker posts back). */
export function errorFacts(error: unknown): ErrorFacts {
  const e = (error ?? {}) as { message?: unknown; code?: unknown; details?: unknown };
  const details = Array.isArray(e.details)
    ? (e.details as AjvError[]).map((d) => ({ instancePath: d.instancePath, keyword: d.keyword, message: d.message, params: d.params }) as AjvError)
    : undefined;
  return {
    message: typeof e.message === 'string' ? e.message : String(error),
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(details === undefined ? {} : { details }),
    rangeError: error instanceof RangeError,
  };
}
