import * as chai from 'chai';
import { expect as chaiExpect } from 'chai';
import { expect as jestExpect } from 'expect';
import { numbersChai } from '../../src/chai/index.js';
import { loadCatalog } from '../../src/catalog/index.js';
import { numbersMatchers } from '../../src/expect/index.js';
import { signNumbersEvent } from '../../src/events/signature.js';
import { bundledSpec } from '../helpers/paths.js';

chai.use(numbersChai);
jestExpect.extend(numbersMatchers);

const catalog = await loadCatalog(bundledSpec);
const body = (id: string): Record<string, unknown> => catalog.events.find((e) => e.id === `NumberService_EventsCallback/${id}`)!.body;
const NOT_AVAILABLE = body('campaign_provisioning_failed_campaign_not_available');
const SUCCEEDED = body('campaign_provisioning_succeeded');
const failedNumber = {
  phoneNumber: '+12025550134',
  smsConfiguration: { servicePlanId: '', scheduledProvisioning: { servicePlanId: 'example-service-plan', status: 'FAILED', errorCodes: ['SMS_PROVISIONING_FAILED'] } },
};
const waitingNumber = { phoneNumber: '+12025550134', smsConfiguration: { scheduledProvisioning: { status: 'WAITING', errorCodes: [] } } };
const voiceJob = (status: string, type: string): Record<string, unknown> => ({ type, appId: '', trunkId: type === 'EST' ? 'example-trunk' : '', serviceId: '', status, lastUpdatedTime: '2026-11-01T00:00:00Z' });
const voiceFailedNumber = { phoneNumber: '+12025550134', smsConfiguration: { scheduledProvisioning: null }, voiceConfiguration: { type: 'RTC', scheduledVoiceProvisioning: voiceJob('FAILED', 'EST') } };
const voiceWaitingNumber = { voiceConfiguration: { type: 'RTC', scheduledVoiceProvisioning: voiceJob('WAITING', 'RTC') } };

/** Both adapters must throw the same message; `run` gets the adapter's expect. */
function messageOf(run: () => void): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  return '(passed)';
}

type Expect = (value: unknown) => Record<string, (...args: unknown[]) => void> & { not: Record<string, (...args: unknown[]) => void> };
const adapters: [string, Expect][] = [
  ['chai', chaiExpect as unknown as Expect],
  ['expect (Jest, Vitest)', jestExpect as unknown as Expect],
];

