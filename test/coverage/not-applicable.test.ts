/**
 * #14 item 2: `coverage --not-applicable FILE`, the cases a consumer declares its client cannot
 * meet, each with a reason, selected with the one case selector; counted apart from covered and
 * uncovered in text, JSON and HTML, the percentage of the applicable cases only.
 */
import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CoverageReport } from '../../src/coverage/types.js';
import { cli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';

const V3 = 'test/fixtures/pacts/hand-v3.json';
const V4 = 'test/fixtures/pacts/hand-v4.json';
const SDK_REASON = 'the Sinch SDK sends every request with its method, as well-formed JSON';

describe('coverage --not-applicable', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'nck-na-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  /** Writes `list` (an object, or raw text) as na.json in the scratch folder and runs coverage with it. */
  async function run(list: unknown, extra: string[] = []): Promise<{ code: number; stdout: string; stderr: string; file: string }> {
    const file = path.join(dir, 'na.json');
    await writeFile(file, typeof list === 'string' ? list : JSON.stringify(list, null, 2));
    return { ...(await cli(['coverage', V3, V4, '--not-applicable', file, ...extra])), file };
  }
  const sdkList = { notApplicable: [{ select: { trigger: ['method', 'content-type', 'json'] }, reason: SDK_REASON }] };

  it('JSON: totals say what the percentage is of; each declared case carries its reason and place', async () => {
    const { code, stdout, stderr, file } = await run(sdkList, ['--json']);
    const report = JSON.parse(stdout) as CoverageReport;
    // hand-v3 #3 covers GetActiveNumber's 405: declared, but covered wins, with a warning.
    expect({ code, stderr }).to.deep.equal({
      code: 0,
      stderr: `numbers-contract: warning: ${file}#/notApplicable/0: NumberService_GetActiveNumber/405/method_not_allowed is declared not applicable, but ${V3} #3 covers it; counted as covered (take it off the list, or out of the pact)\n`,
    });
    expect(report.totals).to.deep.equal({ operations: 3, documented: 63, notApplicable: 4, applicable: 59, covered: 10, uncovered: 49, percent: 16.9, interactions: 19, undocumented: 8, skipped: 2 });
    const rent = report.operations.find((o) => o.operationId === 'NumberService_RentNumber');
    expect(rent).to.include({ documented: 21, notApplicable: 3, applicable: 18, covered: 4, uncovered: 14, percent: 22.2 });
    const declared = report.operations.flatMap((o) => o.cases.filter((c) => c.notApplicable !== null).map((c) => [c.id, c.notApplicable]));
    expect(declared).to.deep.equal(
      ['NumberService_ListAvailableNumbers/405/method_not_allowed', 'NumberService_RentNumber/400/syntax_invalid_json', 'NumberService_RentNumber/405/method_not_allowed', 'NumberService_RentNumber/415/unsupported_media_type'].map((id) => [
        id,
        { at: `${file}#/notApplicable/0`, reason: SDK_REASON },
      ]),
    );
    expect(report.notApplicable?.entries.map((e) => e.cases.length)).to.deep.equal([4]);
  });

  it('text: an N/A column, n/a cells and rows, a section by declaration, and the percentage of the applicable cases', async () => {
    const { stdout, file } = await run(sdkList);
    const lines = stdout.split('\n');
    expect(lines).to.include.members([
      'OPERATION                           200   400  401  403  404  405  415  429  500  503  COVERED         N/A',
      'NumberService_ListAvailableNumbers  -     1/1  0/1  1/2  0/1  n/a  -    0/1  0/2  0/1  2/9      22.2%  1',
      'NumberService_RentNumber            -     3/7  0/1  1/5  0/1  n/a  n/a  0/1  0/2  0/1  4/18     22.2%  3',
      'NumberService_GetActiveNumber       0/21  0/2  1/1  0/2  1/1  1/1  -    1/1  0/2  0/1  4/32     12.5%  0',
      'TOTAL                                                                                  10/59    16.9%  4',
      'NumberService_RentNumber  POST /v1/projects/{projectId}/availableNumbers/{phoneNumber}:rent  4 of 18 applicable covered (22.2%), 3 more not applicable',
      '  n/a          415  INVALID_ARGUMENT                 google  status-page+inferred           unsupported_media_type',
      `Not applicable: 4 cases declared in ${file}, not counted in the percentage`,
      `  ${file}#/notApplicable/0: ${SDK_REASON}`,
      '    NumberService_RentNumber/415/unsupported_media_type',
      `Covered 10 of 59 applicable documented errors (16.9%) across 3 operations; 4 more declared not applicable in ${file}.`,
    ]);
  });

  it('HTML: declared cases are grey ○ chips apart from ✓ and ✗, with their reason; the summary says what the percentage is of', async () => {
    const html = path.join(dir, 'na.html');
    await run(sdkList, ['--html', html]);
    const page = await readFile(html, 'utf8');
    expect(page.match(/<a class="cell notapp"[^>]*data-not-applicable="true"/g)).to.have.length(4);
    expect(page.match(/<a class="cell (?:covered|uncovered)"/g)).to.have.length(59);
    expect(page).to.contain(`Covered <b>10</b> of <b>59</b> applicable documented errors (<b>16.9%</b>)`);
    expect(page).to.contain('<h2 id="not-applicable">Not applicable (4)</h2>');
    expect(page).to.contain(`<h4>○ not applicable: <code>NumberService_RentNumber/415/unsupported_media_type</code></h4>`);
    expect(page).to.contain('<td>4/18<br><b>22.2%</b><br><span class="muted">3 n/a</span></td>');
  });

  it('--fail-under compares covered with the applicable cases, and says so', async () => {
    const { code, stderr } = await run(sdkList, ['--fail-under', '20']);
    expect(code).to.equal(1);
    expect(stderr.split('\n').at(-2)).to.equal('numbers-contract: COVERAGE_BELOW --fail-under: 16.9% of the applicable documented errors in scope covered (10 of 59), below 20%');
    expect((await run(sdkList, ['--fail-under', '16.9'])).code).to.equal(0);
  });

  it('an entry that selects nothing in scope is a warning; a case declared twice keeps its first reason', async () => {
    const { stderr, stdout, file } = await run(
      {
        notApplicable: [
          { select: { operation: 'NumberService_ReleaseNumber' }, reason: 'we never release numbers' },
          { select: { id: 'NumberService_RentNumber/415/unsupported_media_type' }, reason: 'first' },
          { select: { status: 415 }, reason: 'second' },
        ],
      },
      ['--json'],
    );
    expect(stderr).to.equal(`numbers-contract: warning: ${file}#/notApplicable/0: selects no case of the operations in scope\n`);
    const report = JSON.parse(stdout) as CoverageReport;
    expect(report.notApplicable?.entries.map((e) => [e.reason, e.cases])).to.deep.equal([
      ['we never release numbers', []],
      ['first', ['NumberService_RentNumber/415/unsupported_media_type']],
      ['second', []],
    ]);
  });

  it('without the option the report is as before: no N/A column, notApplicable null', async () => {
    const { stdout } = await cli(['coverage', V3, V4, '--json']);
    const report = JSON.parse(stdout) as CoverageReport;
    expect(report.notApplicable).to.equal(null);
    expect(report.totals).to.include({ notApplicable: 0, applicable: 63, percent: 15.8 });
    expect((await cli(['coverage', V3, V4])).stdout).to.not.contain('N/A');
  });

  // Bad lists: one line, exit 2, naming the file and the JSON pointer of the entry; the selector's own codes and "did you mean".
  const bad: [string, unknown, string][] = [
    [
      'a misspelt case id',
      { notApplicable: [{ select: { id: 'NumberService_RentNumber/403/unknown_campain' }, reason: 'r' }] },
      'UNKNOWN_CASE na.json#/notApplicable/0/select/id: no case has case id "NumberService_RentNumber/403/unknown_campain" (did you mean "NumberService_RentNumber/403/unknown_campaign"?)',
    ],
    [
      'a misspelt trigger',
      { notApplicable: [{ select: { trigger: 'jsn' }, reason: 'r' }] },
      'UNKNOWN_TRIGGER na.json#/notApplicable/0/select/trigger: no case has trigger "jsn" (did you mean "json"?); known: state, credentials, method, content-type, json, body, query, path',
    ],
    [
      'a misspelt selection key',
      { notApplicable: [{ select: { triggers: 'json' }, reason: 'r' }] },
      'UNKNOWN_SELECTOR na.json#/notApplicable/0/select/triggers: unknown selection key (did you mean "trigger"?); the keys are operation, status, code, envelope, id, trigger, source, kind',
    ],
    [
      'filters that contradict each other',
      { notApplicable: [{ select: { operation: 'NumberService_RentNumber', code: 'NOT_FOUND', status: 400 }, reason: 'r' }] },
      'EMPTY_SELECTION na.json#/notApplicable/0/select/code: operation NumberService_RentNumber with status 400 has no case with code NOT_FOUND',
    ],
    ['no reason', { notApplicable: [{ select: { trigger: 'json' } }] }, 'NOT_APPLICABLE_LIST na.json#/notApplicable/0/reason: every entry needs a reason: why the cases it selects cannot happen to this client'],
    ['a blank reason', { notApplicable: [{ select: { trigger: 'json' }, reason: ' ' }] }, 'NOT_APPLICABLE_LIST na.json#/notApplicable/0/reason: every entry needs a reason'],
    ['a misspelt entry key', { notApplicable: [{ selct: { trigger: 'json' }, reason: 'r' }] }, 'NOT_APPLICABLE_LIST na.json#/notApplicable/0/selct: unknown key "selct" (did you mean "select"?); the keys are select, reason'],
    ['an empty selection', { notApplicable: [{ select: {}, reason: 'r' }] }, 'NOT_APPLICABLE_LIST na.json#/notApplicable/0/select: select is a case selection'],
    ['a bare array', [{ select: { trigger: 'json' }, reason: 'r' }], 'NOT_APPLICABLE_LIST na.json: a not-applicable list is an object { "notApplicable": [ { "select": { ... }, "reason": "..." } ] }'],
    ['broken JSON', '{"notApplicable":[1\n', 'NOT_APPLICABLE_LIST na.json: not valid JSON at line 2, column 1'],
  ];
  for (const [what, list, line] of bad) {
    it(`${what}: exit 2, one line`, async () => {
      const { code, stdout, stderr, file } = await run(list);
      expect({ code, stdout }).to.deep.equal({ code: 2, stdout: '' });
      expect(stderr.split('\n')).to.have.length(2);
      expect(stderr.startsWith(`numbers-contract: ${line.replace('na.json', file)}`), stderr).to.equal(true);
    });
  }

  it('a list that does not exist: exit 2 naming it', async () => {
    const { code, stderr } = await cli(['coverage', path.join(repoRoot, V3), '--not-applicable', 'nope.json'], { cwd: dir });
    expect({ code, stderr }).to.deep.equal({ code: 2, stderr: 'numbers-contract: NOT_APPLICABLE_LIST nope.json: no such file or directory\n' });
  });
});
