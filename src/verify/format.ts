/**
 * What a verification prints and writes: one line per interaction (differences indented under a
 * failure), the summary, the closing line, and the JUnit XML. Everything here is already redacted.
 */
import type { InteractionOutcome, VerifySummary } from './types.js';
import { escapeMarkup } from '../util/markup.js';
import { joinLines, oneLine } from '../util/terminal.js';

const MARK: Record<InteractionOutcome['status'], string> = { passed: 'ok  ', failed: 'FAIL', error: 'ERR ', pending: 'PENDING' };

/** One line per interaction (plus indented differences for a failure). */
export function formatOutcome(outcome: InteractionOutcome): string {
  const lines = [`${MARK[outcome.status]} ${outcome.caseId}`];
  for (const problem of outcome.problems) lines.push(`       ${problem}`);
  return `${joinLines(lines)}\n`;
}

export function formatSummary(summary: VerifySummary): string {
  const parts = [`${summary.passed} verified`];
  if (summary.failed > 0) parts.push(`${summary.failed} failed`);
  if (summary.errors > 0) parts.push(`${summary.errors} environment error${summary.errors === 1 ? '' : 's'}`);
  if (summary.pending > 0) parts.push(`${summary.pending} pending (failing, but not failing the run)`);
  return `${summary.total} interaction${summary.total === 1 ? '' : 's'} against the ${oneLine(summary.provider)}: ${parts.join(', ')}\n`;
}

/**
 * The closing line (stderr): how long the run took. "verified" only when every interaction was;
 * otherwise the counts, so it never reads as a success after failures.
 */
export function formatTiming(summary: VerifySummary & { workers: number }): string {
  const perInteraction = summary.total === 0 ? 0 : summary.durationMs / summary.total;
  const took = `in ${(summary.durationMs / 1000).toFixed(1)} s (${perInteraction.toFixed(1)} ms per interaction, ${summary.workers} worker${summary.workers === 1 ? '' : 's'})`;
  const sources = summary.sources.join(', ');
  if (summary.passed === summary.total) return `verified ${sources} ${took}`;
  const parts = [`${summary.passed} verified`];
  if (summary.failed > 0) parts.push(`${summary.failed} failed`);
  if (summary.errors > 0) parts.push(`${summary.errors} environment error${summary.errors === 1 ? '' : 's'}`);
  return `${sources}: ${summary.total} interaction${summary.total === 1 ? '' : 's'}: ${parts.join(', ')} ${took}`;
}

/** The optional JUnit attribute, only when there are pending outcomes (so file runs keep their exact XML). */
function skipped(n: number): string {
  return n > 0 ? ` skipped="${n}"` : '';
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** JUnit XML: one testsuite per pact file, one testcase per interaction (classname: the operation). */
export function junitXml(summary: VerifySummary): string {
  const bySource = new Map<string, InteractionOutcome[]>();
  for (const o of summary.outcomes) bySource.set(o.source, [...(bySource.get(o.source) ?? []), o]);
  const count = (list: InteractionOutcome[], status: InteractionOutcome['status']): number => list.filter((o) => o.status === status).length;
  const total = (list: InteractionOutcome[]): number => list.reduce((sum, o) => sum + o.durationMs, 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="numbers-contract verify" tests="${summary.total}" failures="${summary.failed}" errors="${summary.errors}"${skipped(summary.pending)} time="${seconds(total(summary.outcomes))}">`,
  ];
  for (const [source, list] of bySource) {
    lines.push(`  <testsuite name="${escapeMarkup(source)}" tests="${list.length}" failures="${count(list, 'failed')}" errors="${count(list, 'error')}"${skipped(count(list, 'pending'))} time="${seconds(total(list))}">`);
    for (const o of list) {
      const classname = o.caseId.includes('/') ? (o.caseId.split('/')[0] ?? source) : source;
      const open = `    <testcase classname="${escapeMarkup(classname)}" name="${escapeMarkup(o.caseId)}" time="${seconds(o.durationMs)}"`;
      if (o.status === 'passed') {
        lines.push(`${open}/>`);
        continue;
      }
      lines.push(`${open}>`);
      if (o.status === 'pending') {
        // JUnit has no "pending": skipped, so CI counts it as neither passed nor failed.
        lines.push(`      <skipped message="${escapeMarkup(`pending: ${o.problems[0] ?? 'failed'}`)}"/>`);
        lines.push('    </testcase>');
        continue;
      }
      const tag = o.status === 'failed' ? 'failure' : 'error';
      lines.push(`      <${tag} message="${escapeMarkup(o.problems[0] ?? o.status)}" type="${o.status === 'failed' ? 'contract' : 'environment'}">${escapeMarkup(o.problems.join('\n'))}</${tag}>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
