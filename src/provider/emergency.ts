/**
 * Emergency addresses of active numbers: get, provision, deprovision, validate. Validation is
 * deterministic: a well-formed address is an EXACT_MATCH; a lower-case state or abbreviated
 * street info is a NEAR_MATCH with the corrected address; a street number without digits is a NO_MATCH
 * with an empty corrected address and a candidate. Get and provision answer the flat address.
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
  // The API answers the flat address; the display name stays with the number.
  return record === undefined ? notFound('EmergencyAddress', phoneNumber) : ok(record.address);
};

export const provisionEmergencyAddress: Handler = (ctx) => {
  const missing = activeOr404(ctx);
  if (missing !== undefined) return missing;
  const body = ctx.request.body as { displayName: string; address: EmergencyAddress };
  const record = { displayName: body.displayName, address: structuredClone(body.address) };
  ctx.project.emergency.set(ctx.request.params.phoneNumber as string, record);
  return ok(structuredClone(record.address));
};

export const deprovisionEmergencyAddress: Handler = (ctx) => {
  const missing = activeOr404(ctx);
  if (missing !== undefined) return missing;
  const phoneNumber = ctx.request.params.phoneNumber as string;
  if (!ctx.project.emergency.delete(phoneNumber)) return notFound('EmergencyAddress', phoneNumber);
  return { status: 200, body: undefined };
};

const STREET_ABBREVIATIONS: Record<string, string> = { St: 'Street', Rd: 'Road', Ave: 'Avenue', Blvd: 'Boulevard', Dr: 'Drive' };

export const validateEmergencyAddress: Handler = (ctx) => {
  const missing = activeOr404(ctx);
  if (missing !== undefined) return missing;
  const body = ctx.request.body as { displayName: string; address: EmergencyAddress };
  const address = body.address;
  const base = { phoneNumber: ctx.request.params.phoneNumber, displayName: body.displayName, validatedAddress: address };
  if (!/\d/.test(address.streetNumber)) {
    // No match: nothing to correct to (an empty object, as the API answers), and one nearby candidate.
    const candidate: EmergencyAddress = { ...address, streetNumber: '1' };
    return ok({ ...base, validationResult: 'NO_MATCH', validationMessage: 'No address matches', correctedAddress: {}, candidateAddresses: [candidate] });
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
