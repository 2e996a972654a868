import { buildCatalog } from '../catalog/build.js';
import { isKitError } from '../errors.js';
import type { LoadedSpec } from '../openapi/load.js';
import { walkOperations } from '../openapi/walk.js';
import { checkApplicability } from './applicability.js';
import { readCases } from './cases.js';
import { checkOperations } from './operations.js';
import { checkDistinctRequests, checkTriggers } from './requests.js';
import { lintCodeOf, type LintContext, type LintFinding, type LintReport } from './types.js';

export type { LintReport } from './types.js';

/**
 * Every semantic check on a spec that has passed the front door, all findings collected (in
 * document order, operation by operation, then the cross-cutting checks): the OpenAPI 3 checks
 * swagger-parser skips, then the kit's own. A spec with no findings also builds into a catalog;
 * if it somehow does not, that is a finding too.
 */
export function lintSpec(spec: LoadedSpec): LintReport {
  const findings: LintFinding[] = [];
  const seen = new Set<string>();
  const ctx: LintContext = {
    spec,
    add(code, pointer, message) {
      const key = `${code} ${pointer} ${message}`;
      if (seen.has(key)) return;
      seen.add(key);
      findings.push({ code, file: spec.path, pointer, message });
    },
  };
  const operations = walkOperations(spec.document);
  checkOperations(ctx, operations);
  const read = readCases(ctx, operations);
  checkApplicability(ctx, operations, read);
  checkDistinctRequests(ctx, read.cases);
  checkTriggers(ctx, operations, read.cases);
  let cases = read.cases.length;
  if (findings.length === 0) {
    try {
      cases = buildCatalog(spec).cases.length;
    } catch (error) {
      if (!isKitError(error)) throw error;
      ctx.add(lintCodeOf(error.code), error.pointer ?? '', error.message);
    }
  }
  return { file: spec.path, operations: operations.length, cases, findings };
}
