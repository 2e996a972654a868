import { createHash } from 'node:crypto';

/**
 * SHA-256 of a spec's text with a BOM dropped and line ends normalised, so a CRLF checkout of the
 * same spec is the same spec. Contracts and the precompiled catalog carry it to catch stale copies.
 */
export function specTextSha256(text: string): string {
  return createHash('sha256').update(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')).digest('hex');
}
