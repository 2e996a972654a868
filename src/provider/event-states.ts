/**
 * The provider states of the callback events (the message pact's states, written in the spec's
 * `x-numbers-event` annotations): each makes one provisioning job fail, or places a number order
 * that the lifecycle moves to the named state next. A "succeeds" state needs nothing: jobs succeed unless told otherwise.
 * A campaign that is "not available" is one the project does not have, as for scheduled
 * provisioning; the other failure codes are conditions of the platforms behind the API.
 */
import { NUMBER_ORDER_EVENT_STATUSES, NUMBERS_EVENT_FAILURE_CODES } from '../catalog/generated-events.js';
import { ORDER_EFFECTS } from './order-states.js';
import type { Project } from './store.js';

type Effect = (project: Project, params: Record<string, unknown>) => void;

const fail =
  (eventType: string): Effect =>
  (p) => {
    p.conditions.failingJobs.set(eventType, '');
  };

const JOBS: ReadonlyArray<[string, string]> = [
  ['linking the number to the SMS platform (a service plan)', 'PROVISIONING_TO_SMS_PLATFORM'],
  ['unlinking the number from the SMS platform (a service plan)', 'DEPROVISIONING_FROM_SMS_PLATFORM'],
  ['linking the number to a 10DLC campaign', 'PROVISIONING_TO_CAMPAIGN'],
  ['unlinking the number from a 10DLC campaign', 'DEPROVISIONING_FROM_CAMPAIGN'],
  ['linking the number to the voice platform', 'PROVISIONING_TO_VOICE_PLATFORM'],
  ['unlinking the number from the voice platform', 'DEPROVISIONING_FROM_VOICE_PLATFORM'],
];

function campaignFailure(code: string): Effect {
  return (p) => {
    if (code === 'CAMPAIGN_NOT_AVAILABLE') p.campaigns.clear();
    else p.conditions.failingJobs.set('PROVISIONING_TO_CAMPAIGN', code);
  };
}

export const EVENT_STATE_EFFECTS: Readonly<Record<string, Effect>> = {
  // A failed campaign link always names its failure code: those states are the next table.
  ...Object.fromEntries(JOBS.flatMap(([job, eventType]): Array<[string, Effect]> => [[`${job} succeeds`, () => undefined], ...(eventType === 'PROVISIONING_TO_CAMPAIGN' ? [] : [[`${job} fails`, fail(eventType)] as [string, Effect]])])),
  ...Object.fromEntries(NUMBERS_EVENT_FAILURE_CODES.map((code) => [`campaign provisioning fails with ${code}`, campaignFailure(code)])),
  ...Object.fromEntries(NUMBER_ORDER_EVENT_STATUSES.map((status) => [`the number order moves to ${status}`, orderAbout(status)])),
};

/**
 * An order placed (order-states.ts) so that the lifecycle moves it to `status` next: a complete
 * CREATED order (submitting it puts it IN_REVIEW), one whose reservation lapsed (EXPIRED when it is
 * next read), or one IN_REVIEW whose review ends `status` when it is next read.
 */
function orderAbout(status: string): Effect {
  return (p, params) => {
    if (status === 'EXPIRED') ORDER_EFFECTS["the number order's reservation has expired"]?.(p, params);
    else ORDER_EFFECTS['the number order is in state']?.(p, { ...params, state: status === 'IN_REVIEW' ? 'CREATED' : 'IN_REVIEW' });
    if (status === 'COMPLETED' || status === 'BLOCKED' || status === 'REJECTED') p.conditions.orderReview = status;
  };
}
