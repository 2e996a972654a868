import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadCatalog } from '../../src/catalog/index.js';
import { diffContracts, formatContractDiff, isStale } from '../../src/pact/contract-diff.js';
import { renderContract } from '../../src/pact/contract.js';
import { writeFileAtomic } from '../../src/io/atomic.js';
import { bundledSpec, repoRoot } from '../helpers/paths.js';
import { CASE_COUNT } from '../helpers/catalog-size.js';

const run = promisify(execFile);
// tsx resolved from here, so a child process can start in any cwd.
const TSX = import.meta.resolve('tsx');
const committed = path.join(repoRoot, 'contracts', 'numbers-consumer-sinch-numbers.json');
const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

interface PactInteraction {
  description: string;
  comments: { references: Record<string, Record<string, string>> };
  providerStates: { name: string; params?: Record<string, unknown> }[];
  request: { method: string; path: string; headers?: Record<string, string[]> };
  response: { status: number };
}

/** Runs the real CLI in a child process, so cwd, TZ and LANG are really different. */
async function generateIn(cwd: string, out: string, env: Record<string, string>): Promise<string> {
  await run(process.execPath, ['--import', TSX, path.join(repoRoot, 'src', 'cli', 'main.ts'), 'generate', '--out', out], {
    cwd,
    env: { ...process.env, PACT_DO_NOT_TRACK: 'true', ...env },
  });
  return sha256(await readFile(path.join(out, 'numbers-consumer-sinch-numbers.json')));
}

describe('pact contract (numbers-contract generate)', function () {
  this.timeout(120_000);

  it('has one interaction per catalog case, each mapping back to its case by reference', async () => {
    const catalog = await loadCatalog(bundledSpec);
    const pact = JSON.parse(await readFile(committed, 'utf8')) as { interactions: PactInteraction[]; metadata: Record<string, Record<string, string>> };
    expect(pact.interactions).to.have.length(catalog.cases.length);
    const byId = new Map(catalog.cases.map((c) => [c.id, c]));
    for (const interaction of pact.interactions) {
      const c = byId.get(interaction.comments.references['numbers-contract-kit']?.caseId ?? '');
      expect(c, interaction.description).to.not.equal(undefined);
      expect(interaction.description).to.equal(`${c!.operationId} ${c!.status} ${c!.exampleName}`);
      expect(interaction.comments.references['numbers-contract-kit']?.pointer).to.equal(c!.pointer);
      expect(interaction.response.status).to.equal(c!.status);
      expect(interaction.providerStates).to.deep.equal([{ name: c!.state.name, params: c!.state.params }]);
      byId.delete(c!.id);
    }
    expect([...byId.keys()]).to.deep.equal([]);
    expect(pact.metadata['numbers-contract-kit']).to.deep.equal({ specSha256: catalog.specSha256, specVersion: catalog.specVersion });
  });

  it('never carries a credential other than the placeholders', async () => {
    const pact = JSON.parse(await readFile(committed, 'utf8')) as { interactions: PactInteraction[] };
    const values = new Set(pact.interactions.flatMap((i) => i.request.headers?.Authorization ?? []));
    expect([...values].sort()).to.deep.equal(['Bearer example-token', 'Bearer invalid-token']);
  });

  it('is up to date with the spec (regenerate with `npx numbers-contract generate`)', async () => {
    const catalog = await loadCatalog(bundledSpec);
    const fresh = await renderContract(catalog, catalog.cases, { consumer: 'numbers-consumer', provider: 'sinch-numbers' });
    const diff = diffContracts(await readFile(committed, 'utf8'), fresh.text);
    expect(isStale(diff), formatContractDiff(diff)).to.equal(false);
  });

  it('gives byte-identical files from two cwds and with another TZ and LANG', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'numbers-determinism-'));
    try {
      const a = await generateIn(repoRoot, path.join(dir, 'a'), { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' });
      const b = await generateIn(os.tmpdir(), path.join(dir, 'b'), { TZ: 'Pacific/Chatham', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' });
      expect(b).to.equal(a);
      expect(a).to.equal(sha256(await readFile(committed)));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is written atomically: no temp file is left beside it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'numbers-atomic-'));
    try {
      const file = path.join(dir, 'sub', 'x.json');
      await writeFileAtomic(file, 'one\n');
      await writeFileAtomic(file, 'two\n');
      expect(await readFile(file, 'utf8')).to.equal('two\n');
      expect(await readdir(path.dirname(file))).to.deep.equal(['x.json']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  describe('--check against a changed spec', () => {
    let dir: string;
    before(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'numbers-check-'));
    });
    after(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    const check = async (spec: string) =>
      run(process.execPath, ['--import', TSX, path.join(repoRoot, 'src', 'cli', 'main.ts'), 'generate', '--check', '--spec', spec], {
        cwd: repoRoot,
        env: { ...process.env, PACT_DO_NOT_TRACK: 'true' },
      }).then(
        (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
      );

    it('passes on the committed spec', async () => {
      const result = await check(bundledSpec);
      expect(result.code, result.stderr).to.equal(0);
      expect(result.stdout).to.contain(`contracts/numbers-consumer-sinch-numbers.json is up to date (${CASE_COUNT} interactions)`);
    });

    it('fails after one byte of the spec changes, even outside any example', async () => {
      const text = await readFile(bundledSpec, 'utf8');
      const spec = path.join(dir, 'one-byte.yaml');
      await writeFile(spec, `${text}\n`);
      const result = await check(spec);
      expect(result.code).to.equal(1);
      expect(result.stderr).to.match(/^numbers-contract: CONTRACT_STALE contracts\/numbers-consumer-sinch-numbers\.json: 0 interaction\(s\) and metadata out of date/);
      expect(result.stdout).to.contain('~ metadata.numbers-contract-kit.specSha256:');
    });

    it('names the changed cases and fields when an example changes', async () => {
      const text = await readFile(bundledSpec, 'utf8');
      const spec = path.join(dir, 'example.yaml');
      const changed = text.replace("text: The campaign ID doesn't match the specified originator.", 'text: The campaign does not match.');
      expect(changed).to.not.equal(text);
      await writeFile(spec, changed);
      const result = await check(spec);
      expect(result.code).to.equal(1);
      expect(result.stdout).to.contain(`~ changed: NumberService_RentNumber 403 unknown_campaign\n      response.body.content.text: "The campaign ID doesn't match the specified originator." -> "The campaign does not match."`);
      expect(result.stderr).to.contain('4 interaction(s) and metadata out of date');
    });
  });
});
