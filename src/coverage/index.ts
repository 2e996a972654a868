/**
 * Consumer error coverage: which of the errors the spec documents for the operations a consumer
 * calls do its pact files exercise, and which interactions in them does the spec not document.
 */
import path from 'node:path';
import { buildCatalog } from '../catalog/build.js';
import { selectCases } from '../catalog/select.js';
import type { NumbersOperationId } from '../catalog/types.js';
import { KitError } from '../errors.js';
import { loadSpec } from '../openapi/load.js';
import { createMapper } from './map.js';
import { buildReport } from './matrix.js';
import { readNotApplicable } from './not-applicable.js';
import { readPacts } from '../pact/read.js';
import { coverageView } from './read.js';
import type { CoverageReport } from './types.js';

export { belowThreshold, percentOf } from './matrix.js';
export { formatCoverageText } from './format-text.js';
export { formatCoverageHtml } from './format-html.js';
export type * from './types.js';

export interface CoverageOptions {
  specPath: string;
  /** Pact files or folders of them (see `pact/read.ts` for what a folder stands for). */
  pacts: readonly string[];
  /** What relative paths are relative to, and reports show paths relative to (default: the process's). */
  cwd?: string;
  /** Told about each folder file passed over because it is not a pact. */
  onNote?: (note: string) => void;
  /** Operations in scope; default those the pacts call. Unknown ids are a usage error. */
  operations?: readonly string[];
  /** A not-applicable list (JSON, see `not-applicable.ts`): cases counted apart, with their reasons. */
  notApplicable?: string;
}

export async function computeCoverage(options: CoverageOptions): Promise<CoverageReport> {
  const cwd = options.cwd ?? process.cwd();
  if (options.pacts.length === 0) throw new KitError('PACT_NOT_FOUND', 'name at least one pact file', { argument: '<pacts...>' });
  const read = await readPacts(options.pacts, cwd);
  for (const note of read.notes) options.onNote?.(note);
  // Reports list pacts by name, whatever order the arguments came in.
  const pacts = read.pacts.map(coverageView).sort((a, b) => (a.source.file < b.source.file ? -1 : a.source.file > b.source.file ? 1 : 0));
  const spec = await loadSpec(options.specPath);
  const catalog = buildCatalog(spec);
  // The scope goes through the one case selector: an unknown operation is UNKNOWN_OPERATION with "did you mean".
  if (options.operations !== undefined) selectCases(catalog.cases, { operation: options.operations }, { label: (key) => `--${key}` });
  const notApplicable = options.notApplicable === undefined ? undefined : await readNotApplicable(path.resolve(cwd, options.notApplicable), cwd, catalog.cases);
  return buildReport({
    catalog,
    pacts,
    mapper: createMapper(catalog, spec.document),
    ...(options.operations === undefined ? {} : { operations: options.operations as NumbersOperationId[] }),
    ...(notApplicable === undefined ? {} : { notApplicable }),
  });
}

/** The report as JSON: stable key order, two-space indent, final newline. */
export function formatCoverageJson(report: CoverageReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
