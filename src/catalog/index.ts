import { buildCatalog } from './build.js';
import type { Catalog, Envelope, ErrorCase } from './types.js';

export { buildCatalog } from './build.js';

/** Loads, validates and walks the spec at `specPath` into its error catalog. */
export async function loadCatalog(specPath: string): Promise<Catalog> {
  // On demand: the YAML parser, swagger-parser and Ajv are needed only when a spec is read from source.
  const { loadSpec } = await import('../openapi/load.js');
  return buildCatalog(await loadSpec(specPath));
}

export interface CaseFilter {
  operation?: readonly string[];
  status?: readonly number[];
  code?: readonly string[];
  envelope?: readonly Envelope[];
}

/** The cases that pass every given filter (a filter left out or empty lets all through). */
export function selectCases(cases: readonly ErrorCase[], filter: CaseFilter): ErrorCase[] {
  const allows = <T>(list: readonly T[] | undefined, value: T): boolean => list === undefined || list.length === 0 || list.includes(value);
  return cases.filter(
    (c) => allows(filter.operation, c.operationId) && allows(filter.status, c.status) && allows(filter.code, c.code) && allows(filter.envelope, c.envelope),
  );
}
