/**
 * Provider states → what the reference provider does about them. Three kinds:
 * - data states seed what the canonical request needs ("the phone number is an active number of the project");
 * - absence states remove the resource, so the operation answers NOT_FOUND by itself;
 * - condition states put the project in a condition (blocked, no credit, over its rate limit...)
 *   under which the operations the spec documents it for answer that documented error.
 * Applying a state first puts the project back to its seed, so each interaction starts clean.
 */
import { EVENT_STATE_EFFECTS } from './event-states.js';
import { ORDER_EFFECTS } from './order-states.js';
import { PROVISIONING_EFFECTS } from './provisioning-states.js';
import type { Project } from './store.js';

type Params = Record<string, unknown>;
type Effect = (project: Project, params: Params) => void;

function phone(params: Params, state: string): string {
  const value = params.phoneNumber;
  if (typeof value !== 'string' || value === '') throw new Error(`provider state "${state}" needs a phoneNumber parameter`);
  return value;
}

const EFFECTS: Record<string, Effect> = {
  // Data states: the seed already has them; a named phone number is put where the state says.
  'the project exists': () => undefined,
  'the project has active numbers': () => undefined,
  'numbers are available to rent in the region': () => undefined,
  'the project has a callback configuration': () => undefined,
  'the phone number is available to rent': (p, params) => p.ensureAvailable(phone(params, 'the phone number is available to rent')),
  'the phone number is an active number of the project': (p, params) => p.ensureActive(phone(params, 'the phone number is an active number of the project')),
  'the active number has an emergency address': (p, params) => {
    const number = phone(params, 'the active number has an emergency address');
    p.ensureActive(number);
    if (!p.emergency.has(number)) {
      const seeded = [...p.emergency.values()][0];
      if (seeded !== undefined) p.emergency.set(number, structuredClone(seeded));
    }
  },
  // Absence states.
  'the phone number is not available': (p, params) => {
    p.available.delete(phone(params, 'the phone number is not available'));
  },
  'the phone number is not an active number of the project': (p, params) => {
    const number = phone(params, 'the phone number is not an active number of the project');
    p.active.delete(number);
    p.emergency.delete(number);
  },
  'the project has no callback configuration': (p) => {
    p.callback = undefined;
  },
  'no available number matches the criteria': (p) => {
    p.available.clear();
  },
  'the project does not exist': (p) => {
    p.conditions.projectMissing = true;
  },
  // Condition states.
  'the Numbers API fails internally': (p) => {
    p.conditions.failure = 'internal';
  },
  'the Numbers API fails with an unknown error': (p) => {
    p.conditions.failure = 'unknown';
  },
  'the Numbers API is unavailable': (p) => {
    p.conditions.failure = 'unavailable';
  },
  'the project is over its rate limit': (p) => {
    p.conditions.rateLimited = true;
  },
  'the credentials do not grant access to the project': (p) => {
    p.conditions.accessDenied = true;
  },
  'the account is blocked': (p) => {
    p.conditions.blocked = true;
  },
  'the project id is not valid': (p) => {
    p.conditions.invalidProjectId = true;
  },
  'the project has no credit left': (p) => {
    p.conditions.noCredit = true;
  },
  'the 10DLC supporting documentation is missing': (p) => {
    p.conditions.missingDocuments = true;
  },
  'the account currency is not supported': (p) => {
    p.conditions.unsupportedCurrency = true;
  },
  'the project is a trial account': (p) => {
    p.conditions.trial = true;
  },
  'the number type is not allowed in the region': (p, params) => {
    p.conditions.illegalRegions.add(typeof params.regionCode === 'string' ? params.regionCode : 'US');
  },
  'the campaign does not match the originator': (p, params) => {
    const campaign = typeof params.campaignId === 'string' ? params.campaignId : [...p.campaigns][0];
    if (campaign !== undefined) p.conditions.mismatchedCampaigns.add(campaign);
  },
  'the service plan is not valid': (p) => {
    p.servicePlans.clear();
  },
  // Callback events (the message pact): failing provisioning jobs, number order moves.
  ...EVENT_STATE_EFFECTS,
  ...ORDER_EFFECTS,
  // Provisioning-failure states: a 200 ActiveNumber whose scheduled SMS or voice job FAILED.
  ...PROVISIONING_EFFECTS,
};

/** Condition state names, as the pipeline and handlers look them up in the catalog. */
export const STATE = {
  internal: 'the Numbers API fails internally',
  unknown: 'the Numbers API fails with an unknown error',
  projectMissing: 'the project does not exist',
  noMatch: 'no available number matches the criteria',
  unavailable: 'the Numbers API is unavailable',
  rateLimited: 'the project is over its rate limit',
  accessDenied: 'the credentials do not grant access to the project',
  blocked: 'the account is blocked',
  invalidProjectId: 'the project id is not valid',
  noCredit: 'the project has no credit left',
  missingDocuments: 'the 10DLC supporting documentation is missing',
  unsupportedCurrency: 'the account currency is not supported',
  trial: 'the project is a trial account',
  illegalNumberType: 'the number type is not allowed in the region',
  unknownCampaign: 'the campaign does not match the originator',
  invalidServicePlan: 'the service plan is not valid',
} as const;

export const KNOWN_STATES: readonly string[] = Object.keys(EFFECTS).sort();

/** Resets `project` to its seed and applies the state; throws for an unknown state. */
export function applyState(project: Project, name: string, params: Params): void {
  const effect = Object.hasOwn(EFFECTS, name) ? EFFECTS[name] : undefined;
  if (effect === undefined) throw new Error(`the reference provider does not know the provider state "${name}"`);
  project.reset();
  effect(project, params);
}
