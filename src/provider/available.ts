/**
 * Available numbers: search, check availability, rent one, rent any. Renting moves the number
 * from the available numbers to the project's active numbers, with the requested configuration
 * under scheduled provisioning.
 */
import { requestedLinks, UNLINKED } from './callback-events.js';
import { conditionReply, configurationError, hasAll, matchesPattern, ok, scheduleConfiguration, sendProvisioningCallbacks, type Handler, type HandlerContext } from './handler.js';
import { legacy, notFound } from './replies.js';
import { activeFrom } from './seed.js';
import { STATE } from './states.js';
import type { AvailableNumber, Reply } from './types.js';

const DEFAULT_SIZE = 100;

/** The available numbers matching region, type, number pattern and capabilities, in phone-number order. */
export function search(ctx: HandlerContext, criteria: Record<string, unknown>): AvailableNumber[] {
  const pattern = criteria.numberPattern as { pattern?: unknown; searchPattern?: unknown } | undefined;
  return [...ctx.project.available.values()]
    .filter((n) => n.regionCode === criteria.regionCode && n.type === criteria.type && matchesPattern(n.phoneNumber, n.regionCode, pattern?.pattern, pattern?.searchPattern) && hasAll(n.capability, criteria.capabilities))
    .sort((a, b) => (a.phoneNumber < b.phoneNumber ? -1 : 1));
}

export const listAvailableNumbers: Handler = (ctx) => {
  const q = ctx.request.query;
  const found = search(ctx, {
    regionCode: q.regionCode,
    type: q.type,
    numberPattern: { pattern: q['numberPattern.pattern'], searchPattern: q['numberPattern.searchPattern'] },
    capabilities: q.capabilities,
  });
  const size = typeof q.size === 'number' ? q.size : DEFAULT_SIZE;
  return ok({ availableNumbers: found.slice(0, size) });
};

export const getAvailableNumber: Handler = (ctx) => {
  const phoneNumber = ctx.request.params.phoneNumber as string;
  const number = ctx.project.available.get(phoneNumber);
  return number === undefined ? notFound('AvailableNumber', phoneNumber) : ok(number);
};

export const rentNumber: Handler = (ctx) => {
  const phoneNumber = ctx.request.params.phoneNumber as string;
  const number = ctx.project.available.get(phoneNumber);
  if (number === undefined) return notFound('AvailableNumber', phoneNumber);
  return rent(ctx, number);
};

export const rentAnyNumber: Handler = (ctx) => {
  const body = ctx.request.body;
  // rentAny works only for US 10DLC (local) numbers.
  if (body.regionCode !== 'US' || body.type !== 'LOCAL') {
    return ctx.replies.documented(ctx.request.operation.operationId, 403, 'illegal_number_type') ?? legacy(403, 'illegal_number_type', 'Illegal phone number type of MSISDN for a chosen region was used.');
  }
  const number = search(ctx, body)[0];
  if (number === undefined) return conditionReply(ctx, STATE.noMatch);
  return rent(ctx, number);
};

function rent(ctx: HandlerContext, number: AvailableNumber): Reply {
  const conditions = ctx.project.conditions;
  if (conditions.trial) return conditionReply(ctx, STATE.trial);
  if (conditions.illegalRegions.has(number.regionCode)) return conditionReply(ctx, STATE.illegalNumberType);
  const configuration = configurationError(ctx, ctx.request.body);
  if (configuration !== undefined) return configuration;
  if (conditions.noCredit) return conditionReply(ctx, STATE.noCredit);
  if (conditions.missingDocuments && number.supportingDocumentationRequired) return conditionReply(ctx, STATE.missingDocuments);
  if (conditions.unsupportedCurrency) return conditionReply(ctx, STATE.unsupportedCurrency);

  const active = activeFrom(ctx.project.id, number);
  scheduleConfiguration(active, ctx.request.body);
  ctx.project.available.delete(number.phoneNumber);
  ctx.project.active.set(active.phoneNumber, active);
  sendProvisioningCallbacks(ctx, active, UNLINKED, requestedLinks(UNLINKED, ctx.request.body));
  return ok(active);
}
