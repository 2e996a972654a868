import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The package root, found from this file whether it runs from `src/` (tsx) or `dist/`. */
export function packageRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // src/openapi or dist/openapi → two levels up
  return path.resolve(here, '..', '..');
}

/** The Numbers spec shipped with the kit: `openapi/numbers.v1.yaml` at the package root. */
export function bundledSpecPath(): string {
  return path.join(packageRoot(), 'openapi', 'numbers.v1.yaml');
}

/** The bundled spec's catalog, precompiled by `npm run regen` so tests need not parse the spec. */
export function bundledCatalogPath(): string {
  return path.join(packageRoot(), 'openapi', 'numbers.v1.catalog.json');
}
