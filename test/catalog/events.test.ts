import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { OpenAPIV3 } from 'openapi-types';
import { buildCatalog } from '../../src/catalog/build.js';
import { generatedEventTypesSource } from '../../src/catalog/emit-event-types.js';
import { EVENT_RULES, expectedVariants, variantKey } from '../../src/catalog/event-rules.js';
import type { EventCase } from '../../src/catalog/types.js';
import { buildEvents } from '../../src/catalog/events.js';
import { isKitError } from '../../src/errors.js';
import { loadSpec, type LoadedSpec } from '../../src/openapi/load.js';
import { resolvePointer } from '../../src/openapi/pointer.js';
import { compileSchema, createSchemaValidator, describeSchemaErrors } from '../../src/openapi/schema.js';
import { bundledSpec, repoRoot } from '../helpers/paths.js';

const CAMPAIGN_CODES = [
  'CAMPAIGN_NOT_AVAILABLE',
  'EXCEEDED_10DLC_LIMIT',
  'NUMBER_PROVISIONING_FAILED',
  'PARTNER_SERVICE_UNAVAILABLE',
  'CAMPAIGN_PENDING_ACCEPTANCE',
  'MNO_SHARING_ERROR',
  'CAMPAIGN_PROVISIONING_FAILED',
  'CAMPAIGN_EXPIRED',
  'CAMPAIGN_MNO_REJECTED',
  'CAMPAIGN_MNO_SUSPENDED',
  'CAMPAIGN_MNO_REVIEW',
  'INSUFFICIENT_BALANCE',
  'MOCK_CAMPAIGN_NOT_ALLOWED',
  'TFN_NOT_ALLOWED',
  'INVALID_NNID',
];

/**
 * The applicability of openapi/README.md ("Callback events"), one row per event type: the
 * statuses it reports, and the failure codes its FAILED events carry (none: a FAILED event without one).
 */
const RULES: { eventType: string; resourceType: string; statuses: string[]; failureCodes: string[]; provenance: string[] }[] = [
  { eventType: 'PROVISIONING_TO_SMS_PLATFORM', resourceType: 'ACTIVE_NUMBER', statuses: ['SUCCEEDED', 'FAILED'], failureCodes: [], provenance: ['official-spec', 'official-spec'] },
  { eventType: 'DEPROVISIONING_FROM_SMS_PLATFORM', resourceType: 'ACTIVE_NUMBER', statuses: ['SUCCEEDED', 'FAILED'], failureCodes: [], provenance: ['official-spec', 'inferred'] },
  { eventType: 'PROVISIONING_TO_CAMPAIGN', resourceType: 'ACTIVE_NUMBER', statuses: ['SUCCEEDED', 'FAILED'], failureCodes: CAMPAIGN_CODES, provenance: Array(16).fill('official-spec') },
  { eventType: 'DEPROVISIONING_FROM_CAMPAIGN', resourceType: 'ACTIVE_NUMBER', statuses: ['SUCCEEDED', 'FAILED'], failureCodes: [], provenance: ['official-spec', 'inferred'] },
  { eventType: 'PROVISIONING_TO_VOICE_PLATFORM', resourceType: 'ACTIVE_NUMBER', statuses: ['SUCCEEDED', 'FAILED'], failureCodes: [], provenance: ['official-spec', 'inferred'] },
  { eventType: 'DEPROVISIONING_FROM_VOICE_PLATFORM', resourceType: 'ACTIVE_NUMBER', statuses: ['SUCCEEDED', 'FAILED'], failureCodes: [], provenance: ['official-spec', 'inferred'] },
  {
    eventType: 'NUMBER_ORDER_PROCESSING',
    resourceType: 'NUMBER_ORDER',
    statuses: ['IN_REVIEW', 'BLOCKED', 'COMPLETED', 'REJECTED', 'EXPIRED'],
    failureCodes: [],
    provenance: Array(5).fill('official-spec'),
  },
];

