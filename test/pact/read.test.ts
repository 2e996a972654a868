/**
 * The one pact reader against hostile files, through every command that reads pacts: `coverage`
 * and `verify` give the same line for the same file (one reader), `generate --check` reads the
 * committed contract with it, and the harness merges into an existing file through it. Special
 * files (FIFO, /dev/zero, a folder named x.json, loops) are refused before any read, so nothing
 * hangs. Then the writers: every file system failure is exit 3 naming the target, and no path loops.
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadCatalog } from '../../src/catalog/index.js';
import { isKitError } from '../../src/errors.js';
import { loadPactCore } from '../../src/pact/core.js';
import { caseInteraction } from '../../src/pact/interaction.js';
import { PactRecorder } from '../../src/pact/recorder.js';
import { listPactPaths } from '../../src/pact/read.js';
import { cli } from '../helpers/cli.js';
import { bundledSpec } from '../helpers/paths.js';

const CONTRACT = 'numbers-consumer-sinch-numbers.json';
const good = (status: unknown = 404): string =>
  JSON.stringify({
    consumer: { name: 'c' },
    provider: { name: 'p' },
    metadata: { pactSpecification: { version: '4.0' } },
    interactions: [
      {
        type: 'Synchronous/HTTP',
        description: 'get a number that does not exist',
        request: { method: 'GET', path: '/v1/projects/a1b2c3d4-0000-4000-8000-00000000c0de/activeNumbers/+12025550134' },
        response: { status, body: { content: { error: { code: 404, message: 'x', status: 'NOT_FOUND', details: [] } }, contentType: 'application/json', encoded: false } },
      },
    ],
  });
let nested: unknown = 'bottom';
for (let i = 0; i < 200; i += 1) nested = { a: nested };
const deep = JSON.stringify({ ...(JSON.parse(good()) as object), interactions: [{ ...(JSON.parse(good()) as { interactions: Array<Record<string, unknown>> }).interactions[0], response: { status: 404, body: nested } }] });

const linux = process.platform === 'linux';

describe('pact reader: hostile files through coverage, verify, generate --check and the harness', function () {
  this.timeout(60_000);
  let dir: string;

  before(async function () {
    if (!linux) this.skip(); // FIFOs, /dev/zero and /proc are Linux fixtures
    dir = await mkdtemp(path.join(os.tmpdir(), 'nck-pact-read-'));
    const at = (name: string): string => path.join(dir, name);
    await writeFile(at('good.json'), good());
    await writeFile(at('abc.json'), good('abc'));
    await writeFile(at('deep.json'), deep);
    await writeFile(at('notpact.json'), '{"name":"not a pact"}');
    execFileSync('mkfifo', [at('fifo.json')]);
    await symlink('/dev/zero', at('zero.json'));
    await symlink('loop.json', at('loop.json'));
    await symlink('nowhere.json', at('dangling.json'));
    await symlink('good.json', at('alias.json'));
    for (const [folder, entry] of [
      ['withdir', 'x.json'],
      ['withfifo', 'fifo.json'],
      ['withzero', 'zero.json'],
      ['withloop', 'loop.json'],
    ] as const) {
      await mkdir(at(folder));
      await writeFile(path.join(at(folder), 'a.json'), good());
      if (entry === 'x.json') await mkdir(path.join(at(folder), entry));
      if (entry === 'fifo.json') execFileSync('mkfifo', [path.join(at(folder), entry)]);
      if (entry === 'zero.json') await symlink('/dev/zero', path.join(at(folder), entry));
      if (entry === 'loop.json') await symlink('loop.json', path.join(at(folder), entry));
    }
    // verify's default contracts/ holding a FIFO.
    await mkdir(at('defaults/contracts'), { recursive: true });
    execFileSync('mkfifo', [at('defaults/contracts/fifo.json')]);
    // A project folder: one pact among config files, one of them JSON with comments.
    await mkdir(at('project'));
    await writeFile(at('project/a-pact.json'), good());
    await writeFile(at('project/.mocharc.json'), '{"spec":"test/**/*.test.ts"}');
    await writeFile(at('project/package.json'), '{"name":"x","version":"1.0.0"}');
    await writeFile(at('project/tsconfig.json'), '{\n  // comments are not JSON\n  "compilerOptions": {}\n}');
    await writeFile(at('project/broken-pact.json.txt'), 'ignored: not *.json');
    for (const [folder, make] of [
      ['check-zero', (f: string) => symlink('/dev/zero', f)],
      ['check-fifo', (f: string) => Promise.resolve(execFileSync('mkfifo', [f])).then(() => undefined)],
      ['check-dir', (f: string) => mkdir(f)],
    ] as const) {
      await mkdir(at(folder));
      await make(path.join(at(folder), CONTRACT));
    }
  });
  after(() => (dir === undefined ? undefined : rm(dir, { recursive: true, force: true })));

  /** [file or folder, the line after "numbers-contract: " (both commands, exit 2)] */
  const refused: Array<[string, string]> = [
    ['fifo.json', 'PACT_UNREADABLE fifo.json: is a FIFO (named pipe), not a regular file'],
    ['zero.json', 'PACT_UNREADABLE zero.json: is a character device, not a regular file'],
    ['loop.json', 'PACT_UNREADABLE loop.json: is a symlink loop'],
    ['dangling.json', 'PACT_NOT_FOUND dangling.json: no such pact file or directory'],
    ['withdir', 'PACT_UNREADABLE withdir/x.json: is a directory, not a regular file'],
    ['withfifo', 'PACT_UNREADABLE withfifo/fifo.json: is a FIFO (named pipe), not a regular file'],
    ['withzero', 'PACT_UNREADABLE withzero/zero.json: is a character device, not a regular file'],
    ['withloop', 'PACT_UNREADABLE withloop/loop.json: is a symlink loop'],
    ['abc.json', 'PACT_SHAPE abc.json#/interactions/0/response/status: the response status must be an integer from 100 to 599'],
    ['deep.json', "PACT_SHAPE deep.json#/interactions/0/response: nested deeper than 100 levels (Pact's core reads at most 128)"],
    ['notpact.json', 'PACT_SHAPE notpact.json#/interactions: a pact file needs an "interactions" array'],
    ['/dev/zero', 'PACT_UNREADABLE /dev/zero: is a character device, not a regular file'],
  ];
  for (const command of ['coverage', 'verify'] as const) {
    for (const [input, line] of refused) {
      it(`${command} ${input}: exit 2, ${line.split(' ')[0]}`, async () => {
        const result = await cli([command, input], { cwd: dir });
        expect(result).to.deep.equal({ code: 2, stdout: '', stderr: `numbers-contract: ${line}\n` });
      });
    }
  }

  it('verify with no argument and a FIFO in contracts/: exit 2, never a wait', async () => {
    const result = await cli(['verify'], { cwd: path.join(dir, 'defaults') });
    expect(result).to.deep.equal({ code: 2, stdout: '', stderr: 'numbers-contract: PACT_UNREADABLE contracts/fifo.json: is a FIFO (named pipe), not a regular file\n' });
  });

  it('coverage of a project folder reads its pact and skips the other JSON files with a note each', async () => {
    const { code, stderr, stdout } = await cli(['coverage', 'project', '--json'], { cwd: dir });
    expect(code, stderr).to.equal(0);
    expect(stderr).to.equal(
      [
        'numbers-contract: note: skipped project/.mocharc.json: JSON, but not a pact (no "interactions", "messages", "consumer" and "provider", or pact specification)',
        'numbers-contract: note: skipped project/package.json: JSON, but not a pact (no "interactions", "messages", "consumer" and "provider", or pact specification)',
        'numbers-contract: note: skipped project/tsconfig.json: not JSON and names no pact key',
        '',
      ].join('\n'),
    );
    expect((JSON.parse(stdout) as { pacts: Array<{ file: string }> }).pacts.map((p) => p.file)).to.deep.equal(['project/a-pact.json']);
  });

  it('a pact named twice, once through a symlink, is read once', async () => {
    const { code, stdout } = await cli(['coverage', 'good.json', 'alias.json', './good.json', '--json'], { cwd: dir });
    expect(code).to.equal(0);
    const report = JSON.parse(stdout) as { pacts: Array<{ file: string }>; totals: { interactions: number } };
    expect(report.pacts.map((p) => p.file)).to.deep.equal(['good.json']);
    expect(report.totals.interactions).to.equal(1);
    expect((await listPactPaths(['alias.json', 'good.json'], dir)).map((p) => p.shown)).to.deep.equal(['alias.json']);
  });

  /** generate --check against a committed contract that is not a regular file: exit 2, the path and the cause. */
  const checks: Array<[string, string]> = [
    ['check-zero', 'is a character device, not a regular file'],
    ['check-fifo', 'is a FIFO (named pipe), not a regular file'],
    ['check-dir', 'is a directory, not a regular file'],
  ];
  for (const [folder, cause] of checks) {
    it(`generate --check --out ${folder}: exit 2, PACT_UNREADABLE`, async () => {
      const result = await cli(['generate', '--check', '--out', folder], { cwd: dir });
      expect(result).to.deep.equal({ code: 2, stdout: '', stderr: `numbers-contract: PACT_UNREADABLE ${folder}/${CONTRACT}: ${cause}\n` });
    });
  }

  describe("the harness's merge into an existing pact file", () => {
    /** [what the existing file is, exact message of the KitError] */
    const merges: Array<[string, (file: string) => Promise<unknown>, string, string]> = [
      ['JSON but not a pact', (f) => writeFile(f, '{"name":"x"}'), 'PACT_SHAPE', `a pact file needs an "interactions" array; the harness merges into it: fix or delete it, or use pactfileWriteMode 'overwrite'`],
      ['not JSON', (f) => writeFile(f, '{"interactions": ['), 'PACT_SYNTAX', `not valid JSON at line 1, column 19: unexpected end of input; the harness merges into it: fix or delete it, or use pactfileWriteMode 'overwrite'`],
      ['a symlink to /dev/zero', (f) => symlink('/dev/zero', f), 'PACT_UNREADABLE', `is a character device, not a regular file; the harness merges into it: fix or delete it, or use pactfileWriteMode 'overwrite'`],
      ['a FIFO', (f) => Promise.resolve(execFileSync('mkfifo', [f])), 'PACT_UNREADABLE', `is a FIFO (named pipe), not a regular file; the harness merges into it: fix or delete it, or use pactfileWriteMode 'overwrite'`],
    ];
    for (const [what, make, code, message] of merges) {
      it(`${what}: ${code}, the file left as it was`, async () => {
        const folder = await mkdtemp(path.join(dir, 'merge-'));
        const file = path.join(folder, 'c-p.json');
        await make(file);
        const before = await lstat(file);
        const catalog = await loadCatalog(bundledSpec);
        const recorder = new PactRecorder({ core: loadPactCore(), consumer: 'c', provider: 'p', dir: folder, mode: 'merge', metadata: {} });
        recorder.record(caseInteraction(catalog.cases[0]!));
        const error = await recorder.write().catch((e: unknown) => e);
        expect(isKitError(error) ? { code: error.code, file: error.file, message: error.message } : error).to.deep.equal({ code, file, message });
        const after = await lstat(file);
        expect([after.mode, after.size, after.mtimeMs]).to.deep.equal([before.mode, before.size, before.mtimeMs]);
        expect((await readdir(folder)).sort()).to.deep.equal(['c-p.json']);
      });
    }
  });
});

