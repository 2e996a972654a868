/**
 * The coverage report as one self-contained HTML page: inline CSS, no script, no external asset
 * (a Content-Security-Policy forbids any), deterministic bytes. Every matrix cell is a link to its
 * case's detail block and carries `data-covered="true|false"`. Pact content is untrusted: every
 * text goes through `escapeMarkup`, and the page builds its own links only.
 */
import { sourceLocation, sourceText } from '../catalog/sources.js';
import type { CaseCoverage, CoverageReport, InteractionReport, OperationCoverage, Tally } from './types.js';
import { escapeMarkup } from '../util/markup.js';
import { eventsHtml } from './format-events.js';

const slug = (prefix: string, id: string): string => `${prefix}-${id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
const pct = (percent: number): string => `${percent.toFixed(1)}%`;
/** Escaped, with line-break opportunities after `_` and `/` and before inner capitals, so long identifiers wrap inside narrow cells. */
const wrappable = (text: string): string =>
  escapeMarkup(text)
    .replace(/([_/])(?=[^_/])/g, '$1<wbr>')
    .replace(/([a-z])(?=[A-Z])/g, '$1<wbr>');

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;margin:24px}
header,p,h2{max-width:1400px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px}h3{font-size:15px;margin:20px 0 6px}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
.summary{font-size:16px}.muted{color:#59636e}
table{border-collapse:collapse}th,td{border:1px solid #d1d9e0;padding:4px 6px;vertical-align:top;text-align:left}
thead th{background:#f6f8fa;position:sticky;top:0}
.matrix td.notapp{background:#f6f8fa}.matrix td.full{background:#dafbe1}.matrix td.partial{background:#fff8c5}.matrix td.none{background:#ffebe9}.matrix td.na{background:#f6f8fa;color:#8c959f;text-align:center}
/* The matrix fits the window from 1280 px up: fixed columns, content wraps inside its cell (at the word parts <wbr> marks, else anywhere); narrower windows scroll it. */
.scroll{overflow-x:auto}.matrix{table-layout:fixed;width:100%;min-width:980px}.matrix col.op{width:16%}.matrix col.cov{width:6.5em}
.matrix th,.matrix td,table.list td{overflow-wrap:anywhere}.matrix th[scope=row] .mono{font-size:11px}
table.list{table-layout:fixed;width:100%}table.list col.file{width:16%}table.list col.n{width:3.5em}table.list col.status{width:4.5em}
a.cell{display:block;margin:2px 0;padding:1px 5px;border-radius:4px;text-decoration:none;font-size:11px;line-height:1.3}
a.cell.covered{background:#1a7f37;color:#fff}a.cell.covered .muted{color:#d2f4d9}a.cell.uncovered{background:#fff;color:#a40e26;border:1px solid #cf222e}
a.cell.notapp{background:#f6f8fa;color:#59636e;border:1px dashed #8c959f}a.cell:focus,a.cell:hover{outline:2px solid #0969da}
.case{border:1px solid #d1d9e0;border-left-width:6px;border-radius:6px;padding:6px 12px;margin:8px 0}
.case.covered{border-left-color:#1a7f37}.case.uncovered{border-left-color:#cf222e}.case.notapp{border-left-color:#8c959f}.case:target{box-shadow:0 0 0 3px #0969da}
.case h4{margin:2px 0 6px;font-size:14px}dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:2px 12px;margin:0}dt{color:#59636e}dd{margin:0;min-width:0;overflow-wrap:anywhere}
blockquote{margin:0;padding:0 8px;border-left:3px solid #d1d9e0;color:#393f46}
.bad td{background:#fff5f5}.legend span{margin-right:14px}
`;

/** A case's state: covered, uncovered, or declared not applicable (`notapp`), with its mark and words. */
function stateOf(c: CaseCoverage): { kind: 'covered' | 'uncovered' | 'notapp'; mark: string; words: string } {
  if (c.covered) return { kind: 'covered', mark: '✓', words: 'covered' };
  return c.notApplicable === null ? { kind: 'uncovered', mark: '✗', words: 'not covered' } : { kind: 'notapp', mark: '○', words: 'not applicable' };
}

