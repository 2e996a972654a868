import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadCatalog } from '../../src/catalog/index.js';
import type { Catalog } from '../../src/catalog/types.js';
import { signNumbersEvent } from '../../src/events/signature.js';
import { diffContracts, formatContractDiff, isStale } from '../../src/pact/contract-diff.js';
import { NUMBERS_TEST_HMAC_SECRET, SIGNATURE_PATTERN, eventMessage } from '../../src/pact/message.js';
import { DEFAULT_HANDLER, renderMessageContract } from '../../src/pact/message-contract.js';
import { CASE_COUNT, EVENT_COUNT } from '../helpers/catalog-size.js';
import { bundledSpec, repoRoot } from '../helpers/paths.js';

const run = promisify(execFile);
const TSX = import.meta.resolve('tsx');
const NAME = 'numbers-callback-handler-sinch-numbers.json';
const committed = path.join(repoRoot, 'contracts', NAME);
const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

interface Message {
  type: string;
  description: string;
  providerStates: { name: string; params?: Record<string, unknown> }[];
  contents: { content: Record<string, unknown>; contentType: string };
  metadata: Record<string, string>;
  matchingRules: { body: Record<string, { matchers: { match: string; regex?: string }[] }>; metadata: Record<string, { matchers: { match: string; regex?: string }[] }> };
  comments: { text: string[]; references: Record<string, Record<string, string>> };
}

