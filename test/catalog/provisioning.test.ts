/**
 * Provisioning failures (openapi/README.md, "Provisioning failures"): which operation documents
 * them and why, one case per SmsErrorCode and per voice application type, their sources, and the
 * rules an annotated example is held to (SPEC_PROVISIONING_RULE, SPEC_ANNOTATION).
 */
import { expect } from 'chai';
import type { OpenAPIV3 } from 'openapi-types';
import { buildCatalog } from '../../src/catalog/build.js';
import { SMS_ERROR_CODES, VOICE_APPLICATION_TYPES } from '../../src/catalog/generated-events.js';
import { isProvisioningCase, type ProvisioningCase } from '../../src/catalog/types.js';
import { isKitError } from '../../src/errors.js';
import { decideProvisioning, expectedProvisioning } from '../../src/match/provisioning.js';
import { loadSpec, type LoadedSpec } from '../../src/openapi/load.js';
import { resolvePointer } from '../../src/openapi/pointer.js';
import { PROVISIONING_CASE_COUNT } from '../helpers/catalog-size.js';
import { bundledSpec } from '../helpers/paths.js';

const GET = '/paths/~1v1~1projects~1{projectId}~1activeNumbers~1{phoneNumber}/get';
const EXAMPLES = `${GET}/responses/200/content/application~1json/examples`;