describe('writers: every file system failure is exit 3 naming the target, and no path loops', function () {
  this.timeout(60_000);
  let dir: string;
  before(async function () {
    if (!linux) this.skip(); // /proc and /sys are Linux fixtures
    dir = await mkdtemp(path.join(os.tmpdir(), 'nck-write-'));
    await writeFile(path.join(dir, 'file.json'), good());
    await mkdir(path.join(dir, 'has-dir', CONTRACT), { recursive: true });
    await mkdir(path.join(dir, 'report.html'));
  });
  after(() => (dir === undefined ? undefined : rm(dir, { recursive: true, force: true })));

  const abs = (name: string): string => path.join(dir, name);
  /** [args, target as the line shows it, cause] */
  const rows: Array<[string[], () => string, () => string]> = [
    [['generate', '--out', 'file.json'], () => `file.json/${CONTRACT}`, () => `${abs('file.json')} is not a directory (ENOTDIR)`],
    [['generate', '--out', 'file.json/sub'], () => `file.json/sub/${CONTRACT}`, () => `${abs('file.json')} is not a directory (ENOTDIR)`],
    [['generate', '--out', 'has-dir'], () => `has-dir/${CONTRACT}`, () => 'a directory is in the way (EISDIR)'],
    [['generate', '--out', '/proc/nope'], () => `/proc/nope/${CONTRACT}`, () => 'cannot create the directory /proc/nope (ENOENT)'],
    [['generate', '--out', '/proc/nope/deeper/still'], () => `/proc/nope/deeper/still/${CONTRACT}`, () => 'cannot create the directory /proc/nope (ENOENT)'],
    [['generate', '--out', '/sys/kernel'], () => `/sys/kernel/${CONTRACT}`, () => 'permission denied (EACCES)'],
    [['coverage', 'file.json', '--html', 'report.html'], () => 'report.html', () => 'a directory is in the way (EISDIR)'],
    [['coverage', 'file.json', '--html', 'file.json/r.html'], () => 'file.json/r.html', () => `${abs('file.json')} is not a directory (ENOTDIR)`],
    [['coverage', 'file.json', '--html', '/proc/nope/r.html'], () => '/proc/nope/r.html', () => 'cannot create the directory /proc/nope (ENOENT)'],
  ];
  for (const [args, target, cause] of rows) {
    it(`${args.join(' ')}: exit 3, WRITE_FAILED`, async () => {
      const result = await cli(args, { cwd: dir });
      expect(result.code).to.equal(3);
      expect(result.stderr).to.equal(`numbers-contract: WRITE_FAILED ${target()}: cannot write the file: ${cause()}\n`);
    });
  }

  it('a 250-character consumer name: exit 2 before anything is rendered', async () => {
    const result = await cli(['generate', '--consumer', 'a'.repeat(250), '--out', 'long'], { cwd: dir });
    expect(result).to.deep.equal({
      code: 2,
      stdout: '',
      stderr: "numbers-contract: BAD_NAME --consumer: the pact file name '<consumer>-<provider>.json' would be 269 characters; file systems allow 255: use shorter names\n",
    });
  });

  it('leaves no temp file behind after a failed write', async () => {
    await cli(['generate', '--out', 'has-dir'], { cwd: dir });
    expect(await readFile(path.join(dir, 'file.json'), 'utf8')).to.equal(good());
    expect((await readdir(path.join(dir, 'has-dir'))).filter((n) => n.endsWith('.tmp'))).to.deep.equal([]);
  });
});