function cell(o: OperationCoverage, status: number): string {
  const own = o.cases.filter((c) => c.status === status);
  if (own.length === 0) return '<td class="na">–</td>';
  const covered = own.filter((c) => c.covered).length;
  const applicable = own.filter((c) => c.notApplicable === null).length;
  const kind = applicable === 0 ? 'notapp' : covered === applicable ? 'full' : covered === 0 ? 'none' : 'partial';
  // The example name only where it tells apart cases sharing a code (FAILED_PRECONDITION no_credit, ...).
  const shared = (code: string): boolean => own.filter((c) => c.code === code).length > 1;
  const chips = own.map((c) => {
    const state = stateOf(c);
    const na = c.notApplicable === null ? '' : ' data-not-applicable="true"';
    const title = `${c.id}: ${state.words}${c.notApplicable === null ? '' : ` (${c.notApplicable.reason})`}`;
    return `<a class="cell ${state.kind}" href="#${slug('case', c.id)}" data-case="${escapeMarkup(c.id)}" data-covered="${c.covered}"${na} title="${escapeMarkup(title)}">${state.mark} ${wrappable(c.code)}${
      shared(c.code) ? ` <span class="muted">${wrappable(c.exampleName)}</span>` : ''
    }</a>`;
  });
  return `<td class="${kind}" data-status="${status}">${chips.join('')}</td>`;
}

function matrix(report: CoverageReport): string {
  const statuses = [...new Set(report.operations.flatMap((o) => o.cases.map((c) => c.status)))].sort((a, b) => a - b);
  const head = `<tr><th>Operation</th>${statuses.map((s) => `<th>${s}</th>`).join('')}<th>Covered</th></tr>`;
  const rows = report.operations.map(
    (o) =>
      `<tr data-operation="${escapeMarkup(o.operationId)}"><th scope="row" title="${escapeMarkup(`${o.operationId}: ${o.method} ${o.pathTemplate}`)}"><a href="#${slug('op', o.operationId)}">${wrappable(
        o.operationId,
      )}</a><br><span class="mono muted">${wrappable(`${o.method} ${o.pathTemplate}`)}</span>${o.deprecated === undefined ? '' : `<br><span class="muted">DEPRECATED: use ${escapeMarkup(o.deprecated.replacement)}</span>`}</th>${statuses.map((s) => cell(o, s)).join('')}${coveredCell(o)}</tr>`,
  );
  const foot = `<tr><th scope="row">Total</th><td colspan="${statuses.length}"></td>${coveredCell(report.totals)}</tr>`;
  const cols = `<colgroup><col class="op">${statuses.map(() => '<col>').join('')}<col class="cov"></colgroup>`;
  return `<div class="scroll"><table class="matrix">${cols}<thead>${head}</thead><tbody>${rows.join('\n')}</tbody><tfoot>${foot}</tfoot></table></div>`;
}

/** Covered of applicable, the percentage, and how many are declared not applicable. */
const coveredCell = (t: Tally): string => `<td>${t.covered}/${t.applicable}<br><b>${pct(t.percent)}</b>${t.notApplicable === 0 ? '' : `<br><span class="muted">${t.notApplicable} n/a</span>`}</td>`;

function caseBlock(c: CaseCoverage): string {
  const by = c.coveredBy.map((r) => `<li><code>${escapeMarkup(r.file)}</code> #${r.index} ${escapeMarkup(r.description)}</li>`).join('');
  const rows: [string, string][] = [
    ['Status', `${c.status}`],
    ['Code', `<code>${escapeMarkup(c.code)}</code>`],
    ['Envelope', escapeMarkup(c.envelope) + (c.inferred ? ' <span class="muted">(inferred)</span>' : '')],
    ['Summary', escapeMarkup(c.summary)],
    [
      'Sources',
      `<ul>${c.sources.map((s) => `<li>${escapeMarkup(s.kind)} · <span class="mono">${escapeMarkup(sourceLocation(s))}</span>${sourceText(s) === undefined ? '' : `<blockquote>${escapeMarkup(sourceText(s) ?? '')}</blockquote>`}</li>`).join('')}</ul>`,
    ],
    ['Spec', `<code>${escapeMarkup(c.pointer)}</code>`],
    ['Covered by', by === '' ? '<b>no interaction</b>' : `<ul>${by}</ul>`],
    ...(c.notApplicable === null ? [] : [['Not applicable', `${escapeMarkup(c.notApplicable.reason)} <span class="muted">(<code>${escapeMarkup(c.notApplicable.at)}</code>)</span>`] as [string, string]]),
  ];
  const state = stateOf(c);
  return `<article class="case ${state.kind}" id="${slug('case', c.id)}" data-case="${escapeMarkup(c.id)}"><h4>${state.mark} ${state.words}: <code>${escapeMarkup(c.id)}</code></h4><dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl></article>`;
}

function interactionRows(list: InteractionReport[]): string {
  return list
    .map((i) => {
      const what = 'caseIds' in i ? i.caseIds.join(', ') : i.reason;
      return `<tr><td><code>${escapeMarkup(i.file)}</code></td><td>${i.index}</td><td>${escapeMarkup(i.description)}</td><td class="mono">${escapeMarkup(`${i.method ?? ''} ${i.path ?? ''}`)}</td><td>${escapeMarkup(i.status ?? '')}</td><td>${escapeMarkup(what)}</td></tr>`;
    })
    .join('\n');
}

