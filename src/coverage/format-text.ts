/**
 * The readable report: an operation × status matrix (covered/documented per cell), then each
 * operation's cases marked covered or not, then the interactions the spec does not document.
 */
import { sourceNamesOf } from '../catalog/sources.js';
import type { CoverageReport, OperationCoverage } from './types.js';
import { joinLines } from '../util/terminal.js';

const pct = (percent: number): string => `${percent.toFixed(1)}%`;
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

function matrix(report: CoverageReport): string[] {
  const statuses = [...new Set(report.operations.flatMap((o) => o.cases.map((c) => c.status)))].sort((a, b) => a - b);
  const cell = (o: OperationCoverage, status: number): string => {
    const own = o.cases.filter((c) => c.status === status);
    return own.length === 0 ? '-' : `${own.filter((c) => c.covered).length}/${own.length}`;
  };
  const rows = [['OPERATION', ...statuses.map(String), 'COVERED', '']];
  for (const o of report.operations) rows.push([o.operationId, ...statuses.map((s) => cell(o, s)), `${o.covered}/${o.documented}`, pct(o.percent)]);
  const t = report.totals;
  rows.push(['TOTAL', ...statuses.map(() => ''), `${t.covered}/${t.documented}`, pct(t.percent)]);
  return table(rows);
}

function operationBlock(o: OperationCoverage): string[] {
  const lines = [`${o.operationId}  ${o.method} ${o.pathTemplate}  ${o.covered} of ${o.documented} covered (${pct(o.percent)})`];
  if (o.deprecated !== undefined) lines.push(`  DEPRECATED: use ${o.deprecated.replacement}`);
  const rows = o.cases.map((c) => [c.covered ? '  covered' : '  NOT covered', String(c.status), c.code, c.envelope, sourceNamesOf(c).join('+'), c.exampleName]);
  return [...lines, ...table(rows)];
}

export function formatCoverageText(report: CoverageReport): string {
  const t = report.totals;
  const consumers = [...new Set(report.pacts.map((p) => `${p.consumer || '?'} -> ${p.provider || '?'}`))].join(', ');
  const out: string[] = [
    `Error coverage: ${consumers} (${plural(report.pacts.length, 'pact file')}, ${plural(t.interactions, 'interaction')}; spec ${report.spec.version})`,
    `Scope: ${plural(t.operations, 'operation')} (${report.scope.source === 'pacts' ? 'those the pacts call' : 'from --operations'})`,
    '',
  ];
  if (report.operations.length === 0) out.push('No operation in scope: no interaction of the pacts calls a documented operation.');
  else out.push(...matrix(report));
  for (const o of report.operations) out.push('', ...operationBlock(o));

  const undocumented = report.interactions.filter((i) => i.result === 'undocumented');
  out.push('', `Undocumented interactions: ${undocumented.length} (in the pacts, not in the spec)`);
  for (const i of undocumented) {
    if (i.result !== 'undocumented') continue;
    out.push(`  ${i.file} #${i.index} ${JSON.stringify(i.description)}: ${i.reason}`);
  }
  const ambiguous = report.interactions.filter((i) => i.result === 'covered' && i.note !== undefined);
  if (ambiguous.length > 0) {
    out.push('', `Interactions matching several cases: ${ambiguous.length} (stamp them, or name the case's provider state)`);
    for (const i of ambiguous) if (i.result === 'covered') out.push(`  ${i.file} #${i.index} ${JSON.stringify(i.description)}: ${i.caseIds.join(', ')}`);
  }
  const skipped = report.interactions.filter((i) => i.result === 'skipped');
  const reasons = new Map<string, number>();
  for (const i of skipped) if (i.result === 'skipped') reasons.set(i.reason.replace(/ \(\d+\)/, ''), (reasons.get(i.reason.replace(/ \(\d+\)/, '')) ?? 0) + 1);
  out.push(
    `Skipped interactions: ${skipped.length}${
      skipped.length === 0
        ? ''
        : ` (${[...reasons]
            .sort()
            .map(([r, n]) => `${n} ${r}`)
            .join('; ')})`
    }`,
  );
  out.push('', `Covered ${t.covered} of ${t.documented} documented errors (${pct(t.percent)}) across ${plural(t.operations, 'operation')}.`);
  return `${joinLines(out)}\n`;
}
