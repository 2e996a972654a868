/**
 * The one case selector: the library (`selectCases`), the harness (`select`), and the CLI's
 * `list`, `generate` and `coverage` options all go through it. Each filter is a row of
 * CASE_FILTERS: its key (also the CLI flag `--<key>`), how a value parses, which values a case
 * has, and the error code for a value no case has. To add a filter, add a key to CaseSelector,
 * a row, and (if it is new) its code in src/errors.ts.
 *
 * A selection never silently matches nothing: an unknown key, a malformed value or a value no
 * case has is an error with "did you mean", and filters that contradict each other are an
 * EMPTY_SELECTION naming the filter that emptied it.
 */
import { KitError, type ErrorCode } from '../errors.js';
import { didYouMean } from '../util/suggest.js';
import { sourceNamesOf } from './sources.js';
import type { SmsErrorCode } from './generated-events.js';
import {
  CASE_KINDS,
  caseCode,
  isErrorCase,
  SOURCE_NAMES,
  type CallbackResourceType,
  type CaseKind,
  type EventCase,
  type NumbersEventFailureCode,
  type NumbersEventStatus,
  type NumbersEventType,
  type Envelope,
  type NumbersCase,
  type NumbersErrorCode,
  type NumbersOperationId,
  type SourceName,
  type TriggerKind,
} from './types.js';

type OneOrMany<T> = T | readonly T[];
/** A known name (for completion), or any string: a spec of the user's own may have other names. */
type Named<T extends string> = T | (string & {});

/** Which cases to take. Every key is optional; a case is selected when it passes every key given. */
export interface CaseSelector {
  operation?: OneOrMany<Named<NumbersOperationId>>;
  status?: OneOrMany<number>;
  /** An error code, or (provisioning cases) the SMS provisioning error code. */
  code?: OneOrMany<Named<NumbersErrorCode | SmsErrorCode>>;
  envelope?: OneOrMany<Envelope>;
  /** Case ids, e.g. `NumberService_RentNumber/403/unknown_campaign`. */
  id?: OneOrMany<string>;
  /** How the case's request is wrong; `SINCH_SDK_TRIGGERS` are the ones the official SDK can send. */
  trigger?: OneOrMany<TriggerKind>;
  /** The kind of source that documents the case: official (spec 1.0.3), status-page, sdk, inferred. */
  source?: OneOrMany<SourceName>;
  /** `error`: the HTTP error answers; `provisioning`: the 200 ActiveNumber answers whose scheduled provisioning FAILED. */
  kind?: OneOrMany<CaseKind>;
}

const TRIGGER_KINDS: readonly TriggerKind[] = ['state', 'credentials', 'method', 'content-type', 'json', 'body', 'query', 'path'];

/**
 * The trigger kinds a client built on the official Sinch SDK can produce: it always sends a
 * well-formed JSON request with the method its operation uses, so the `method`, `content-type`
 * and `json` cases are not applicable to it.
 */
export const SINCH_SDK_TRIGGERS: readonly TriggerKind[] = ['state', 'credentials', 'body', 'query', 'path'];

type Value = string | number;

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

const text = (raw: unknown): string | undefined => (typeof raw === 'string' && raw !== '' ? raw : undefined);

