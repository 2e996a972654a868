/**
 * Writes `src/catalog/generated-events.ts`: the typed unions of every callback and provisioning
 * code the spec documents (from its schemas' enums) and the documented event variants, so the
 * signature helper and the event matchers never load the spec.
 */
import type { OpenAPIV3 } from 'openapi-types';
import { KitError } from '../errors.js';
import type { EventCase } from './types.js';

/** The schema each union is read from, and the enum's property when it is a property's. */
const UNIONS: readonly { constant: string; type: string; doc: string; schema: string; property?: string }[] = [
  { constant: 'ACTIVE_NUMBER_EVENT_TYPES', type: 'ActiveNumberEventType', doc: 'Event types of ACTIVE_NUMBER callbacks.', schema: 'CallbackEventType' },
  { constant: 'NUMBER_ORDER_EVENT_TYPES', type: 'NumberOrderEventType', doc: 'Event types of NUMBER_ORDER callbacks.', schema: 'CallbackPayloadNumberOrder', property: 'eventType' },
  { constant: 'ACTIVE_NUMBER_EVENT_STATUSES', type: 'ActiveNumberEventStatus', doc: 'Statuses of ACTIVE_NUMBER callbacks.', schema: 'CallbackEventStatus' },
  { constant: 'NUMBER_ORDER_EVENT_STATUSES', type: 'NumberOrderEventStatus', doc: 'States a NUMBER_ORDER_PROCESSING callback reports.', schema: 'NumberOrderEventStatus' },
  { constant: 'NUMBERS_EVENT_FAILURE_CODES', type: 'NumbersEventFailureCode', doc: 'The `failureCode` of a FAILED callback.', schema: 'CallbackFailureCode' },
  { constant: 'SMS_ERROR_CODES', type: 'SmsErrorCode', doc: 'The `scheduledProvisioning.errorCodes` of an ActiveNumber.', schema: 'SmsErrorCode' },
  { constant: 'PROVISIONING_STATUSES', type: 'ProvisioningStatus', doc: 'The `status` of scheduled (voice) provisioning.', schema: 'ProvisioningStatus' },
  { constant: 'VOICE_APPLICATION_TYPES', type: 'VoiceApplicationType', doc: 'The application type of a voice configuration and of its scheduled voice provisioning job.', schema: 'VoiceApplicationType' },
];

export function generatedEventTypesSource(document: OpenAPIV3.Document, events: readonly EventCase[]): string {
  const schemas = (document.components?.schemas ?? {}) as Record<string, OpenAPIV3.SchemaObject>;
  const lines = ['// Generated from openapi/numbers.v1.yaml by `npm run regen`. Do not edit by hand.', ''];
  for (const union of UNIONS) {
    lines.push(`/** ${union.doc} */`);
    lines.push(`export const ${union.constant} = ${list(enumOf(schemas, union.schema, union.property))} as const;`);
    lines.push(`export type ${union.type} = (typeof ${union.constant})[number];`);
    lines.push('');
  }
  lines.push('export const NUMBERS_EVENT_TYPES = [...ACTIVE_NUMBER_EVENT_TYPES, ...NUMBER_ORDER_EVENT_TYPES] as const;');
  lines.push('export type NumbersEventType = (typeof NUMBERS_EVENT_TYPES)[number];');
  lines.push('export const NUMBERS_EVENT_STATUSES = [...ACTIVE_NUMBER_EVENT_STATUSES, ...NUMBER_ORDER_EVENT_STATUSES] as const;');
  lines.push('export type NumbersEventStatus = (typeof NUMBERS_EVENT_STATUSES)[number];');
  lines.push('');
  lines.push('export interface DocumentedEvent {');
  lines.push('  readonly caseId: string;');
  lines.push('  readonly eventType: NumbersEventType;');
  lines.push('  readonly status: NumbersEventStatus;');
  lines.push('  readonly failureCode?: NumbersEventFailureCode;');
  lines.push('}');
  lines.push('');
  lines.push('/** Every documented callback event variant, in spec order. */');
  lines.push('export const DOCUMENTED_EVENTS: readonly DocumentedEvent[] = [');
  for (const e of events) {
    const failure = e.failureCode === undefined ? '' : `, failureCode: ${JSON.stringify(e.failureCode)}`;
    lines.push(`  { caseId: ${JSON.stringify(e.id)}, eventType: ${JSON.stringify(e.eventType)}, status: ${JSON.stringify(e.status)}${failure} },`);
  }
  lines.push('];');
  lines.push('');
  return lines.join('\n');
}

function enumOf(schemas: Record<string, OpenAPIV3.SchemaObject>, name: string, property?: string): string[] {
  let schema: OpenAPIV3.SchemaObject | undefined = schemas[name];
  if (property !== undefined) {
    const parts = [schema, ...((schema?.allOf ?? []) as OpenAPIV3.SchemaObject[])];
    schema = parts.map((part) => part?.properties?.[property] as OpenAPIV3.SchemaObject | undefined).find((p) => p?.enum !== undefined);
  }
  const values = schema?.enum;
  if (!Array.isArray(values) || !values.every((v): v is string => typeof v === 'string')) {
    throw new KitError('SPEC_INVALID', `components.schemas.${name}${property === undefined ? '' : `.${property}`} needs a string enum`, {
      pointer: `/components/schemas/${name}`,
    });
  }
  return values;
}

function list(values: readonly string[]): string {
  return `[\n${values.map((v) => `  ${JSON.stringify(v)},`).join('\n')}\n]`;
}
