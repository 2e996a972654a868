/**
 * Emergency addresses of active numbers: get, provision, deprovision, validate. Validation is
 * deterministic: a well-formed address is an EXACT_MATCH; a lower-case state or abbreviated
 * street info is a NEAR_MATCH with the corrected address; a street number without digits is a NO_MATCH.
 */
import { ok, type Handler, type HandlerContext } from './handler.js';
import { notFound } from './replies.js';
import type { EmergencyAddress, Reply } from './types.js';

function activeOr404(ctx: HandlerContext): Reply | undefined {
  const phoneNumber = ctx.request.params.phoneNumber as string;
  return ctx.project.active.has(phoneNumber) ? undefined : notFound('ActiveNumber', phoneNumber);
}

export const getEmergencyAddress: Handler = (ctx) => {
  const missing = activeOr404(ctx);
  if (missing !== undefined) return missing;
  const phoneNumber = ctx.request.params.phoneNumber as string;
  const record = ctx.project.emergency.get(phoneNumber);
  return record === undefined ? notFound('EmergencyAddress', phoneNumber) : ok(record);
};

export const provisionEmergencyAddress: Handler = (ctx) => {
  const missing = activeOr404(ctx);
  if (missing !== undefined) return missing;
  const body = ctx.request.body as { displayName: string; address: EmergencyAddress };
  const record = { displayName: body.displayName, address: structuredClone(body.address) };
  ctx.project.emergency.set(ctx.request.params.phoneNumber as string, record);
  return ok(record);
};

export const deprovisionEmergencyAddress: Handler = (ctx) => {
  const missing = activeOr404(ctx);
  if (missing !== undefined) return missing;
  const phoneNumber = ctx.request.params.phoneNumber as string;
  if (!ctx.project.emergency.delete(phoneNumber)) return notFound('EmergencyAddress', phoneNumber);
  return ok({});
};

const STREET_ABBREVIATIONS: Record<string, string> = { St: 'Street', Rd: 'Road', Ave: 'Avenue', Blvd: 'Boulevard', Dr: 'Drive' };

export const validateEmergencyAddress: Handler = (ctx) => {
  const missing = activeOr404(ctx);
  if (missing !== undefined) return missing;
  const body = ctx.request.body as { displayName: string; address: EmergencyAddress };
  const address = body.address;
  const base = { phoneNumber: ctx.request.params.phoneNumber, displayName: body.displayName, validatedAddress: address };
  if (!/\d/.test(address.streetNumber)) {
    return ok({ ...base, validationResult: 'NO_MATCH', validationMessage: 'Invalid address - no correction found|Address is Invalid', correctedAddress: address, candidateAddresses: [] });
  }
  const corrected: EmergencyAddress = {
    ...address,
    state: address.state.toUpperCase(),
    streetInfo: address.streetInfo.replace(/\b(St|Rd|Ave|Blvd|Dr)\.?$/, (abbr) => STREET_ABBREVIATIONS[abbr.replace('.', '')] ?? abbr),
  };
  const exact = corrected.state === address.state && corrected.streetInfo === address.streetInfo;
  return ok({
    ...base,
    validationResult: exact ? 'EXACT_MATCH' : 'NEAR_MATCH',
    validationMessage: exact ? '' : 'Corrected to valid address|Corrected address abbreviations',
    correctedAddress: corrected,
    candidateAddresses: [],
  });
};
