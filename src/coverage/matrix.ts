/**
 * The coverage matrix: for each operation in scope (those the pacts touch, or those named), every
 * documented error case, covered or not, with the interactions that cover it; and totals.
 */
import { codeAndEnvelope } from '../catalog/table.js';
import type { Catalog, NumbersCase, NumbersOperationId } from '../catalog/types.js';
import { redactText } from '../util/redact.js';
import type { Mapper } from './map.js';
import type { PactFile } from './read.js';
import type { CaseCoverage, CoverageReport, InteractionRef, InteractionReport, OperationCoverage, Tally } from './types.js';

export interface MatrixInput {
  catalog: Catalog;
  pacts: readonly PactFile[];
  mapper: Mapper;
  /** Operations to report on; default: every operation an interaction of the pacts resolves to. */
  operations?: readonly NumbersOperationId[];
}

/** covered / documented in percent, rounded *down* to one decimal, so 79.96% never shows as 80.0%. */
export function percentOf(covered: number, documented: number): number {
  return documented === 0 ? 0 : Math.floor((covered * 1000) / documented) / 10;
}

function tally(documented: number, covered: number): Tally {
  return { documented, covered, uncovered: documented - covered, percent: percentOf(covered, documented) };
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
        ...input.mapper.map(i),
      });
    }
  }
  interactions.sort((a, b) => (a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.index - b.index));

  const touched = new Set(interactions.flatMap((i) => (i.operationId === undefined ? [] : [i.operationId])));
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
          };
        });
      const covered = cases.filter((c) => c.covered).length;
      const deprecated = op.deprecated === undefined ? {} : { deprecated: { replacement: op.deprecated.replacement } };
      return { operationId: op.operationId, method: op.method, pathTemplate: op.pathTemplate, ...deprecated, ...tally(cases.length, covered), cases };
    });

  const documented = operations.reduce((n, o) => n + o.documented, 0);
  const covered = operations.reduce((n, o) => n + o.covered, 0);
  return {
    spec: { version: catalog.specVersion, sha256: catalog.specSha256 },
    pacts: input.pacts.map((p) => p.source),
    scope: { source: input.operations === undefined ? 'pacts' : 'option', operations: operations.map((o) => o.operationId) },
    totals: {
      operations: operations.length,
      ...tally(documented, covered),
      interactions: interactions.length,
      undocumented: interactions.filter((i) => i.result === 'undocumented').length,
      skipped: interactions.filter((i) => i.result === 'skipped').length,
    },
    operations,
    interactions,
  };
}

function columns(c: NumbersCase): { code: string; envelope: string } {
  const [code, envelope] = codeAndEnvelope(c);
  return { code, envelope };
}

/** True when the exact (unrounded) coverage is below `threshold` percent; nothing in scope is below any positive threshold. */
export function belowThreshold(report: CoverageReport, threshold: number): boolean {
  const { covered, documented } = report.totals;
  return documented === 0 ? threshold > 0 : covered * 100 < threshold * documented;
}
