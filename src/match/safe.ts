/**
 * Reading untrusted values without throwing and without touching prototypes: property reads
 * that survive throwing getters and proxies, JSON parsing that drops `__proto__` /
 * `constructor.prototype`, and bounded copies that never assign a dangerous key.
 */

import { isRecord } from '../util/record.js';

/** Keys never read from, nor written into, data that came from outside. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type Rec = Record<string, unknown>;

/** Any object, arrays included (receivers are read through their properties). */
export function isObject(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null;
}

export function isPlainData(value: unknown): value is Rec {
  if (!isRecord(value)) return false;
  const proto = safeCall(() => Object.getPrototypeOf(value) as unknown, undefined);
  return proto === Object.prototype || proto === null;
}

/**
 * A Promise a matcher refuses is left to nobody: if it rejects later, the runner reports an
 * unhandled rejection with the client's whole error (Jest printed a 1,350-line AxiosError with its
 * Authorization header). A no-op handler marks it handled; the refusal is the failure the user sees.
 * Only real Promises: calling `then` on another thenable (a request builder) could start its work.
 */
export function quieten(received: unknown): void {
  safeCall(() => Promise.prototype.then.call(received, undefined, () => undefined), undefined);
}

export function safeCall<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

/** `obj[key]` (own or inherited: transport objects use getters), or undefined if reading throws. */
export function get(obj: unknown, key: string): unknown {
  if (!isObject(obj) && typeof obj !== 'function') return undefined;
  if (UNSAFE_KEYS.has(key)) return undefined;
  return safeCall(() => (obj as Rec)[key], undefined);
}

/** `obj[key]` only when it is an own property: for bodies, which are data. */
export function own(obj: unknown, key: string): unknown {
  if (!isObject(obj) || UNSAFE_KEYS.has(key)) return undefined;
  return safeCall(() => (Object.prototype.hasOwnProperty.call(obj, key) ? (obj as Rec)[key] : undefined), undefined);
}

export function has(obj: unknown, key: string): boolean {
  if (!isObject(obj)) return false;
  return safeCall(() => key in obj, false);
}

export function ownKeys(obj: unknown, limit: number): string[] {
  if (!isObject(obj)) return [];
  return safeCall(() => Object.keys(obj).slice(0, limit), []);
}

/** `JSON.parse` that drops `__proto__` keys and `constructor` objects holding a `prototype`. */
export function parseJsonSafely(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    const value: unknown = JSON.parse(text, function reviver(key, val: unknown) {
      if (key === '__proto__') return undefined;
      if (key === 'constructor' && isObject(val) && Object.prototype.hasOwnProperty.call(val, 'prototype')) return undefined;
      return val;
    });
    return { ok: true, value };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: message.split('\n')[0] ?? message };
  }
}

/**
 * A JSON-like copy of `value`, at most `maxDepth` levels and `maxEntries` entries per level,
 * without unsafe keys, cycles (`'[Circular]'`) or non-JSON values (functions, symbols become strings).
 */
export function sanitizedCopy(value: unknown, maxDepth = 8, maxEntries = 200): unknown {
  const seen = new Set<object>();
  const walk = (v: unknown, depth: number): unknown => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
    if (typeof v === 'bigint') return `${v}n`;
    if (typeof v === 'undefined') return undefined;
    if (typeof v === 'function' || typeof v === 'symbol') return `[${typeof v}]`;
    if (seen.has(v)) return '[Circular]';
    if (depth >= maxDepth) return Array.isArray(v) ? '[Array]' : '[Object]';
    seen.add(v);
    try {
      if (Array.isArray(v)) {
        const items = safeCall(() => v.slice(0, maxEntries), [] as unknown[]);
        return items.map((item) => walk(item, depth + 1));
      }
      const out: Rec = {};
      for (const key of ownKeys(v, maxEntries)) {
        if (UNSAFE_KEYS.has(key)) continue;
        const copied = walk(own(v, key), depth + 1);
        if (copied !== undefined) Object.defineProperty(out, key, { value: copied, enumerable: true, writable: true, configurable: true });
      }
      return out;
    } finally {
      seen.delete(v);
    }
  };
  return walk(value, 0);
}
