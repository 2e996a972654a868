import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { KitError } from '../../src/errors.js';
import { isInside } from '../../src/openapi/ref-target.js';
import { loadSpec } from '../../src/openapi/load.js';
import { cli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';
import { spyOnFs } from './fs-spy.js';
import { loadError } from './load-error.js';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'specs');
const BASE_REF = "              schema: { $ref: '#/components/schemas/Regions' }";
const CANARY = 'read-outside-the-spec-folder';

/** The base spec with the 200 schema of ListRegions replaced by a `$ref` to `ref`. */
async function baseWithRef(ref: string): Promise<string> {
  const base = await readFile(path.join(fixtures, '_base', 'spec.yaml'), 'utf8');
  expect(base).to.contain(BASE_REF);
  return base.replace(BASE_REF, `              schema: { $ref: '${ref}' }`);
}

/** Runs `list` with the fs spy on; returns the first stderr line and every path touched outside `folder`. */
async function listWatched(spec: string, folder: string): Promise<{ line: string; outside: string[]; output: string; calls: string[] }> {
  const spy = spyOnFs();
  let result;
  try {
    result = await cli(['list', '--spec', spec]);
  } finally {
    spy.restore();
  }
  // The kit's own files (its code, dependencies and package.json, which `--version` reads) are not outside reads.
  const code = [path.join(repoRoot, 'node_modules'), path.join(repoRoot, 'src'), path.join(repoRoot, 'package.json')];
  const outside = spy.calls.map((c) => path.resolve(repoRoot, c.path)).filter((p) => !isInside(folder, p) && !code.some((dir) => isInside(dir, p)));
  // The spy did see the spec being read: an empty list of outside paths means something.
  expect(spy.calls.map((c) => path.resolve(repoRoot, c.path))).to.include(path.resolve(repoRoot, spec));
  return { line: result.stderr.split('\n', 1)[0] ?? '', outside, output: result.stdout + result.stderr, calls: spy.calls.map((c) => `${c.fn} ${path.resolve(repoRoot, c.path)}`) };
}

