import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';
import { CASE_COUNT, OPERATION_COUNT } from '../helpers/catalog-size.js';

describe('numbers-contract list', () => {
  it('prints the whole catalog grouped by operation, with a count', async () => {
    const { code, stdout, stderr } = await cli(['list']);
    expect(code).to.equal(0);
    expect(stderr).to.equal('');
    expect(stdout).to.contain('NumberService_RentNumber  POST /v1/projects/{projectId}/availableNumbers/{phoneNumber}:rent');
    expect(stdout).to.match(/ {2}403 {5}unknown_campaign +legacy +state +status-page +unknown_campaign\n/);
    expect(stdout.trimEnd().split('\n').at(-1)).to.equal(`${CASE_COUNT} cases across ${OPERATION_COUNT} operations (catalog: ${CASE_COUNT} cases, spec 1.0.3-kit.1)`);
  });

  it('--json prints the cases with provenance and pointers', async () => {
    const { code, stdout } = await cli(['list', '--json']);
    expect(code).to.equal(0);
    const cases = JSON.parse(stdout) as { id: string; provenance: { quote: string }; pointer: string }[];
    expect(cases).to.have.length(CASE_COUNT);
    expect(cases.every((c) => c.provenance.quote.length > 0 && c.pointer.startsWith('/paths/'))).to.equal(true);
  });

  const filters: [string[], number][] = [
    [['--operation', 'NumberService_RentNumber'], 21],
    [['--status', '403'], 15 * 2 + 1 + 2 + 3],
    [['--status', '415,405'], 6 + 13],
    [['--code', 'unknown_campaign'], 3],
    [['--envelope', 'legacy', '--code', 'syntax_invalid_json'], 6],
    [['--operation', 'GetCallbackConfiguration', '--status', '404'], 1],
    // --source: the kinds of source that document a case (a case may have several).
    [['--source', 'sdk'], 2],
    [['--source', 'official', '--status', '500'], 30],
    [['--source', 'inferred', '--status', '401'], 15],
    [['--source', 'status-page', '--code', 'blocked_account'], 15],
  ];
  for (const [args, count] of filters) {
    it(`filters with ${args.join(' ')} → ${count} cases`, async () => {
      const { code, stdout } = await cli(['list', '--json', ...args]);
      expect(code).to.equal(0);
      expect(JSON.parse(stdout)).to.have.length(count);
    });
  }

  it('--source names the case sources in the table, and a misspelt source is an error with a suggestion', async () => {
    const { stdout } = await cli(['list', '--operation', 'NumberService_RentNumber']);
    expect(stdout.split('\n')[0]).to.equal(
      'NumberService_RentNumber  POST /v1/projects/{projectId}/availableNumbers/{phoneNumber}:rent  DEPRECATED: use Number Order (CreateNumberOrder, then UpdateNumberOrderRegistration, UploadNumberOrderAttachment and SubmitNumberOrder)',
    );
    expect(stdout).to.contain('  403     PERMISSION_DENIED                google    state         official+sdk                   trial_account\n');
    const wrong = await cli(['list', '--source', 'offical']);
    expect([wrong.code, wrong.stderr]).to.deep.equal([2, 'numbers-contract: UNKNOWN_SOURCE --source: no case has source "offical" (did you mean "official"?); known: official, status-page, sdk, inferred\n']);
  });

  const usage: [string[], string][] = [
    [['list', '--status', 'abc'], 'numbers-contract: BAD_STATUS --status: takes an HTTP status such as 404, got "abc"\n'],
    [['list', '--envelope', 'soap'], 'numbers-contract: BAD_ENVELOPE --envelope: takes google or legacy, got "soap"\n'],
    [['list', '--operations', 'NumberService_RentNumber'], "numbers-contract: USAGE unknown option '--operations'\n(Did you mean --operation?)\n"],
    [
      ['list', '--operation', 'NumberService_GetActiveNumber', '--code', 'unknown_campaign'],
      // The HTTP error codes first, then the SMS provisioning error codes (the one-line message is cut).
      'numbers-contract: EMPTY_SELECTION --code: operation NumberService_GetActiveNumber has no case with code unknown_campaign (its codes: syntax_invalid_parameter_format, INVALID_ARGUMENT, UNAUTHENTICATED, PERMISSION_DENIED, blocked_account, NOT_FOUND, UNIMPLEMENTED, RESOURCE_EXHAUSTED, INTERNAL, UNKNOWN, UNAVAILABLE, ERROR_CODE_UNSPECIFIED, INTERNAL_ERROR, SMS_PROVISIONING_FAILED, CAMPAIGN_PROVISIONING_FAILED, CAMPAIGN_NOT_AVAILABLE, EXCEEDED_10DLC_LIMIT, NUMBER_PROVISIONING_FAILED, PARTNER_SERVICE_UNAVAILABLE, CAMPAIGN_PENDING_ACCEPTANC...\n',
    ],
    [['list', '--spec', 'missing.yaml'], 'numbers-contract: SPEC_UNREADABLE missing.yaml: no such file\n'],
    [['nonsense'], "numbers-contract: USAGE unknown command 'nonsense'\n"],
  ];
  for (const [args, line] of usage) {
    it(`rejects ${args.join(' ')} with exit 2 and one line`, async () => {
      const { code, stderr, stdout } = await cli(args);
      expect({ code, stderr, stdout }).to.deep.equal({ code: 2, stderr: line, stdout: '' });
    });
  }

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(await cli(['--version'])).to.deep.equal({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  // One option parser: every selection flag takes repeats and comma lists alike, in list and generate.
  for (const command of ['list', 'generate']) {
    it(`${command}: --status 400,403 selects what --status 400 --status 403 does`, async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'nck-sel-'));
      try {
        const out = command === 'generate' ? ['--out', dir] : ['--json'];
        const comma = await cli([command, ...out, '--status', '400,403', '--operation', 'NumberService_RentNumber']);
        const repeated = await cli([command, ...out, '--status', '400', '--status', '403', '--operation', 'NumberService_RentNumber']);
        expect(comma.code).to.equal(0);
        expect(comma).to.deep.equal(repeated);
        expect(comma.stdout).to.match(command === 'generate' ? /: 13 interactions/ : /NumberService_RentNumber\/403\/unknown_campaign/);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }

  it('names an unknown operation and lists the known ones', async () => {
    const { code, stderr } = await cli(['list', '--operation', 'RentNumber']);
    expect(code).to.equal(2);
    expect(stderr).to.match(/^numbers-contract: UNKNOWN_OPERATION --operation: no case has operation "RentNumber" \(did you mean "NumberService_RentNumber"\?\); known: NumberService_ListAvailableNumbers, /);
  });

  it('reports a YAML syntax error with line and column', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'nck-list-'));
    try {
      await writeFile(path.join(dir, 'bad.yaml'), 'openapi: 3.0.3\ninfo: [unclosed\n');
      const { code, stderr } = await cli(['list', '--spec', 'bad.yaml'], { cwd: dir });
      expect(code).to.equal(2);
      expect(stderr).to.match(/^numbers-contract: SPEC_SYNTAX bad\.yaml: .* at line \d+, column \d+\n$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('serves a spec a user annotated the same way (--spec)', async () => {
    const { code, stdout } = await cli(['list', '--json', '--spec', 'openapi/numbers.v1.yaml']);
    expect(code).to.equal(0);
    expect(JSON.parse(stdout)).to.have.length(CASE_COUNT);
  });

  it('--events prints every callback event variant by resource, with a count', async () => {
    const { code, stdout, stderr } = await cli(['list', '--events']);
    expect({ code, stderr }).to.deep.equal({ code: 0, stderr: '' });
    expect(stdout).to.contain('NumberService_EventsCallback  ACTIVE_NUMBER events\n');
    expect(stdout).to.match(/\n {2}PROVISIONING_TO_CAMPAIGN +FAILED +CAMPAIGN_NOT_AVAILABLE +NumberService_RentNumber +official-spec +campaign_provisioning_failed_campaign_not_available\n/);
    expect(stdout).to.match(/\n {2}NUMBER_ORDER_PROCESSING +REJECTED +- +/);
    expect(stdout.trimEnd().split('\n').at(-1)).to.equal('31 event variants, 20 FAILED (catalog: 31 variants, spec 1.0.3-kit.1)');
  });

  it('--events --json prints the event cases with provenance and pointers', async () => {
    const { code, stdout } = await cli(['list', '--events', '--json']);
    expect(code).to.equal(0);
    const events = JSON.parse(stdout) as { id: string; provenance: { quote: string }; pointer: string }[];
    expect(events).to.have.length(31);
    expect(events.every((e) => e.provenance.quote.length > 0 && e.pointer.startsWith('/x-webhooks/EventsCallback/post/'))).to.equal(true);
  });

  it('--events with an error-case filter is a usage error', async () => {
    const { code, stdout, stderr } = await cli(['list', '--events', '--status', '400']);
    expect({ code, stdout, stderr }).to.deep.equal({
      code: 2,
      stdout: '',
      stderr: 'numbers-contract: USAGE --events: selection flags (--status) select error cases; --events lists every event variant\n',
    });
  });
});
