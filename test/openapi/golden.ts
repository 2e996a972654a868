import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { buildCatalog } from '../../src/catalog/build.js';
import { isKitError } from '../../src/errors.js';
import { lintSpec } from '../../src/lint/index.js';
import { loadSpec } from '../../src/openapi/load.js';
import { repoRoot } from '../helpers/paths.js';

/** Where the table is kept; `npm run regen` rewrites it (never edit it by hand). */
export const GOLDEN_FILE = path.join(repoRoot, 'test', 'golden', 'front-door.jsonl');

const FIXTURES = path.join(repoRoot, 'test', 'fixtures', 'specs');

/** One fixture's outcome: the first stage that refused it (load, catalog, lint) with its code, exit code, pointer and message, or `ok`. */
export interface GoldenRow {
  fixture: string;
  stage: 'load' | 'catalog' | 'lint' | 'ok';
  code?: string;
  exit?: number;
  file?: string;
  pointer?: string;
  message?: string;
  /** lint: every finding as `CODE pointer`. */
  findings?: string[];
}

const relative = (file: string): string => path.relative(repoRoot, file).split(path.sep).join('/');

/**
 * Every fixture folder of test/fixtures/specs through the front door (loadSpec), then the catalog
 * and lint: what the spec loader answers for each, as data. Paths are repo-relative, so the table
 * is the same in any checkout.
 */
export async function frontDoorTable(): Promise<GoldenRow[]> {
  const rows: GoldenRow[] = [];
  const names = readdirSync(FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_'))
    .map((entry) => entry.name)
    .sort();
  for (const fixture of names) {
    const json = path.join(FIXTURES, fixture, 'spec.json');
    const file = existsSync(json) ? json : path.join(FIXTURES, fixture, 'spec.yaml');
    let stage: GoldenRow['stage'] = 'load';
    try {
      const spec = await loadSpec(file);
      stage = 'catalog';
      const report = lintSpec(spec);
      if (report.findings.length > 0) {
        rows.push({ fixture, stage: 'lint', findings: report.findings.map((f) => `${f.code} ${relative(f.file)}#${f.pointer}`) });
        continue;
      }
      buildCatalog(spec);
      rows.push({ fixture, stage: 'ok' });
    } catch (error) {
      if (!isKitError(error)) throw error;
      rows.push({
        fixture,
        stage,
        code: error.code,
        exit: error.exitCode,
        ...(error.file === undefined ? {} : { file: relative(error.file) }),
        ...(error.pointer === undefined ? {} : { pointer: error.pointer }),
        message: error.message.split(repoRoot + path.sep).join(''),
      });
    }
  }
  return rows;
}

/** The table as committed: one JSON row per line. */
export function formatTable(rows: readonly GoldenRow[]): string {
  return rows.map((row) => JSON.stringify(row)).join('\n') + '\n';
}
