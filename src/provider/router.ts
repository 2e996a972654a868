/**
 * Routing from the spec's path templates, including the custom-method suffixes (`{phoneNumber}:rent`,
 * `availableNumbers:rentAny`, `emergencyAddress:provision`). A path parameter never spans `/` or `:`,
 * so `+12025550156:rent` routes to `:rent`, never to the plain `{phoneNumber}` template. Segments
 * may arrive percent-encoded (`%2B`, `%3A`): they are decoded per segment after matching the raw text.
 */
import { compilePathTemplate, type CompiledTemplate } from '../openapi/path-template.js';
import { setOwn } from '../openapi/own.js';
import type { HttpMethod, OperationInfo } from '../catalog/types.js';

interface Route {
  compiled: CompiledTemplate;
  operations: Map<HttpMethod, OperationInfo>;
}

type RouteMatch =
  | { kind: 'operation'; operation: OperationInfo; params: Record<string, string> }
  /** The path exists, the method does not: 405 with `Allow`. */
  | { kind: 'method'; allow: string; operation: OperationInfo }
  | { kind: 'none' };

export interface Router {
  match(method: string, rawPath: string): RouteMatch;
}

const METHOD_ORDER: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export function buildRouter(operations: readonly OperationInfo[]): Router {
  const routes = new Map<string, Route>();
  for (const op of operations) {
    let route = routes.get(op.pathTemplate);
    if (route === undefined) {
      route = { compiled: compilePathTemplate(op.pathTemplate, '/:'), operations: new Map() };
      routes.set(op.pathTemplate, route);
    }
    route.operations.set(op.method, op);
  }
  const list = [...routes.values()];

  return {
    match(method, rawPath) {
      const path = normalisePath(rawPath);
      if (path === undefined) return { kind: 'none' };
      for (const route of list) {
        const found = route.compiled.match(path);
        if (found === undefined) continue;
        const operation = route.operations.get(method.toUpperCase() as HttpMethod);
        if (operation === undefined) {
          const allowed = METHOD_ORDER.filter((m) => route.operations.has(m));
          const first = route.operations.get(allowed[0] as HttpMethod) as OperationInfo;
          return { kind: 'method', allow: allowed.join(', '), operation: first };
        }
        const params: Record<string, string> = {};
        route.compiled.names.forEach((name, index) => setOwn(params, name, decode(found[index] ?? '')));
        return { kind: 'operation', operation, params };
      }
      return { kind: 'none' };
    },
  };
}

/** Matching happens on the path with `:` and `/` decoded only where they are delimiters. */
function normalisePath(rawPath: string): string | undefined {
  // A percent-encoded colon before a custom verb (`%3Arent`) is the same URL to the API.
  const path = rawPath.replace(/%3A(?=[A-Za-z]+$)/i, ':');
  if (!path.startsWith('/')) return undefined;
  // Trailing slashes cut by a loop: /\/+$/ tries every slash as a start (quadratic on a path of slashes).
  let end = path.length;
  while (end > 1 && path[end - 1] === '/') end--;
  return path.slice(0, end);
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
