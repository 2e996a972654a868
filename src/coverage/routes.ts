/**
 * Finds the operation a request path and method belong to, from the spec's path templates.
 * Path parameters match any one segment (`+12025550134` or `%2B12025550134` alike); a custom
 * method suffix (`{phoneNumber}:rent`) is literal, and the most specific template wins, so
 * `…/+12025550156:rent` is RentNumber, not GetAvailableNumber with phoneNumber `+12025550156:rent`.
 */
import type { Catalog, OperationInfo } from '../catalog/types.js';
import { compilePathTemplate, type CompiledTemplate } from '../openapi/path-template.js';

interface Template {
  pathTemplate: string;
  segments: CompiledTemplate[];
  /** Number of literal characters: more is more specific. */
  literal: number;
  operations: OperationInfo[];
}

interface Route {
  pathTemplate: string;
  /** The operation with this method on the path, if the spec has one. */
  operation: OperationInfo | undefined;
  /** Every operation on the path (for a method the path does not document, e.g. a 405). */
  operations: OperationInfo[];
}

export interface Router {
  route(method: string, requestPath: string): Route | undefined;
}

function compile(pathTemplate: string, operations: OperationInfo[]): Template {
  // Per segment: a segment is matched decoded, so an encoded '/' (%2F) stays inside its segment.
  const segments = pathTemplate.split('/').map((part) => compilePathTemplate(part));
  return { pathTemplate, segments, literal: compilePathTemplate(pathTemplate).literalLength, operations };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function createRouter(catalog: Catalog): Router {
  const byTemplate = new Map<string, OperationInfo[]>();
  for (const op of catalog.operations) byTemplate.set(op.pathTemplate, [...(byTemplate.get(op.pathTemplate) ?? []), op]);
  const templates = [...byTemplate].map(([t, ops]) => compile(t, ops)).sort((a, b) => b.literal - a.literal);
  return {
    route(method, requestPath) {
      const clean = requestPath.split(/[?#]/, 1)[0] ?? '';
      const segments = clean.split('/').map(decode);
      const hit = templates.find((t) => t.segments.length === segments.length && t.segments.every((segment, i) => segment.match(segments[i] ?? '') !== undefined));
      if (hit === undefined) return undefined;
      return { pathTemplate: hit.pathTemplate, operation: hit.operations.find((op) => op.method === method.toUpperCase()), operations: hit.operations };
    },
  };
}
