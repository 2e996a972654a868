import type { OpenAPIV3 } from 'openapi-types';

/** An operation's HTTP method (the catalog's `HttpMethod`). */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface WalkedOperation {
  operationId: string;
  method: HttpMethod;
  pathTemplate: string;
  operation: OpenAPIV3.OperationObject;
  /** Path-level parameters followed by the operation's own (the operation's win on name+in). */
  parameters: OpenAPIV3.ParameterObject[];
  /** JSON pointer of the operation object. */
  pointer: string;
}

/** The operations of a dereferenced document, in document order. */
export function walkOperations(document: OpenAPIV3.Document): WalkedOperation[] {
  const result: WalkedOperation[] = [];
  for (const [pathTemplate, item] of Object.entries(document.paths ?? {})) {
    if (item === undefined) continue;
    for (const key of Object.keys(item)) {
      const method = METHODS.find((m) => m === key);
      if (method === undefined) continue;
      const operation = item[method];
      if (operation === undefined) continue;
      const pointer = `/paths/${escapePointer(pathTemplate)}/${method}`;
      result.push({
        operationId: operation.operationId ?? `${method.toUpperCase()} ${pathTemplate}`,
        method: method.toUpperCase() as HttpMethod,
        pathTemplate,
        operation,
        parameters: mergeParameters(item.parameters, operation.parameters),
        pointer,
      });
    }
  }
  return result;
}

function mergeParameters(
  pathLevel: OpenAPIV3.PathItemObject['parameters'],
  operationLevel: OpenAPIV3.OperationObject['parameters'],
): OpenAPIV3.ParameterObject[] {
  const merged = new Map<string, OpenAPIV3.ParameterObject>();
  for (const p of [...(pathLevel ?? []), ...(operationLevel ?? [])]) {
    const param = p as OpenAPIV3.ParameterObject;
    merged.set(`${param.in}:${param.name}`, param);
  }
  return [...merged.values()];
}

/** RFC 6901 escaping of one reference token. */
export function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointerOf(...tokens: (string | number)[]): string {
  return tokens.map((t) => `/${escapePointer(String(t))}`).join('');
}
