/**
 * Writes `src/catalog/generated.ts`: the union of documented codes, the operation ids and the
 * per-operation tables the matchers use at run time (so they never load the spec).
 */
export interface EmitInput {
  specSha256: string;
  codes: readonly string[];
  operationIds: readonly string[];
  documented: Readonly<Record<string, readonly { caseId: string; status: number; code: string; envelope: string }[]>>;
}

export function emitGeneratedTypes(input: EmitInput): string {
  const codeInfo: Record<string, { statuses: number[]; envelopes: string[] }> = {};
  for (const code of input.codes) codeInfo[code] = { statuses: [], envelopes: [] };
  for (const rows of Object.values(input.documented)) {
    for (const row of rows) {
      const info = codeInfo[row.code];
      if (info === undefined) continue;
      if (!info.statuses.includes(row.status)) info.statuses.push(row.status);
      if (!info.envelopes.includes(row.envelope)) info.envelopes.push(row.envelope);
    }
  }
  for (const info of Object.values(codeInfo)) {
    info.statuses.sort((a, b) => a - b);
    info.envelopes.sort();
  }
  const lines: string[] = [];
  lines.push('// Generated from openapi/numbers.v1.yaml by `npm run regen`. Do not edit by hand.');
  lines.push('');
  lines.push(`export const SPEC_SHA256 = ${JSON.stringify(input.specSha256)};`);
  lines.push('');
  lines.push('/** Every error code the Numbers documentation gives (Google `error.status` or legacy `code`). */');
  lines.push(`export const NUMBERS_ERROR_CODES = ${list(input.codes)} as const;`);
  lines.push('export type NumbersErrorCode = (typeof NUMBERS_ERROR_CODES)[number];');
  lines.push('');
  lines.push(`export const NUMBERS_OPERATION_IDS = ${list(input.operationIds)} as const;`);
  lines.push('export type NumbersOperationId = (typeof NUMBERS_OPERATION_IDS)[number];');
  lines.push('');
  lines.push('export interface DocumentedError {');
  lines.push('  readonly caseId: string;');
  lines.push('  readonly status: number;');
  lines.push('  readonly code: NumbersErrorCode;');
  lines.push("  readonly envelope: 'google' | 'legacy';");
  lines.push('}');
  lines.push('');
  lines.push('/** The errors each operation documents, in catalog order. */');
  lines.push('export const DOCUMENTED_ERRORS: { readonly [K in NumbersOperationId]: readonly DocumentedError[] } = {');
  for (const op of input.operationIds) {
    lines.push(`  ${op}: [`);
    for (const row of input.documented[op] ?? []) {
      lines.push(`    { caseId: ${JSON.stringify(row.caseId)}, status: ${row.status}, code: ${JSON.stringify(row.code)}, envelope: ${JSON.stringify(row.envelope)} },`);
    }
    lines.push('  ],');
  }
  lines.push('};');
  lines.push('');
  lines.push('/** For each code: the statuses and envelopes it is documented with, across all operations. */');
  lines.push("export const CODE_INFO: { readonly [K in NumbersErrorCode]: { readonly statuses: readonly number[]; readonly envelopes: readonly ('google' | 'legacy')[] } } = {");
  for (const code of input.codes) {
    const info = codeInfo[code]!;
    lines.push(`  ${code}: { statuses: [${info.statuses.join(', ')}], envelopes: [${info.envelopes.map((e) => JSON.stringify(e)).join(', ')}] },`);
  }
  lines.push('};');
  lines.push('');
  return lines.join('\n');
}

function list(values: readonly string[]): string {
  return `[\n${values.map((v) => `  ${JSON.stringify(v)},`).join('\n')}\n]`;
}
