import { emitGeneratedTypes } from './emit-types.js';
import { isErrorCase, type Catalog } from './types.js';
import { ownValue, setOwn } from '../openapi/own.js';

/** The source of `src/catalog/generated.ts` for a catalog (codes by first status, then name). */
export function generatedTypesSource(catalog: Catalog): string {
  const codes: string[] = [];
  const documented: Record<string, { caseId: string; status: number; code: string; envelope: string }[]> = {};
  for (const op of catalog.operations) setOwn(documented, op.operationId, []);
  const errors = catalog.cases.filter(isErrorCase);
  for (const c of errors) {
    if (!codes.includes(c.code)) codes.push(c.code);
    ownValue(documented, c.operationId)?.push({ caseId: c.id, status: c.status, code: c.code, envelope: c.envelope });
  }
  const firstStatus = (code: string): number => Math.min(...errors.filter((c) => c.code === code).map((c) => c.status));
  codes.sort((a, b) => firstStatus(a) - firstStatus(b) || (a < b ? -1 : a > b ? 1 : 0));
  return emitGeneratedTypes({
    specSha256: catalog.specSha256,
    codes,
    operationIds: catalog.operations.map((op) => op.operationId),
    documented,
  });
}
