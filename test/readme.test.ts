/**
 * The README as a user meets it: every command of its tour runs on a clone of this repository, and
 * every link to the kit's own files points at a file the packed package ships (on the package CDN).
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { cli } from './helpers/cli.js';
import { repoRoot } from './helpers/paths.js';

const run = promisify(execFile);

/** The lines of the "A short tour" code block, as argument lists (after `npx numbers-contract`). */
async function tourCommands(): Promise<string[][]> {
  const readme = await readFile(path.join(repoRoot, 'README.md'), 'utf8');
  const tour = /## A short tour\n\n```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  return tour
    .split('\n')
    .filter((line) => line.startsWith('npx numbers-contract'))
    .map((line) =>
      line
        .replace(/\s+#.*$/, '')
        .split(/\s+/)
        .slice(2),
    );
}

describe('README', function () {
  this.timeout(120_000);

  it('has a tour of every command', async () => {
    const commands = (await tourCommands()).map((args) => args[0]);
    expect([...new Set(commands)]).to.have.members(['--version', 'list', 'generate', 'verify', 'coverage', 'serve', 'lint']);
  });

  it('every tour command runs on a clone (serve only starts: it runs until stopped)', async () => {
    // In a scratch copy of the committed contracts, so the tour's writes (contracts, coverage.html) stay out of the tree.
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'nck-tour-'));
    try {
      for (const args of await tourCommands()) {
        if (args[0] === 'serve') continue;
        const inScratch = args.map((a) => (a === 'coverage.html' ? path.join(scratch, a) : a));
        if (args[0] === 'generate' && !args.includes('--check')) inScratch.push('--out', path.join(scratch, 'contract.json'));
        const { code, stderr } = await cli(inScratch);
        expect(code, `numbers-contract ${args.join(' ')}: ${stderr}`).to.equal(0);
      }
      expect((await readFile(path.join(scratch, 'coverage.html'), 'utf8')).toLowerCase().startsWith('<!doctype html>')).to.equal(true);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });

  // The registry page resolves a relative link against package.json's `repository`, which the kit
  // has none of: links to the kit's own files name them in the published package, at this version,
  // so they work on the registry page, from an installed copy and from a clone alike.
  it('every link to a file of the kit names a file the packed package ships, at this version, on the package CDN', async () => {
    const readme = await readFile(path.join(repoRoot, 'README.md'), 'utf8');
    const { version } = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((l) => !l.startsWith('#'));
    const relative = targets.filter((l) => !/^[a-z]+:/.test(l));
    expect(relative, 'relative links are dead on the registry page').to.deep.equal([]);
    const base = `https://unpkg.com/numbers-contract-kit@${version}/`;
    const own = targets.filter((l) => l.startsWith('https://unpkg.com/')).map((l) => l.split('#')[0]!);
    expect(
      own.filter((l) => !l.startsWith(base)),
      `links not at version ${version}`,
    ).to.deep.equal([]);
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot });
    const [packed] = JSON.parse(stdout) as { files: { path: string }[] }[];
    const shipped = new Set(packed!.files.map((f) => f.path));
    expect(own.length).to.be.greaterThan(3);
    expect(own.map((l) => l.slice(base.length)).filter((f) => !shipped.has(f))).to.deep.equal([]);
  });

  it('the docs name no path of the machine they were written on', async () => {
    const { stdout } = await run('git', ['ls-files', '*.md'], { cwd: repoRoot });
    const found: string[] = [];
    for (const file of stdout.split('\n').filter(Boolean)) {
      const text = await readFile(path.join(repoRoot, file), 'utf8');
      for (const m of text.matchAll(/(?:^|[\s`'"(])(\/(?:work|root|home|Users|tmp\/nck)\/[\w./-]+)/g)) found.push(`${file}: ${m[1]}`);
    }
    expect(found).to.deep.equal([]);
  });
});
