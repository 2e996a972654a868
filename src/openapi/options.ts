import { KitError } from '../errors.js';

/** Options of `loadSpec`; every limit has a safe default. */
export interface LoadSpecOptions {
  /** Bytes read in all, the spec and every file it references together (default 4 MiB). */
  maxBytes?: number;
  /** Nesting depth of any value, also after following aliases and `$ref`s (default 100, at most 256). */
  maxDepth?: number;
  /** Nodes (objects, arrays, scalars): as written, and after expanding YAML aliases and `$ref`s (default 1,000,000). */
  maxNodes?: number;
  /** Files a spec may reference, directly or not (default 100). */
  maxFiles?: number;
}

export interface Limits {
  maxBytes: number;
  maxDepth: number;
  maxNodes: number;
  maxFiles: number;
}

const DEFAULT_LIMITS = {
  maxBytes: 4 * 1024 * 1024,
  maxDepth: 100,
  maxNodes: 1_000_000,
  maxFiles: 100,
} as const;

/**
 * The YAML composer and the resolvers after it recurse once per level; past about 700 levels the
 * process can die outright (a V8 fatal error, not a catchable RangeError). 256 keeps far from that.
 */
const MAX_DEPTH_CEILING = 256;

export function resolveLimits(options: LoadSpecOptions = {}): Limits {
  const count = (name: keyof typeof DEFAULT_LIMITS, ceiling = Number.MAX_SAFE_INTEGER): number => {
    const value = options[name] ?? DEFAULT_LIMITS[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > ceiling) {
      throw new KitError('SPEC_OPTIONS', `${name} must be an integer from 1 to ${ceiling}, got ${JSON.stringify(value)}`, { argument: name });
    }
    return value;
  };
  return {
    maxBytes: count('maxBytes'),
    maxDepth: count('maxDepth', MAX_DEPTH_CEILING),
    maxNodes: count('maxNodes'),
    maxFiles: count('maxFiles'),
  };
}

/** What one load may still spend: shared by the spec and every file it references. */
export interface Budget {
  limits: Limits;
  bytesLeft: number;
  nodesLeft: number;
  filesLeft: number;
}

export function newBudget(limits: Limits): Budget {
  return { limits, bytesLeft: limits.maxBytes, nodesLeft: limits.maxNodes, filesLeft: limits.maxFiles };
}
