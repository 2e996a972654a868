import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadSpec } from '../../src/openapi/load.js';
import { SPEC_SHA256 } from '../../src/catalog/generated.js';
import { bundledSpec } from '../helpers/paths.js';

describe('spec identity (sha256)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'nck-sha-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('is the same for the spec checked out with CRLF line ends or a byte order mark', async () => {
    const text = await readFile(bundledSpec, 'utf8');
    const crlf = path.join(dir, 'crlf.yaml');
    const bom = path.join(dir, 'bom.yaml');
    await writeFile(crlf, text.replace(/\n/g, '\r\n'));
    await writeFile(bom, `\uFEFF${text}`);
    const hashes = await Promise.all([bundledSpec, crlf, bom].map(async (file) => (await loadSpec(file)).sha256));
    expect(hashes).to.deep.equal([SPEC_SHA256, SPEC_SHA256, SPEC_SHA256]);
  });

  it('changes with one byte of content', async () => {
    const text = await readFile(bundledSpec, 'utf8');
    const changed = path.join(dir, 'changed.yaml');
    await writeFile(changed, text.replace('title: Sinch Numbers API', 'title: Sinch Numbers APi'));
    expect((await loadSpec(changed)).sha256).to.not.equal(SPEC_SHA256);
  });
});