describe('message pact of the callback events (numbers-contract generate)', function () {
  this.timeout(120_000);
  let catalog: Catalog;
  let pact: { consumer: { name: string }; provider: { name: string }; interactions: Message[]; metadata: Record<string, Record<string, string>> };
  before(async () => {
    catalog = await loadCatalog(bundledSpec);
    pact = JSON.parse(await readFile(committed, 'utf8')) as typeof pact;
  });

  it('is up to date with the spec (regenerate with `npx numbers-contract generate`)', async () => {
    const fresh = await renderMessageContract(catalog, catalog.events, { consumer: DEFAULT_HANDLER, provider: 'sinch-numbers' });
    const diff = diffContracts(await readFile(committed, 'utf8'), fresh.text);
    expect(isStale(diff), formatContractDiff(diff)).to.equal(false);
    expect(fresh.interactions).to.equal(31);
  });

  it('is a V4 pact from the callback handler to Sinch Numbers, stamped with the spec', () => {
    expect([pact.consumer.name, pact.provider.name]).to.deep.equal(['numbers-callback-handler', 'sinch-numbers']);
    expect(pact.metadata.pactSpecification).to.deep.equal({ version: '4.0' });
    expect(pact.metadata['numbers-contract-kit']).to.deep.equal({ specSha256: catalog.specSha256, specVersion: catalog.specVersion });
  });

  it('has one asynchronous message per event variant, each mapping back to its case', () => {
    const byCase = new Map(pact.interactions.map((m) => [m.comments.references['numbers-contract-kit']!.caseId, m]));
    expect([...byCase.keys()].sort()).to.deep.equal(catalog.events.map((e) => e.id).sort());
    for (const e of catalog.events) {
      const m = byCase.get(e.id)!;
      expect(m.type).to.equal('Asynchronous/Messages');
      expect(m.description).to.equal(`NumberService_EventsCallback ${e.exampleName}`);
      expect(m.contents.content).to.deep.equal(e.body);
      expect(m.contents.contentType).to.equal('application/json');
      expect(m.providerStates).to.deep.equal([{ name: e.state.name, ...(Object.keys(e.state.params).length > 0 ? { params: e.state.params } : {}) }]);
    }
  });

  it('pins what identifies the variant (resourceType, eventType, status, failureCode) and loosens the rest', () => {
    for (const m of pact.interactions) {
      const rules = m.matchingRules.body;
      for (const key of ['resourceType', 'eventType', 'status', ...('failureCode' in m.contents.content ? ['failureCode'] : [])]) {
        expect(rules[`$.${key}`]?.matchers, `${m.description} ${key}`).to.deep.equal([{ match: 'equality' }]);
      }
      expect(rules['$.eventId']?.matchers).to.deep.equal([{ match: 'type' }]);
      expect(rules['$.timestamp']?.matchers[0]?.match).to.equal('regex');
    }
  });

  it('carries X-Sinch-Signature in the message metadata: any lowercase hex SHA-1, the example a real signature of the raw body', () => {
    for (const e of catalog.events) {
      const m = pact.interactions.find((i) => i.comments.references['numbers-contract-kit']!.caseId === e.id)!;
      const raw = eventMessage(e).rawBody;
      expect(raw).to.equal(JSON.stringify(e.body));
      expect(m.metadata['X-Sinch-Signature']).to.equal(signNumbersEvent(raw, NUMBERS_TEST_HMAC_SECRET));
      expect(m.matchingRules.metadata['X-Sinch-Signature']!.matchers).to.deep.equal([{ match: 'regex', regex: SIGNATURE_PATTERN }]);
    }
  });

  it('gives byte-identical files from two cwds and with another TZ and LANG', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'numbers-messages-determinism-'));
    const generateIn = async (cwd: string, out: string, env: Record<string, string>): Promise<string> => {
      await run(process.execPath, ['--import', TSX, path.join(repoRoot, 'src', 'cli', 'main.ts'), 'generate', '--out', out, '--spec', bundledSpec], {
        cwd,
        env: { ...process.env, PACT_DO_NOT_TRACK: 'true', ...env },
      });
      return sha256(await readFile(path.join(out, NAME)));
    };
    try {
      const a = await generateIn(repoRoot, path.join(dir, 'a'), { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' });
      const b = await generateIn(os.tmpdir(), path.join(dir, 'b'), { TZ: 'Pacific/Chatham', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' });
      expect(b).to.equal(a);
      expect(a).to.equal(sha256(await readFile(committed)));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('generate --check fails when the committed message pact is stale, naming it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'numbers-messages-stale-'));
    try {
      const { cli } = await import('../helpers/cli.js');
      expect((await cli(['generate', '--out', dir], { cwd: dir })).code).to.equal(0);
      const file = path.join(dir, NAME);
      const { writeFile } = await import('node:fs/promises');
      await writeFile(file, (await readFile(file, 'utf8')).replace('"CAMPAIGN_EXPIRED"', '"CAMPAIGN_EXPIRES"'));
      const result = await cli(['generate', '--check', '--out', dir], { cwd: dir });
      expect(result.code).to.equal(1);
      expect(result.stdout).to.contain(`numbers-consumer-sinch-numbers.json is up to date (${CASE_COUNT} interactions)`);
      expect(result.stdout).to.contain('~ changed: NumberService_EventsCallback campaign_provisioning_failed_campaign_expired');
      expect(result.stderr).to.match(/^numbers-contract: CONTRACT_STALE .*numbers-callback-handler-sinch-numbers\.json: 1 interaction\(s\) out of date; run numbers-contract generate\n$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('verify without pact arguments verifies the message pact too, against the reference provider as a message provider', async () => {
    const { writeContract, tempDir } = await import('../verify/helpers.js');
    const { copyFile } = await import('node:fs/promises');
    const { cli } = await import('../helpers/cli.js');
    const dir = await tempDir('messages-verify');
    try {
      await writeContract(dir, (c) => c.id === 'GetCallbackConfiguration/404/not_found');
      await copyFile(committed, path.join(dir, 'contracts', NAME));
      const result = await cli(['verify'], { cwd: dir });
      expect(result.code, result.stderr).to.equal(0);
      expect(result.stderr).not.to.contain('note:');
      expect(result.stdout).to.contain('ok   NumberService_EventsCallback/number_order_rejected\n');
      expect(result.stdout.trimEnd().split('\n').at(-1)).to.equal(`${EVENT_COUNT + 1} interactions against the reference provider: ${EVENT_COUNT + 1} verified`);
      expect(result.stdout).to.contain('GetCallbackConfiguration/404/not_found');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
