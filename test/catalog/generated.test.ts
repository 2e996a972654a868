import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadCatalog } from '../../src/catalog/index.js';
import { generatedTypesSource } from '../../src/catalog/tables.js';
import { repoRoot, bundledSpec } from '../helpers/paths.js';

describe('generated artefacts', () => {
  it('src/catalog/generated.ts is up to date with the spec (run `npm run regen` after changing openapi/)', async () => {
    const catalog = await loadCatalog(bundledSpec);
    const committed = await readFile(path.join(repoRoot, 'src', 'catalog', 'generated.ts'), 'utf8');
    expect(committed === generatedTypesSource(catalog), 'src/catalog/generated.ts is stale: run `npm run regen`').to.equal(true);
  });

  it('catalog order and ids are stable (test/golden/catalog-ids.txt; regenerate with `npm run regen`)', async () => {
    const catalog = await loadCatalog(bundledSpec);
    const golden = await readFile(path.join(repoRoot, 'test', 'golden', 'catalog-ids.txt'), 'utf8');
    expect(catalog.cases.map((c) => c.id).join('\n') + '\n').to.equal(golden);
  });
});