describe('callback events (x-webhooks)', () => {
  let spec: LoadedSpec;
  let events: EventCase[];
  before(async () => {
    spec = await loadSpec(bundledSpec);
    events = buildCatalog(spec).events;
  });

  it('the catalog has 31 event variants, in the order pinned by test/golden/event-ids.txt', async () => {
    const golden = await readFile(path.join(repoRoot, 'test', 'golden', 'event-ids.txt'), 'utf8');
    const lines = events.map((e) => `${e.id}  ${e.eventType} ${e.status}${e.failureCode === undefined ? '' : ` ${e.failureCode}`}`);
    expect(`${lines.join('\n')}\n`).to.equal(golden);
    expect(events).to.have.length(31);
  });

  it('src/catalog/generated-events.ts is up to date with the spec (run `npm run regen` after changing openapi/)', async () => {
    const committed = await readFile(path.join(repoRoot, 'src', 'catalog', 'generated-events.ts'), 'utf8');
    expect(committed === generatedEventTypesSource(spec.document, events), 'src/catalog/generated-events.ts is stale: run `npm run regen`').to.equal(true);
  });

  for (const rule of RULES) {
    it(`${rule.eventType}: ${rule.resourceType}, statuses ${rule.statuses.join('/')}, ${rule.failureCodes.length === 0 ? 'no failureCode' : `${rule.failureCodes.length} failure codes`}`, () => {
      const own = events.filter((e) => e.eventType === rule.eventType);
      const expected = rule.statuses.flatMap((status) => (status === 'FAILED' && rule.failureCodes.length > 0 ? rule.failureCodes.map((code) => `${status} ${code}`) : [status]));
      expect(own.map((e) => (e.failureCode === undefined ? e.status : `${e.status} ${e.failureCode}`))).to.deep.equal(expected);
      expect(own.every((e) => e.resourceType === rule.resourceType && e.body.resourceType === rule.resourceType)).to.equal(true);
      expect(own.map((e) => (e.inferred ? 'inferred' : e.provenance.kind))).to.deep.equal(rule.provenance);
    });
  }

  it('the rules table in src/catalog/event-rules.ts says the same as the rows above', () => {
    expect(EVENT_RULES.map((r) => [r.eventType, r.resourceType, [...r.statuses], [...r.failureCodes]])).to.deep.equal(RULES.map((r) => [r.eventType, r.resourceType, r.statuses, r.failureCodes]));
    expect(expectedVariants().map(variantKey)).to.deep.equal(events.map((e) => variantKey(e)));
  });

  it('no event type outside the rules, no status outside the schema enums', () => {
    const payload = spec.document.components!.schemas!;
    const enumOf = (name: string) => (payload[name] as OpenAPIV3.SchemaObject).enum;
    expect(enumOf('CallbackEventType')).to.deep.equal(RULES.slice(0, 6).map((r) => r.eventType));
    expect(enumOf('CallbackFailureCode')).to.deep.equal(CAMPAIGN_CODES);
    expect(enumOf('NumberOrderEventStatus')).to.deep.equal(RULES[6]!.statuses);
  });

  it('every event example validates against CallbackPayload and carries provenance', () => {
    const ajv = createSchemaValidator();
    const failures: string[] = [];
    for (const e of events) {
      const validate = compileSchema(ajv, resolvePointer(spec.document, e.schemaPointer) as OpenAPIV3.SchemaObject);
      if (!validate(e.body)) failures.push(`${e.id}: ${describeSchemaErrors(validate.errors).join('; ')}`);
      if (e.provenance.quote === '' || e.provenance.source === '') failures.push(`${e.id}: no provenance`);
      if (e.state.name === '') failures.push(`${e.id}: no provider state`);
    }
    expect(failures).to.deep.equal([]);
  });

  it('event ids and timestamps are distinct; the data is fictional (the SDK mock project, 555-01xx numbers)', () => {
    expect(new Set(events.map((e) => e.body.eventId)).size).to.equal(events.length);
    for (const e of events) {
      expect(e.body.projectId).to.equal('12c0ffee-dada-beef-cafe-baadc0de5678');
      expect(e.body.timestamp).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+$/);
      if (e.resourceType === 'ACTIVE_NUMBER') expect(e.body.resourceId).to.match(/^\+120255501\d\d$/);
    }
  });

  const EXAMPLES = '/x-webhooks/EventsCallback/post/requestBody/content/application~1json/examples';
  type Mutate = (examples: Record<string, { value: Record<string, unknown>; 'x-numbers-event': Record<string, unknown> }>) => void;
  const broken: [string, Mutate, string, string, string][] = [
    [
      'a failureCode on an SMS platform failure',
      (x) => {
        x.sms_provisioning_failed!['x-numbers-event'].failureCode = 'CAMPAIGN_EXPIRED';
      },
      'SPEC_EVENT_RULE',
      `${EXAMPLES}/sms_provisioning_failed/x-numbers-event/failureCode`,
      'a PROVISIONING_TO_SMS_PLATFORM event carries no failureCode (official spec 1.0.3, CallbackPayloadActiveNumber.failureCode: SMS platform provisioning is binary, no failureCode)',
    ],
    [
      'a failureCode on a SUCCEEDED event',
      (x) => {
        x.campaign_provisioning_succeeded!['x-numbers-event'].failureCode = 'CAMPAIGN_EXPIRED';
      },
      'SPEC_EVENT_RULE',
      `${EXAMPLES}/campaign_provisioning_succeeded/x-numbers-event/failureCode`,
      'only a FAILED event carries a failureCode (status is SUCCEEDED)',
    ],
    [
      'a campaign failure without its failureCode',
      (x) => {
        delete x.campaign_provisioning_failed_campaign_expired!['x-numbers-event'].failureCode;
      },
      'SPEC_EVENT_RULE',
      `${EXAMPLES}/campaign_provisioning_failed_campaign_expired/x-numbers-event`,
      'a FAILED PROVISIONING_TO_CAMPAIGN event names its failureCode (official spec 1.0.3, CallbackPayloadActiveNumber.failureCode: campaign provisioning failures carry one of the 15 codes)',
    ],
    [
      'an order state no event reports',
      (x) => {
        x.number_order_blocked!['x-numbers-event'].status = 'CREATED';
      },
      'SPEC_EVENT_RULE',
      `${EXAMPLES}/number_order_blocked/x-numbers-event/status`,
      'NUMBER_ORDER_PROCESSING reports status IN_REVIEW, BLOCKED, COMPLETED, REJECTED, EXPIRED, not "CREATED"',
    ],
    [
      'an unknown event type',
      (x) => {
        x.voice_provisioning_failed!['x-numbers-event'].eventType = 'PROVISIONING_TO_VOICE_PLATFORM_FAILED';
      },
      'SPEC_EVENT_RULE',
      `${EXAMPLES}/voice_provisioning_failed/x-numbers-event/eventType`,
      'unknown eventType "PROVISIONING_TO_VOICE_PLATFORM_FAILED"; known: PROVISIONING_TO_SMS_PLATFORM, DEPROVISIONING_FROM_SMS_PLATFORM, PROVISIONING_TO_CAMPAIGN, DEPROVISIONING_FROM_CAMPAIGN, PROVISIONING_TO_VOICE_PLATFORM, DEPROVISIONING_FROM_VOICE_PLATFORM, NUMBER_ORDER_PROCESSING',
    ],
    [
      'a body that tells another story',
      (x) => {
        x.campaign_provisioning_failed_invalid_nnid!.value.failureCode = 'TFN_NOT_ALLOWED';
      },
      'SPEC_EXAMPLE_MISMATCH',
      `${EXAMPLES}/campaign_provisioning_failed_invalid_nnid/value/failureCode`,
      'failureCode is "TFN_NOT_ALLOWED" but x-numbers-event says "INVALID_NNID"',
    ],
    [
      'a trigger that is no operation of the spec',
      (x) => {
        x.number_order_in_review!['x-numbers-event'].trigger = { operationId: 'NumberService_SubmitNumberOrder', description: 'submitted' };
      },
      'SPEC_ANNOTATION',
      `${EXAMPLES}/number_order_in_review/x-numbers-event/trigger/operationId`,
      'the trigger names operation "NumberService_SubmitNumberOrder", which the spec does not have',
    ],
    [
      'no annotation',
      (x) => {
        delete (x.number_order_expired as Record<string, unknown>)['x-numbers-event'];
      },
      'SPEC_ANNOTATION',
      `${EXAMPLES}/number_order_expired/x-numbers-event`,
      'every callback example needs an x-numbers-event object',
    ],
  ];
  for (const [name, mutate, code, pointer, message] of broken) {
    it(`rejects ${name}: ${code} at the annotation`, () => {
      const document = structuredClone(spec.document) as unknown as Record<string, unknown>;
      const examples = resolvePointer(document, EXAMPLES) as Parameters<Mutate>[0];
      mutate(examples);
      let thrown: unknown;
      try {
        buildEvents({ ...spec, document: document as unknown as OpenAPIV3.Document });
      } catch (error) {
        thrown = error;
      }
      expect(isKitError(thrown), String(thrown)).to.equal(true);
      const error = thrown as { code: string; pointer: string; message: string };
      expect({ code: error.code, pointer: error.pointer, message: error.message }).to.deep.equal({ code, pointer, message });
    });
  }

  it('a spec without x-webhooks has no events', () => {
    const document = structuredClone(spec.document) as unknown as Record<string, unknown>;
    delete document['x-webhooks'];
    expect(buildEvents({ ...spec, document: document as unknown as OpenAPIV3.Document })).to.deep.equal([]);
  });
});
