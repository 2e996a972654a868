import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { startReferenceProvider, STATE_CHANGE_PATH } from '../../src/provider/server.js';
import type { ReferenceProvider } from '../../src/provider/types.js';
import { verifyContracts } from '../../src/verify/run.js';
import { cli } from '../helpers/cli.js';
import { specFixture } from '../provider/fixture.js';
import { tempDir, wrapProvider, writeContract, type Wrapper } from './helpers.js';

const PICKED = new Set(['NumberService_GetActiveNumber', 'NumberService_ListAvailableRegions', 'NumberService_RentNumber']);

describe('verify: a deliberately broken provider', () => {
  let reference: ReferenceProvider;
  let broken: Wrapper;
  let dir: string;
  let cases: number;

  before(async () => {
    const fixture = await specFixture();
    reference = await startReferenceProvider({ catalog: fixture.catalog, spec: fixture.spec });
    // Three ways of breaking the contract, each on one interaction.
    broken = await wrapProvider(reference.url, (req, answer) => {
      // Wrong envelope: the active number's NOT_FOUND in the legacy {code, text} shape.
      if (req.method === 'GET' && req.url.endsWith('/activeNumbers/+12025550134') && answer.status === 404) return { ...answer, body: { code: 'NOT_FOUND', text: 'no such number' } };
      // Wrong status: 400 instead of 405 for a method the regions path does not have.
      if (req.url.endsWith('/availableRegions') && answer.status === 405) return { ...answer, status: 400 };
      // Missing field: the legacy body without its text.
      if ((answer.body as { code?: string }).code === 'syntax_invalid_json') return { ...answer, body: { code: 'syntax_invalid_json' } };
      return answer;
    });
    dir = await tempDir('broken');
    cases = (await writeContract(dir, (c) => PICKED.has(c.operationId))).cases.length;
  });
  after(async () => {
    await broken.close();
    await reference.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('fails exactly the broken interactions (exit 1), naming the case and the difference', async () => {
    const result = await cli(['verify', '--provider-base-url', broken.url, '--state-change-url', `${broken.url}${STATE_CHANGE_PATH}`, '--junit', 'junit.xml'], { cwd: dir });
    expect(result.code, result.stderr).to.equal(1);
    if (process.env.SHOW_VERIFY_OUTPUT === '1')
      process.stderr.write(
        result.stdout
          .split('\n')
          .filter((l) => !l.startsWith('ok '))
          .join('\n'),
      );
    const failures = result.stdout.split('\n').filter((line) => line.startsWith('FAIL '));
    expect(failures).to.deep.equal(['FAIL NumberService_GetActiveNumber/404/not_found', 'FAIL NumberService_ListAvailableRegions/405/method_not_allowed', 'FAIL NumberService_RentNumber/400/syntax_invalid_json']);
    const block = (caseId: string): string => {
      const lines = result.stdout.split('\n');
      const start = lines.indexOf(`FAIL ${caseId}`);
      const end = lines.findIndex((line, i) => i > start && !line.startsWith('       '));
      return lines.slice(start + 1, end).join('\n');
    };
    expect(block('NumberService_GetActiveNumber/404/not_found')).to.match(
      /body \$: Actual map is missing the following keys: error \(the provider answered the legacy \{code, text\} envelope; the contract expects the google \{error: \{\.\.\.\}\} envelope\)/,
    );
    expect(block('NumberService_ListAvailableRegions/405/method_not_allowed')).to.include('status: expected 405, got 400');
    expect(block('NumberService_RentNumber/400/syntax_invalid_json')).to.match(/body \$: Actual map is missing the following keys: text/);
    expect(result.stdout).to.include(`${cases} interactions against the provider at ${broken.url}: ${cases - 3} verified, 3 failed\n`);
    // The closing line says the truth after failures (issue 14): no "verified … in 1.4 s".
    expect(result.stderr).to.match(new RegExp(`^numbers-contract: contracts/numbers-consumer-sinch-numbers\\.json: ${cases} interactions: ${cases - 3} verified, 3 failed in [\\d.]+ s \\(`, 'm'));
    expect(result.stderr).to.not.include('numbers-contract: verified');

    const junit = await readFile(path.join(dir, 'junit.xml'), 'utf8');
    expect(junit).to.include(`tests="${cases}" failures="3" errors="0"`);
    expect(junit).to.include('<failure message="status: expected 405, got 400" type="contract">');
  });

  it("fails the interaction whose state handler throws, with the handler's message; the others pass", async () => {
    const summary = await verifyContracts({
      pactUrls: [path.join(dir, 'contracts')],
      providerBaseUrl: reference.url,
      cwd: dir,
      stateHandlers: Object.fromEntries(
        reference.states.map((name) => [
          name,
          {
            setup: (params: Record<string, unknown>) => {
              if (name === 'the project is a trial account') throw new Error('cannot make the project a trial account here');
              reference.setState(name, params);
            },
            teardown: (params: Record<string, unknown>) => reference.clearState(params),
          },
        ]),
      ),
    });
    expect(summary.exitCode).to.equal(1);
    const failed = summary.outcomes.filter((o) => o.status !== 'passed');
    expect(failed.map((o) => [o.caseId, o.problems])).to.deep.equal([['NumberService_RentNumber/403/trial_account', ['provider state "the project is a trial account" could not be set up: cannot make the project a trial account here']]]);
  });

  it("refuses state handlers that do not cover the pact's states (exit 2)", async () => {
    let error: { code?: string; exitCode?: number; message?: string } = {};
    try {
      await verifyContracts({ pactUrls: [path.join(dir, 'contracts')], providerBaseUrl: reference.url, cwd: dir, stateHandlers: { 'the project exists': () => undefined } });
    } catch (e) {
      error = e as typeof error;
    }
    expect(error.code).to.equal('STATE_HANDLER_MISSING');
    expect(error.exitCode).to.equal(2);
  });

  it('warns that states are not set up when an external provider gets neither a state-change URL nor handlers', async () => {
    const summary = await verifyContracts({ pactUrls: [path.join(dir, 'contracts')], providerBaseUrl: reference.url, cwd: dir });
    expect(summary.warnings).to.have.length(1);
    expect(summary.warnings[0]).to.match(/provider states are not set up/);
    // Only the interactions that need no state condition pass.
    expect(summary.exitCode).to.equal(1);
    expect(summary.outcomes.find((o) => o.caseId === 'NumberService_GetActiveNumber/401/unauthenticated')?.status).to.equal('passed');
    expect(summary.outcomes.find((o) => o.caseId === 'NumberService_GetActiveNumber/500/internal')?.status).to.equal('failed');
  });
});
