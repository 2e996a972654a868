import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';
import { parseDocument } from 'yaml';
import { EXIT, KitError } from '../errors.js';

export interface LoadedSpec {
  /** Absolute path of the spec file. */
  path: string;
  sha256: string;
  /** The document with every `$ref` resolved (shared objects stay shared). */
  document: OpenAPIV3.Document;
}

/**
 * Reads, parses and validates an OpenAPI 3.0 spec. Every failure is a KitError naming the file
 * (and line/column or JSON pointer where known), never a raw parser exception.
 */
export async function loadSpec(specPath: string): Promise<LoadedSpec> {
  let bytes: Buffer;
  try {
    bytes = await readFile(specPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? 'unknown error'})`;
    throw new KitError('SPEC_UNREADABLE', reason, { file: specPath, exitCode: code === 'ENOENT' || code === 'EISDIR' ? EXIT.badInput : EXIT.environment });
  }
  const raw = parseSpecText(bytes.toString('utf8'), specPath);
  let document: OpenAPIV3.Document;
  try {
    document = (await SwaggerParser.validate(specPath, raw as never, {
      resolve: { external: true, http: false },
    })) as OpenAPIV3.Document;
  } catch (error) {
    throw new KitError('SPEC_INVALID', describeValidationError(error), { file: specPath, cause: error });
  }
  if (typeof document.openapi !== 'string' || !document.openapi.startsWith('3.0')) {
    throw new KitError('SPEC_VERSION', `expected an OpenAPI 3.0.x document, found openapi: ${JSON.stringify(document.openapi)}`, {
      file: specPath,
      pointer: '/openapi',
    });
  }
  return { path: specPath, sha256: createHash('sha256').update(bytes).digest('hex'), document };
}

/** YAML (or JSON, a subset) to a plain value, with line and column on syntax errors. */
export function parseSpecText(text: string, file: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true, strict: true });
  const first = doc.errors[0];
  if (first !== undefined) {
    // With prettyErrors the first line already ends in "at line L, column C:".
    const message = (first.message.split('\n', 1)[0] ?? '').replace(/:$/, '');
    const pos = first.linePos?.[0];
    const where = pos === undefined || message.includes(' at line ') ? '' : ` at line ${pos.line}, column ${pos.col}`;
    throw new KitError('SPEC_SYNTAX', `${message}${where}`, { file });
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new KitError('SPEC_NOT_OBJECT', 'the spec must be a YAML or JSON object', { file, pointer: '' });
  }
  return value;
}

function describeValidationError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // swagger-parser puts a multi-line report after the first line; keep the first useful line.
  const lines = message.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  return lines.slice(0, 2).join(' ').slice(0, 400);
}
