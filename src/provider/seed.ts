/**
 * The deterministic seed of every project: the same numbers, prices, configuration and clock on
 * every start. Fictional data only: NANP 555-01xx numbers (+1 202 555 01xx local, +1 800 555 01xx
 * toll-free), Ofcom's drama range (+44 7700 900xxx) and Sweden's fictional range (+46 70 174 06xx).
 */
import type { ActiveNumber, AvailableNumber, Capability, EmergencyAddressRecord, Money, NumberType } from './types.js';

/** The provider's clock: fixed, so responses are reproducible. */
export const SEED_NOW = '2026-11-01T00:00:00Z';
const SEED_NEXT_CHARGE = '2026-12-01T00:00:00Z';

export const SEED_SERVICE_PLAN = 'example-service-plan';
export const SEED_CAMPAIGN = 'CEXAMPL';
export const SEED_APP = 'example-app';
export const SEED_HMAC_SECRET = 'example-hmac-secret-0123456789abcdef';

export const REGION_NAMES: Record<string, string> = { GB: 'United Kingdom', SE: 'Sweden', US: 'United States' };
export const COUNTRY_CODES: Record<string, string> = { GB: '44', SE: '46', US: '1' };

const money = (currencyCode: string, amount: string): Money => ({ currencyCode, amount });

interface Block {
  prefix: string;
  from: number;
  to: number;
  regionCode: string;
  type: NumberType;
  capability: Capability[];
  monthly: Money;
  documents: boolean;
}

const AVAILABLE_BLOCKS: readonly Block[] = [
  { prefix: '+12025550', from: 142, to: 199, regionCode: 'US', type: 'LOCAL', capability: ['SMS', 'VOICE'], monthly: money('USD', '2.00'), documents: true },
  { prefix: '+18005550', from: 100, to: 109, regionCode: 'US', type: 'TOLL_FREE', capability: ['SMS', 'VOICE'], monthly: money('USD', '3.00'), documents: false },
  { prefix: '+447700900', from: 100, to: 109, regionCode: 'GB', type: 'MOBILE', capability: ['SMS', 'VOICE'], monthly: money('GBP', '1.00'), documents: false },
  { prefix: '+467017406', from: 5, to: 14, regionCode: 'SE', type: 'MOBILE', capability: ['SMS'], monthly: money('SEK', '15.00'), documents: false },
];

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function seedAvailable(): AvailableNumber[] {
  const numbers: AvailableNumber[] = [];
  for (const block of AVAILABLE_BLOCKS) {
    const width = block.prefix.startsWith('+46') ? 2 : 3;
    for (let n = block.from; n <= block.to; n += 1) {
      numbers.push(availableNumber(`${block.prefix}${pad(n, width)}`, block));
    }
  }
  return numbers;
}

function availableNumber(phoneNumber: string, block: Omit<Block, 'prefix' | 'from' | 'to'>): AvailableNumber {
  return {
    phoneNumber,
    regionCode: block.regionCode,
    type: block.type,
    capability: [...block.capability],
    setupPrice: money(block.monthly.currencyCode, '0.00'),
    monthlyPrice: { ...block.monthly },
    paymentIntervalMonths: 1,
    supportingDocumentationRequired: block.documents,
  };
}

/** An available US local number for any phone number a provider state names but the seed lacks. */
export function availableFor(phoneNumber: string): AvailableNumber {
  return availableNumber(phoneNumber, AVAILABLE_BLOCKS[0] as Block);
}

const DISPLAY_NAMES: Record<number, string> = { 130: 'Reception', 131: 'Billing', 134: 'Support line', 137: 'Sales', 140: 'Alerts' };

export function seedActive(projectId: string): ActiveNumber[] {
  const numbers: ActiveNumber[] = [];
  for (let n = 130; n <= 141; n += 1) {
    const linked = n === 134 || n % 3 === 0;
    numbers.push(activeNumber(projectId, `+1202555${pad(n, 4)}`, DISPLAY_NAMES[n] ?? '', linked));
  }
  return numbers;
}

/** An active US local number; `linked`: configured with the seed's service plan, campaign and app. */
export function activeNumber(projectId: string, phoneNumber: string, displayName = '', linked = true): ActiveNumber {
  return {
    phoneNumber,
    projectId,
    displayName,
    regionCode: 'US',
    type: 'LOCAL',
    capability: ['SMS', 'VOICE'],
    money: money('USD', '2.00'),
    paymentIntervalMonths: 1,
    nextChargeDate: SEED_NEXT_CHARGE,
    expireAt: null,
    smsConfiguration: { servicePlanId: linked ? SEED_SERVICE_PLAN : '', campaignId: linked ? SEED_CAMPAIGN : '', scheduledProvisioning: null },
    voiceConfiguration: { type: 'RTC', appId: linked ? SEED_APP : '', trunkId: '', serviceId: '', lastUpdatedTime: null, scheduledVoiceProvisioning: null },
    callbackUrl: '',
  };
}

/** A number just rented or ordered: active, unconfigured, priced as it was offered. */
export function activeFrom(projectId: string, number: AvailableNumber): ActiveNumber {
  return {
    phoneNumber: number.phoneNumber,
    projectId,
    displayName: '',
    regionCode: number.regionCode,
    type: number.type,
    capability: [...number.capability],
    money: { ...number.monthlyPrice },
    paymentIntervalMonths: number.paymentIntervalMonths,
    nextChargeDate: SEED_NEXT_CHARGE,
    expireAt: null,
    smsConfiguration: { servicePlanId: '', campaignId: '', scheduledProvisioning: null },
    voiceConfiguration: { type: 'RTC', appId: '', trunkId: '', serviceId: '', lastUpdatedTime: null, scheduledVoiceProvisioning: null },
    callbackUrl: '',
  };
}

export function seedEmergencyAddress(): EmergencyAddressRecord {
  return {
    displayName: 'Front desk',
    address: {
      streetNumber: '123',
      streetInfo: 'Example Street',
      location: 'Suite 100',
      city: 'Springfield',
      state: 'IL',
      postalCode: '62701',
      postalCodePlusFour: '0001',
    },
  };
}

/** The number order and attachment IDs provider states use unless told others (the spec's example IDs). */
export const SEED_ORDER_ID = '01hzexampleorder0000000001';
export const SEED_ATTACHMENT_ID = '01hzexampleattachment00001';

/** The phone number of the seed's active number that has an emergency address. */
export const SEED_EMERGENCY_NUMBER = '+12025550134';
