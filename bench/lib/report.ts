import { rename, writeFile } from 'node:fs/promises';
import os from 'node:os';

/** `error`: the part itself failed to run. */
export type Verdict = 'met' | 'missed' | 'info' | 'skipped' | 'error';

/** One row of the results table: a measurement, what it is compared with, and the goal. */
export interface BenchRow {
  part: string;
  measure: string;
  /** The median (and what it is a median of). */
  value: string;
  /** e.g. "0.21× pact-js"; '' when there is nothing to compare with. */
  ratio: string;
  /** The target, '' when the row is context only. */
  target: string;
  verdict: Verdict;
  note?: string;
}

/** `met`/`missed` for a target row; in smoke mode every verdict is `info` (a few cases measure nothing). */
export function judge(ok: boolean, smoke: boolean): Verdict {
  if (smoke) return 'info';
  return ok ? 'met' : 'missed';
}

function machineDescription(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
}

export function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
}

const escapeCell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A Markdown table, padded so it also reads well on a terminal. */
export function renderTable(rows: readonly BenchRow[]): string {
  const header = ['part', 'measure', 'median', 'ratio', 'target', 'verdict'];
  const cells = rows.map((r) => [r.part, r.measure, r.value, r.ratio, r.target, r.verdict + (r.note === undefined || r.note === '' ? '' : ` (${r.note})`)].map(escapeCell));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]): string => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

export interface ResultsDocument {
  mode: string;
  rows: readonly BenchRow[];
  notes: readonly string[];
  /** Load average (1/5/15 min) when the run started and when it ended. */
  loadBefore: string;
  loadAfter: string;
  wallSeconds: number;
}

function resultsMarkdown(doc: ResultsDocument): string {
  const verdicts = (v: Verdict): number => doc.rows.filter((r) => r.verdict === v).length;
  return [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` (${doc.mode}) in ${doc.wallSeconds.toFixed(0)} s.`,
    `Machine: ${machineDescription()}. Load average (1/5/15 min): ${doc.loadBefore} at the start, ${doc.loadAfter} at the end.`,
    '',
    'Every figure is a median over repeated runs (the note says how many). Ratios compare contenders measured side by',
    'side in this run, interleaved run by run: every consumer run in a fresh process of its own (after an unmeasured pass over',
    'the catalog), every verification in a child process timed from inside, the provider in a child process under load from',
    'this one. Loopback (127.0.0.1) only.',
    'Timings are never asserted in tests; `npm run bench -- --smoke` only proves the bench still runs.',
    '',
    `Targets: ${verdicts('met')} met, ${verdicts('missed')} missed.`,
    '',
    renderTable(doc.rows),
    '',
    ...(doc.notes.length === 0 ? [] : ['## Notes', '', ...doc.notes.map((n) => `- ${n}`), '']),
  ].join('\n');
}

/** Writes the results atomically (temp file + rename). */
export async function writeResults(file: string, doc: ResultsDocument): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, resultsMarkdown(doc));
  await rename(tmp, file);
}