describe('provisioning failures (200 ActiveNumbers whose scheduled provisioning FAILED)', () => {
  let spec: LoadedSpec;
  let cases: ProvisioningCase[];
  before(async () => {
    spec = await loadSpec(bundledSpec);
    cases = buildCatalog(spec).cases.filter(isProvisioningCase);
  });

  it('documents them on GetActiveNumber only: the read that shows a job after it ran (rent and update answer with the job WAITING)', () => {
    expect([...new Set(cases.map((c) => `${c.operationId} ${c.status}`))]).to.deep.equal(['NumberService_GetActiveNumber 200']);
    expect(cases).to.have.length(PROVISIONING_CASE_COUNT);
  });

  it('has one SMS case per SmsErrorCode, in the enum order, and one voice case per VoiceApplicationType', () => {
    expect(cases.filter((c) => c.provisioning.platform === 'sms').map((c) => c.provisioning.errorCode)).to.deep.equal([...SMS_ERROR_CODES]);
    expect(cases.filter((c) => c.provisioning.platform === 'voice').map((c) => c.provisioning.voiceType)).to.deep.equal([...VOICE_APPLICATION_TYPES]);
    expect(cases.filter((c) => c.provisioning.platform === 'voice').every((c) => c.provisioning.errorCode === undefined)).to.equal(true);
  });

  it('gives each case the canonical request, a provider state naming the code or type, and official sources (the answer, then the schema fields)', () => {
    for (const c of cases) {
      const p = c.provisioning;
      expect(c.trigger.kind, c.id).to.equal('state');
      expect(c.request.method, c.id).to.equal('GET');
      expect(c.state, c.id).to.deep.equal(
        p.platform === 'sms'
          ? { name: "the active number's SMS provisioning failed", params: { projectId: '12c0ffee-dada-beef-cafe-baadc0de5678', phoneNumber: '+12025550134', errorCode: p.errorCode } }
          : { name: "the active number's voice provisioning failed", params: { projectId: '12c0ffee-dada-beef-cafe-baadc0de5678', phoneNumber: '+12025550134', voiceType: p.voiceType } },
      );
      expect(c.inferred, c.id).to.equal(false);
      expect(
        c.sources.map((s) => (s.kind === 'official-spec' ? s.pointer : s.kind)),
        c.id,
      ).to.deep.equal(
        p.platform === 'sms'
          ? [`${GET}/responses/200`, '/components/schemas/scheduledProvisioning/properties/errorCodes', '/components/schemas/SmsErrorCode/enum', '/components/schemas/ProvisioningStatus/enum']
          : [`${GET}/responses/200`, '/components/schemas/ScheduledVoiceProvisioning', '/components/schemas/ProvisioningStatus/enum'],
      );
    }
  });

  it("each body shows its own failure to toHaveProvisioningError's decision, and no other case's", () => {
    for (const c of cases) {
      const own = c.provisioning.errorCode ?? { platform: 'voice', voiceType: c.provisioning.voiceType };
      expect(decideProvisioning(c.body, expectedProvisioning(own)).pass, c.id).to.equal(true);
      const others = cases.filter((o) => o !== c && o.provisioning.platform === c.provisioning.platform);
      for (const o of others) expect(decideProvisioning(c.body, expectedProvisioning(o.provisioning.errorCode ?? { platform: 'voice', voiceType: o.provisioning.voiceType })).pass, `${c.id} as ${o.id}`).to.equal(false);
    }
  });

  type Examples = Record<string, { value: Record<string, Record<string, Record<string, unknown>>>; 'x-numbers-provisioning': Record<string, unknown> }>;
  const broken: [string, (x: Examples, document: Record<string, unknown>) => void, string, string, string][] = [
    [
      'an error code on a voice failure',
      (x) => {
        x.voice_provisioning_failed_est!['x-numbers-provisioning'].errorCode = 'INTERNAL_ERROR';
      },
      'SPEC_PROVISIONING_RULE',
      `${EXAMPLES}/voice_provisioning_failed_est/x-numbers-provisioning/errorCode`,
      'the official spec documents no error codes for voice provisioning: a voice failure has no errorCode',
    ],
    [
      'an SMS failure without its code',
      (x) => {
        delete x.provisioning_failed_campaign_expired!['x-numbers-provisioning'].errorCode;
      },
      'SPEC_PROVISIONING_RULE',
      `${EXAMPLES}/provisioning_failed_campaign_expired/x-numbers-provisioning/errorCode`,
      `an sms failure needs errorCode, one of SmsErrorCode: ${SMS_ERROR_CODES.join(', ')}`,
    ],
    [
      'a body whose errorCodes tell another story',
      (x) => {
        x.provisioning_failed_invalid_nnid!.value.smsConfiguration!.scheduledProvisioning = { status: 'FAILED', errorCodes: ['TFN_NOT_ALLOWED'] };
      },
      'SPEC_PROVISIONING_RULE',
      `${EXAMPLES}/provisioning_failed_invalid_nnid/value/smsConfiguration/scheduledProvisioning/errorCodes`,
      "the example's errorCodes do not hold INVALID_NNID",
    ],
    [
      'a voice body whose job is still waiting',
      (x) => {
        (x.voice_provisioning_failed_fax!.value.voiceConfiguration!.scheduledVoiceProvisioning as Record<string, unknown>).status = 'WAITING';
      },
      'SPEC_PROVISIONING_RULE',
      `${EXAMPLES}/voice_provisioning_failed_fax/value/voiceConfiguration/scheduledVoiceProvisioning/status`,
      `the example's voice job status is "WAITING", not "FAILED"`,
    ],
    [
      'a failure on an operation whose answer is no ActiveNumber',
      (x, document) => {
        const regions = resolvePointer(document, '/paths/~1v1~1projects~1{projectId}~1availableRegions/get/responses/200/content/application~1json') as Record<string, unknown>;
        regions.examples = { regions: { value: regions.example }, stray: x.provisioning_failed_tfn_not_allowed };
        delete regions.example;
      },
      'SPEC_PROVISIONING_RULE',
      '/paths/~1v1~1projects~1{projectId}~1availableRegions/get/responses/200/content/application~1json/examples/stray',
      'a provisioning failure is an ActiveNumber answer: only an operation whose 2xx schema is ActiveNumber can document one',
    ],
    [
      'a platform the kit does not know',
      (x) => {
        x.provisioning_failed_internal_error!['x-numbers-provisioning'].platform = 'mms';
      },
      'SPEC_ANNOTATION',
      `${EXAMPLES}/provisioning_failed_internal_error/x-numbers-provisioning/platform`,
      'platform must be "sms" or "voice"',
    ],
  ];
  for (const [name, mutate, code, pointer, message] of broken) {
    it(`rejects ${name}: ${code}`, () => {
      const document = structuredClone(spec.document) as unknown as Record<string, unknown>;
      mutate(resolvePointer(document, EXAMPLES) as Examples, document);
      let thrown: unknown;
      try {
        buildCatalog({ ...spec, document: document as unknown as OpenAPIV3.Document });
      } catch (error) {
        thrown = error;
      }
      expect(isKitError(thrown), String(thrown)).to.equal(true);
      const error = thrown as { code: string; pointer: string; message: string };
      expect({ code: error.code, pointer: error.pointer, message: error.message }).to.deep.equal({ code, pointer, message });
    });
  }
});
