/**
 * Coverage of provisioning failures: a 2xx interaction of GetActiveNumber whose body shows a FAILED
 * scheduled job covers the case of its code (or voice type), by stamp or by shape; a success
 * without a failed job is skipped as before; a failed job no case documents is undocumented.
 */
import { expect } from 'chai';
import { buildCatalog } from '../../src/catalog/build.js';
import { createMapper, type Mapper } from '../../src/coverage/map.js';
import type { MappingResult, PactInteraction } from '../../src/coverage/types.js';
import { loadSpec } from '../../src/openapi/load.js';
import { bundledSpec } from '../helpers/paths.js';

const ID = 'NumberService_GetActiveNumber/200';
const number = (sms: unknown, voice: unknown = null): Record<string, unknown> => ({
  phoneNumber: '+12025550134',
  smsConfiguration: { servicePlanId: '', scheduledProvisioning: sms },
  voiceConfiguration: { type: 'RTC', scheduledVoiceProvisioning: voice },
});
const interaction = (body: unknown, stamp?: string, status = 200): PactInteraction => ({
  file: 'p.json',
  index: 0,
  description: 'get a number',
  type: 'Synchronous/HTTP',
  http: true,
  providerStates: [],
  method: 'GET',
  path: '/v1/projects/12c0ffee-dada-beef-cafe-baadc0de5678/activeNumbers/+12025550134',
  status,
  body: { kind: 'json', value: body, contentType: 'application/json' },
  stamp,
});

const rows: [string, PactInteraction, MappingResult][] = [
  [
    'an SMS job FAILED with a documented code, by shape',
    interaction(number({ status: 'FAILED', errorCodes: ['CAMPAIGN_EXPIRED'] })),
    { result: 'covered', via: 'shape', operationId: 'NumberService_GetActiveNumber', caseIds: [`${ID}/provisioning_failed_campaign_expired`] },
  ],
  [
    'two codes cover both cases',
    interaction(number({ status: 'FAILED', errorCodes: ['INTERNAL_ERROR', 'INVALID_NNID'] })),
    { result: 'covered', via: 'shape', operationId: 'NumberService_GetActiveNumber', caseIds: [`${ID}/provisioning_failed_internal_error`, `${ID}/provisioning_failed_invalid_nnid`] },
  ],
  [
    'a voice job FAILED, by stamp',
    interaction(number(null, { type: 'FAX', status: 'FAILED' }), `${ID}/voice_provisioning_failed_fax`),
    { result: 'covered', via: 'stamp', operationId: 'NumberService_GetActiveNumber', caseIds: [`${ID}/voice_provisioning_failed_fax`] },
  ],
  [
    'a stamp the body does not show',
    interaction(number(null, { type: 'FAX', status: 'FAILED' }), `${ID}/voice_provisioning_failed_rtc`),
    { result: 'undocumented', operationId: 'NumberService_GetActiveNumber', reason: `stamped as ${ID}/voice_provisioning_failed_rtc, but the interaction shows voice job (FAX) FAILED` },
  ],
  [
    'a code no case documents',
    interaction(number({ status: 'FAILED', errorCodes: ['SMS_GONE'] })),
    { result: 'undocumented', operationId: 'NumberService_GetActiveNumber', reason: '200: SMS job FAILED with [SMS_GONE], which no provisioning case of NumberService_GetActiveNumber documents' },
  ],
  ['a job still waiting: a plain success', interaction(number({ status: 'WAITING', errorCodes: [] })), { result: 'skipped', operationId: 'NumberService_GetActiveNumber', reason: 'not an error response (200)' }],
  [
    'a 201 with a failed job: no case has that status',
    interaction(number({ status: 'FAILED', errorCodes: ['CAMPAIGN_EXPIRED'] }), undefined, 201),
    { result: 'skipped', operationId: 'NumberService_GetActiveNumber', reason: 'not an error response (201)' },
  ],
];

describe('coverage: provisioning failures', () => {
  let mapper: Mapper;
  before(async () => {
    const spec = await loadSpec(bundledSpec);
    mapper = createMapper(buildCatalog(spec), spec.document);
  });
  for (const [name, i, expected] of rows) {
    it(`${name} → ${expected.result}`, () => {
      expect(mapper.map(i)).to.deep.equal(expected);
    });
  }
});
