import { sourceNamesOf } from './sources.js';
import { isErrorCase, type Catalog, type NumbersCase } from './types.js';
import { joinLines } from '../util/terminal.js';

/** The catalog as a readable text table, grouped by operation (the `list` command's output). */
export function formatCatalogTable(catalog: Catalog, cases: readonly NumbersCase[]): string {
  const lines: string[] = [];
  const rows = (list: readonly NumbersCase[]): string[][] => list.map((c) => [String(c.status), ...codeAndEnvelope(c), c.trigger.kind, sourceNamesOf(c).join('+'), c.exampleName]);
  const header = ['STATUS', 'CODE', 'ENVELOPE', 'TRIGGER', 'SOURCE', 'CASE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows(cases).map((r) => r[i]!.length)));
  const render = (cells: string[]): string => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ');
  for (const op of catalog.operations) {
    const own = cases.filter((c) => c.operationId === op.operationId);
    if (own.length === 0) continue;
    if (lines.length > 0) lines.push('');
    const deprecated = op.deprecated === undefined ? '' : `  DEPRECATED: use ${op.deprecated.replacement}`;
    lines.push(`${op.operationId}  ${op.method} ${op.pathTemplate}${deprecated}`);
    lines.push(`  ${render(header)}`);
    for (const row of rows(own)) lines.push(`  ${render(row)}`);
  }
  const operations = new Set(cases.map((c) => c.operationId)).size;
  if (lines.length > 0) lines.push('');
  lines.push(`${cases.length} ${cases.length === 1 ? 'case' : 'cases'} across ${operations} ${operations === 1 ? 'operation' : 'operations'} (catalog: ${catalog.cases.length} cases, spec ${catalog.specVersion})`);
  return `${joinLines(lines)}\n`;
}

/** The CODE and ENVELOPE columns: an error's code and envelope; a provisioning failure's SMS error code (voice: its job type) and which job failed. */
export function codeAndEnvelope(c: NumbersCase): [string, string] {
  if (isErrorCase(c)) return [c.code, c.envelope];
  const p = c.provisioning;
  return [p.errorCode ?? `(${p.voiceType ?? 'voice'})`, `${p.platform} job ${p.status}`];
}
