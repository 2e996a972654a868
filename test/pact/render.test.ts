import { expect } from 'chai';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { removeRenderDir } from '../../src/pact/render.js';

describe('render: the private render directory', () => {
  const rows: Array<{ title: string; files: string[] }> = [
    { title: 'the pact file the core wrote', files: ['c-p.json'] },
    { title: 'nothing (the core failed before writing)', files: [] },
    { title: 'the pact file and something else', files: ['c-p.json', 'c-p.json.lock'] },
  ];
  for (const { title, files } of rows) {
    it(`is removed when it holds ${title}`, () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'numbers-render-'));
      for (const name of files) writeFileSync(path.join(dir, name), '{}');
      removeRenderDir(dir, path.join(dir, 'c-p.json'));
      expect(existsSync(dir)).to.equal(false);
    });
  }
});