/** The filters, in the order they are applied (an EMPTY_SELECTION names the first that empties it). */
export const CASE_FILTERS: { readonly [K in keyof CaseSelector]-?: FilterRow<NumbersCase> } = {
  operation: {
    noun: 'operation',
    plural: 'operations',
    help: 'only cases of this operationId',
    code: 'UNKNOWN_OPERATION',
    parse: text,
    expects: 'an operationId',
    valuesOf: (c) => [c.operationId],
  },
  status: {
    noun: 'status',
    plural: 'statuses',
    help: 'only cases with this HTTP status',
    code: 'BAD_STATUS',
    parse: (raw) => (typeof raw === 'number' && Number.isInteger(raw) ? raw : typeof raw === 'string' && /^[1-5]\d\d$/.test(raw) ? Number(raw) : undefined),
    expects: 'an HTTP status such as 404',
    valuesOf: (c) => [c.status],
  },
  code: {
    noun: 'code',
    plural: 'codes',
    help: 'only cases with this error code (or SMS provisioning error code)',
    code: 'UNKNOWN_CODE',
    parse: text,
    expects: 'an error code',
    valuesOf: (c) => {
      const code = caseCode(c);
      return code === undefined ? [] : [code];
    },
  },
  envelope: {
    noun: 'envelope',
    plural: 'envelopes',
    help: 'only cases with this envelope: google or legacy',
    code: 'BAD_ENVELOPE',
    parse: (raw) => (raw === 'google' || raw === 'legacy' ? raw : undefined),
    expects: 'google or legacy',
    valuesOf: (c) => (isErrorCase(c) ? [c.envelope] : []),
  },
  id: {
    noun: 'case id',
    plural: 'case ids',
    help: 'only the case with this id (<operationId>/<status>/<example>)',
    code: 'UNKNOWN_CASE',
    parse: text,
    expects: 'a case id such as NumberService_RentNumber/403/unknown_campaign',
    valuesOf: (c) => [c.id],
  },
  trigger: {
    noun: 'trigger',
    plural: 'triggers',
    help: `only cases with this trigger kind (${TRIGGER_KINDS.join(', ')})`,
    code: 'UNKNOWN_TRIGGER',
    parse: text,
    expects: `a trigger kind (${TRIGGER_KINDS.join(', ')})`,
    valuesOf: (c) => [c.trigger.kind],
    vocabulary: TRIGGER_KINDS,
  },
  source: {
    noun: 'source',
    plural: 'sources',
    help: `only cases this kind of source documents (${Object.keys(SOURCE_NAMES).join(', ')})`,
    code: 'UNKNOWN_SOURCE',
    parse: text,
    expects: `a kind of source (${Object.keys(SOURCE_NAMES).join(', ')})`,
    valuesOf: (c) => sourceNamesOf(c),
    vocabulary: Object.keys(SOURCE_NAMES),
  },
  kind: {
    noun: 'kind',
    plural: 'kinds',
    help: `only cases of this kind (${CASE_KINDS.join(', ')}: HTTP errors, or 200 ActiveNumbers whose scheduled provisioning FAILED)`,
    code: 'UNKNOWN_KIND',
    parse: text,
    expects: `a kind of case (${CASE_KINDS.join(', ')})`,
    valuesOf: (c) => [isErrorCase(c) ? 'error' : 'provisioning'],
    vocabulary: CASE_KINDS,
  },
};

export const SELECTOR_KEYS = Object.keys(CASE_FILTERS) as (keyof CaseSelector)[];

/** Which callback events to take (the callback harness's `select`). */
export interface EventSelector {
  /** Event case ids, e.g. `NumberService_EventsCallback/number_order_rejected`. */
  id?: OneOrMany<string>;
  resourceType?: OneOrMany<CallbackResourceType>;
  eventType?: OneOrMany<NumbersEventType>;
  status?: OneOrMany<NumbersEventStatus>;
  failureCode?: OneOrMany<NumbersEventFailureCode>;
}

const eventRow = (noun: string, plural: string, valuesOf: (e: EventCase) => readonly Value[]): FilterRow<EventCase> => ({
  noun,
  plural,
  help: `only events with this ${noun}`,
  code: 'UNKNOWN_EVENT',
  parse: text,
  expects: `an event ${noun}`,
  valuesOf,
});

const EVENT_FILTERS: { readonly [K in keyof EventSelector]-?: FilterRow<EventCase> } = {
  id: eventRow('event id', 'event ids', (e) => [e.id]),
  resourceType: eventRow('resource type', 'resource types', (e) => [e.resourceType]),
  eventType: eventRow('event type', 'event types', (e) => [e.eventType]),
  status: eventRow('status', 'statuses', (e) => [e.status]),
  failureCode: eventRow('failure code', 'failure codes', (e) => (e.failureCode === undefined ? [] : [e.failureCode])),
};

export interface SelectOptions {
  /** How a key is named in messages: `select.status` (the default) or `--status` for the CLI. */
  label?: (key: string) => string;
}

/**
 * The cases passing every filter of `selector`, in catalog order. Throws a KitError for an unknown
 * key, a malformed value, a value no case has, or filters that together match nothing.
 */
export function selectCases<C extends NumbersCase>(cases: readonly C[], selector: CaseSelector = {}, options: SelectOptions = {}): C[] {
  return selectWith(CASE_FILTERS as { readonly [K in keyof CaseSelector]-?: FilterRow<C> }, 'case', cases, selector, options);
}

/** The callback events passing every filter of `selector`, in catalog order; the same rules as selectCases. */
export function selectEventCases(events: readonly EventCase[], selector: EventSelector = {}, options: SelectOptions = {}): EventCase[] {
  return selectWith(EVENT_FILTERS, 'event', events, selector, options);
}

function selectWith<T, S extends object>(rows: { readonly [K in keyof S]-?: FilterRow<T> }, noun: string, items: readonly T[], selector: S, options: SelectOptions): T[] {
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