const rows: [string, (e: Expect) => void, string][] = [
  ['a matching failure event passes', (e) => e(NOT_AVAILABLE).toBeNumbersEvent!('PROVISIONING_TO_CAMPAIGN', { status: 'FAILED', failureCode: 'CAMPAIGN_NOT_AVAILABLE' }), '(passed)'],
  ['the raw bytes pass as the parsed body does', (e) => e(Buffer.from(JSON.stringify(NOT_AVAILABLE))).toBeNumbersEvent!('PROVISIONING_TO_CAMPAIGN', { failureCode: 'CAMPAIGN_NOT_AVAILABLE' }), '(passed)'],
  [
    'another outcome fails, naming each field',
    (e) => e(SUCCEEDED).toBeNumbersEvent!('PROVISIONING_TO_CAMPAIGN', { status: 'FAILED', failureCode: 'CAMPAIGN_NOT_AVAILABLE' }),
    'expected the callback event to be PROVISIONING_TO_CAMPAIGN FAILED CAMPAIGN_NOT_AVAILABLE, received PROVISIONING_TO_CAMPAIGN SUCCEEDED: status is "SUCCEEDED", not "FAILED"; failureCode is absent, not "CAMPAIGN_NOT_AVAILABLE"',
  ],
  [
    '.not on the same variant fails',
    (e) => e(NOT_AVAILABLE).not.toBeNumbersEvent!('PROVISIONING_TO_CAMPAIGN', { status: 'FAILED' }),
    'expected the callback event not to be PROVISIONING_TO_CAMPAIGN FAILED, but it is PROVISIONING_TO_CAMPAIGN FAILED CAMPAIGN_NOT_AVAILABLE (eventId 01hzexampleevent0000000006)',
  ],
  ['.not on another variant passes', (e) => e(SUCCEEDED).not.toBeNumbersEvent!('PROVISIONING_TO_CAMPAIGN', { status: 'FAILED' }), '(passed)'],
  ['something that is no event fails', (e) => e({ ok: true }).toBeNumbersEvent!('NUMBER_ORDER_PROCESSING'), 'expected a Numbers callback event NUMBER_ORDER_PROCESSING, received no callback event (no eventType)'],
  ['an unknown event type is a usage error', (e) => e(SUCCEEDED).toBeNumbersEvent!('PROVISIONING_TO_MARS'), /^toBeNumbersEvent: "PROVISIONING_TO_MARS" is not a documented event type; known: PROVISIONING_TO_SMS_PLATFORM, /.source],
  [
    'a failure code the event type never carries is a usage error, also under .not',
    (e) => e(SUCCEEDED).not.toBeNumbersEvent!('PROVISIONING_TO_SMS_PLATFORM', { failureCode: 'CAMPAIGN_EXPIRED' }),
    'toBeNumbersEvent: a PROVISIONING_TO_SMS_PLATFORM event never carries failureCode CAMPAIGN_EXPIRED',
  ],
  [
    'an order state no event reports is a usage error',
    (e) => e(SUCCEEDED).toBeNumbersEvent!('NUMBER_ORDER_PROCESSING', { status: 'CREATED' }),
    'toBeNumbersEvent: NUMBER_ORDER_PROCESSING never reports status "CREATED"; documented: IN_REVIEW, BLOCKED, COMPLETED, REJECTED, EXPIRED',
  ],
  ['undefined is a usage error', (e) => e(undefined).toBeNumbersEvent!('NUMBER_ORDER_PROCESSING'), 'toBeNumbersEvent: received undefined; pass the callback body (parsed, or its raw bytes)'],
  ['a failed provisioning passes', (e) => e(failedNumber).toHaveProvisioningError!('SMS_PROVISIONING_FAILED'), '(passed)'],
  ['an axios-style response holding it passes', (e) => e({ status: 200, data: failedNumber }).toHaveProvisioningError!('SMS_PROVISIONING_FAILED'), '(passed)'],
  [
    'another code fails',
    (e) => e(failedNumber).toHaveProvisioningError!('CAMPAIGN_EXPIRED'),
    "expected the number's SMS provisioning to have failed with CAMPAIGN_EXPIRED, received scheduledProvisioning status FAILED, errorCodes [SMS_PROVISIONING_FAILED]",
  ],
  [
    'a waiting provisioning fails',
    (e) => e(waitingNumber).toHaveProvisioningError!('SMS_PROVISIONING_FAILED'),
    "expected the number's SMS provisioning to have failed with SMS_PROVISIONING_FAILED, received scheduledProvisioning status WAITING, errorCodes []",
  ],
  [
    '.not on the failure fails',
    (e) => e(failedNumber).not.toHaveProvisioningError!('SMS_PROVISIONING_FAILED'),
    "expected the number's SMS provisioning not to have failed with SMS_PROVISIONING_FAILED, but it did (scheduledProvisioning status FAILED, errorCodes [SMS_PROVISIONING_FAILED])",
  ],
  ['.not on a waiting number passes', (e) => e(waitingNumber).not.toHaveProvisioningError!('SMS_PROVISIONING_FAILED'), '(passed)'],
  [
    'no ActiveNumber fails',
    (e) => e({ error: { code: 404 } }).toHaveProvisioningError!('INTERNAL_ERROR'),
    'expected an ActiveNumber whose SMS provisioning failed with INTERNAL_ERROR, received no ActiveNumber (no phoneNumber, smsConfiguration or voiceConfiguration)',
  ],
  ['an unknown SmsErrorCode is a usage error', (e) => e(failedNumber).toHaveProvisioningError!('SMS_FAILED'), /^toHaveProvisioningError: "SMS_FAILED" is not a documented SmsErrorCode; known: ERROR_CODE_UNSPECIFIED, /.source],
  ['{ platform: sms } passes on any code', (e) => e(failedNumber).toHaveProvisioningError!({ platform: 'sms' }), '(passed)'],
  [
    '{ platform: sms, errorCode } fails on another code',
    (e) => e(failedNumber).toHaveProvisioningError!({ platform: 'sms', errorCode: 'TFN_NOT_ALLOWED' }),
    "expected the number's SMS provisioning to have failed with TFN_NOT_ALLOWED, received scheduledProvisioning status FAILED, errorCodes [SMS_PROVISIONING_FAILED]",
  ],
  ['a failed voice job passes', (e) => e(voiceFailedNumber).toHaveProvisioningError!({ platform: 'voice' }), '(passed)'],
  ['a failed voice job of the expected type passes, in a response', (e) => e({ status: 200, body: voiceFailedNumber }).toHaveProvisioningError!({ platform: 'voice', voiceType: 'EST' }), '(passed)'],
  [
    'a failed voice job of another type fails',
    (e) => e(voiceFailedNumber).toHaveProvisioningError!({ platform: 'voice', voiceType: 'FAX' }),
    "expected the number's voice provisioning (FAX) to have failed, received scheduledVoiceProvisioning status FAILED, type EST",
  ],
  ['a waiting voice job fails', (e) => e(voiceWaitingNumber).toHaveProvisioningError!({ platform: 'voice' }), "expected the number's voice provisioning to have failed, received scheduledVoiceProvisioning status WAITING, type RTC"],
  ['an SMS failure is no voice failure', (e) => e(failedNumber).toHaveProvisioningError!({ platform: 'voice' }), "expected the number's voice provisioning to have failed, received scheduledVoiceProvisioning absent"],
  ['a voice failure is no SMS failure', (e) => e(voiceFailedNumber).toHaveProvisioningError!({ platform: 'sms' }), "expected the number's SMS provisioning to have failed, received scheduledProvisioning absent"],
  [
    '.not on the voice failure fails',
    (e) => e(voiceFailedNumber).not.toHaveProvisioningError!({ platform: 'voice', voiceType: 'EST' }),
    "expected the number's voice provisioning (EST) not to have failed, but it did (scheduledVoiceProvisioning status FAILED, type EST)",
  ],
  ['.not on a waiting voice job passes', (e) => e(voiceWaitingNumber).not.toHaveProvisioningError!({ platform: 'voice' }), '(passed)'],
  [
    'no ActiveNumber fails, for voice too',
    (e) => e({ ok: true }).toHaveProvisioningError!({ platform: 'voice', voiceType: 'RTC' }),
    'expected an ActiveNumber whose voice provisioning (RTC) failed, received no ActiveNumber (no phoneNumber, smsConfiguration or voiceConfiguration)',
  ],
  [
    'a voice error code is a usage error, also under .not',
    (e) => e(voiceFailedNumber).not.toHaveProvisioningError!({ platform: 'voice', errorCode: 'INTERNAL_ERROR' }),
    "toHaveProvisioningError: the official spec documents no error codes for voice provisioning; expect { platform: 'voice' } or its voiceType",
  ],
  ['an unknown voice type is a usage error', (e) => e(voiceFailedNumber).toHaveProvisioningError!({ platform: 'voice', voiceType: 'SIP' }), 'toHaveProvisioningError: "SIP" is not a documented VoiceApplicationType; known: RTC, EST, FAX'],
  ['an unknown platform is a usage error', (e) => e(voiceFailedNumber).toHaveProvisioningError!({ platform: 'fax' }), "toHaveProvisioningError: platform must be 'sms' or 'voice', got \"fax\""],
  ['a voiceType on sms is a usage error', (e) => e(failedNumber).toHaveProvisioningError!({ platform: 'sms', voiceType: 'RTC' }), "toHaveProvisioningError: voiceType belongs to { platform: 'voice' }"],
  [
    'an unknown field is a usage error',
    (e) => e(failedNumber).toHaveProvisioningError!({ platform: 'sms', code: 'INTERNAL_ERROR' }),
    'toHaveProvisioningError: unknown field "code" in expected; allowed: platform, errorCode (sms), voiceType (voice)',
  ],
  ['a number is a usage error', (e) => e(failedNumber).toHaveProvisioningError!(200), "toHaveProvisioningError: expected is an SmsErrorCode, { platform: 'sms', errorCode? } or { platform: 'voice', voiceType? }; got number"],
];

describe('callback matchers: toBeNumbersEvent and toHaveProvisioningError', () => {
  for (const [adapter, e] of adapters) {
    describe(adapter, () => {
      for (const [name, run, expected] of rows) {
        it(name, () => {
          const message = messageOf(() => run(e));
          if (expected.startsWith('^')) chaiExpect(message).to.match(new RegExp(expected));
          else chaiExpect(message).to.equal(expected);
        });
      }
    });
  }

  it('reads a harness delivery (its rawBody) like the raw bytes', () => {
    const rawBody = Buffer.from(JSON.stringify(NOT_AVAILABLE));
    const delivery = { rawBody, headers: { 'x-sinch-signature': signNumbersEvent(rawBody, 'example-secret-0123456789abcdef0123') } };
    chaiExpect(delivery).toBeNumbersEvent('PROVISIONING_TO_CAMPAIGN', { failureCode: 'CAMPAIGN_NOT_AVAILABLE' });
    jestExpect(delivery).toBeNumbersEvent('PROVISIONING_TO_CAMPAIGN', { status: 'FAILED' });
  });
});
