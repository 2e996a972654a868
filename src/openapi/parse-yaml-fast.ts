import { createRequire } from 'node:module';
import type { Budget } from './options.js';
import { withinPlainSubset } from './yaml-subset.js';

/**
 * The fast path of the YAML parse (`parse.ts`), for the plain YAML that specs are written in. The
 * full path (the `yaml` package's CST, composer and AST checks) took ~20 ms of generate's ~116 on
 * the bundled spec; js-yaml, the parser swagger-parser itself reads YAML with, takes ~2 ms. This
 * path gives the value the full path would give, or gives up:
 *
 * - it gives up at once on a text outside a plain subset (`yaml-subset.ts`: no tags, anchors,
 *   aliases, directives, explicit or collection keys, multi-line quoted scalars or flow
 *   collections, tabs...), where js-yaml is not known to read what the full path reads;
 * - js-yaml reads the rest with the YAML 1.2 core schema of the `yaml` package, rebuilt tag by tag
 *   (null, bool, int, float with its tests and conversions, in its order; no timestamps, no
 *   merge keys, no other types), duplicate keys as errors and a depth limit;
 * - then one walk counts the nodes as the full path counts them (every value, keys aside),
 *   within the same budget, and gives up on any problem the full path reports (non-finite
 *   numbers, keys a YAML null or `.inf` turns into, nesting near `maxDepth`, a shared value).
 *
 * Giving up (undefined) leaves the budget untouched: the full path then parses the text and
 * words any problem with its line and column, so every diagnostic is the full path's. A value
 * this path gives is a tree (no aliases) within the node and depth budgets, so `parse.ts` has no
 * aliases to expand and measure.
 * test/openapi/parse-yaml-fast.test.ts holds the two paths to the same values.
 */
export function parseYamlFast(text: string, budget: Budget): { value: unknown } | undefined {
  if (jsYaml === undefined || !withinPlainSubset(text)) return undefined;
  let value: unknown;
  try {
    value = jsYaml.load(text, { schema: jsYaml.schema, json: false, maxDepth: budget.limits.maxDepth });
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const nodes = countNodes(value, budget.limits.maxDepth - DEPTH_MARGIN);
  if (nodes === undefined || nodes > budget.nodesLeft) return undefined;
  budget.nodesLeft -= nodes;
  return { value };
}

/** The full path fails a collection deeper than `maxDepth` (its CST check a few levels earlier): stay clear of both. */
const DEPTH_MARGIN = 8;

/** Keys the full path gives differently (a null key is '' there) or refuses (`.inf`, `.nan`). */
const AMBIGUOUS_KEYS = new Set(['null', 'Infinity', '-Infinity', 'NaN']);

/** Nodes as the full path counts them (the root and every value), or undefined where it would not accept the value. */
function countNodes(root: object, maxDepth: number): number | undefined {
  const seen = new Set<object>();
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  let nodes = 0;
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    nodes++;
    const { value, depth } = item;
    if (value === null || typeof value === 'string' || typeof value === 'boolean') continue;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return undefined;
      continue;
    }
    if (typeof value !== 'object' || seen.has(value) || depth + 1 > maxDepth) return undefined;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const child of value) stack.push({ value: child, depth: depth + 1 });
      continue;
    }
    if (Object.getPrototypeOf(value) !== Object.prototype) return undefined;
    for (const key of Object.keys(value)) {
      if (AMBIGUOUS_KEYS.has(key)) return undefined;
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
  return nodes;
}

interface JsYamlType {
  readonly tag: string;
}

interface JsYamlModule {
  load(text: string, options: { schema: unknown; json: boolean; maxDepth: number }): unknown;
  Type: new (tag: string, options: { kind: 'scalar'; resolve: (data: unknown) => boolean; construct: (data: string) => unknown }) => JsYamlType;
  Schema: new (definition: { implicit: JsYamlType[]; explicit: JsYamlType[] }) => unknown;
}

/**
 * js-yaml 4 (a dependency of the kit, and the parser swagger-parser's resolver uses). Undefined
 * (the full path only) when it cannot be loaded or is not the js-yaml 4 API.
 */
function loadJsYaml(): (JsYamlModule & { schema: unknown }) | undefined {
  try {
    const module = createRequire(import.meta.url)('js-yaml') as Partial<JsYamlModule>;
    if (typeof module.load !== 'function' || typeof module.Type !== 'function' || typeof module.Schema !== 'function') return undefined;
    const { Type, Schema } = module as JsYamlModule;
    const scalar = (tag: string, test: RegExp, construct: (data: string) => unknown): JsYamlType =>
      new Type(`tag:yaml.org,2002:${tag}`, { kind: 'scalar', resolve: (data) => typeof data === 'string' && test.test(data), construct });
    // The `yaml` package's core schema (yaml/dist/schema/core): the same tests, in the same order, to the same values.
    const implicit = [
      scalar('null', /^(?:~|[Nn]ull|NULL)?$/, () => null),
      scalar('bool', /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (data) => data[0] === 't' || data[0] === 'T'),
      scalar('int', /^(?:0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+)$/, (data) =>
        data.startsWith('0o') ? parseInt(data.substring(2), 8) : data.startsWith('0x') ? parseInt(data.substring(2), 16) : parseInt(data, 10),
      ),
      scalar('float', /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/, (data) =>
        data.slice(-3).toLowerCase() === 'nan' ? Number.NaN : /inf$/i.test(data) ? (data[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY) : parseFloat(data),
      ),
    ];
    return { ...(module as JsYamlModule), schema: new Schema({ implicit, explicit: [] }) };
  } catch {
    return undefined;
  }
}

const jsYaml = loadJsYaml();
