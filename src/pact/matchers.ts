/**
 * The few Pact matchers the kit's interactions use, as plain data in the `pact:matcher:type`
 * form that pact-js's matchers also produce and the Pact core reads (pact-js `src/v3/matchers.ts`).
 * Kept local so building interactions needs neither pact-js nor the native core.
 */
export interface PactMatcher {
  'pact:matcher:type': 'type' | 'equality' | 'regex';
  value: unknown;
  regex?: string;
  min?: number;
}

/** Same type as the example (recursively for objects); values may differ. */
export function like(value: unknown): PactMatcher {
  return { 'pact:matcher:type': 'type', value };
}

/** Exactly the example. */
export function equal(value: unknown): PactMatcher {
  return { 'pact:matcher:type': 'equality', value };
}

/** A string matching `pattern` (a Rust `regex` crate pattern); `example` must match it. */
export function regex(pattern: string, example: string): PactMatcher {
  if (!new RegExp(pattern).test(example)) throw new Error(`example '${example}' does not match its own regex ${pattern}`);
  return { 'pact:matcher:type': 'regex', regex: pattern, value: example };
}

/** Any array, whatever its elements (the example is empty: Pact compares elements to the template's). */
export function anyArray(): PactMatcher {
  return { 'pact:matcher:type': 'type', min: 0, value: [] };
}

export function isPactMatcher(value: unknown): value is PactMatcher {
  return typeof value === 'object' && value !== null && 'pact:matcher:type' in value;
}

/** The example a value stands for: matchers replaced by their examples, recursively. */
export function exampleOf(value: unknown): unknown {
  if (isPactMatcher(value)) return exampleOf(value.value);
  if (Array.isArray(value)) return value.map(exampleOf);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, exampleOf(inner)]));
  }
  return value;
}
