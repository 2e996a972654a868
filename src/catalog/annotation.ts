import { KitError } from '../errors.js';
import { readSources, summarizeSources } from './sources.js';
import type { CaseSource, Envelope, Provenance, TriggerKind } from './types.js';
import { isRecord } from '../util/record.js';

/** The `x-numbers-error` extension of one example, checked and typed. */
export interface ErrorAnnotation {
  code: string;
  envelope: Envelope;
  inferred: boolean;
  trigger: TriggerSpec;
  state?: { name: string; params: Record<string, string | number | boolean> };
  sources: CaseSource[];
  provenance: Provenance;
}

export interface TriggerSpec {
  kind: TriggerKind;
  description: string;
  authorization?: string;
  method?: string;
  contentType?: string;
  rawBody?: string;
  body?: unknown;
  query?: Record<string, string | string[]>;
  pathParams?: Record<string, string>;
}

const TRIGGER_KINDS: readonly TriggerKind[] = ['state', 'credentials', 'method', 'content-type', 'json', 'body', 'query', 'path'];
/** Which trigger field each request-driven kind needs. */
const TRIGGER_FIELD: Partial<Record<TriggerKind, keyof TriggerSpec>> = {
  credentials: 'authorization',
  method: 'method',
  'content-type': 'contentType',
  json: 'rawBody',
  body: 'body',
  query: 'query',
  path: 'pathParams',
};

interface Where {
  file: string;
  pointer: string;
}

export function readAnnotation(value: unknown, where: Where): ErrorAnnotation {
  const fail = (suffix: string, message: string): never => {
    throw new KitError('SPEC_ANNOTATION', message, { file: where.file, pointer: `${where.pointer}/x-numbers-error${suffix}` });
  };
  if (!isRecord(value)) return fail('', 'every error example needs an x-numbers-error object');
  const code = value.code;
  if (typeof code !== 'string' || code === '') return fail('/code', 'code must be a non-empty string');
  const envelope = value.envelope;
  if (envelope !== 'google' && envelope !== 'legacy') return fail('/envelope', 'envelope must be "google" or "legacy"');
  const inferred = value.inferred ?? false;
  if (typeof inferred !== 'boolean') return fail('/inferred', 'inferred must be a boolean');

  const trigger = value.trigger;
  if (!isRecord(trigger)) return fail('/trigger', 'trigger must be an object with kind and description');
  const kind = trigger.kind as TriggerKind;
  if (!TRIGGER_KINDS.includes(kind)) return fail('/trigger/kind', `trigger.kind must be one of ${TRIGGER_KINDS.join(', ')}`);
  if (typeof trigger.description !== 'string' || trigger.description === '') return fail('/trigger/description', 'trigger.description must be a non-empty string');
  const field = TRIGGER_FIELD[kind];
  if (field !== undefined && trigger[field] === undefined) return fail(`/trigger/${field}`, `a ${kind} trigger needs ${field}`);

  let state: ErrorAnnotation['state'];
  if (value.state !== undefined) {
    if (!isRecord(value.state) || typeof value.state.name !== 'string' || value.state.name === '') {
      return fail('/state', 'state must be an object with a non-empty name');
    }
    const params = value.state.params ?? {};
    if (!isRecord(params) || !Object.values(params).every(isScalar)) return fail('/state/params', 'state.params must map names to strings, numbers or booleans');
    state = { name: value.state.name, params: params as Record<string, string | number | boolean> };
  } else if (kind === 'state') {
    return fail('/state', 'a state trigger needs a provider state (state.name)');
  }

  const sources = readSources(value, (suffix, message) => fail(suffix, message));
  return {
    code,
    envelope,
    inferred,
    trigger: { ...(trigger as unknown as TriggerSpec), kind, description: trigger.description },
    ...(state === undefined ? {} : { state }),
    sources,
    provenance: summarizeSources(sources),
  };
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
