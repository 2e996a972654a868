import { escapePointer } from './walk.js';

export interface ExpansionLimits {
  maxNodes: number;
  maxDepth: number;
  /** A `$ref` object's target, to count it in place of the reference (undefined: count the object itself). */
  follow?: (value: object) => { value: unknown } | undefined;
  /** A value that contains itself: allowed (a recursive schema, counted once) or a failure (a recursive alias). */
  cycles: 'allow' | 'fail';
}

export type ExpansionProblem = { kind: 'nodes' | 'depth' | 'cycle'; pointer: string };

interface Frame {
  value: object;
  /** The key this value has in the frame below (undefined for the root). */
  key: string | undefined;
  keys: string[];
  index: number;
  size: number;
  depth: number;
}

/**
 * Size and depth of a value as a consumer that walks it would see them: a value reachable twice
 * (a YAML alias, or a `$ref` when `follow` is given) counts every time it is reached. Shared values
 * are memoized and the walk is iterative, so an alias or `$ref` bomb (9 references, 9 levels: 387
 * million nodes) is measured in linear time and stopped at the first subtree over budget, named
 * by its JSON pointer (the first path that reaches it; built only for the problem).
 */
export function measureExpansion(root: unknown, limits: ExpansionLimits): ExpansionProblem | undefined {
  const memo = new Map<object, { size: number; depth: number }>();
  const onPath = new Set<object>();
  const frames: Frame[] = [];
  const resolve = (value: unknown): unknown => {
    if (limits.follow === undefined || value === null || typeof value !== 'object') return value;
    const target = limits.follow(value);
    return target === undefined ? value : target.value;
  };
  /** Pointer of the value of frame `level` (1 = root), or of its child `key`. */
  const pointerAt = (level: number, key?: string): string => {
    let pointer = '';
    for (let f = 1; f < level; f++) pointer += `/${escapePointer(frames[f]?.key ?? '')}`;
    return key === undefined ? pointer : `${pointer}/${escapePointer(key)}`;
  };
  const push = (value: object, key: string | undefined): void => {
    onPath.add(value);
    frames.push({ value, key, keys: Object.keys(value), index: 0, size: 1, depth: 1 });
  };
  // Adds a finished child (its size, and its depth counted from the child) to the frame at `level` (1 = root); `key`: the child's.
  const add = (frame: Frame, level: number, size: number, depth: number, key: string | undefined): ExpansionProblem | undefined => {
    frame.size += size;
    frame.depth = Math.max(frame.depth, depth + 1);
    if (level + depth > limits.maxDepth) return { kind: 'depth', pointer: pointerAt(level, key) };
    if (frame.size > limits.maxNodes) return { kind: 'nodes', pointer: pointerAt(level) };
    return undefined;
  };

  const start = resolve(root);
  if (start === null || typeof start !== 'object') return undefined;
  push(start, undefined);
  while (frames.length > 0) {
    const level = frames.length;
    const frame = frames[level - 1] as Frame;
    if (frame.index < frame.keys.length) {
      const key = frame.keys[frame.index++] as string;
      const child = resolve((frame.value as Record<string, unknown>)[key]);
      let problem: ExpansionProblem | undefined;
      if (child === null || typeof child !== 'object') problem = add(frame, level, 1, 0, key);
      else if (onPath.has(child)) {
        if (limits.cycles === 'fail') return { kind: 'cycle', pointer: pointerAt(level, key) };
        problem = add(frame, level, 1, 0, key);
      } else {
        const known = memo.get(child);
        if (known !== undefined) problem = add(frame, level, known.size, known.depth, key);
        else if (level + 1 > limits.maxDepth) return { kind: 'depth', pointer: pointerAt(level, key) };
        else push(child, key);
      }
      if (problem !== undefined) return problem;
      continue;
    }
    frames.pop();
    onPath.delete(frame.value);
    memo.set(frame.value, { size: frame.size, depth: frame.depth });
    const parent = frames[frames.length - 1];
    if (parent !== undefined) {
      const problem = add(parent, frames.length, frame.size, frame.depth, frame.key);
      if (problem !== undefined) return problem;
    } else if (frame.size > limits.maxNodes) {
      return { kind: 'nodes', pointer: '' };
    }
  }
  return undefined;
}
