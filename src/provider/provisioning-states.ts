/**
 * The provider states of the provisioning-failure cases: an active number whose scheduled SMS job
 * FAILED with one `SmsErrorCode` (`errorCode`), or whose scheduled voice job of one application
 * type (`voiceType`) FAILED. The number then answers GetActiveNumber (and every read) with that job,
 * which `advanceProvisioning` leaves as it is: a FAILED job stays until the number is updated again.
 */
import { SMS_ERROR_CODES, VOICE_APPLICATION_TYPES, type SmsErrorCode, type VoiceApplicationType } from '../catalog/generated-events.js';
import { SEED_APP, SEED_CAMPAIGN, SEED_NOW, SEED_SERVICE_PLAN } from './seed.js';
import type { Project } from './store.js';
import type { ActiveNumber } from './types.js';

type Params = Record<string, unknown>;

function oneOf<T extends string>(params: Params, key: string, allowed: readonly T[], state: string): T {
  const value = params[key];
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) throw new Error(`provider state "${state}" needs ${key}, one of ${allowed.join(', ')}`);
  return value as T;
}

function activeNumberOf(project: Project, params: Params, state: string): ActiveNumber {
  const phoneNumber = params.phoneNumber;
  if (typeof phoneNumber !== 'string' || phoneNumber === '') throw new Error(`provider state "${state}" needs a phoneNumber parameter`);
  project.ensureActive(phoneNumber);
  return project.active.get(phoneNumber) as ActiveNumber;
}

const SMS_PROVISIONING_FAILED_STATE = "the active number's SMS provisioning failed";
const VOICE_PROVISIONING_FAILED_STATE = "the active number's voice provisioning failed";

/** A number whose first SMS provisioning failed: no service plan applied, the job FAILED with the code. */
function smsFailed(project: Project, params: Params): void {
  const code: SmsErrorCode = oneOf(params, 'errorCode', SMS_ERROR_CODES, SMS_PROVISIONING_FAILED_STATE);
  const number = activeNumberOf(project, params, SMS_PROVISIONING_FAILED_STATE);
  number.smsConfiguration = {
    servicePlanId: '',
    campaignId: '',
    scheduledProvisioning: { servicePlanId: SEED_SERVICE_PLAN, campaignId: SEED_CAMPAIGN, status: 'FAILED', lastUpdatedTime: SEED_NOW, errorCodes: [code] },
  };
}

/** A number whose voice job failed: its own voice configuration unset, the job FAILED with its type's id. */
function voiceFailed(project: Project, params: Params): void {
  const type: VoiceApplicationType = oneOf(params, 'voiceType', VOICE_APPLICATION_TYPES, VOICE_PROVISIONING_FAILED_STATE);
  const number = activeNumberOf(project, params, VOICE_PROVISIONING_FAILED_STATE);
  number.voiceConfiguration = {
    type: 'RTC',
    appId: '',
    trunkId: '',
    serviceId: '',
    lastUpdatedTime: null,
    scheduledVoiceProvisioning: {
      type,
      appId: type === 'RTC' ? SEED_APP : '',
      trunkId: type === 'EST' ? 'example-trunk' : '',
      serviceId: type === 'FAX' ? 'example-fax-service' : '',
      status: 'FAILED',
      lastUpdatedTime: SEED_NOW,
    },
  };
}

export const PROVISIONING_EFFECTS: Record<string, (project: Project, params: Params) => void> = {
  [SMS_PROVISIONING_FAILED_STATE]: smsFailed,
  [VOICE_PROVISIONING_FAILED_STATE]: voiceFailed,
};
