/**
 * The example application code: a small "numbers desk" built on the official Sinch SDK
 * (`@sinch/numbers`). It turns what the Numbers API answers into outcomes the application acts on;
 * the contract suite (../test/sdk.test.ts) runs it against every documented error it can meet.
 */
import type { NumbersService } from '@sinch/numbers';

export type Outcome =
  | { kind: 'ok'; value: unknown }
  /** Our request was wrong: fix the input, do not retry. */
  | { kind: 'rejected'; reason: string }
  /** The number, or the project, is not there. */
  | { kind: 'missing' }
  /** The account may not do this (permissions, blocked account, campaign, trial). */
  | { kind: 'forbidden'; reason: string }
  /** Our credentials are wrong: alert, do not retry. */
  | { kind: 'unauthenticated' }
  /** Throttled or the service is down: retry later. */
  | { kind: 'retry-later'; status: number }
  /** The number answered (200), but its scheduled SMS or voice provisioning FAILED: fix the configuration, update the number again. */
  | { kind: 'not-provisioned'; platform: 'sms' | 'voice'; reasons: string[] };

interface SdkError {
  statusCode?: number;
  data?: unknown;
}

/** The error's code in either envelope: Google `{error:{status}}` or legacy `{code}`. */
function errorCode(data: unknown): string {
  const body = typeof data === 'string' ? safeJson(data) : data;
  if (typeof body !== 'object' || body === null) return 'unknown';
  const { error, code } = body as { error?: { status?: unknown }; code?: unknown };
  return String(error?.status ?? code ?? 'unknown');
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function outcomeOf(error: unknown): Outcome {
  const { statusCode, data } = (error ?? {}) as SdkError;
  switch (statusCode) {
    case 400:
      return { kind: 'rejected', reason: errorCode(data) };
    case 401:
      return { kind: 'unauthenticated' };
    case 403:
      return { kind: 'forbidden', reason: errorCode(data) };
    case 404:
      return { kind: 'missing' };
    case 429:
    case 500:
    case 503:
      return { kind: 'retry-later', status: statusCode };
    default:
      throw error;
  }
}

/** A failed scheduled provisioning job in an answered number (SMS first: its errorCodes say why). */
function provisioningOutcome(value: unknown): Outcome | undefined {
  const number = (value ?? {}) as {
    smsConfiguration?: { scheduledProvisioning?: { status?: string; errorCodes?: string[] } | null };
    voiceConfiguration?: { scheduledVoiceProvisioning?: { status?: string; type?: string } | null };
  };
  const sms = number.smsConfiguration?.scheduledProvisioning;
  if (sms?.status === 'FAILED') return { kind: 'not-provisioned', platform: 'sms', reasons: sms.errorCodes ?? [] };
  const voice = number.voiceConfiguration?.scheduledVoiceProvisioning;
  if (voice?.status === 'FAILED') return { kind: 'not-provisioned', platform: 'voice', reasons: voice.type === undefined ? [] : [voice.type] };
  return undefined;
}

export class NumbersDesk {
  constructor(private readonly numbers: NumbersService) {}

  private async attempt(call: () => Promise<unknown>): Promise<Outcome> {
    try {
      const value = await call();
      return provisioningOutcome(value) ?? { kind: 'ok', value };
    } catch (error) {
      return outcomeOf(error);
    }
  }

  lookUp(phoneNumber: string): Promise<Outcome> {
    return this.attempt(() => this.numbers.get({ phoneNumber }));
  }

  search(regionCode: string, type: string): Promise<Outcome> {
    return this.attempt(() => this.numbers.searchForAvailableNumbers({ regionCode, type: type as 'LOCAL' }));
  }

  rent(phoneNumber: string, request: Record<string, unknown>): Promise<Outcome> {
    return this.attempt(() => this.numbers.rent({ phoneNumber, rentNumberRequestBody: request }));
  }
}
