/**
 * Issue 8, "a failed run leaves the committed contracts intact": `generate` over a copy of the
 * committed contracts with specs that fail at each stage (YAML syntax, annotations, a credential
 * found while building the interactions), `--check` with a bad spec, the harness merging into a
 * corrupt pact file; then `generate` SIGKILLed while it writes (at the moment its temp file
 * appears) and at random moments: the contract is always exactly the old bytes or exactly the new
 * ones, never half a file, and a temp file a killed run leaves behind is ignored by verify and
 * coverage (verify lists directories with the same *.json filter). (Determinism across cwd/TZ/LANG and the atomic write itself: test/pact/contract.test.ts.)
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { watch } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { loadCatalog } from '../../src/catalog/index.js';
import { numbersErrorMatrix } from '../../src/pact/harness.js';
import { cli } from '../helpers/cli.js';
import { bundledSpec, repoRoot } from '../helpers/paths.js';
import { tempDir } from '../verify/helpers.js';

const NAME = 'numbers-consumer-sinch-numbers.json';
const COMMITTED = path.join(repoRoot, 'contracts', NAME);
const sha = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex').slice(0, 12);

describe('hardening: a failed or killed run leaves the committed contracts intact', function () {
  this.timeout(90_000);
  let dir: string;
  let committed: Buffer;

  before(async () => {
    dir = await tempDir('intact');
    committed = await readFile(COMMITTED);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  /** A copy of the committed contracts/ in a fresh directory. */
  async function copyOfContracts(name: string): Promise<string> {
    const out = path.join(dir, name, 'contracts');
    await mkdir(out, { recursive: true });
    await copyFile(COMMITTED, path.join(out, NAME));
    return out;
  }

  async function expectIntact(out: string, label: string): Promise<void> {
    expect((await readFile(path.join(out, NAME))).equals(committed), `${label}: the contract is byte-identical`).to.equal(true);
    expect(await readdir(out), `${label}: nothing else in contracts/`).to.deep.equal([NAME]);
  }

  describe('generate with a spec that fails', () => {
    const stages: Array<[string, () => Promise<string>, RegExp]> = [
      ['YAML syntax (while reading)', async () => path.join(repoRoot, 'test/fixtures/specs/a03-unclosed-quote/spec.yaml'), /^numbers-contract: SPEC_SYNTAX /],
      ['a missing annotation (while building the catalog)', async () => path.join(repoRoot, 'test/fixtures/specs/kit-annotation-missing/spec.yaml'), /^numbers-contract: SPEC_ANNOTATION /],
      [
        'a real-looking credential (while building the interactions, after the catalog)',
        async () => {
          const text = await readFile(bundledSpec, 'utf8');
          const changed = text.replace('authorization: Bearer invalid-token', 'authorization: Bearer sk_live_4eC39HqLyjWDarjtT1zdp7dc');
          expect(changed).to.not.equal(text);
          const file = path.join(dir, 'credential.yaml');
          await writeFile(file, changed);
          return file;
        },
        /^numbers-contract: CONTRACT_CREDENTIAL /,
      ],
    ];
    for (const [stage, spec, line] of stages) {
      it(`${stage}: exit 2, one line, the committed contract untouched`, async () => {
        const name = stage.split(' ')[0] ?? 'stage';
        const out = await copyOfContracts(`fail-${name}-${Math.random().toString(36).slice(2, 8)}`);
        const result = await cli(['generate', '--spec', await spec(), '--out', out], { cwd: dir });
        expect(result.code).to.equal(2);
        expect(result.stderr).to.match(line);
        expect(result.stderr.trimEnd().split('\n')).to.have.length(1);
        expect(result.stderr).to.not.include('sk_live_');
        await expectIntact(out, stage);
        const check = await cli(['generate', '--check', '--spec', await spec(), '--out', out], { cwd: dir });
        expect(check.code).to.equal(2);
        await expectIntact(out, `${stage} (--check)`);
      });
    }
  });

  it('the harness refuses to merge into a corrupt pact file and leaves it as it was (PACT_SYNTAX)', async () => {
    const pacts = path.join(dir, 'corrupt-pacts');
    await mkdir(pacts, { recursive: true });
    const file = path.join(pacts, 'intact-sinch-numbers.json');
    const corrupt = '{"interactions": [ {"description": "half a file"';
    await writeFile(file, corrupt);
    const catalog = await loadCatalog(bundledSpec);
    const matrix = numbersErrorMatrix({ consumer: 'intact', dir: pacts, catalog, select: { id: 'NumberService_GetActiveNumber/404/not_found' } });
    await matrix.run(matrix.cases[0]!, async ({ request }) => {
      await (await fetch(request.url, { headers: request.headers })).text();
    });
    const error = await matrix.writePact().catch((e: unknown) => e);
    expect((error as { code?: string }).code).to.equal('PACT_SYNTAX');
    expect(await readFile(file, 'utf8')).to.equal(corrupt);
    expect(await readdir(pacts)).to.deep.equal(['intact-sinch-numbers.json']);
  });

  describe('generate killed while it writes', () => {
    let out: string;
    let old: Buffer;
    const outcomes: string[] = [];

    before(async () => {
      // The "old" contract differs from what generate writes: a filtered one (the 401 cases only).
      out = path.join(dir, 'killed', 'contracts');
      const made = await cli(['generate', '--out', out, '--status', '401'], { cwd: dir });
      expect(made.code, made.stderr).to.equal(0);
      old = await readFile(path.join(out, NAME));
      expect(old.equals(committed)).to.equal(false);
    });
    after(() => {
      process.stdout.write(`      killed generate: ${outcomes.join('; ')}\n`);
    });

    /** Starts `generate --out out`; `kill` decides when to SIGKILL it. Resolves with how it ended and whether a temp file existed at the kill. */
    function generateAndKill(kill: 'when-temp-appears' | number): Promise<{ killed: boolean; tempAtKill: boolean; exit: number | null }> {
      return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src', 'cli', 'main.ts'), 'generate', '--out', out], {
          cwd: repoRoot,
          env: { ...process.env, PACT_DO_NOT_TRACK: 'true' },
          stdio: 'ignore',
        });
        let killed = false;
        let tempAtKill = false;
        const doKill = (temp: boolean): void => {
          if (killed || child.exitCode !== null) return;
          killed = child.kill('SIGKILL');
          tempAtKill = temp;
        };
        const watcher = watch(out, (_event, name) => {
          if (kill === 'when-temp-appears' && typeof name === 'string' && name.endsWith('.tmp')) doKill(true);
        });
        const timer = typeof kill === 'number' ? setTimeout(() => doKill(false), kill) : undefined;
        child.on('error', reject);
        child.on('exit', (code) => {
          watcher.close();
          clearTimeout(timer);
          resolve({ killed, tempAtKill, exit: code });
        });
      });
    }

    async function expectOldOrNew(label: string, result: { killed: boolean; tempAtKill: boolean; exit: number | null }): Promise<void> {
      const now = await readFile(path.join(out, NAME));
      const which = now.equals(old) ? 'old' : now.equals(committed) ? 'new' : `neither (${now.length} bytes, sha ${sha(now)})`;
      const leftovers = (await readdir(out)).filter((n) => n !== NAME);
      outcomes.push(`${label}: ${result.killed ? (result.tempAtKill ? 'killed while writing' : 'killed') : `exit ${result.exit}`} → ${which} file${leftovers.length > 0 ? `, ${leftovers.length} temp file(s) left` : ''}`);
      expect(which, label).to.be.oneOf(['old', 'new']);
      JSON.parse(now.toString('utf8'));
      for (const name of leftovers) {
        // generate also writes the message pact: whole when it is there, or as its own temp file.
        if (name === 'numbers-callback-handler-sinch-numbers.json') JSON.parse(await readFile(path.join(out, name), 'utf8'));
        else expect(name, "only the writer's own temp files are left").to.match(/^\.numbers-(consumer|callback-handler)-sinch-numbers\.json\.\d+\.[0-9a-f]{8}\.tmp$/);
      }
    }

    it('SIGKILL the moment its temp file appears (3 times): old or new bytes, never half a file', async () => {
      let whileWriting = 0;
      for (let i = 1; i <= 3; i += 1) {
        await writeFile(path.join(out, NAME), old);
        const result = await generateAndKill('when-temp-appears');
        await expectOldOrNew(`at the temp file #${i}`, result);
        if (result.killed && result.tempAtKill) whileWriting += 1;
      }
      // On a very busy machine the writer may finish before the kill arrives; most kills land mid-write.
      expect(whileWriting, 'kills that landed while the temp file existed').to.be.at.least(1);
    });

    it('SIGKILL at other moments (3 times): old or new bytes, never half a file', async () => {
      for (const [i, ms] of [600, 850, 1100].entries()) {
        await writeFile(path.join(out, NAME), old);
        await expectOldOrNew(`after ${ms} ms #${i + 1}`, await generateAndKill(ms));
      }
    });

    it('the temp files a killed run leaves are ignored: coverage reads only *.json pact files, and generate --check passes after a new run', async () => {
      const leftovers = (await readdir(out)).filter((n) => n.endsWith('.tmp'));
      const regenerate = await cli(['generate', '--out', out], { cwd: dir });
      expect(regenerate.code).to.equal(0);
      expect((await readFile(path.join(out, NAME))).equals(committed)).to.equal(true);
      const check = await cli(['generate', '--check', '--out', out], { cwd: dir });
      expect(check.code, check.stdout).to.equal(0);
      const coverage = await cli(['coverage', out, '--json'], { cwd: dir });
      expect(coverage.code, coverage.stderr).to.equal(0);
      // The error contract and the callback message pact that generate writes beside it.
      expect((JSON.parse(coverage.stdout) as { pacts: unknown[] }).pacts).to.have.length(2);
      outcomes.push(`${leftovers.length} temp file(s) left by killed runs, ignored by coverage and --check`);
    });
  });
});
