import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../helpers/paths.js';

const TSX = import.meta.resolve('tsx');
const MOCHA = path.join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');
const SUITE = path.join(repoRoot, 'examples', 'consumer', 'test', 'errors.test.ts');
const CLIENT = path.join(repoRoot, 'examples', 'consumer', 'src', 'client.ts');

/** Runs the example suite in a child process against `client` (a path), returning exit code and output. */
function runSuite(client: string, pactDir: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', TSX, MOCHA, '--no-config', '--timeout', '60000', '--reporter', 'spec', SUITE],
      { cwd: repoRoot, env: { ...process.env, PACT_DO_NOT_TRACK: 'true', NUMBERS_EXAMPLE_CLIENT: client, NUMBERS_EXAMPLE_PACT_DIR: pactDir }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : Number(error.code ?? 1), output: `${stdout}${stderr}` }),
    );
  });
}

/** Writes a copy of the example client with one replacement applied (it must apply). */
async function mutant(dir: string, name: string, from: string, to: string): Promise<string> {
  const source = await readFile(CLIENT, 'utf8');
  expect(source, `mutation ${name} must apply`).to.contain(from);
  const file = path.join(dir, `${name}.mts`);
  await writeFile(file, source.replace(from, to));
  return file;
}

describe('examples/consumer: a deliberate mistake in the client fails its error suite clearly', function () {
  this.timeout(120_000);
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'numbers-example-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a wrong path fails the cases of that operation with Pact’s mismatch details', async () => {
    const client = await mutant(
      dir,
      'wrong-path',
      '`${this.#project()}/activeNumbers/${encodeURIComponent(phoneNumber)}`);\n  }\n\n  updateActiveNumber',
      '`${this.#project()}/activeNumber/${encodeURIComponent(phoneNumber)}`);\n  }\n\n  updateActiveNumber',
    );
    const { code, output } = await runSuite(client, path.join(dir, 'pacts-path'));
    expect(code, output).to.not.equal(0);
    // GetActiveNumber's 10 errors reached through the path and its 21 provisioning failures (its 405 goes through send).
    expect(output).to.contain('47 passing');
    expect(output).to.contain('31 failing');
    expect(output).to.contain('NumberService_GetActiveNumber 404 not_found: the Pact mock server did not get the request this case documents');
    expect(output).to.match(/unexpected request \(no interaction matches it\): GET \/v1\/projects\/[\w-]+\/activeNumber\/%2B12025550134/);
    expect(output).to.match(/expected but not received: GET \/v1\/projects\/[\w-]+\/activeNumbers\/\+12025550134/);
  });

  it('a client that only reads the Google envelope fails every legacy case with the matcher’s explanation', async () => {
    const client = await mutant(
      dir,
      'google-only',
      '    if (!response.ok) throw new NumbersApiError(',
      '    if (!response.ok && !(isRecord(body) && isRecord(body.error))) throw new Error(`request failed (${response.status})`);\n    if (!response.ok) throw new NumbersApiError(',
    );
    const { code, output } = await runSuite(client, path.join(dir, 'pacts-envelope'));
    expect(code, output).to.not.equal(0);
    expect(output).to.contain('14 failing');
    expect(output).to.contain('AssertionError: expected a Numbers error unknown_campaign (403, legacy envelope), documented for NumberService_RentNumber, but received no HTTP response (Error)');
    expect(output).to.not.match(/\d+\) NumberService_\w+ \d+ (not_found|invalid_argument|rate_limited)\n/);
  });
});
