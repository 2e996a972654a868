/**
 * What the provider asks of a number order, per region and number type: how long the numbers stay
 * reserved, the registration fields it requires and the attachments it expects. The lookup
 * operation answers this table; registration updates and submission are checked against it.
 * Deterministic and fictional, like the seed (US LOCAL is the spec's example).
 */
import { SEED_ATTACHMENT_ID } from './seed.js';
import type { OrderRequirements, RequiredAttachment } from './types.js';
import { ownValue } from '../openapi/own.js';

const PROOF_OF_ADDRESS: RequiredAttachment = {
  id: SEED_ATTACHMENT_ID,
  title: 'Proof of address',
  description: 'A recent document that shows the business address.',
  mandatory: true,
  allowedMimeTypes: ['application/pdf'],
  allowedDocumentTypes: ['Utility bill'],
};

const PERSON = ['firstName', 'lastName', 'businessName'];

const TABLE: Record<string, OrderRequirements> = {
  'US LOCAL': { reservationMinutes: 48 * 60, fields: PERSON, attachments: [PROOF_OF_ADDRESS] },
  'US TOLL_FREE': { reservationMinutes: 24 * 60, fields: [...PERSON, 'useCase'], attachments: [] },
  'GB MOBILE': { reservationMinutes: 2 * 60, fields: PERSON, attachments: [{ ...PROOF_OF_ADDRESS, mandatory: false, allowedMimeTypes: ['application/pdf', 'image/png', 'image/jpeg'] }] },
  'SE MOBILE': { reservationMinutes: 30, fields: [...PERSON, 'organisationNumber'], attachments: [{ ...PROOF_OF_ADDRESS, allowedDocumentTypes: [] }] },
};

/** The requirements for ordering `numberType` numbers in `regionCode`; undefined where the provider sells none. */
export function requirementsFor(regionCode: string, numberType: string): OrderRequirements | undefined {
  const found = ownValue(TABLE, `${regionCode} ${numberType}`);
  return found === undefined ? undefined : structuredClone(found);
}

/** The lookup operation's answer: the fields as a schema reference and the names it requires, and the attachments. */
export function requirementsBody(regionCode: string, numberType: string, requirements: OrderRequirements): { fields: Record<string, unknown>; attachments: unknown[] } {
  return {
    fields: { schema: `/schema/kyc-${regionCode.toLowerCase()}-${numberType.toLowerCase().replace('_', '-')}-v1.json`, required: [...requirements.fields] },
    attachments: requirements.attachments.map((a) => ({ ...a, template: [] })),
  };
}

/** Required fields that `requestDetails` lacks (absent, null or blank), in table order. */
export function missingFields(requirements: OrderRequirements, requestDetails: Record<string, unknown>): string[] {
  return requirements.fields.filter((name) => !present(ownValue(requestDetails, name)));
}

/** Mandatory attachments not uploaded yet, in table order. */
export function missingAttachments(requirements: OrderRequirements, uploaded: ReadonlySet<string>): string[] {
  return requirements.attachments.filter((a) => a.mandatory && !uploaded.has(a.id)).map((a) => a.id);
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}
