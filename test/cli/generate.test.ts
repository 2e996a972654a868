import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cli } from '../helpers/cli.js';
import { CASE_COUNT } from '../helpers/catalog-size.js';

interface Pact {
  consumer: { name: string };
  provider: { name: string };
  interactions: { description: string; response: { status: number } }[];
}

describe('numbers-contract generate', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'numbers-generate-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes contracts/<consumer>-<provider>.json and the callback message pact under the cwd by default', async () => {
    const { code, stdout, stderr } = await cli(['generate'], { cwd: dir });
    expect(stderr).to.equal('');
    expect(code).to.equal(0);
    expect(stdout).to.match(
      new RegExp(`^wrote contracts/numbers-consumer-sinch-numbers\\.json: ${CASE_COUNT} interactions \\(sha256 [0-9a-f]{64}\\)\\nwrote contracts/numbers-callback-handler-sinch-numbers\\.json: 31 messages \\(sha256 [0-9a-f]{64}\\)\\n$`),
    );
    const pact = JSON.parse(await readFile(path.join(dir, 'contracts', 'numbers-consumer-sinch-numbers.json'), 'utf8')) as Pact;
    expect(pact.interactions).to.have.length(CASE_COUNT);
  });

  it('takes --consumer, --provider, --out and filters by operation, status and code', async () => {
    const args = ['generate', '--consumer', 'billing', '--provider', 'numbers', '--out', 'out', '--operation', 'NumberService_RentNumber', '--operation', 'NumberService_GetActiveNumber', '--status', '403'];
    const { code, stdout } = await cli(args, { cwd: dir });
    expect(code).to.equal(0);
    expect(stdout).to.contain('wrote out/billing-numbers.json: 7 interactions');
    const pact = JSON.parse(await readFile(path.join(dir, 'out', 'billing-numbers.json'), 'utf8')) as Pact;
    expect(pact.consumer.name).to.equal('billing');
    expect(pact.provider.name).to.equal('numbers');
    expect(pact.interactions.map((i) => i.description)).to.deep.equal([
      'NumberService_GetActiveNumber 403 blocked_account',
      'NumberService_GetActiveNumber 403 permission_denied',
      'NumberService_RentNumber 403 blocked_account',
      'NumberService_RentNumber 403 illegal_number_type',
      'NumberService_RentNumber 403 permission_denied',
      'NumberService_RentNumber 403 trial_account',
      'NumberService_RentNumber 403 unknown_campaign',
    ]);
  });

  it('--code selects across operations', async () => {
    const { code, stdout } = await cli(['generate', '--out', '.', '--code', 'unknown_campaign'], { cwd: dir });
    expect(code).to.equal(0);
    expect(stdout).to.contain(': 3 interactions');
  });

  it('--check exits 1 with a per-case diff when the file is stale, and 0 once regenerated', async () => {
    await cli(['generate', '--out', '.', '--status', '404'], { cwd: dir });
    const file = path.join(dir, 'numbers-consumer-sinch-numbers.json');
    const pact = JSON.parse(await readFile(file, 'utf8')) as Pact;
    pact.interactions = pact.interactions.slice(1);
    (pact.interactions[0] as unknown as { response: { status: number } }).response.status = 410;
    await writeFile(file, JSON.stringify(pact));
    const stale = await cli(['generate', '--out', '.', '--status', '404', '--check'], { cwd: dir });
    expect(stale.code).to.equal(1);
    expect(stale.stdout).to.match(/\+ added: {3}GetCallbackConfiguration 404 not_found/);
    expect(stale.stdout).to.match(/~ changed: NumberService_\w+ 404 not_found\n {6}response\.status: 410 -> 404/);
    expect(stale.stderr).to.equal('numbers-contract: CONTRACT_STALE numbers-consumer-sinch-numbers.json: 2 interaction(s) out of date; run numbers-contract generate\n');

    await cli(['generate', '--out', '.', '--status', '404'], { cwd: dir });
    const fresh = await cli(['generate', '--out', '.', '--status', '404', '--check'], { cwd: dir });
    expect(fresh.code).to.equal(0);
  });

  it('--check reports a missing file as stale', async () => {
    const { code, stdout } = await cli(['generate', '--out', 'nowhere', '--check', '--code', 'unknown_campaign'], { cwd: dir });
    expect(code).to.equal(1);
    expect(stdout).to.contain('committed contract unreadable: the file does not exist');
  });

  const bad: [string[], RegExp][] = [
    [['--operation', 'NumberService_Nope'], /^numbers-contract: UNKNOWN_OPERATION --operation: no case has operation "NumberService_Nope"; known: /],
    [['--code', 'nope'], /^numbers-contract: UNKNOWN_CODE --code: no case has code "nope"; known: /],
    [['--status', 'abc'], /^numbers-contract: BAD_STATUS --status: takes an HTTP status such as 404, got "abc"\n$/],
    [['--consumer', '../evil'], /^numbers-contract: BAD_NAME --consumer: '..\/evil' is not a usable pact participant name/],
    [['--status', '418'], /^numbers-contract: BAD_STATUS --status: no case has status 418; known: 200, 400, 401, /],
    [['--status', '405', '--envelope', 'legacy'], /^numbers-contract: EMPTY_SELECTION --envelope: status 405 has no case with envelope legacy \(its envelopes: google\)\n$/],
  ];
  for (const [args, message] of bad) {
    it(`rejects ${args.join(' ')} with exit 2 and one line`, async () => {
      const { code, stdout, stderr } = await cli(['generate', ...args], { cwd: dir });
      expect(code).to.equal(2);
      expect(stdout).to.equal('');
      expect(stderr).to.match(message);
      expect(stderr.trimEnd().split('\n')).to.have.length(1);
    });
  }
});
