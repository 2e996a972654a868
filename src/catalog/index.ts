import { loadSpec } from '../openapi/load.js';
import { buildCatalog } from './build.js';
import { sourceNamesOf } from './sources.js';
import type { Catalog, Envelope, ErrorCase, SourceName } from './types.js';

export { buildCatalog } from './build.js';

/** Loads, validates and walks the spec at `specPath` into its error catalog. */
export async function loadCatalog(specPath: string): Promise<Catalog> {
  return buildCatalog(await loadSpec(specPath));
}

export interface CaseFilter {
  operation?: readonly string[];
  status?: readonly number[];
  code?: readonly string[];
  envelope?: readonly Envelope[];
  /** Cases that this kind of source documents: official, status-page, sdk, inferred. */
  source?: readonly SourceName[];
}

/** The cases that pass every given filter (a filter left out or empty lets all through). */
export function selectCases(cases: readonly ErrorCase[], filter: CaseFilter): ErrorCase[] {
  const allows = <T>(list: readonly T[] | undefined, value: T): boolean => list === undefined || list.length === 0 || list.includes(value);
  return cases.filter(
    (c) =>
      allows(filter.operation, c.operationId) &&
      allows(filter.status, c.status) &&
      allows(filter.code, c.code) &&
      allows(filter.envelope, c.envelope) &&
      (filter.source === undefined || filter.source.length === 0 || sourceNamesOf(c).some((name) => filter.source?.includes(name))),
  );
}
