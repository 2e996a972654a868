/**
 * The readable report: an operation × status matrix (covered/applicable per cell), then each
 * operation's cases marked covered, not covered or n/a, then the cases declared not applicable
 * (with `--not-applicable`), then the callback event variants (with a message pact), then the
 * interactions the spec does not document.
 */
import { sourceNamesOf } from '../catalog/sources.js';
import type { CaseCoverage, CoverageReport, OperationCoverage } from './types.js';
import { joinLines } from '../util/terminal.js';
import { eventsSummary, eventsText } from './format-events.js';

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

/** Covered of applicable per status; `n/a` where every case is declared not applicable. With a list, a last column counts them. */
function matrix(report: CoverageReport): string[] {
  const statuses = [...new Set(report.operations.flatMap((o) => o.cases.map((c) => c.status)))].sort((a, b) => a - b);
  const cell = (o: OperationCoverage, status: number): string => {
    const own = o.cases.filter((c) => c.status === status);
    const applicable = own.filter((c) => c.notApplicable === null);
    return own.length === 0 ? '-' : applicable.length === 0 ? 'n/a' : `${own.filter((c) => c.covered).length}/${applicable.length}`;
  };
  const na = report.notApplicable === null ? () => [] : (n: number | string) => [String(n)];
  const rows = [['OPERATION', ...statuses.map(String), 'COVERED', '', ...na('N/A')]];
  for (const o of report.operations) rows.push([o.operationId, ...statuses.map((s) => cell(o, s)), `${o.covered}/${o.applicable}`, pct(o.percent), ...na(o.notApplicable)]);
  const t = report.totals;
  rows.push(['TOTAL', ...statuses.map(() => ''), `${t.covered}/${t.applicable}`, pct(t.percent), ...na(t.notApplicable)]);
  return table(rows);
}

function operationBlock(o: OperationCoverage): string[] {
  const count = o.notApplicable === 0 ? `${o.covered} of ${o.documented} covered (${pct(o.percent)})` : `${o.covered} of ${o.applicable} applicable covered (${pct(o.percent)}), ${o.notApplicable} more not applicable`;
  const lines = [`${o.operationId}  ${o.method} ${o.pathTemplate}  ${count}`];
  if (o.deprecated !== undefined) lines.push(`  DEPRECATED: use ${o.deprecated.replacement}`);
  const label = (c: CaseCoverage): string => (c.covered ? '  covered' : c.notApplicable === null ? '  NOT covered' : '  n/a');
  const rows = o.cases.map((c) => [label(c), String(c.status), c.code, c.envelope, sourceNamesOf(c).join('+'), c.exampleName]);
  return [...lines, ...table(rows)];
}

/** The declared cases, by declaration: where, why, which cases; then the declarations the pacts contradict. */
function notApplicableBlock(report: CoverageReport): string[] {
  const na = report.notApplicable;
  if (na === null) return [];
  const out = [`Not applicable: ${plural(report.totals.notApplicable, 'case')} declared in ${na.file}, not counted in the percentage`];
  for (const e of na.entries) {
    if (e.cases.length === 0) continue;
    out.push(`  ${e.at}: ${e.reason}`, ...e.cases.map((id) => `    ${id}`));
  }
  for (const w of na.warnings) out.push(`  warning: ${w}`);
  return out;
}

/** The last line: what the percentage is of. */
function summaryLine(report: CoverageReport): string {
  const t = report.totals;
  const across = `across ${plural(t.operations, 'operation')}`;
  if (report.notApplicable === null) return `Covered ${t.covered} of ${t.documented} documented errors (${pct(t.percent)}) ${across}.`;
  return `Covered ${t.covered} of ${t.applicable} applicable documented errors (${pct(t.percent)}) ${across}; ${t.notApplicable} more declared not applicable in ${report.notApplicable.file}.`;
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
  if (report.notApplicable !== null) out.push('', ...notApplicableBlock(report));
  if (report.events !== null) out.push('', ...eventsText(report.events));

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
  out.push('', summaryLine(report) + eventsSummary(report));
  return `${joinLines(out)}\n`;
}
