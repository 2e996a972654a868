/**
 * Choosing the cases a consumer suite runs: by operation, status, code, envelope or case id.
 * Each criterion takes one value or a list; a value no case has is a usage error (a typo would
 * otherwise silently select nothing).
 */
import type { CallbackResourceType, EventCase, NumbersEventFailureCode, NumbersEventStatus, NumbersEventType } from '../catalog/event-types.js';
import { selectCases } from '../catalog/index.js';
import type { Envelope, ErrorCase, NumbersErrorCode, NumbersOperationId, TriggerKind } from '../catalog/types.js';
import { KitError } from '../errors.js';

type OneOrMany<T> = T | readonly T[];

export interface CaseSelector {
  operation?: OneOrMany<NumbersOperationId>;
  status?: OneOrMany<number>;
  code?: OneOrMany<NumbersErrorCode>;
  envelope?: OneOrMany<Envelope>;
  /** Case ids, e.g. `NumberService_RentNumber/403/unknown_campaign`. */
  id?: OneOrMany<string>;
  /** How the case's request is wrong; `SINCH_SDK_TRIGGERS` are the ones the official SDK can send. */
  trigger?: OneOrMany<TriggerKind>;
}

/**
 * The trigger kinds a client built on the official Sinch SDK can produce: it always sends a
 * well-formed JSON request with the method its operation uses, so the `method`, `content-type`
 * and `json` cases are not applicable to it.
 */
export const SINCH_SDK_TRIGGERS: readonly TriggerKind[] = ['state', 'credentials', 'body', 'query', 'path'];

const list = <T>(value: OneOrMany<T> | undefined): readonly T[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? (value as readonly T[]) : [value as T];

function checkKnown<T>(name: string, wanted: readonly T[] | undefined, known: readonly T[]): void {
  for (const value of wanted ?? []) {
    if (!known.includes(value)) throw new KitError('UNKNOWN_SELECTOR', `select.${name}: no case has ${name} ${JSON.stringify(value)}`, { argument: `select.${name}` });
  }
}

/** The cases matching every given criterion, in catalog order. */
export function selectErrorCases(cases: readonly ErrorCase[], selector: CaseSelector = {}): ErrorCase[] {
  const filter = {
    operation: list(selector.operation),
    status: list(selector.status),
    code: list(selector.code),
    envelope: list(selector.envelope),
  };
  const ids = list(selector.id);
  const triggers = list(selector.trigger);
  checkKnown('operation', filter.operation, cases.map((c) => c.operationId));
  checkKnown('status', filter.status, cases.map((c) => c.status));
  checkKnown('code', filter.code, cases.map((c) => c.code));
  checkKnown('envelope', filter.envelope, cases.map((c) => c.envelope));
  checkKnown('id', ids, cases.map((c) => c.id));
  const selected = selectCases(cases, filter).filter((c) => triggers === undefined || triggers.length === 0 || triggers.includes(c.trigger.kind));
  return ids === undefined ? selected : selected.filter((c) => ids.includes(c.id));
}

/** Choosing callback events: by case id, resource type, event type, status or failure code. */
export interface EventSelector {
  /** Event case ids, e.g. `NumberService_EventsCallback/number_order_rejected`. */
  id?: OneOrMany<string>;
  resourceType?: OneOrMany<CallbackResourceType>;
  eventType?: OneOrMany<NumbersEventType>;
  status?: OneOrMany<NumbersEventStatus>;
  failureCode?: OneOrMany<NumbersEventFailureCode>;
}

const EVENT_KEYS = ['id', 'resourceType', 'eventType', 'status', 'failureCode'] as const;

/** The events matching every given criterion, in catalog order; a selection of nothing is a usage error. */
export function selectEventCases(events: readonly EventCase[], selector: EventSelector = {}): EventCase[] {
  for (const key of Object.keys(selector)) {
    if (!(EVENT_KEYS as readonly string[]).includes(key)) {
      throw new KitError('UNKNOWN_SELECTOR', `select.${key} is not an event filter; use ${EVENT_KEYS.join(', ')}`, { argument: `select.${key}` });
    }
  }
  let selected = [...events];
  for (const key of EVENT_KEYS) {
    const wanted = list<string>(selector[key]);
    if (wanted === undefined) continue;
    checkKnown(key, wanted, events.map((e) => e[key] as string | undefined).filter((v): v is string => v !== undefined));
    selected = selected.filter((e) => wanted.includes(e[key] as string));
  }
  if (selected.length === 0) throw new KitError('EMPTY_SELECTION', `no event matches ${JSON.stringify(selector)} (each value exists, not together)`, { argument: 'select' });
  return selected;
}
