/**
 * Which callback events the Numbers documentation describes: for each event type, its resource,
 * the statuses it reports and the failure codes a FAILED event of that type carries. The table is
 * the written-down form of openapi/README.md, "Callback events"; each row says where it comes from.
 */
import { KitError, type ErrorCode } from '../errors.js';
import type { EventAnnotation } from './event-annotation.js';
import type { CallbackResourceType } from './types.js';
import { NUMBER_ORDER_EVENT_STATUSES, NUMBERS_EVENT_FAILURE_CODES, type NumbersEventType } from './generated-events.js';
import { isRecord } from '../util/record.js';

export interface EventRule {
  eventType: NumbersEventType;
  resourceType: CallbackResourceType;
  statuses: readonly string[];
  /** The failure codes a FAILED event of this type carries, one variant each; empty: none. */
  failureCodes: readonly string[];
  why: string;
}

const BINARY = ['SUCCEEDED', 'FAILED'] as const;
const SPEC = 'official spec 1.0.3, CallbackPayloadActiveNumber';

export const EVENT_RULES: readonly EventRule[] = [
  { eventType: 'PROVISIONING_TO_SMS_PLATFORM', resourceType: 'ACTIVE_NUMBER', statuses: BINARY, failureCodes: [], why: `${SPEC}.failureCode: SMS platform provisioning is binary, no failureCode` },
  { eventType: 'DEPROVISIONING_FROM_SMS_PLATFORM', resourceType: 'ACTIVE_NUMBER', statuses: BINARY, failureCodes: [], why: 'inferred: read like provisioning to the SMS platform' },
  { eventType: 'PROVISIONING_TO_CAMPAIGN', resourceType: 'ACTIVE_NUMBER', statuses: BINARY, failureCodes: NUMBERS_EVENT_FAILURE_CODES, why: `${SPEC}.failureCode: campaign provisioning failures carry one of the 15 codes` },
  { eventType: 'DEPROVISIONING_FROM_CAMPAIGN', resourceType: 'ACTIVE_NUMBER', statuses: BINARY, failureCodes: [], why: 'inferred: which code a failed unlinking carries is undocumented' },
  { eventType: 'PROVISIONING_TO_VOICE_PLATFORM', resourceType: 'ACTIVE_NUMBER', statuses: BINARY, failureCodes: [], why: 'inferred: the failure codes are campaign codes; voice failures name none' },
  { eventType: 'DEPROVISIONING_FROM_VOICE_PLATFORM', resourceType: 'ACTIVE_NUMBER', statuses: BINARY, failureCodes: [], why: 'inferred: as provisioning to the voice platform' },
  { eventType: 'NUMBER_ORDER_PROCESSING', resourceType: 'NUMBER_ORDER', statuses: NUMBER_ORDER_EVENT_STATUSES, failureCodes: [], why: 'official spec 1.0.3, CallbackPayloadNumberOrder.status: the state the order moved to (never CREATED)' },
];

/** One variant the rules call for: an event type, a status and (for some failures) a failure code. */
export interface EventVariant {
  eventType: NumbersEventType;
  status: string;
  failureCode?: string;
}

/** Every variant the rules describe, in rule order: each status once, a FAILED status once per failure code. */
export function expectedVariants(rules: readonly EventRule[] = EVENT_RULES): EventVariant[] {
  const variants: EventVariant[] = [];
  for (const rule of rules) {
    for (const status of rule.statuses) {
      if (status === 'FAILED' && rule.failureCodes.length > 0) {
        for (const failureCode of rule.failureCodes) variants.push({ eventType: rule.eventType, status, failureCode });
      } else {
        variants.push({ eventType: rule.eventType, status });
      }
    }
  }
  return variants;
}

/** The key of a variant, e.g. `PROVISIONING_TO_CAMPAIGN FAILED CAMPAIGN_EXPIRED`. */
export function variantKey(variant: EventVariant): string {
  return [variant.eventType, variant.status, ...(variant.failureCode === undefined ? [] : [variant.failureCode])].join(' ');
}

interface Where {
  file: string;
  pointer: string;
}

/** Holds one annotated example to the rules; a violation names the annotation field it concerns. */
export function checkEventRules(annotation: EventAnnotation, body: unknown, where: Where): EventRule {
  const fail = (suffix: string, message: string, code: ErrorCode = 'SPEC_EVENT_RULE'): never => {
    throw new KitError(code, message, { file: where.file, pointer: `${where.pointer}${suffix}` });
  };
  const rule = EVENT_RULES.find((r) => r.eventType === annotation.eventType);
  if (rule === undefined) return fail('/x-numbers-event/eventType', `unknown eventType ${JSON.stringify(annotation.eventType)}; known: ${EVENT_RULES.map((r) => r.eventType).join(', ')}`);
  if (!rule.statuses.includes(annotation.status)) {
    fail('/x-numbers-event/status', `${rule.eventType} reports status ${rule.statuses.join(', ')}, not ${JSON.stringify(annotation.status)}`);
  }
  if (annotation.failureCode !== undefined) {
    if (annotation.status !== 'FAILED') fail('/x-numbers-event/failureCode', `only a FAILED event carries a failureCode (status is ${annotation.status})`);
    if (!rule.failureCodes.includes(annotation.failureCode)) {
      fail(
        '/x-numbers-event/failureCode',
        rule.failureCodes.length === 0 ? `a ${rule.eventType} event carries no failureCode (${rule.why})` : `${JSON.stringify(annotation.failureCode)} is not a failureCode of ${rule.eventType}; known: ${rule.failureCodes.join(', ')}`,
      );
    }
  } else if (annotation.status === 'FAILED' && rule.failureCodes.length > 0) {
    fail('/x-numbers-event', `a FAILED ${rule.eventType} event names its failureCode (${rule.why})`);
  }
  const record = isRecord(body) ? body : {};
  const expected: Record<string, unknown> = {
    resourceType: rule.resourceType,
    eventType: annotation.eventType,
    status: annotation.status,
    failureCode: annotation.failureCode,
  };
  for (const [key, value] of Object.entries(expected)) {
    if (record[key] !== value) {
      fail(`/value/${key}`, `${key} is ${JSON.stringify(record[key]) ?? 'absent'} but x-numbers-event says ${JSON.stringify(value) ?? 'none'}`, 'SPEC_EXAMPLE_MISMATCH');
    }
  }
  return rule;
}
