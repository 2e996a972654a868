/**
 * The coverage matrix: for each operation in scope (those the pacts touch, or those named), every
 * documented error case, covered or not, with the interactions that cover it; and totals.
 */
import { codeAndEnvelope } from '../catalog/table.js';
import type { Catalog, NumbersCase, NumbersOperationId } from '../catalog/types.js';
import { redactText } from '../util/redact.js';
import type { Mapper } from './map.js';
import type { NotApplicableList } from './not-applicable.js';
import type { PactFile } from './read.js';
import { eventVariants, isMessage, mapMessage } from './events.js';
import type { CaseCoverage, CoverageReport, EventCoverage, InteractionRef, InteractionReport, NotApplicableReport, OperationCoverage, Tally } from './types.js';

export interface MatrixInput {
  catalog: Catalog;
  pacts: readonly PactFile[];
  mapper: Mapper;
  /** Operations to report on; default: every operation an interaction of the pacts resolves to. */
  operations?: readonly NumbersOperationId[];
  /** Cases the consumer declares not applicable to its client (`--not-applicable`). */
  notApplicable?: NotApplicableList;
}

/** covered / applicable in percent, rounded *down* to one decimal, so 79.96% never shows as 80.0%. */
export function percentOf(covered: number, applicable: number): number {
  return applicable === 0 ? 0 : Math.floor((covered * 1000) / applicable) / 10;
}

function tally(cases: ReadonlyArray<Pick<CaseCoverage, 'covered' | 'notApplicable'>>): Tally {
  const covered = cases.filter((c) => c.covered).length;
  const notApplicable = cases.filter((c) => c.notApplicable !== null).length;
  const applicable = cases.length - notApplicable;
  return { documented: cases.length, notApplicable, applicable, covered, uncovered: applicable - covered, percent: percentOf(covered, applicable) };
}

/** The first declaration selecting each case: its place and reason. */
function declaredCases(list: NotApplicableList | undefined): Map<string, { at: string; reason: string }> {
  const declared = new Map<string, { at: string; reason: string }>();
  for (const d of list?.declarations ?? []) for (const id of d.caseIds) if (!declared.has(id)) declared.set(id, { at: d.at, reason: d.reason });
  return declared;
}

/** The list as applied to the cases in scope, with a warning for each declaration a pact contradicts or that selects nothing in scope. */
function notApplicableReport(list: NotApplicableList, operations: readonly OperationCoverage[]): NotApplicableReport {
  const inScope = new Map(operations.flatMap((o) => o.cases.map((c) => [c.id, c] as const)));
  const warnings: string[] = [];
  const entries = list.declarations.map((d) => {
    const selected = d.caseIds.flatMap((id) => inScope.get(id) ?? []);
    if (selected.length === 0) warnings.push(`${d.at}: selects no case of the operations in scope`);
    for (const c of selected) {
      const by = c.coveredBy[0];
      if (by !== undefined) warnings.push(`${d.at}: ${c.id} is declared not applicable, but ${by.file} #${by.index} covers it; counted as covered (take it off the list, or out of the pact)`);
    }
    return { at: d.at, reason: d.reason, select: d.select, cases: selected.filter((c) => c.notApplicable?.at === d.at).map((c) => c.id) };
  });
  return { file: list.file, entries, warnings };
}

