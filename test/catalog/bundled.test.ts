import { expect } from 'chai';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadBundledCatalog, precompiledCatalogText } from '../../src/catalog/bundled.js';
import { loadCatalog } from '../../src/catalog/index.js';
import type { Catalog } from '../../src/catalog/types.js';
import { bundledCatalogPath } from '../../src/openapi/bundled.js';
import { bundledSpec } from '../helpers/paths.js';

describe('the precompiled bundled catalog', () => {
  let full: Catalog;
  let tmp: string;
  before(async () => {
    full = await loadCatalog(bundledSpec);
    tmp = await mkdtemp(path.join(os.tmpdir(), 'nck-bundled-'));
  });
  after(() => rm(tmp, { recursive: true, force: true }));

  it('openapi/numbers.v1.catalog.json is up to date with the spec (run `npm run regen` after changing openapi/)', async () => {
    const committed = await readFile(bundledCatalogPath(), 'utf8');
    expect(committed === precompiledCatalogText(full), 'openapi/numbers.v1.catalog.json is stale: run `npm run regen`').to.equal(true);
  });

  it('gives the same catalog as reading the spec in full', async () => {
    expect(await loadBundledCatalog()).to.deep.equal(full);
  });

  // A copy whose bytes differ from what the precompiled file was built from: the full path reads it.
  const fallbacks: Array<{ title: string; prepare: (spec: string, catalog: string) => Promise<void> }> = [
    {
      title: 'a spec edited after the catalog was built',
      prepare: async (spec, catalog) => {
        await writeFile(spec, (await readFile(bundledSpec, 'utf8')).replace(/^info:\n/m, 'info:\n  x-edited: true\n'));
        await copyFile(bundledCatalogPath(), catalog);
      },
    },
    { title: 'no precompiled file', prepare: (spec) => copyFile(bundledSpec, spec) },
    {
      title: 'a precompiled file that is not JSON',
      prepare: async (spec, catalog) => {
        await copyFile(bundledSpec, spec);
        await writeFile(catalog, '{"specSha256": ');
      },
    },
  ];
  for (const { title, prepare } of fallbacks) {
    it(`falls back to the validated full load for ${title}`, async () => {
      const dir = await mkdtemp(path.join(tmp, 'case-'));
      const files = { specPath: path.join(dir, 'numbers.v1.yaml'), catalogPath: path.join(dir, 'numbers.v1.catalog.json') };
      await prepare(files.specPath, files.catalogPath);
      expect(await loadBundledCatalog(files)).to.deep.equal(await loadCatalog(files.specPath));
    });
  }

  it('a CRLF checkout of the same spec still uses the precompiled file (the hash normalises line ends)', async () => {
    const dir = await mkdtemp(path.join(tmp, 'crlf-'));
    const files = { specPath: path.join(dir, 'numbers.v1.yaml'), catalogPath: path.join(dir, 'numbers.v1.catalog.json') };
    await writeFile(files.specPath, (await readFile(bundledSpec, 'utf8')).replace(/\n/g, '\r\n'));
    // A marker only the precompiled copy has proves which path answered.
    const marked = JSON.parse(await readFile(bundledCatalogPath(), 'utf8')) as Record<string, unknown>;
    await writeFile(files.catalogPath, JSON.stringify({ ...marked, specVersion: 'from-precompiled' }));
    expect((await loadBundledCatalog(files)).specVersion).to.equal('from-precompiled');
  });
});
