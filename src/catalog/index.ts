import { buildCatalog } from './build.js';
import type { Catalog } from './types.js';

export { buildCatalog } from './build.js';
export { selectCases, selectEventCases, SINCH_SDK_TRIGGERS } from './select.js';
export type { CaseSelector, EventSelector } from './select.js';

/** Loads, validates and walks the spec at `specPath` into its error catalog. */
export async function loadCatalog(specPath: string): Promise<Catalog> {
  // On demand: the YAML parser, swagger-parser and Ajv are needed only when a spec is read from source.
  const { loadSpec } = await import('../openapi/load.js');
  return buildCatalog(await loadSpec(specPath));
}
