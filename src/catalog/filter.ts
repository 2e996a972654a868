/**
 * The engine behind the selectors of catalog/select.ts: a selection is checked against a table of
 * filter rows (keys, value parsing, the values an item has) and applied row by row, in the table's
 * order, with one-line errors that name the key and suggest what was meant.
 */
import { KitError, type ErrorCode } from '../errors.js';
import { didYouMean } from '../util/suggest.js';

export type Value = string | number;

export interface FilterRow<T> {
  /** One value, for messages and `--help`: `operation`, `status`. */
  noun: string;
  plural: string;
  help: string;
  /** The code of a value that is malformed or that no case has. */
  code: ErrorCode;
  /** A value as given (in code, or as CLI text) in its canonical form; undefined when malformed. */
  parse(raw: unknown): Value | undefined;
  /** What a malformed value should have been: `an HTTP status such as 404`. */
  expects: string;
  /** The values a case has for this filter (a case passes when one of them is wanted). */
  valuesOf(item: T): readonly Value[];
  /**
   * A closed set of values (a preset may name one no case of this catalog has); without it, a
   * value must be one some case has.
   */
  vocabulary?: readonly Value[];
}

export interface SelectOptions {
  /** How a key is named in messages: `select.status` (the default) or `--status` for the CLI. */
  label?: (key: string) => string;
}

/**
 * The items passing every row of `rows` that `selector` gives a value, in their order. Throws a KitError
 * for an unknown key, a malformed value, a value no item has, or filters that together match nothing.
 */
export function filterBy<T, S extends object>(rows: { readonly [K in keyof S]-?: FilterRow<T> }, noun: string, items: readonly T[], selector: S, options: SelectOptions): T[] {
  const label = options.label ?? ((key: string) => `select.${key}`);
  const keys = Object.keys(rows) as (keyof S & string)[];
  checkKeys(selector, keys, label);
  let selected = [...items];
  const applied: string[] = [];
  for (const key of keys) {
    const row = rows[key];
    const wanted = wantedValues(row, noun, selector[key], items, label(key));
    if (wanted === undefined) continue;
    const next = selected.filter((item) => row.valuesOf(item).some((v) => wanted.includes(v)));
    if (next.length === 0) {
      const scope = applied.length === 0 ? 'the catalog' : applied.join(' with ');
      throw new KitError('EMPTY_SELECTION', `${scope} has no ${noun} with ${describe(row, wanted)} (its ${row.plural}: ${listOf(vocabulary(row, selected))})`, { argument: label(key) });
    }
    selected = next;
    applied.push(describe(row, wanted));
  }
  return selected;
}

function checkKeys(selector: object, keys: readonly string[], label: (key: string) => string): void {
  if (typeof selector !== 'object' || selector === null || Array.isArray(selector)) {
    throw new KitError('UNKNOWN_SELECTOR', `a selection is an object like { operation: 'NumberService_RentNumber' }, not ${Array.isArray(selector) ? 'an array' : String(selector)}`, {
      argument: label('').replace(/\.$/, ''),
    });
  }
  for (const key of Object.keys(selector)) {
    if (keys.includes(key)) continue;
    const near = didYouMean(key, keys);
    throw new KitError('UNKNOWN_SELECTOR', `unknown selection key${near === undefined ? '' : ` (did you mean ${JSON.stringify(near)}?)`}; the keys are ${keys.join(', ')}`, {
      argument: label(key),
    });
  }
}

/** The parsed values of one filter, checked against the catalog; undefined when the filter is not given. */
function wantedValues<T>(row: FilterRow<T>, noun: string, given: unknown, items: readonly T[], where: string): Value[] | undefined {
  if (given === undefined) return undefined;
  const raw: readonly unknown[] = Array.isArray(given) ? given : [given];
  if (raw.length === 0) throw new KitError('EMPTY_SELECTION', `an empty list selects nothing; leave ${where} out to take every ${row.noun}`, { argument: where });
  const known = row.vocabulary ?? vocabulary(row, items);
  return raw.map((value) => {
    const parsed = row.parse(value);
    if (parsed === undefined) throw new KitError(row.code, `takes ${row.expects}, got ${show(value)}`, { argument: where });
    if (!known.includes(parsed)) {
      const near = typeof parsed === 'string' ? didYouMean(parsed, known.map(String)) : undefined;
      throw new KitError(row.code, `no ${noun} has ${row.noun} ${show(parsed)}${near === undefined ? '' : ` (did you mean ${JSON.stringify(near)}?)`}; known: ${listOf(known)}`, {
        argument: where,
      });
    }
    return parsed;
  });
}

/** The distinct values the cases have, numbers ascending, text in catalog order. */
function vocabulary<T>(row: FilterRow<T>, items: readonly T[]): Value[] {
  const values = [...new Set(items.flatMap((item) => row.valuesOf(item)))];
  return values.every((v) => typeof v === 'number') ? values.sort((a, b) => (a as number) - (b as number)) : values;
}

function describe<T>(row: FilterRow<T>, wanted: readonly Value[]): string {
  return `${row.noun} ${wanted.join(' or ')}`;
}

/** At most 30 values, so 163 case ids do not flood a one-line message. */
function listOf(values: readonly Value[]): string {
  if (values.length === 0) return 'none';
  return values.length <= 30 ? values.join(', ') : `${values.slice(0, 30).join(', ')}, ... (${values.length - 30} more)`;
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}...` : value);
  if (typeof value === 'number') return String(value);
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
