import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { verifyContracts } from '../../src/verify/run.js';
import { cli } from '../helpers/cli.js';
import { specFixture } from '../provider/fixture.js';
import { tempDir as makeTempDir, writeContract } from './helpers.js';

describe('verify: the contracts against the embedded reference provider', () => {
  const dirs: string[] = [];
  const tempDir = async (prefix: string): Promise<string> => {
    const dir = await makeTempDir(prefix);
    dirs.push(dir);
    return dir;
  };
  after(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('the main job: generate, then verify every interaction of the generated contract (exit 0), with a JUnit report', async () => {
    const { catalog } = await specFixture();
    const dir = await tempDir('main-job');
    const generated = await cli(['generate'], { cwd: dir });
    expect(generated.code, generated.stderr).to.equal(0);

    const verified = await cli(['verify', '--junit', 'reports/verify.xml'], { cwd: dir });
    expect(verified.code, verified.stderr + verified.stdout.slice(-2000)).to.equal(0);
    // Both pacts generate writes: the HTTP contract and the callback events' message pact.
    const total = catalog.cases.length + catalog.events.length;
    const lines = verified.stdout.trimEnd().split('\n');
    expect(lines).to.have.length(total + 1);
    expect(lines.slice(0, -1).every((line) => line.startsWith('ok   '))).to.equal(true);
    expect(
      lines
        .slice(0, -1)
        .map((line) => line.slice(5))
        .sort(),
    ).to.deep.equal([...catalog.cases, ...catalog.events].map((c) => c.id).sort());
    expect(lines.at(-1)).to.equal(`${total} interactions against the reference provider: ${total} verified`);
    expect(verified.stderr).to.match(/numbers-contract: verified contracts\/numbers-callback-handler-sinch-numbers\.json, contracts\/numbers-consumer-sinch-numbers\.json in [\d.]+ s \([\d.]+ ms per interaction, \d workers?\)/);

    const junit = await readFile(path.join(dir, 'reports', 'verify.xml'), 'utf8');
    expect(junit).to.match(new RegExp(`<testsuites name="numbers-contract verify" tests="${total}" failures="0" errors="0"`));
    expect(junit.match(/<testcase /g)).to.have.length(total);
    expect(junit).to.include('<testcase classname="NumberService_EventsCallback" name="NumberService_EventsCallback/campaign_provisioning_failed_insufficient_balance"');
    expect(junit).to.include('<testcase classname="NumberService_RentNumber" name="NumberService_RentNumber/403/unknown_campaign"');
  });

  it('gives the same per-case outcomes with one worker as with several', async () => {
    const dir = await tempDir('workers');
    const { file, cases } = await writeContract(dir, (c) => c.operationId === 'NumberService_RentNumber' || c.operationId === 'UpdateCallbackConfiguration');
    const servers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
    const before = servers();
    const one = await verifyContracts({ pactUrls: [file], workers: 1, cwd: dir });
    const three = await verifyContracts({ pactUrls: [file], workers: 3, cwd: dir });
    expect(servers(), 'the reference provider and the proxies are closed').to.equal(before);
    expect(one.workers).to.equal(1);
    expect(three.workers).to.equal(3);
    const view = (s: typeof one): string[] => s.outcomes.map((o) => `${o.status} ${o.caseId}`);
    expect(view(three)).to.deep.equal(view(one));
    expect(one.passed).to.equal(cases.length);
    expect(one.exitCode).to.equal(0);
    expect(one.outcomes.map((o) => o.source)).to.satisfy((sources: string[]) => sources.every((s) => s === 'contracts/numbers-consumer-sinch-numbers.json'));
  });

  it('fails an interaction whose provider state the reference provider does not know, with the reason (a hand-written V3 pact)', async () => {
    const dir = await tempDir('unknown-state');
    const interaction = (description: string, state: string) => ({
      description,
      providerStates: [{ name: state, params: { projectId: '12c0ffee-dada-beef-cafe-baadc0de5678' } }],
      request: { method: 'GET', path: '/v1/projects/12c0ffee-dada-beef-cafe-baadc0de5678/availableRegions', headers: { Authorization: 'Bearer example-token' } },
      response: { status: 503, headers: { 'Content-Type': 'application/json' }, body: { error: { code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE', details: [] } } },
    });
    const pact = {
      consumer: { name: 'hand' },
      provider: { name: 'sinch-numbers' },
      interactions: [interaction('regions while unavailable', 'the Numbers API is unavailable'), interaction('regions on a holiday', 'the office is closed')],
      metadata: { pactSpecification: { version: '3.0.0' } },
    };
    await writeFile(path.join(dir, 'hand.json'), JSON.stringify(pact));
    const result = await cli(['verify', 'hand.json', '--workers', '1'], { cwd: dir });
    expect(result.code).to.equal(1);
    expect(result.stdout).to.equal(
      [
        'ok   regions while unavailable',
        'FAIL regions on a holiday',
        '       provider state "the office is closed" could not be set up: the reference provider does not know the provider state "the office is closed"',
        '2 interactions against the reference provider: 1 verified, 1 failed',
        '',
      ].join('\n'),
    );
  });

  it('names the way to get contracts when there are none', async () => {
    const dir = await tempDir('none');
    const result = await cli(['verify'], { cwd: dir });
    expect(result.code).to.equal(2);
    expect(result.stderr).to.equal('numbers-contract: NO_CONTRACTS verify: no pact files in contracts/; generate them first with: numbers-contract generate (or name pact files or URLs)\n');
  });
});
