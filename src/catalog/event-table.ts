import type { Catalog, EventCase } from './types.js';

/** The callback events as a readable text table, grouped by resource (`list --events`). */
export function formatEventTable(catalog: Catalog, events: readonly EventCase[]): string {
  const header = ['EVENT TYPE', 'STATUS', 'FAILURE CODE', 'AFTER', 'SOURCE', 'CASE'];
  const rows = events.map((e) => [e.eventType, e.status, e.failureCode ?? '-', e.trigger.operationId, e.inferred ? 'inferred' : e.provenance.kind, e.exampleName]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const render = (cells: readonly string[]): string => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ');
  const lines: string[] = [];
  for (const resourceType of ['ACTIVE_NUMBER', 'NUMBER_ORDER'] as const) {
    const own = events.map((e, i) => [e, rows[i]!] as const).filter(([e]) => e.resourceType === resourceType);
    if (own.length === 0) continue;
    if (lines.length > 0) lines.push('');
    lines.push(`${own[0]![0].operationId}  ${resourceType} events`);
    lines.push(`  ${render(header)}`);
    for (const [, row] of own) lines.push(`  ${render(row)}`);
  }
  if (lines.length > 0) lines.push('');
  const failures = events.filter((e) => e.status === 'FAILED').length;
  lines.push(`${events.length} event ${events.length === 1 ? 'variant' : 'variants'}, ${failures} FAILED (catalog: ${catalog.events.length} variants, spec ${catalog.specVersion})`);
  return `${lines.join('\n')}\n`;
}
