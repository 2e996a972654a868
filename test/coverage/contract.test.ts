/**
 * The whole catalog as the kit's generator writes it maps back onto itself: by stamp, and, with
 * every stamp removed, by route + status + envelope + code (+ provider state where cases share
 * a code): each interaction to exactly its own case.
 */
import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadCatalog } from '../../src/catalog/index.js';
import { computeCoverage } from '../../src/coverage/index.js';
import type { CoverageReport } from '../../src/coverage/types.js';
import { renderContract } from '../../src/pact/contract.js';
import { bundledSpec } from '../helpers/paths.js';
import { CASE_COUNT, OPERATION_COUNT } from '../helpers/catalog-size.js';

describe('coverage: the generated contract of the whole catalog', () => {
  let stamped: CoverageReport;
  let unstamped: CoverageReport;
  let ids: string[];
  let dir: string;

  before(async () => {
    const catalog = await loadCatalog(bundledSpec);
    ids = catalog.cases.map((c) => c.id);
    const contract = await renderContract(catalog, catalog.cases, { consumer: 'all', provider: 'sinch-numbers' });
    dir = await mkdtemp(path.join(os.tmpdir(), 'nck-cov-contract-'));
    const pact = JSON.parse(contract.text) as { interactions: Array<Record<string, unknown>> };
    await writeFile(path.join(dir, 'stamped.json'), contract.text);
    for (const i of pact.interactions) delete i.comments;
    await writeFile(path.join(dir, 'unstamped.json'), JSON.stringify(pact));
    stamped = await computeCoverage({ specPath: bundledSpec, pacts: ['stamped.json'], cwd: dir });
    unstamped = await computeCoverage({ specPath: bundledSpec, pacts: ['unstamped.json'], cwd: dir });
  });
  after(() => rm(dir, { recursive: true, force: true }));

  for (const [name, via] of [
    ['stamped', 'stamp'],
    ['unstamped', 'shape'],
  ] as const) {
    it(`${name}: all ${CASE_COUNT} cases of all ${OPERATION_COUNT} operations covered, each interaction by its own case (via ${via})`, () => {
      const report = name === 'stamped' ? stamped : unstamped;
      expect(report.totals).to.include({ operations: OPERATION_COUNT, documented: CASE_COUNT, covered: CASE_COUNT, uncovered: 0, percent: 100, undocumented: 0, skipped: 0 });
      const mapped = report.interactions.map((i) => (i.result === 'covered' && i.via === via ? i.caseIds.join(' + ') : `${i.result}`));
      const own = report.interactions.map((i) => i.description.replace(/^(\S+) (\d+) (\S+)$/, '$1/$2/$3'));
      expect(mapped).to.deep.equal(own);
      expect([...mapped].sort()).to.deep.equal([...ids].sort());
    });
  }
});
