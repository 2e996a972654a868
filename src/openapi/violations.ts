/**
 * The kit's rule for a request body that breaks its schema (openapi/README.md): a structural break
 * (a missing property, a wrong JSON type, no matching variant) is the legacy
 * `syntax_constraint_violation`; a value break (enum, pattern, format, length, range) is
 * `INVALID_ARGUMENT`. The provider, lint and the tests all ask this one function.
 */
const STRUCTURAL_KEYWORDS = new Set(['required', 'type', 'oneOf', 'anyOf', 'not', 'additionalProperties', 'dependencies', 'dependentRequired']);

export type ViolationKind = 'structural' | 'value';

export function violationKind(keyword: string): ViolationKind {
  return STRUCTURAL_KEYWORDS.has(keyword) ? 'structural' : 'value';
}

/** The documented code for a body whose Ajv errors carry these keywords. */
export function bodyViolationCode(keywords: Iterable<string>): 'syntax_constraint_violation' | 'INVALID_ARGUMENT' {
  for (const keyword of keywords) if (violationKind(keyword) === 'structural') return 'syntax_constraint_violation';
  return 'INVALID_ARGUMENT';
}
