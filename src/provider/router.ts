/**
 * Routing from the spec's path templates, including the custom-method suffixes (`{phoneNumber}:rent`,
 * `availableNumbers:rentAny`, `emergencyAddress:provision`). A path parameter never spans `/` or `:`,
 * so `+12025550156:rent` routes to `:rent`, never to the plain `{phoneNumber}` template. Segments
 * may arrive percent-encoded (`%2B`, `%3A`): they are decoded per segment after matching the raw text.
 */
import { compilePathTemplate } from '../openapi/path-template.js';
import type { HttpMethod, OperationInfo } from '../catalog/types.js';

interface Route {
  template: string;
  pattern: RegExp;
  names: string[];
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
      const { pattern, names } = compilePathTemplate(op.pathTemplate, '[^/:]+?');
      route = { template: op.pathTemplate, pattern, names, operations: new Map() };
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
        const found = route.pattern.exec(path);
        if (found === null) continue;
        const operation = route.operations.get(method.toUpperCase() as HttpMethod);
        if (operation === undefined) {
          const allowed = METHOD_ORDER.filter((m) => route.operations.has(m));
          const first = route.operations.get(allowed[0] as HttpMethod) as OperationInfo;
          return { kind: 'method', allow: allowed.join(', '), operation: first };
        }
        const params: Record<string, string> = {};
        route.names.forEach((name, index) => {
          params[name] = decode(found[index + 1] ?? '');
        });
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
  return path.startsWith('/') ? path.replace(/\/+$/, '') || '/' : undefined;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