describe('spec front door: $ref confinement', () => {
  let tmp: string;
  before(async () => {
    await cli(['list', '--spec', 'test/fixtures/specs/_base/spec.yaml']); // warm up: every module loaded before the spy
    tmp = await mkdtemp(path.join(os.tmpdir(), 'nck-refs-'));
  });
  after(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  const escapes: [string, string][] = [
    ['a11-ref-absolute', 'SPEC_REF_ESCAPE'],
    ['a11-ref-parent', 'SPEC_REF_ESCAPE'],
    ['a11-ref-encoded-parent', 'SPEC_REF_ESCAPE'],
    ['a11-ref-deep-parent', 'SPEC_REF_ESCAPE'],
    ['a11-ref-sub-then-parent', 'SPEC_REF_ESCAPE'],
    ['a11-ref-file-url', 'SPEC_REF_ESCAPE'],
    ['a11-ref-unc', 'SPEC_REF_ESCAPE'],
    ['a11-ref-backslash', 'SPEC_REF_INVALID'],
    ['a11-ref-windows-drive', 'SPEC_REF_ESCAPE'],
    ['a11-ref-extension', 'SPEC_REF_FILE_TYPE'],
    ['a12-ref-dev-zero', 'SPEC_REF_ESCAPE'],
    ['a12-ref-proc-environ', 'SPEC_REF_ESCAPE'],
    ['a13-ref-remote-off', 'SPEC_REF_REMOTE'],
    ['a13-ref-metadata', 'SPEC_REF_REMOTE'],
    ['a13-ref-ipv6-loopback', 'SPEC_REF_REMOTE'],
  ];
  for (const [name, code] of escapes) {
    it(`${name}: ${code}, and no fs call outside the fixture folder`, async () => {
      const folder = path.join(fixtures, name);
      const { line, outside, output } = await listWatched(`test/fixtures/specs/${name}/spec.yaml`, folder);
      expect(line).to.match(new RegExp(`^numbers-contract: ${code} test/fixtures/specs/${name}/spec\\.yaml#/`));
      expect(outside).to.deep.equal([]);
      expect(output).not.to.contain(CANARY);
    });
  }

  it('the ../outside.yaml canary is a valid schema, so reading it would have changed the result', async () => {
    const canary = await readFile(path.join(fixtures, 'outside.yaml'), 'utf8');
    expect(canary).to.contain(CANARY);
    // The same spec with the canary copied inside its folder loads, and the canary shows up in it.
    const dir = path.join(tmp, 'canary-inside');
    await mkdir(dir);
    await writeFile(path.join(dir, 'outside.yaml'), canary);
    await writeFile(path.join(dir, 'spec.yaml'), await baseWithRef('outside.yaml#/Regions'));
    const spec = await loadSpec(path.join(dir, 'spec.yaml'));
    expect(JSON.stringify(spec.document)).to.contain(CANARY);
  });

  it('refuses symlinks that lead out (file, directory, absolute, chained), without touching the target', async () => {
    const dir = path.join(tmp, 'links', 'spec');
    await mkdir(path.join(dir, 'inner'), { recursive: true });
    const outsideFile = path.join(tmp, 'links', 'outside.yaml');
    await writeFile(outsideFile, `Regions: { type: object, x-canary: ${CANARY} }\n`);
    await symlink('../outside.yaml', path.join(dir, 'relative.yaml'));
    await symlink(outsideFile, path.join(dir, 'absolute.yaml'));
    await symlink('..', path.join(dir, 'up'));
    await symlink('relative.yaml', path.join(dir, 'chained.yaml'));
    await symlink('../relative.yaml', path.join(dir, 'inner', 'back.yaml'));
    for (const ref of ['relative.yaml', 'absolute.yaml', 'up/outside.yaml', 'chained.yaml', 'inner/back.yaml']) {
      await writeFile(path.join(dir, 'spec.yaml'), await baseWithRef(`${ref}#/Regions`));
      const { line, outside, output, calls } = await listWatched(path.join(dir, 'spec.yaml'), dir);
      expect(line, ref).to.match(/SPEC_REF_ESCAPE .*: \$ref ".*" follows a symlink that leads outside the spec folder$/);
      expect(calls.filter((c) => c.startsWith('promises.readlink ')), ref).to.have.length.greaterThan(0);
      expect(outside, ref).to.deep.equal([]);
      expect(output).not.to.contain(CANARY);
    }
  });

  it('follows symlinks that stay inside the folder, and stops symlink loops', async () => {
    const dir = path.join(tmp, 'inside-links');
    await mkdir(path.join(dir, 'real'), { recursive: true });
    await writeFile(path.join(dir, 'real', 'regions.yaml'), 'Regions: { type: object }\n');
    await symlink('real', path.join(dir, 'alias'));
    await writeFile(path.join(dir, 'spec.yaml'), await baseWithRef('alias/regions.yaml#/Regions'));
    await loadSpec(path.join(dir, 'spec.yaml'));
    await symlink('loop-b.yaml', path.join(dir, 'loop-a.yaml'));
    await symlink('loop-a.yaml', path.join(dir, 'loop-b.yaml'));
    await writeFile(path.join(dir, 'spec.yaml'), await baseWithRef('loop-a.yaml#/Regions'));
    const error = await loadError(path.join(dir, 'spec.yaml'));
    expect([error.code, error.message]).to.deep.equal(['SPEC_REF_ESCAPE', '$ref "loop-a.yaml#/Regions" goes through too many symlinks']);
  });

  it('refuses a FIFO, a device or a directory as the spec or as a $ref target, without blocking', async function () {
    if (process.platform === 'win32') this.skip();
    const dir = path.join(tmp, 'special');
    await mkdir(path.join(dir, 'folder.yaml'), { recursive: true });
    execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
    const started = Date.now();
    for (const [ref, kind] of [
      ['pipe.yaml', 'a FIFO'],
      ['folder.yaml', 'a directory'],
    ]) {
      await writeFile(path.join(dir, 'spec.yaml'), await baseWithRef(`${ref}#/Regions`));
      const error = await loadError(path.join(dir, 'spec.yaml'));
      expect([error.code, error.message]).to.deep.equal(['SPEC_NOT_FILE', `$ref "${ref}#/Regions": is ${kind}, not a regular file`]);
    }
    for (const [spec, kind] of [
      [path.join(dir, 'pipe.yaml'), 'a FIFO'],
      ['/dev/zero', 'a character device'],
      ['/dev/urandom', 'a character device'],
    ]) {
      const { code, stderr } = await cli(['list', '--spec', spec as string]);
      expect({ code, stderr }).to.deep.equal({ code: 2, stderr: `numbers-contract: SPEC_NOT_FILE ${spec}: is ${kind}, not a regular file\n` });
    }
    // A blocked open would never return (the test would hit mocha's timeout); this bound only makes
    // that failure say what it is, with room for a busy CI machine (these calls take ~30 ms).
    expect(Date.now() - started).to.be.below(20_000);
  });

  it('refuses a spec over the size cap from its stat, before opening it', async () => {
    const big = path.join(tmp, 'big.yaml');
    await writeFile(big, '');
    execFileSync('truncate', ['-s', String(50 * 1024 * 1024), big]);
    const spy = spyOnFs();
    let error: KitError;
    try {
      error = await loadError(big);
    } finally {
      spy.restore();
    }
    // "Before opening it" is what the spy shows (a stat and nothing else on that path), not a clock.
    expect([error.code, error.message]).to.deep.equal(['SPEC_TOO_LARGE', '52428800 bytes is over the 4194304-byte limit (maxBytes, all spec files together)']);
    expect(spy.calls.filter((c) => c.path === big).map((c) => c.fn)).to.deep.equal(['statSync']);
  });

  it('counts every file a spec references against one byte budget', async () => {
    const spec = path.join(fixtures, 'ref-external-ok', 'spec.yaml');
    const own = (await readFile(spec)).length;
    const error = await loadError(spec, { maxBytes: own + 10 });
    expect(error.code).to.equal('SPEC_TOO_LARGE');
    expect(error.message).to.match(/^\$ref "schemas\/regions\.yaml": \d+ bytes \(after \d+ bytes of other spec files\) is over the \d+-byte limit/);
  });
});

describe('spec front door: remote refs', () => {
  let server: http.Server;
  let connections = 0;
  let port = 0;
  let tmp: string;
  before(async () => {
    server = http.createServer((_req, res) => res.end('type: object\n'));
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    tmp = await mkdtemp(path.join(os.tmpdir(), 'nck-remote-'));
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(tmp, { recursive: true, force: true });
  });

  async function specWith(ref: string): Promise<string> {
    const file = path.join(tmp, 'spec.yaml');
    await writeFile(file, await baseWithRef(ref));
    return file;
  }

  it('refuses every http(s) $ref, a listening loopback server and metadata addresses included: 0 connections', async () => {
    for (const url of [`http://127.0.0.1:${port}/regions.yaml`, `http://localhost:${port}/regions.yaml`, 'http://169.254.169.254/latest/meta-data/x.yaml', 'https://schemas.example.com/regions.yaml']) {
      const spec = await specWith(url);
      const { code, stderr } = await cli(['list', '--spec', spec]);
      expect(code, url).to.equal(2);
      expect(stderr, url).to.contain(`SPEC_REF_REMOTE ${spec}#/paths/`);
      expect(stderr, url).to.contain(`$ref "${url}" is a remote URL; the kit reads no remote refs (copy the document into the spec folder)`);
    }
    expect(connections).to.equal(0);
  });
});
