/**
 * A dereferenced schema as Ajv can compile it. swagger-parser turns a recursive schema (an error
 * whose `details` items are errors) into a cyclic object graph, on which Ajv recurses until the
 * stack overflows. Here every object that is reached again while it is being walked becomes a
 * `definitions` entry with `$ref`s to it; everything else is shared, not copied. A schema without
 * cycles is returned as it is.
 */
export function toAcyclicSchema(schema: object): object {
  const recursive = backEdgeTargets(schema);
  if (recursive.size === 0) return schema;
  const ids = new Map<object, string>([...recursive].map((node, index) => [node, `kitRecursive${index}`]));
  const definitions: Record<string, unknown> = {};
  const copies = new Map<object, unknown>();

  const copy = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const id = ids.get(value);
    if (id !== undefined) {
      if (!(id in definitions)) {
        definitions[id] = true; // placeholder: the copy below may reach this node again
        definitions[id] = copyInner(value);
      }
      return { $ref: `#/definitions/${id}` };
    }
    return copyInner(value);
  };
  const copyInner = (value: object): unknown => {
    const known = copies.get(value);
    if (known !== undefined && !ids.has(value)) return known;
    const result: unknown = Array.isArray(value) ? value.map(copy) : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v)]));
    if (!ids.has(value)) copies.set(value, result);
    return result;
  };

  const root = copy(schema) as Record<string, unknown>;
  // `$ref` ignores its siblings in draft-07; keep the definitions beside an allOf instead.
  return ids.has(schema) ? { allOf: [root], definitions } : { ...root, definitions };
}

/** Objects that are children of an object on the current walk path and are on that path too. */
function backEdgeTargets(root: object): Set<object> {
  const targets = new Set<object>();
  const done = new Set<object>();
  const onPath = new Set<object>();
  const stack: { node: object; children: unknown[]; index: number }[] = [{ node: root, children: Object.values(root), index: 0 }];
  onPath.add(root);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as { node: object; children: unknown[]; index: number };
    if (frame.index < frame.children.length) {
      const child = frame.children[frame.index++];
      if (child === null || typeof child !== 'object') continue;
      if (onPath.has(child)) targets.add(child);
      else if (!done.has(child)) {
        onPath.add(child);
        stack.push({ node: child, children: Object.values(child), index: 0 });
      }
      continue;
    }
    stack.pop();
    onPath.delete(frame.node);
    done.add(frame.node);
  }
  return targets;
}
