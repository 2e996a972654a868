import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { formatTable, frontDoorTable, GOLDEN_FILE } from './golden.js';

/**
 * The spec loader's answer to every fixture of test/fixtures/specs, held to the committed table
 * (test/golden/front-door.jsonl): code, exit code, file, pointer and message. A deliberate change
 * is made by `npm run regen` and argued in its commit, never by editing the table.
 */
describe('spec front door: the golden table of fixture outcomes', function () {
  this.timeout(120_000);

  it('every fixture gives the committed outcome', async () => {
    const expected = (await readFile(GOLDEN_FILE, 'utf8')).split('\n').filter((line) => line !== '');
    const actual = formatTable(await frontDoorTable()).split('\n').filter((line) => line !== '');
    // Row by row, so a failure names the fixture that changed.
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) expect(actual[i], `row ${i + 1}`).to.equal(expected[i]);
    expect(actual.length).to.be.at.least(90);
  });
});
