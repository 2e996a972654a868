import { expect } from 'chai';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CoverageReport } from '../../src/coverage/types.js';
import { cli } from '../helpers/cli.js';

const V3 = 'test/fixtures/pacts/hand-v3.json';
const V4 = 'test/fixtures/pacts/hand-v4.json';

const counts = (report: CoverageReport): Record<string, string> => Object.fromEntries(report.operations.map((o) => [o.operationId, `${o.covered}/${o.documented} (${o.uncovered} uncovered)`]));

describe('numbers-contract coverage', () => {
  const dirs: string[] = [];
  const tempDir = async (prefix: string): Promise<string> => {
    const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  after(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('reports exact per-operation counts for the hand-written V3 and V4 pacts', async () => {
    const { code, stdout, stderr } = await cli(['coverage', V3, V4, '--json']);
    expect({ code, stderr }).to.deep.equal({ code: 0, stderr: '' });
    const report = JSON.parse(stdout) as CoverageReport;
    expect(counts(report)).to.deep.equal({
      NumberService_ListAvailableNumbers: '2/10 (8 uncovered)',
      NumberService_RentNumber: '4/21 (17 uncovered)',
      NumberService_GetActiveNumber: '4/32 (28 uncovered)',
    });
    expect(report.totals).to.deep.equal({ operations: 3, documented: 63, notApplicable: 0, applicable: 63, covered: 10, uncovered: 53, percent: 15.8, interactions: 19, undocumented: 8, skipped: 2 });
    expect(report.scope).to.deep.equal({ source: 'pacts', operations: ['NumberService_ListAvailableNumbers', 'NumberService_RentNumber', 'NumberService_GetActiveNumber'] });
  });

  it('prints a readable matrix, the cases per operation, and the undocumented interactions', async () => {
    const { stdout } = await cli(['coverage', V3, V4]);
    const lines = stdout.split('\n');
    expect(lines[0]).to.equal('Error coverage: hand-consumer -> sinch-numbers (2 pact files, 19 interactions; spec 1.0.3-kit.1)');
    expect(lines).to.include.members([
      'OPERATION                           200   400  401  403  404  405  415  429  500  503  COVERED',
      'NumberService_ListAvailableNumbers  -     1/1  0/1  1/2  0/1  0/1  -    0/1  0/2  0/1  2/10     20.0%',
      'NumberService_RentNumber            -     3/8  0/1  1/5  0/1  0/1  0/1  0/1  0/2  0/1  4/21     19.0%',
      'NumberService_GetActiveNumber       0/21  0/2  1/1  0/2  1/1  1/1  -    1/1  0/2  0/1  4/32     12.5%',
      '  NOT covered  403  blocked_account                  legacy  status-page                    blocked_account',
      '  NOT covered  200  CAMPAIGN_EXPIRED                 sms job FAILED    official                       provisioning_failed_campaign_expired',
      '  NOT covered  200  (EST)                            voice job FAILED  official                       voice_provisioning_failed_est',
      'NumberService_RentNumber  POST /v1/projects/{projectId}/availableNumbers/{phoneNumber}:rent  4 of 21 covered (19.0%)',
      '  DEPRECATED: use Number Order (CreateNumberOrder, then UpdateNumberOrderRegistration, UploadNumberOrderAttachment and SubmitNumberOrder)',
      '  covered      400  FAILED_PRECONDITION              google  status-page                    no_credit',
      '  NOT covered  500  UNKNOWN                          google  official+status-page           unknown',
      'Undocumented interactions: 8 (in the pacts, not in the spec)',
      '  test/fixtures/pacts/hand-v3.json #5 "rent a number: half a legacy body": 403: legacy body missing text',
      'Covered 10 of 63 documented errors (15.8%) across 3 operations.',
    ]);
  });

  it('--operation (repeatable, or comma-separated) sets the scope, including operations the pacts never call', async () => {
    const { code, stdout } = await cli(['coverage', V3, V4, '--json', '--operation', 'NumberService_ReleaseNumber,NumberService_GetActiveNumber']);
    expect(code).to.equal(0);
    const report = JSON.parse(stdout) as CoverageReport;
    expect(report.scope).to.deep.equal({ source: 'option', operations: ['NumberService_GetActiveNumber', 'NumberService_ReleaseNumber'] });
    expect(counts(report)).to.deep.equal({ NumberService_GetActiveNumber: '4/32 (28 uncovered)', NumberService_ReleaseNumber: '0/11 (11 uncovered)' });
  });

  const thresholds: [string, number][] = [
    ['15', 0],
    ['15.8', 0],
    ['15.9', 1],
    ['16%', 1],
    ['100', 1],
    ['0', 0],
  ];
  for (const [threshold, exit] of thresholds) {
    it(`--fail-under ${threshold} exits ${exit} at 15.87% (10 of 63)`, async () => {
      const { code, stderr } = await cli(['coverage', V3, V4, '--fail-under', threshold]);
      expect(code).to.equal(exit);
      expect(stderr).to.equal(exit === 0 ? '' : `numbers-contract: COVERAGE_BELOW --fail-under: 15.8% of the documented errors in scope covered (10 of 63), below ${threshold.replace('%', '')}%\n`);
    });
  }

  it('--fail-on-undocumented exits 1 and says how many', async () => {
    const { code, stderr } = await cli(['coverage', V3, '--fail-on-undocumented']);
    expect(code).to.equal(1);
    expect(stderr).to.equal('numbers-contract: COVERAGE_UNDOCUMENTED --fail-on-undocumented: 6 interaction(s) in the pacts are not documented by the spec\n');
  });

  const usage: [string[], string][] = [
    [['coverage', V3, '--fail-under', 'abc'], 'numbers-contract: USAGE --fail-under: takes a percentage from 0 to 100, got "abc"\n'],
    [['coverage', V3, '--fail-under', '101'], 'numbers-contract: USAGE --fail-under: takes a percentage from 0 to 100, got "101"\n'],
    [['coverage'], "numbers-contract: USAGE missing required argument 'pacts'\n"],
  ];
  for (const [args, line] of usage) {
    it(`rejects ${args.join(' ')} with exit 2 and one line`, async () => {
      const { code, stdout, stderr } = await cli(args);
      expect({ code, stdout, stderr }).to.deep.equal({ code: 2, stdout: '', stderr: line });
    });
  }

  // --operations is the old spelling, kept as a hidden alias.
  for (const flag of ['--operation', '--operations']) {
    it(`names an unknown ${flag} value with did-you-mean and lists the known ones`, async () => {
      const { code, stderr } = await cli(['coverage', V3, flag, 'RentNumber']);
      expect(code).to.equal(2);
      expect(stderr).to.match(/^numbers-contract: UNKNOWN_OPERATION --operation: no case has operation "RentNumber" \(did you mean "NumberService_RentNumber"\?\); known: NumberService_ListAvailableNumbers, .*\n$/);
    });
  }

  it('with nothing in scope (no interaction calls a documented operation) any positive gate fails', async () => {
    const dir = await tempDir('nck-cov-empty-');
    const interaction = { description: 'elsewhere', request: { method: 'GET', path: '/v2/other' }, response: { status: 404 } };
    await writeFile(path.join(dir, 'other.json'), JSON.stringify({ consumer: { name: 'c' }, provider: { name: 'p' }, interactions: [interaction] }));
    const pass = await cli(['coverage', 'other.json', '--fail-under', '0'], { cwd: dir });
    expect(pass.code).to.equal(0);
    expect(pass.stdout).to.contain('No operation in scope: no interaction of the pacts calls a documented operation.');
    expect(pass.stdout).to.contain('  other.json #0 "elsewhere": GET /v2/other: no path of the spec matches');
    const fail = await cli(['coverage', 'other.json', '--fail-under', '1'], { cwd: dir });
    expect({ code: fail.code, stderr: fail.stderr }).to.deep.equal({
      code: 1,
      stderr: 'numbers-contract: COVERAGE_BELOW --fail-under: 0.0% of the documented errors in scope covered (0 of 0), below 1%\n',
    });
  });

  it('is deterministic: same bytes twice, whatever the order of the pact arguments', async () => {
    const a = await cli(['coverage', V3, V4, '--json']);
    const b = await cli(['coverage', V4, V3, '--json']);
    const c = await cli(['coverage', 'test/fixtures/pacts']);
    const d = await cli(['coverage', 'test/fixtures/pacts/hostile.json', V4, V3]);
    expect(a.stdout).to.equal(b.stdout);
    expect(c.stdout).to.equal(d.stdout);
    expect(a.stdout).to.not.match(/\/work\/|\/tmp\/|\d{4}-\d{2}-\d{2}T/);
  });

  it('--html writes a self-contained page atomically, escaping what the pact says', async () => {
    const dir = await tempDir('nck-cov-html-');
    const evil = JSON.parse(await readFile(V3, 'utf8')) as { interactions: Array<{ description: string }> };
    evil.interactions[6]!.description = '<script>alert(1)</script><img src=x onerror=alert(2)> & "quotes"';
    await writeFile(path.join(dir, 'evil.json'), JSON.stringify(evil));
    const { code } = await cli(['coverage', 'evil.json', '--html', 'reports/coverage.html'], { cwd: dir });
    expect(code).to.equal(0);
    expect(await readdir(path.join(dir, 'reports'))).to.deep.equal(['coverage.html']);
    const html = await readFile(path.join(dir, 'reports', 'coverage.html'), 'utf8');
    expect(html).to.match(/^<!DOCTYPE html>/);
    expect(html).to.contain("default-src 'none'");
    expect(html).to.not.match(/<(script|img|link|iframe|object|embed)\b|url\(|@import/i);
    expect(html).to.contain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &amp; &quot;quotes&quot;');
    // hand-v3 alone: GetActiveNumber (32 cases: 11 errors, 21 provisioning failures) and RentNumber (21): 3 + 4 covered.
    expect(html.match(/data-covered="true"/g)).to.have.length(7);
    expect(html.match(/data-covered="false"/g)).to.have.length(53 - 7);
    const again = await cli(['coverage', 'evil.json', '--html', 'reports/coverage.html'], { cwd: dir });
    expect(again.code).to.equal(0);
    expect(await readFile(path.join(dir, 'reports', 'coverage.html'), 'utf8')).to.equal(html);
  });
});
