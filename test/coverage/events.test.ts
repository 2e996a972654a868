/**
 * Coverage counts callback event variants like error cases: a message pact is read, each message
 * interaction is mapped to its variant (by stamp, else by eventType/status/failureCode), and the
 * text, HTML and JSON reports have an events section.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { belowThreshold, computeCoverage, formatCoverageHtml, formatCoverageText } from '../../src/coverage/index.js';
import { bundledSpecPath } from '../../src/openapi/bundled.js';
import { EVENT_COUNT } from '../helpers/catalog-size.js';
import { repoRoot } from '../helpers/paths.js';

const MESSAGE_PACT = path.join(repoRoot, 'contracts', 'numbers-callback-handler-sinch-numbers.json');
const HTTP_PACT = path.join(repoRoot, 'contracts', 'numbers-consumer-sinch-numbers.json');

interface Message {
  description: string;
  type: string;
  comments?: unknown;
  contents: { content: Record<string, unknown>; contentType: string; encoded: boolean };
}

describe('coverage: callback event variants', () => {
  let dir: string;
  let messages: Message[];
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'coverage-events-'));
    messages = (JSON.parse(await readFile(MESSAGE_PACT, 'utf8')) as { interactions: Message[] }).interactions;
  });
  after(() => rm(dir, { recursive: true, force: true }));

  /** A message pact of the given interactions, written to the temp folder. */
  async function pactOf(name: string, interactions: unknown[]): Promise<string> {
    const file = path.join(dir, `${name}.json`);
    await writeFile(file, JSON.stringify({ consumer: { name: 'handler' }, provider: { name: 'sinch-numbers' }, interactions, metadata: { pactSpecification: { version: '4.0' } } }));
    return file;
  }
  const message = (description: string, content: Record<string, unknown>, comments?: unknown): Message => ({
    description,
    type: 'Asynchronous/Messages',
    ...(comments === undefined ? {} : { comments }),
    contents: { content, contentType: 'application/json', encoded: false },
  });

  it('maps each message interaction: by stamp, by shape, an undocumented variant, not an event', async () => {
    const stamped = messages.find((m) => m.description.endsWith(' number_order_rejected')) as Message;
    const file = await pactOf('mapped', [
      stamped,
      message('shape only', { resourceType: 'ACTIVE_NUMBER', eventType: 'PROVISIONING_TO_CAMPAIGN', status: 'FAILED', failureCode: 'INSUFFICIENT_BALANCE' }),
      message('stamp of no variant: the shape decides', { eventType: 'PROVISIONING_TO_SMS_PLATFORM', status: 'SUCCEEDED' }, { references: { 'numbers-contract-kit': { caseId: 'NumberService_EventsCallback/no_such' } } }),
      message('an unknown failure code', { eventType: 'PROVISIONING_TO_CAMPAIGN', status: 'FAILED', failureCode: 'CAMPAIGN_LOST' }),
      message('a failure code the SMS platform never gives', { eventType: 'PROVISIONING_TO_SMS_PLATFORM', status: 'FAILED', failureCode: 'CAMPAIGN_EXPIRED' }),
      message('not a callback event', { hello: 'world' }),
    ]);
    const report = await computeCoverage({ specPath: bundledSpecPath(), pacts: [file], cwd: dir });
    expect(report.interactions.map((i) => [i.index, i.result, 'caseIds' in i ? i.caseIds.join(',') : i.reason])).to.deep.equal([
      [0, 'event', 'NumberService_EventsCallback/number_order_rejected'],
      [1, 'event', 'NumberService_EventsCallback/campaign_provisioning_failed_insufficient_balance'],
      [2, 'event', 'NumberService_EventsCallback/sms_provisioning_succeeded'],
      [3, 'undocumented', 'no documented event variant is PROVISIONING_TO_CAMPAIGN FAILED CAMPAIGN_LOST'],
      [4, 'undocumented', 'no documented event variant is PROVISIONING_TO_SMS_PLATFORM FAILED CAMPAIGN_EXPIRED'],
      [5, 'skipped', 'a message that is not a Numbers callback event (no eventType and status)'],
    ]);
    expect(report.interactions.map((i) => ('via' in i ? i.via : null))).to.deep.equal(['stamp', 'shape', 'shape', null, null, null]);
    expect(report.events?.variants.filter((v) => v.covered).map((v) => v.exampleName)).to.deep.equal(['sms_provisioning_succeeded', 'campaign_provisioning_failed_insufficient_balance', 'number_order_rejected']);
    expect([report.events?.covered, report.events?.documented, report.events?.uncovered, report.events?.percent]).to.deep.equal([3, EVENT_COUNT, EVENT_COUNT - 3, Math.floor((3 * 1000) / EVENT_COUNT) / 10]);
  });

  it('the committed message pact covers every variant: the text section, its summary, HTML and JSON', async () => {
    const report = await computeCoverage({ specPath: bundledSpecPath(), pacts: [MESSAGE_PACT], cwd: repoRoot });
    const text = formatCoverageText(report);
    const lines = text.split('\n');
    const start = lines.indexOf(`Events: ${EVENT_COUNT} of ${EVENT_COUNT} documented callback event variants covered (100.0%)`);
    expect(start).to.be.greaterThan(0);
    expect(lines.slice(start + 1, start + 1 + EVENT_COUNT).every((l) => l.startsWith('  covered  '))).to.equal(true);
    expect(lines[start + 7]).to.equal('  covered  ACTIVE_NUMBER  PROVISIONING_TO_CAMPAIGN FAILED EXCEEDED_10DLC_LIMIT          official-spec  campaign_provisioning_failed_exceeded_10dlc_limit');
    expect(lines.at(-2)).to.equal(`Covered 0 of 0 documented errors (0.0%) across 0 operations. Covered ${EVENT_COUNT} of ${EVENT_COUNT} documented callback event variants (100.0%).`);
    const html = formatCoverageHtml(report);
    expect(html).to.include(`<h2 id="events">Callback events (${EVENT_COUNT}/${EVENT_COUNT}, 100.0%)</h2>`);
    expect(html.match(/<tr id="event-[^"]+" data-event="[^"]+" data-covered="true"/g)).to.have.length(EVENT_COUNT);
    expect(report.totals.skipped).to.equal(0);
  });

  it('with an HTTP pact beside it, errors and events are counted apart and together for --fail-under', async () => {
    const partial = await pactOf('partial', messages.slice(0, 3));
    const report = await computeCoverage({ specPath: bundledSpecPath(), pacts: [HTTP_PACT, partial], cwd: repoRoot });
    const errors = report.totals;
    expect([errors.covered, errors.documented]).to.deep.equal([errors.documented, errors.documented]);
    expect([report.events?.covered, report.events?.documented]).to.deep.equal([3, EVENT_COUNT]);
    const together = ((errors.covered + 3) * 100) / (errors.applicable + EVENT_COUNT);
    expect(belowThreshold(report, together - 0.01)).to.equal(false);
    expect(belowThreshold(report, together + 0.01)).to.equal(true);
  });

  it('an HTTP pact alone has no events section (events: null)', async () => {
    const report = await computeCoverage({ specPath: bundledSpecPath(), pacts: [HTTP_PACT], cwd: repoRoot });
    expect(report.events).to.equal(null);
    expect(formatCoverageText(report)).not.to.include('Events:');
    expect(formatCoverageHtml(report)).not.to.include('id="events"');
  });
});
