/**
 * Type test, checked by `tsc --noEmit` (npm test's typecheck), never run: the matcher signatures
 * accept documented codes only, for chai, Jest's `expect` and Vitest. Each `@ts-expect-error`
 * fails the typecheck if the line below it ever compiles.
 */
import * as chai from 'chai';
import { expect as jestExpect } from 'expect';
import { expect as vitestExpect } from 'vitest';
import numbersChai from '../../src/chai/index.js';
import { numbersMatchers } from '../../src/expect/index.js';
import { parseNumbersError, type NumbersErrorExpectation, type ParsedNumbersError } from '../../src/index.js';

declare const res: unknown;

export function chaiTypes(): void {
  chai.use(numbersChai);
  chai.expect(res).toBeNumbersError('unknown_campaign');
  chai.expect(res).to.be.a.numbersError('NOT_FOUND', { operation: 'NumberService_GetActiveNumber' });
  chai.expect(res).not.to.be.a.numbersError({ status: 403, code: 'blocked_account', envelope: 'legacy', message: /blocked/ });
  chai.expect(res).toBeNumbersError(404).and.to.be.an('object');
  // @ts-expect-error misspelt code
  chai.expect(res).toBeNumbersError('unknwon_campaign');
  // @ts-expect-error misspelt code, chai spelling
  chai.expect(res).to.be.a.numbersError('unknwon_campaign');
  // @ts-expect-error unknown operation
  chai.expect(res).toBeNumbersError('NOT_FOUND', { operation: 'GetActiveNumber' });
  // @ts-expect-error envelope is google | legacy
  chai.expect(res).toBeNumbersError({ envelope: 'soap' });
}

export function jestTypes(): void {
  jestExpect.extend(numbersMatchers);
  jestExpect(res).toBeNumbersError('unknown_campaign');
  jestExpect(res).not.toBeNumbersError({ code: 'INVALID_ARGUMENT', status: 415 });
  void jestExpect(Promise.reject(res)).rejects.toBeNumbersError('UNAUTHENTICATED');
  // @ts-expect-error misspelt code
  jestExpect(res).toBeNumbersError('unknwon_campaign');
  // @ts-expect-error misspelt code under .not
  jestExpect(res).not.toBeNumbersError('not_found');
}

export function vitestTypes(): void {
  vitestExpect.extend(numbersMatchers);
  vitestExpect(res).toBeNumbersError('unknown_campaign');
  vitestExpect(res).not.toBeNumbersError(429, { operation: 'NumberService_ListAvailableNumbers' });
  void vitestExpect(Promise.reject(res)).rejects.toBeNumbersError('UNAUTHENTICATED');
  // @ts-expect-error misspelt code
  vitestExpect(res).toBeNumbersError('unknwon_campaign');
}

export async function coreTypes(): Promise<void> {
  const parsed: ParsedNumbersError = await parseNumbersError(res);
  if (parsed.isNumbersError) {
    const code: string = parsed.code;
    const envelope: 'google' | 'legacy' = parsed.envelope;
    void [code, envelope];
  } else {
    const reason: string = parsed.reason;
    void reason;
  }
  const fromFetch: Promise<ParsedNumbersError> = parseNumbersError(new Response(''));
  void fromFetch;
  const ok: NumbersErrorExpectation = { code: 'NOT_FOUND' };
  // @ts-expect-error not a documented code
  const bad: NumbersErrorExpectation = { code: 'ALREADY_EXISTS' };
  void [ok, bad];
}

/** The callback matchers, typed in every adapter: event types, statuses and codes are the documented unions. */
export function eventTypes(): void {
  const event = { eventType: 'PROVISIONING_TO_CAMPAIGN' };
  const activeNumber = { phoneNumber: '+12025550134' };
  chai.expect(event).toBeNumbersEvent('PROVISIONING_TO_CAMPAIGN', { status: 'FAILED', failureCode: 'CAMPAIGN_NOT_AVAILABLE' });
  chai.expect(activeNumber).not.toHaveProvisioningError('SMS_PROVISIONING_FAILED');
  jestExpect(event).toBeNumbersEvent('NUMBER_ORDER_PROCESSING', { status: 'REJECTED' });
  jestExpect(activeNumber).toHaveProvisioningError('INSUFFICIENT_BALANCE');
  vitestExpect(event).not.toBeNumbersEvent('DEPROVISIONING_FROM_VOICE_PLATFORM');
  // @ts-expect-error not a documented event type
  jestExpect(event).toBeNumbersEvent('PROVISIONING_TO_VOICE_PLATFORM_FAILED');
  // @ts-expect-error not a documented failure code
  chai.expect(event).toBeNumbersEvent('PROVISIONING_TO_CAMPAIGN', { failureCode: 'CAMPAIGN_GONE' });
  // @ts-expect-error not an SmsErrorCode
  vitestExpect(activeNumber).toHaveProvisioningError('SMS_FAILED');
  chai.expect(activeNumber).toHaveProvisioningError({ platform: 'voice', voiceType: 'EST' });
  jestExpect(activeNumber).not.toHaveProvisioningError({ platform: 'sms', errorCode: 'TFN_NOT_ALLOWED' });
  vitestExpect(activeNumber).toHaveProvisioningError({ platform: 'voice' });
  // @ts-expect-error the official spec documents no voice error codes
  chai.expect(activeNumber).toHaveProvisioningError({ platform: 'voice', errorCode: 'INTERNAL_ERROR' });
  // @ts-expect-error not a VoiceApplicationType
  jestExpect(activeNumber).toHaveProvisioningError({ platform: 'voice', voiceType: 'SIP' });
}
