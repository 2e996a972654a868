import { KitError } from '../errors.js';
import { isRecord } from '../util/record.js';
import type { Provenance, ProvenanceKind } from './types.js';

/** The `x-numbers-event` extension of one callback example, checked and typed (codes are checked by the rules). */
export interface EventAnnotation {
  eventType: string;
  status: string;
  failureCode?: string;
  inferred: boolean;
  trigger: { operationId: string; description: string };
  state: { name: string; params: Record<string, string | number | boolean> };
  provenance: Provenance;
}

const PROVENANCE_KINDS: readonly ProvenanceKind[] = ['status-page', 'official-spec', 'sdk-fixture', 'inferred'];

interface Where {
  file: string;
  pointer: string;
}

export function readEventAnnotation(value: unknown, where: Where): EventAnnotation {
  const fail = (suffix: string, message: string): never => {
    throw new KitError('SPEC_ANNOTATION', message, { file: where.file, pointer: `${where.pointer}/x-numbers-event${suffix}` });
  };
  const text = (record: Record<string, unknown>, key: string, suffix: string): string => {
    const field = record[key];
    return typeof field === 'string' && field !== '' ? field : fail(`${suffix}/${key}`, `${key} must be a non-empty string`);
  };
  if (!isRecord(value)) return fail('', 'every callback example needs an x-numbers-event object');
  const eventType = text(value, 'eventType', '');
  const status = text(value, 'status', '');
  const failureCode = value.failureCode === undefined ? undefined : text(value, 'failureCode', '');
  const inferred = value.inferred ?? false;
  if (typeof inferred !== 'boolean') return fail('/inferred', 'inferred must be a boolean');

  const trigger = value.trigger;
  if (!isRecord(trigger)) return fail('/trigger', 'trigger must be an object with operationId and description');
  const state = value.state;
  if (!isRecord(state)) return fail('/state', 'state must be an object with a non-empty name');
  const params = state.params ?? {};
  if (!isRecord(params) || !Object.values(params).every((v) => ['string', 'number', 'boolean'].includes(typeof v))) {
    return fail('/state/params', 'state.params must map names to strings, numbers or booleans');
  }
  const provenance = value.provenance;
  if (!isRecord(provenance)) return fail('/provenance', 'provenance must be an object with kind, source and quote');
  if (!PROVENANCE_KINDS.includes(provenance.kind as ProvenanceKind)) return fail('/provenance/kind', `provenance.kind must be one of ${PROVENANCE_KINDS.join(', ')}`);

  return {
    eventType,
    status,
    ...(failureCode === undefined ? {} : { failureCode }),
    inferred,
    trigger: { operationId: text(trigger, 'operationId', '/trigger'), description: text(trigger, 'description', '/trigger') },
    state: { name: text(state, 'name', '/state'), params: params as Record<string, string | number | boolean> },
    provenance: {
      kind: provenance.kind as ProvenanceKind,
      source: text(provenance, 'source', '/provenance'),
      quote: text(provenance, 'quote', '/provenance'),
    },
  };
}
