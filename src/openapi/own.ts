/**
 * Plain objects keyed by names a spec supplies (operationIds, error codes, parameter and header
 * names): a name such as `__proto__`, `constructor` or `toString` must be an ordinary key, never
 * Object.prototype's. Read with `ownValue`, write with `setOwn` (a `__proto__` assignment would
 * replace the prototype instead of adding a key).
 */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
}
