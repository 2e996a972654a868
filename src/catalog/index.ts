import type { Catalog } from './types.js';

export { selectCases, selectEventCases, SINCH_SDK_TRIGGERS } from './select.js';
export type { CaseSelector, EventSelector } from './select.js';

/** Loads, validates and walks the spec at `specPath` into its error catalog. */
export async function loadCatalog(specPath: string): Promise<Catalog> {
  // On demand: the YAML parser, swagger-parser and Ajv, and the catalog builder with its spec
  // walker, are needed only when a spec is read from source (the bundled one is precompiled).
  const [{ loadSpec }, { buildCatalog }] = await Promise.all([import('../openapi/load.js'), import('./build.js')]);
  return buildCatalog(await loadSpec(specPath));
}
