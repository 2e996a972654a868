/**
 * The events section of the coverage reports (text and HTML): every documented callback event
 * variant, covered by a message interaction or not, counted like the error cases.
 */
import type { CoverageReport, EventCoverage, EventVariantCoverage } from './types.js';
import { escapeMarkup } from '../util/markup.js';

const pct = (percent: number): string => `${percent.toFixed(1)}%`;
const variantOf = (v: EventVariantCoverage): string => [v.eventType, v.status, ...(v.failureCode === null ? [] : [v.failureCode])].join(' ');

/** One line a variant, aligned: covered or NOT covered, the variant, where it is documented, its example. */
export function eventsText(events: EventCoverage | null): string[] {
  if (events === null) return [];
  const rows = events.variants.map((v) => [v.covered ? '  covered' : '  NOT covered', v.resourceType, variantOf(v), v.provenance.kind + (v.inferred && v.provenance.kind !== 'inferred' ? ' (inferred)' : ''), v.exampleName]);
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return [
    `Events: ${events.covered} of ${events.documented} documented callback event variants covered (${pct(events.percent)})`,
    ...rows.map((r) =>
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    ),
  ];
}

/** The summary's second sentence, when there are events. */
export function eventsSummary(report: CoverageReport): string {
  const e = report.events;
  return e === null ? '' : ` Covered ${e.covered} of ${e.documented} documented callback event variants (${pct(e.percent)}).`;
}

/** The HTML section: a table of the variants, each row marked with `data-covered`. */
export function eventsHtml(events: EventCoverage | null): string[] {
  if (events === null) return [];
  const rows = events.variants.map((v) => {
    const by = v.coveredBy.map((r) => `<code>${escapeMarkup(r.file)}</code> #${r.index}`).join('<br>');
    return `<tr id="event-${escapeMarkup(v.exampleName)}" data-event="${escapeMarkup(v.id)}" data-covered="${v.covered}" class="${v.covered ? 'covered' : 'uncovered'}"><td>${v.covered ? '✓ covered' : '✗ not covered'}</td><td>${escapeMarkup(v.resourceType)}</td><td class="mono">${escapeMarkup(variantOf(v))}</td><td>${escapeMarkup(v.summary)}</td><td>${escapeMarkup(v.provenance.kind)}${v.inferred && v.provenance.kind !== 'inferred' ? ' <span class="muted">(inferred)</span>' : ''}<br><span class="mono muted">${escapeMarkup(v.provenance.source)}</span></td><td>${by === '' ? '<b>no interaction</b>' : by}</td></tr>`;
  });
  return [
    `<h2 id="events">Callback events (${events.covered}/${events.documented}, ${pct(events.percent)})</h2>`,
    '<p>The documented callback event variants, covered by the message interactions of the pacts (by the case id stamped on them, else by eventType, status and failureCode).</p>',
    `<table class="list events"><thead><tr><th>Covered</th><th>Resource</th><th>Event</th><th>Summary</th><th>Source</th><th>Covered by</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`,
  ];
}
