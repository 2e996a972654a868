/**
 * Pure mapping of one callback event variant to the Pact V4 asynchronous message that documents
 * it: the event body with matchers (what identifies the variant pinned, what varies loosened),
 * the signature header in the message metadata, and the provider state naming the condition.
 * Plain data only; `message-contract.ts` hands it to the Pact core.
 */
import type { EventCase, ProviderState } from '../catalog/types.js';
import { NUMBERS_SIGNATURE_HEADER, signNumbersEvent } from '../events/signature.js';
import { KIT_REFERENCE_GROUP, type InteractionReference } from './interaction.js';
import { equal, like, regex, type PactMatcher } from './matchers.js';

/**
 * The HMAC secret of the kit's contracts and harnesses. Not a real project's secret: it only
 * makes the example signatures in a contract real signatures of their example bodies.
 */
export const NUMBERS_TEST_HMAC_SECRET = 'numbers-contract-kit-test-hmac-secret-0001';

/** Lowercase hex SHA-1: any project's signature matches, the example is the test secret's. */
export const SIGNATURE_PATTERN = '^[0-9a-f]{40}$';
/** The callback timestamp: Sinch sends it without a time zone; a zone, should one come, is allowed. */
const TIMESTAMP_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})?$';
const E164_PATTERN = '^\\+[1-9]\\d{1,14}$';

/** The fields that say which variant an event is: a handler branches on them. */
const PINNED = ['resourceType', 'eventType', 'status', 'failureCode'];

export interface EventMessage {
  caseId: string;
  description: string;
  state: ProviderState;
  comments: readonly string[];
  references: readonly InteractionReference[];
  /** The exact bytes a provider sends (compact JSON of the example, in the spec's key order). */
  rawBody: string;
  /** The body for the Pact core, with matchers. */
  contents: Record<string, unknown>;
  /** Message metadata for the Pact core: the signature header, with its matcher. */
  metadata: Record<string, string | PactMatcher>;
}

/** The message's description: `<operationId> <exampleName>`, unique per variant. */
export function describeEvent(e: EventCase): string {
  return `${e.operationId} ${e.exampleName}`;
}

export function eventMessage(e: EventCase, secret: string = NUMBERS_TEST_HMAC_SECRET): EventMessage {
  const rawBody = JSON.stringify(e.body);
  const failure = e.failureCode === undefined ? '' : ` ${e.failureCode}`;
  return {
    caseId: e.id,
    description: describeEvent(e),
    state: e.state,
    comments: [
      `${e.id}: ${e.summary}`,
      `event: ${e.resourceType} ${e.eventType} ${e.status}${failure}; arrives after ${e.trigger.operationId}: ${e.trigger.description}`,
      `source: ${e.provenance.kind} (${e.provenance.source})${e.inferred ? '; variant inferred' : ''}`,
      `${NUMBERS_SIGNATURE_HEADER}: lowercase hex HMAC-SHA1 of the raw body with the project's hmacSecret (the example: the kit's test secret)`,
    ],
    references: [
      { group: KIT_REFERENCE_GROUP, name: 'caseId', value: e.id },
      { group: KIT_REFERENCE_GROUP, name: 'pointer', value: e.pointer },
      { group: KIT_REFERENCE_GROUP, name: 'schemaPointer', value: e.schemaPointer },
      { group: 'OpenAPI', name: 'operationId', value: e.operationId },
    ],
    rawBody,
    contents: Object.fromEntries(Object.entries(e.body).map(([key, value]) => [key, fieldMatcher(e, key, value)])),
    metadata: { [NUMBERS_SIGNATURE_HEADER]: regex(SIGNATURE_PATTERN, signNumbersEvent(rawBody, secret)) },
  };
}

function fieldMatcher(e: EventCase, key: string, value: unknown): unknown {
  if (PINNED.includes(key)) return equal(value);
  if (key === 'timestamp' && typeof value === 'string' && new RegExp(TIMESTAMP_PATTERN).test(value)) return regex(TIMESTAMP_PATTERN, value);
  if (key === 'resourceId' && e.resourceType === 'ACTIVE_NUMBER' && typeof value === 'string' && new RegExp(E164_PATTERN).test(value)) return regex(E164_PATTERN, value);
  return like(value);
}