const interactionTable = (list: InteractionReport[]): string =>
  `<table class="list"><colgroup><col class="file"><col class="n"><col><col><col class="status"><col></colgroup><thead><tr><th>Pact file</th><th>#</th><th>Description</th><th>Request</th><th>Status</th><th>Why</th></tr></thead><tbody>${interactionRows(list)}</tbody></table>`;

/** The declarations: where, why, the cases each takes out of the percentage; and the warnings. */
function notApplicableSection(report: CoverageReport): string[] {
  const na = report.notApplicable;
  if (na === null) return [];
  const entries = na.entries
    .filter((e) => e.cases.length > 0)
    .map((e) => `<li><code>${escapeMarkup(e.at)}</code>: ${escapeMarkup(e.reason)}<br>${e.cases.map((id) => `<a href="#${slug('case', id)}"><code>${wrappable(id)}</code></a>`).join(', ')}</li>`);
  const warnings = na.warnings.map((w) => `<li>${escapeMarkup(w)}</li>`);
  return [
    `<h2 id="not-applicable">Not applicable (${report.totals.notApplicable})</h2>`,
    `<p>Declared in <code>${escapeMarkup(na.file)}</code>; not counted in the percentage.</p>`,
    entries.length === 0 ? '<p>No case in scope.</p>' : `<ul>${entries.join('')}</ul>`,
    ...(warnings.length === 0 ? [] : [`<p><b>Warnings</b></p><ul class="warnings">${warnings.join('')}</ul>`]),
  ];
}

export function formatCoverageHtml(report: CoverageReport): string {
  const t = report.totals;
  const consumers = [...new Set(report.pacts.map((p) => `${p.consumer || '?'} → ${p.provider || '?'}`))].join(', ');
  const undocumented = report.interactions.filter((i) => i.result === 'undocumented');
  const skipped = report.interactions.filter((i) => i.result === 'skipped');
  const body = [
    `<header><h1>Sinch Numbers API: error coverage</h1><p class="muted">${escapeMarkup(consumers)} · spec ${escapeMarkup(report.spec.version)} · ${report.pacts.length} pact file(s): ${report.pacts
      .map((p) => `<code>${escapeMarkup(p.file)}</code>`)
      .join(', ')}</p>`,
    `<p class="summary" data-total-covered="${t.covered}" data-total-documented="${t.documented}" data-total-applicable="${t.applicable}">Covered <b>${t.covered}</b> of <b>${report.notApplicable === null ? t.documented : t.applicable}</b> ${
      report.notApplicable === null ? '' : 'applicable '
    }documented errors (<b>${pct(t.percent)}</b>) across ${t.operations} operation(s) ${report.scope.source === 'pacts' ? 'that the pacts call' : 'named with --operations'}${
      report.notApplicable === null ? '' : `; <b>${t.notApplicable}</b> more declared not applicable in <code>${escapeMarkup(report.notApplicable.file)}</code>`
    }; ${undocumented.length} undocumented and ${skipped.length} skipped interaction(s).</p></header>`,
    '<h2>Matrix</h2>',
    report.operations.length === 0 ? '<p>No operation in scope.</p>' : matrix(report),
    `<p class="legend muted"><span>✓ covered by an interaction</span><span>✗ documented, not covered</span>${
      report.notApplicable === null ? '' : '<span>○ declared not applicable to this client</span>'
    }<span>– not documented for the operation</span></p>`,
    ...notApplicableSection(report),
    ...eventsHtml(report.events),
    `<h2 id="undocumented">Undocumented interactions (${undocumented.length})</h2>`,
    undocumented.length === 0 ? '<p>None: every error interaction in the pacts is documented.</p>' : interactionTable(undocumented).replace('<table class="list">', '<table class="list bad">'),
    `<h2 id="skipped">Skipped interactions (${skipped.length})</h2>`,
    skipped.length === 0 ? '<p>None.</p>' : interactionTable(skipped),
    '<h2>Cases</h2>',
    ...report.operations.map(
      (o) =>
        `<section id="${slug('op', o.operationId)}"><h3>${escapeMarkup(o.operationId)} <span class="mono muted">${escapeMarkup(`${o.method} ${o.pathTemplate}`)}</span> · ${o.covered}/${o.documented} (${pct(o.percent)})</h3>${o.deprecated === undefined ? '' : `<p><b>Deprecated</b>: use ${escapeMarkup(o.deprecated.replacement)}</p>`}${o.cases.map(caseBlock).join('\n')}</section>`,
    ),
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Error coverage: ${escapeMarkup(consumers)}</title>
<style>${STYLE}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}