export function buildReport(input: MatrixInput): CoverageReport {
  const { catalog } = input;
  const interactions: InteractionReport[] = [];
  for (const pact of input.pacts) {
    for (const i of pact.interactions) {
      interactions.push({
        file: i.file,
        index: i.index,
        description: redactText(i.description),
        method: i.method ?? null,
        path: i.path === undefined ? null : redactText(i.path),
        status: i.status ?? null,
        stamp: i.stamp === undefined ? null : redactText(i.stamp),
        ...(isMessage(i) ? mapMessage(catalog.events, i) : input.mapper.map(i)),
      });
    }
  }
  interactions.sort((a, b) => (a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.index - b.index));

  const touched = new Set(interactions.flatMap((i) => (i.result === 'event' || i.operationId === undefined ? [] : [i.operationId])));
  const inScope = (id: NumbersOperationId): boolean => (input.operations === undefined ? touched.has(id) : input.operations.includes(id));
  const coveredBy = new Map<string, InteractionRef[]>();
  for (const i of interactions) {
    if (i.result !== 'covered') continue;
    // One list per case, appended to: copying it per interaction was quadratic (41k interactions on one case: ~60 s).
    for (const id of i.caseIds) {
      const list = coveredBy.get(id);
      const ref = { file: i.file, index: i.index, description: i.description };
      if (list === undefined) coveredBy.set(id, [ref]);
      else list.push(ref);
    }
  }

  const declared = declaredCases(input.notApplicable);
  const operations: OperationCoverage[] = catalog.operations
    .filter((op) => inScope(op.operationId))
    .map((op) => {
      const cases: CaseCoverage[] = catalog.cases
        .filter((c) => c.operationId === op.operationId)
        .map((c) => {
          const by = coveredBy.get(c.id) ?? [];
          return {
            id: c.id,
            status: c.status,
            ...columns(c),
            exampleName: c.exampleName,
            summary: c.summary,
            inferred: c.inferred,
            provenance: { kind: c.provenance.kind, source: c.provenance.source, quote: c.provenance.quote },
            sources: c.sources,
            pointer: c.pointer,
            covered: by.length > 0,
            coveredBy: by,
            // A pact covering a declared case proves it applies: covered wins (and notApplicableReport warns).
            notApplicable: by.length > 0 ? null : (declared.get(c.id) ?? null),
          };
        });
      const deprecated = op.deprecated === undefined ? {} : { deprecated: { replacement: op.deprecated.replacement } };
      return { operationId: op.operationId, method: op.method, pathTemplate: op.pathTemplate, ...deprecated, ...tally(cases), cases };
    });

  return {
    spec: { version: catalog.specVersion, sha256: catalog.specSha256 },
    pacts: input.pacts.map((p) => p.source),
    scope: { source: input.operations === undefined ? 'pacts' : 'option', operations: operations.map((o) => o.operationId) },
    totals: {
      operations: operations.length,
      ...tally(operations.flatMap((o) => o.cases)),
      interactions: interactions.length,
      undocumented: interactions.filter((i) => i.result === 'undocumented').length,
      skipped: interactions.filter((i) => i.result === 'skipped').length,
    },
    operations,
    interactions,
    notApplicable: input.notApplicable === undefined ? null : notApplicableReport(input.notApplicable, operations),
    events: events(catalog, input.pacts, interactions),
  };
}

/** The event variants, counted like error cases, when a pact holds a callback event (a message with an eventType and a status). */
function events(catalog: Catalog, pacts: readonly PactFile[], interactions: readonly InteractionReport[]): EventCoverage | null {
  if (!pacts.some((p) => p.interactions.some((i) => isMessage(i) && mapMessage(catalog.events, i).result !== 'skipped'))) return null;
  const variants = eventVariants(catalog.events, interactions);
  return { ...tally(variants.map((v) => ({ covered: v.covered, notApplicable: null }))), variants };
}

function columns(c: NumbersCase): { code: string; envelope: string } {
  const [code, envelope] = codeAndEnvelope(c);
  return { code, envelope };
}

/** True when the exact (unrounded) coverage of the applicable cases and event variants is below `threshold` percent; nothing applicable is below any positive threshold. */
export function belowThreshold(report: CoverageReport, threshold: number): boolean {
  // Event variants count like error cases.
  const covered = report.totals.covered + (report.events?.covered ?? 0);
  const applicable = report.totals.applicable + (report.events?.applicable ?? 0);
  return applicable === 0 ? threshold > 0 : covered * 100 < threshold * applicable;
}
