/**
 * The not-applicable list of `coverage --not-applicable FILE`: documented cases a consumer declares
 * its client cannot meet (an SDK never sends a wrong method, a non-JSON content type or a malformed
 * body), each with the reason. The file is JSON:
 *
 *   { "notApplicable": [
 *       { "select": { "trigger": ["method", "content-type", "json"] }, "reason": "the SDK always sends ..." },
 *       { "select": { "id": "NumberService_RentNumber/403/blocked_account" }, "reason": "..." } ] }
 *
 * `select` is the one case selector (catalog/select.ts: operation, status, code, envelope, id,
 * trigger, source), so a case that does not exist is its error with "did you mean", placed at the
 * entry's JSON pointer; `reason` is required. Declared cases are counted apart from covered and
 * uncovered (matrix.ts).
 */
import { selectCases, type CaseSelector } from '../catalog/select.js';
import type { NumbersCase } from '../catalog/types.js';
import { KitError } from '../errors.js';
import { describeReadProblem, FileReadError, readRegularFile, textOf } from '../io/read.js';
import { parsePactJson } from '../pact/pact-shape.js';
import { displayPath } from '../util/display-path.js';
import { redactText } from '../util/redact.js';
import { didYouMean } from '../util/suggest.js';
import { oneLine } from '../util/terminal.js';

/** A list is a few hundred lines at most; this bounds a wrong file (a pact, a log) named by mistake. */
const MAX_LIST_BYTES = 1024 * 1024;
const MAX_REASON = 500;

/** One entry of the list, as declared. */
interface NotApplicableEntry {
  select: CaseSelector;
  reason: string;
}

/** One entry, resolved against the catalog: where it is declared and the case ids it selects. */
interface NotApplicableDeclaration extends NotApplicableEntry {
  /** `file#/notApplicable/<index>`, the file as shown relative to the working directory. */
  at: string;
  caseIds: string[];
}

export interface NotApplicableList {
  /** The file as the user named it, relative to the working directory. */
  file: string;
  declarations: NotApplicableDeclaration[];
}

const fail = (file: string, pointer: string, message: string): KitError => new KitError('NOT_APPLICABLE_LIST', message, { file, ...(pointer === '' ? {} : { pointer }) });

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keys other than `allowed` (and `$comment`) are an error, with "did you mean". */
function checkKeys(value: Record<string, unknown>, allowed: readonly string[], file: string, pointer: string): void {
  for (const key of Object.keys(value)) {
    if (key === '$comment' || allowed.includes(key)) continue;
    const near = didYouMean(key, allowed);
    throw fail(file, `${pointer}/${key}`, `unknown key ${JSON.stringify(key)}${near === undefined ? '' : ` (did you mean ${JSON.stringify(near)}?)`}; the keys are ${allowed.join(', ')}`);
  }
}

/** Checks the parsed file and resolves every entry's selector against `cases` (the whole catalog). */
function resolveNotApplicable(value: unknown, file: string, cases: readonly NumbersCase[]): NotApplicableList {
  if (!isObject(value) || !Array.isArray(value.notApplicable)) {
    throw fail(file, '', 'a not-applicable list is an object { "notApplicable": [ { "select": { ... }, "reason": "..." } ] }');
  }
  checkKeys(value, ['notApplicable'], file, '');
  const declarations = value.notApplicable.map((entry: unknown, index): NotApplicableDeclaration => {
    const pointer = `/notApplicable/${index}`;
    if (!isObject(entry)) throw fail(file, pointer, 'an entry is an object { "select": { ... }, "reason": "..." }');
    checkKeys(entry, ['select', 'reason'], file, pointer);
    if (typeof entry.reason !== 'string' || entry.reason.trim() === '') {
      throw fail(file, `${pointer}/reason`, 'every entry needs a reason: why the cases it selects cannot happen to this client');
    }
    if (entry.reason.length > MAX_REASON) throw fail(file, `${pointer}/reason`, `a reason is one sentence (at most ${MAX_REASON} characters)`);
    if (!isObject(entry.select) || Object.keys(entry.select).length === 0) {
      throw fail(file, `${pointer}/select`, 'select is a case selection such as { "trigger": ["method", "json"] } or { "id": "NumberService_RentNumber/403/blocked_account" }');
    }
    const select = entry.select as CaseSelector;
    let selected: NumbersCase[];
    try {
      selected = selectCases(cases, select, { label: (key) => key });
    } catch (error) {
      if (!(error instanceof KitError)) throw error;
      // The selector's own error (with "did you mean"), placed in the file.
      throw new KitError(error.code, error.message, { file, pointer: `${pointer}/select${error.argument === undefined || error.argument === '' ? '' : `/${error.argument}`}` });
    }
    return { select, reason: redactText(oneLine(entry.reason.trim())), at: `${file}#${pointer}`, caseIds: selected.map((c) => c.id) };
  });
  return { file, declarations };
}

/** Reads and resolves the list at `absolute`, shown as `displayPath(cwd, absolute)` in messages and reports. */
export async function readNotApplicable(absolute: string, cwd: string, cases: readonly NumbersCase[]): Promise<NotApplicableList> {
  const file = displayPath(cwd, absolute);
  let text: string;
  try {
    text = textOf(await readRegularFile(absolute, MAX_LIST_BYTES));
  } catch (error) {
    if (!(error instanceof FileReadError)) throw error;
    const environment = error.problem.kind === 'io';
    throw new KitError('NOT_APPLICABLE_LIST', describeReadProblem(error.problem), { file, ...(environment ? { exitCode: 3 } : {}) });
  }
  let value: unknown;
  try {
    value = parsePactJson(text, file); // the one JSON reader with line and column
  } catch (error) {
    throw error instanceof KitError ? fail(file, error.pointer ?? '', error.message) : error;
  }
  return resolveNotApplicable(value, file, cases);
}
