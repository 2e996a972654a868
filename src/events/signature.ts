/**
 * The signature of a Numbers callback: `X-Sinch-Signature` is the lowercase hex HMAC-SHA1 of the
 * raw request body, keyed with the project's hmacSecret. It is computed over the bytes as they
 * arrived: JSON parsed and serialised again is not the same bytes, so a parsed body is refused.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { KitError } from '../errors.js';

/** The header Sinch signs callbacks in (HTTP header names are case-insensitive). */
export const NUMBERS_SIGNATURE_HEADER = 'X-Sinch-Signature';

/** Raw bytes of a callback body: a Buffer (or any Uint8Array), or the string read as UTF-8. */
export type RawBody = Buffer | Uint8Array | string;

const HEX_SHA1 = /^[0-9a-fA-F]{40}$/;

/** The `X-Sinch-Signature` value for `rawBody` under `secret`: lowercase hex HMAC-SHA1. */
export function signNumbersEvent(rawBody: RawBody, secret: string): string {
  return digest(bytesOf(rawBody, 'signNumbersEvent'), secretOf(secret, 'signNumbersEvent')).toString('hex');
}

/**
 * Whether `header` is the signature of `rawBody` under `secret`. A missing, repeated or malformed
 * header is `false`; the comparison of the digests takes the same time wherever they differ.
 * Misuse (a parsed body, no secret) throws a KitError (SIGNATURE_USAGE) that never shows the secret.
 */
export function verifyNumbersSignature(rawBody: RawBody, header: string | readonly string[] | null | undefined, secret: string): boolean {
  const bytes = bytesOf(rawBody, 'verifyNumbersSignature');
  const key = secretOf(secret, 'verifyNumbersSignature');
  // Node gives a repeated header as an array; two signatures are not one valid signature.
  const value = Array.isArray(header) ? (header.length === 1 ? header[0] : undefined) : header;
  if (typeof value !== 'string') return false;
  const trimmed = value.trim();
  if (!HEX_SHA1.test(trimmed)) return false;
  return timingSafeEqual(Buffer.from(trimmed, 'hex'), digest(bytes, key));
}

function digest(bytes: Uint8Array, secret: string): Buffer {
  return createHmac('sha1', secret).update(bytes).digest();
}

function bytesOf(rawBody: unknown, fn: string): Uint8Array {
  if (typeof rawBody === 'string') return Buffer.from(rawBody, 'utf8');
  if (rawBody instanceof Uint8Array) return rawBody;
  const what = rawBody === null ? 'null' : Array.isArray(rawBody) ? 'an array' : typeof rawBody === 'object' ? 'an object (a parsed body?)' : typeof rawBody;
  throw new KitError('SIGNATURE_USAGE', `${fn}: rawBody must be the body's raw bytes (a Buffer or string), not ${what}; the signature covers the bytes as sent`, {
    argument: 'rawBody',
  });
}

function secretOf(secret: unknown, fn: string): string {
  if (typeof secret === 'string' && secret !== '') return secret;
  throw new KitError('SIGNATURE_USAGE', `${fn}: secret must be the project's hmacSecret, a non-empty string`, { argument: 'secret' });
}
