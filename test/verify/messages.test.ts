/**
 * verify checks the message pact (the callback events) against the reference provider as a Pact
 * message provider: for each message interaction Pact's verifier sets the provider state up, asks
 * for the message (POST /) and compares body and metadata. Results land in the same report and JUnit.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { verifyContracts } from '../../src/verify/run.js';
import { repoRoot } from '../helpers/paths.js';
import { EVENT_COUNT } from '../helpers/catalog-size.js';
import { specFixture } from '../provider/fixture.js';
import { tempDir } from './helpers.js';

const MESSAGE_PACT = path.join(repoRoot, 'contracts', 'numbers-callback-handler-sinch-numbers.json');

interface Pact {
  interactions: Array<{ description: string; contents: { content: Record<string, unknown> }; providerStates: Array<{ name: string; params?: Record<string, unknown> }> }>;
}

describe('verify: the message pact against the reference provider (message provider)', () => {
  let dir: string;
  before(async () => {
    dir = await tempDir('messages');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('verifies every event variant, by case id, with two workers (each its own project), and reports them in JUnit', async () => {
    const { catalog } = await specFixture();
    const junit = path.join(dir, 'messages.xml');
    const result = await verifyContracts({ pactUrls: [MESSAGE_PACT], workers: 2, cwd: repoRoot, junitFile: junit });
    expect(result.workers).to.equal(2);
    // In the pact's order (its canonical form sorts interactions by description).
    expect(result.outcomes.map((o) => `${o.status} ${o.caseId}`)).to.deep.equal(catalog.events.map((e) => `passed ${e.id}`).sort());
    expect([result.total, result.passed, result.exitCode]).to.deep.equal([EVENT_COUNT, EVENT_COUNT, 0]);
    const xml = await readFile(junit, 'utf8');
    expect(xml).to.match(new RegExp(`<testsuites name="numbers-contract verify" tests="${EVENT_COUNT}" failures="0" errors="0"`));
    expect(xml).to.include('name="NumberService_EventsCallback/campaign_provisioning_failed_exceeded_10dlc_limit"');
  });

  it('fails a message the provider does not produce in that state, naming what differs', async () => {
    const pact = JSON.parse(await readFile(MESSAGE_PACT, 'utf8')) as Pact;
    const pick = (name: string): Pact['interactions'][number] => pact.interactions.find((i) => i.description === `NumberService_EventsCallback ${name}`) as Pact['interactions'][number];
    // The 10DLC-limit variant under the insufficient-balance state; the order rejection under the state that completes it.
    const limit = pick('campaign_provisioning_failed_exceeded_10dlc_limit');
    limit.providerStates = pick('campaign_provisioning_failed_insufficient_balance').providerStates;
    const rejected = pick('number_order_rejected');
    rejected.providerStates = pick('number_order_completed').providerStates;
    const file = path.join(dir, 'tampered.json');
    await writeFile(file, JSON.stringify({ ...pact, interactions: [limit, rejected, pick('sms_provisioning_failed')] }));
    const result = await verifyContracts({ pactUrls: [file], workers: 1, cwd: dir });
    expect(result.outcomes.map((o) => [o.status, o.caseId, ...o.problems])).to.deep.equal([
      [
        'failed',
        'NumberService_EventsCallback/campaign_provisioning_failed_exceeded_10dlc_limit',
        'body $: Actual map is missing the following keys: internalFailureCode',
        "body $.failureCode: Expected 'INSUFFICIENT_BALANCE' (String) to be equal to 'EXCEEDED_10DLC_LIMIT' (String)",
      ],
      ['failed', 'NumberService_EventsCallback/number_order_rejected', "body $.status: Expected 'COMPLETED' (String) to be equal to 'REJECTED' (String)"],
      ['passed', 'NumberService_EventsCallback/sms_provisioning_failed'],
    ]);
    expect(result.exitCode).to.equal(1);
  });
});
