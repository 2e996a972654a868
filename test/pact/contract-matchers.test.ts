/**
 * The interactions' matchers, judged by Pact's own verifier: a provider answering the documented
 * example passes; one varying what the contract loosens (message text, details, extra keys,
 * header values, a charset) still passes; one changing the pinned code fails every interaction.
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalog, selectCases } from '../../src/catalog/index.js';
import { isErrorCase, type ErrorCase } from '../../src/catalog/types.js';
import { describeCase } from '../../src/pact/interaction.js';
import { renderContract } from '../../src/pact/contract.js';
import { bundledSpec, repoRoot } from '../helpers/paths.js';
import type { Mode } from './documented-provider.js';

const TSX = import.meta.resolve('tsx');
const HELPER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'documented-provider.ts');

function verify(pactFile: string, mode: Mode, cases: readonly ErrorCase[]): Promise<{ ok: boolean; failed: string[] }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', TSX, HELPER, pactFile, mode, JSON.stringify(cases.map((c) => c.id))],
      { cwd: repoRoot, env: { ...process.env, PACT_DO_NOT_TRACK: 'true' }, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const line = /^RESULT (.*)$/m.exec(stdout)?.[1];
        if (line === undefined) reject(new Error(`verifier run gave no result: ${String(error)}\n${stderr.slice(-2000)}`));
        else resolve(JSON.parse(line) as { ok: boolean; failed: string[] });
      },
    );
  });
}

describe('pact contract matchers, judged by the Pact verifier', function () {
  this.timeout(60_000);
  let dir: string;
  let cases: ErrorCase[];
  let pactFile: string;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'numbers-matchers-'));
    const catalog = await loadCatalog(bundledSpec);
    // pact-js's Verifier puts an Express proxy (body-parser) in front of the provider, which answers
    // a malformed JSON body itself; the syntax_invalid_json cases are left out here for that reason.
    const operations = ['NumberService_RentNumber', 'NumberService_ListAvailableNumbers', 'NumberService_GetActiveNumber'];
    cases = selectCases(catalog.cases, { operation: operations, kind: 'error' })
      .filter(isErrorCase)
      .filter((c) => c.trigger.kind !== 'json');
    const contract = await renderContract(catalog, cases, { consumer: 'matchers', provider: 'sinch-numbers' });
    pactFile = path.join(dir, contract.fileName);
    await writeFile(pactFile, contract.text);
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('passes a provider answering the documented examples', async () => {
    expect(cases.length).to.be.greaterThan(30);
    expect(await verify(pactFile, 'documented', cases)).to.deep.equal({ ok: true, failed: [] });
  });

  it('passes a provider that words messages differently, adds details and keys, and varies header values', async () => {
    expect(await verify(pactFile, 'varied', cases)).to.deep.equal({ ok: true, failed: [] });
  });

  it('fails every interaction when the pinned code changes', async () => {
    const result = await verify(pactFile, 'wrong-code', cases);
    expect(result.ok).to.equal(false);
    expect(result.failed).to.deep.equal(cases.map(describeCase).sort());
  });
});
