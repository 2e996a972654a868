import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import { KitError } from '../errors.js';
import type { Budget } from './options.js';
import { ancestorPointer } from './problems.js';
import type { Position } from './strict-json.js';
import { escapePointer } from './walk.js';

interface Visit {
  node: Node | null;
  pointer: string;
  depth: number;
  /** Where the value goes: its container and key (the root has none). */
  into?: Record<string, unknown> | unknown[];
  key?: string;
}

/**
 * A composed YAML document to its plain value in one iterative walk, in document order, checking
 * as it goes: the node budget (as written; an alias counts once), depth, duplicate keys (as JS keys:
 * `1` and `"1"` are the same key), keys that are not scalars, and values JSON cannot hold
 * (`!!binary`, `.inf`). An alias becomes a shared reference to the value of the last anchor of
 * its name before it, found in a map kept during the walk: linear, where the `yaml` package's own
 * `toJS` searches the document once per alias (quadratic: 20,000 aliases took about a minute).
 * `__proto__` stays an ordinary own key. Returns the value and how many aliases it has.
 */
export function yamlValue(doc: Document.Parsed, file: string, budget: Budget, at: Position): { value: unknown; aliases: number } {
  const anchors = new Map<string, unknown>();
  let aliases = 0;
  let root: unknown = null;
  const stack: Visit[] = [{ node: doc.contents, pointer: '', depth: 0 }];
  const fail = (code: 'SPEC_SYNTAX', message: string, offset: number | undefined, pointer: string): never => {
    throw new KitError(code, `${message} at ${at(offset ?? 0)}`, { file, pointer });
  };
  for (let visit = stack.pop(); visit !== undefined; visit = stack.pop()) {
    const { node, pointer, depth } = visit;
    if (--budget.nodesLeft < 0) {
      throw new KitError('SPEC_TOO_MANY_NODES', `more than ${budget.limits.maxNodes} nodes (maxNodes)`, { file, pointer });
    }
    let value: unknown = null;
    const children: Visit[] = [];
    if (node === null) {
      value = null;
    } else if (isAlias(node)) {
      if (!anchors.has(node.source)) fail('SPEC_SYNTAX', `alias *${node.source} has no anchor &${node.source} before it`, node.range?.[0], pointer);
      value = anchors.get(node.source);
      aliases++;
    } else if (isScalar(node)) {
      value = node.value;
      if (typeof value === 'number' && !Number.isFinite(value)) fail('SPEC_SYNTAX', `${String(value)} is not a JSON number`, node.range?.[0], pointer);
      if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
        fail('SPEC_SYNTAX', `a ${(node.tag ?? 'tagged').replace('tag:yaml.org,2002:', '!!')} value is not JSON data`, node.range?.[0], pointer);
      }
    } else {
      if (depth + 1 > budget.limits.maxDepth) {
        throw new KitError('SPEC_TOO_DEEP', `nested more than ${budget.limits.maxDepth} levels (maxDepth) at ${at(node.range?.[0] ?? 0)}`, { file, pointer: ancestorPointer(pointer) });
      }
      if (isSeq(node)) {
        const array: unknown[] = [];
        node.items.forEach((item, index) => {
          if (isPair(item)) fail('SPEC_SYNTAX', 'unexpected key: value pair in a sequence', (item.key as Node | null)?.range?.[0], pointer);
          children.push({ node: item as Node | null, pointer: `${pointer}/${index}`, depth: depth + 1, into: array, key: String(index) });
        });
        value = array;
      } else if (isMap(node)) {
        const object: Record<string, unknown> = {};
        const seen = new Map<string, number>();
        for (const pair of node.items) {
          const keyNode = pair.key as Node | null;
          const offset = keyNode?.range?.[0] ?? node.range?.[0] ?? 0;
          const key = keyString(keyNode);
          if (key === undefined) return fail('SPEC_SYNTAX', 'mapping keys must be strings, numbers or booleans', offset, pointer);
          const keyPointer = `${pointer}/${escapePointer(key)}`;
          const first = seen.get(key);
          if (first !== undefined) {
            throw new KitError('SPEC_DUPLICATE_KEY', `duplicate key ${JSON.stringify(key)} at ${at(offset)} (first at ${at(first)})`, { file, pointer: keyPointer });
          }
          seen.set(key, offset);
          children.push({ node: pair.value as Node | null, pointer: keyPointer, depth: depth + 1, into: object, key });
        }
        value = object;
      } else {
        fail('SPEC_SYNTAX', 'unsupported YAML node', (node as Node).range?.[0], pointer);
      }
    }
    // An anchor names its value from here on, before its children are read (an alias inside it is a cycle, found later).
    const anchor = node !== null && !isAlias(node) ? node.anchor : undefined;
    if (anchor !== undefined) anchors.set(anchor, value);
    if (visit.into === undefined) root = value;
    else if (Array.isArray(visit.into)) visit.into.push(value);
    else Object.defineProperty(visit.into, visit.key ?? '', { value, writable: true, enumerable: true, configurable: true });
    // Reversed, so that nodes are visited (and problems found) in document order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Visit);
  }
  return { value: root, aliases };
}

/** The JS object key a YAML key gives, or undefined when it is not a plain scalar. */
function keyString(key: Node | null): string | undefined {
  if (key === null) return '';
  if (!isScalar(key)) return undefined;
  const value: unknown = key.value;
  if (value === null) return '';
  if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return String(value);
  return undefined;
}
