import { loadSpec } from '../openapi/load.js';
import { buildCatalog } from './build.js';
import type { Catalog } from './types.js';

export { buildCatalog } from './build.js';
export { selectCases, CASE_FILTERS, SELECTOR_KEYS } from './select.js';
export type { CaseSelector, CaseFilterRow, SelectOptions } from './select.js';

/** Loads, validates and walks the spec at `specPath` into its error catalog. */
export async function loadCatalog(specPath: string): Promise<Catalog> {
  return buildCatalog(await loadSpec(specPath));
}
