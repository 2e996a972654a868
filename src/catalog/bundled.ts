/**
 * The bundled spec's catalog without parsing or validating YAML at test time: `npm run regen`
 * writes it to `openapi/numbers.v1.catalog.json` with the spec's sha256, and a test keeps that
 * file fresh. Every test file of a consumer suite (under Jest, every file in its own module
 * registry) would otherwise pay the full load of the same unchanging spec.
 */
import { readFileSync } from 'node:fs';
import { bundledCatalogPath, bundledSpecPath } from '../openapi/bundled.js';
import { specTextSha256 } from '../openapi/sha.js';
import { loadCatalog } from './index.js';
import type { Catalog } from './types.js';

export interface BundledFiles {
  specPath: string;
  catalogPath: string;
}

/** The bundled catalog: the precompiled copy when it matches the spec's bytes, else the spec read in full. */
export async function loadBundledCatalog(files: BundledFiles = { specPath: bundledSpecPath(), catalogPath: bundledCatalogPath() }): Promise<Catalog> {
  const { specPath, catalogPath } = files;
  // Synchronous reads (two files, ~1 ms): four thread-pool trips each would only add latency.
  const specText = readFileSync(specPath, 'utf8');
  const precompiled = readPrecompiled(catalogPath);
  // A spec edited in place (or a missing copy) falls back to the validated path: slower, never stale.
  if (precompiled?.specSha256 !== specTextSha256(specText)) return loadCatalog(specPath);
  return { ...precompiled, specPath };
}

function readPrecompiled(catalogPath: string): Omit<Catalog, 'specPath'> | undefined {
  try {
    return JSON.parse(readFileSync(catalogPath, 'utf8')) as Omit<Catalog, 'specPath'>;
  } catch {
    return undefined;
  }
}

/** The text of the precompiled file: the catalog minus its machine-specific `specPath`, stable bytes. */
export function precompiledCatalogText(catalog: Catalog): string {
  const { specPath: _machineSpecific, ...portable } = catalog;
  return `${JSON.stringify(portable, null, 1)}\n`;
}
