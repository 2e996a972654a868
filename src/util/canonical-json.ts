/**
 * JSON with object keys sorted by code unit (locale-independent): equal values give equal text on
 * any machine. `indent` as JSON.stringify's; no trailing newline (files add their own).
 */
export function canonicalJson(value: unknown, indent = 0): string {
  // The Pact core writes its keys sorted already: then the sorted copy would be the same value,
  // and JSON.stringify gives the same text without it.
  return JSON.stringify(inCanonicalOrder(value) ? value : sortKeys(value), null, indent);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        .map((key) => [key, sortKeys(record[key])]),
    );
  }
  return value;
}

/**
 * Whether `value` is plain JSON data whose objects already list their keys as `sortKeys` would
 * (integer-like keys first, as JavaScript always lists them, then the others by code unit): the
 * sorted copy would enumerate the same. Anything else (undefined, NaN, a Date...) says no.
 */
function inCanonicalOrder(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || typeof item === 'string' || typeof item === 'boolean') continue;
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) return false;
      continue;
    }
    if (typeof item !== 'object') return false;
    if (Array.isArray(item)) {
      for (let i = 0; i < item.length; i++) {
        if (!(i in item)) return false;
        stack.push(item[i]);
      }
      continue;
    }
    const prototype: unknown = Object.getPrototypeOf(item);
    if (prototype !== Object.prototype && prototype !== null) return false;
    let previous: string | undefined;
    for (const key of Object.keys(item)) {
      if (!isArrayIndex(key)) {
        if (previous !== undefined && !(previous < key)) return false;
        previous = key;
      }
      stack.push((item as Record<string, unknown>)[key]);
    }
  }
  return true;
}

/** A key JavaScript lists before the others, in numeric order: an array index, 0 to 2³² − 2. */
function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9][0-9]{0,9})$/.test(key) && Number(key) < 4294967295;
}
