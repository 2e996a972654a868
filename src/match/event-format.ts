/** Words the callback matchers' verdicts, for the positive and the `.not` form alike. */
import type { EventVerdict, ExpectedEvent } from './event.js';
import type { ProvisioningVerdict } from './provisioning.js';

function variant(e: ExpectedEvent): string {
  return [e.eventType, e.status, e.failureCode].filter((x) => x !== undefined).join(' ');
}

/** The message of a failed `toBeNumbersEvent` (`negated`: the `.not` form failed). */
export function formatEventVerdict(v: EventVerdict, negated: boolean): string {
  const wanted = variant(v.expected);
  if (v.received === undefined) return `expected a Numbers callback event ${wanted}, received no callback event (no eventType)`;
  const got = [v.received.eventType, v.received.status, v.received.failureCode].filter((x) => x !== undefined).join(' ');
  if (negated) return `expected the callback event not to be ${wanted}, but it is ${got}${v.received.eventId === undefined ? '' : ` (eventId ${v.received.eventId})`}`;
  const why = v.mismatches.map((m) => `${m.field} is ${m.received === undefined ? 'absent' : JSON.stringify(m.received)}, not ${JSON.stringify(m.expected)}`).join('; ');
  return `expected the callback event to be ${wanted}, received ${got}: ${why}`;
}

/** The message of a failed `toHaveProvisioningError`. */
export function formatProvisioningVerdict(v: ProvisioningVerdict, negated: boolean): string {
  const e = v.expected;
  const what = e.platform === 'sms' ? 'SMS provisioning' : `voice provisioning${e.voiceType === undefined ? '' : ` (${e.voiceType})`}`;
  const how = e.errorCode === undefined ? '' : ` with ${e.errorCode}`;
  if (!v.isActiveNumber) return `expected an ActiveNumber whose ${what} failed${how}, received no ActiveNumber (no phoneNumber, smsConfiguration or voiceConfiguration)`;
  const field = e.platform === 'sms' ? 'scheduledProvisioning' : 'scheduledVoiceProvisioning';
  const detail = e.platform === 'sms' ? `errorCodes [${v.errorCodes.join(', ')}]` : `type ${v.voiceType ?? 'absent'}`;
  const state = `${field} ${v.status === undefined ? 'absent' : `status ${v.status}, ${detail}`}`;
  if (negated) return `expected the number's ${what} not to have failed${how}, but it did (${state})`;
  return `expected the number's ${what} to have failed${how}, received ${state}`;
}
