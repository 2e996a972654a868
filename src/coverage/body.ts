/**
 * The response body of a pact interaction: V4 `{content, contentType, encoded}` (content a JSON
 * value, a string, or base64) or a V1–V3 plain value; JSON when its content type says so and it parses.
 */
import type { PactBody } from './types.js';
import { isRecord } from '../util/record.js';

type Json = Record<string, unknown>;
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const MAX_TEXT = 2000;

function headerValue(headers: unknown, name: string): string | undefined {
  if (!isRecord(headers)) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return str(Array.isArray(value) ? value[0] : value);
}

const isJsonType = (contentType: string | undefined): boolean => contentType === undefined || /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType);

/** The response body: V4 `{content, contentType, encoded}` or a V1–V3 plain value. */
export function bodyOf(response: Json): PactBody {
  const header = headerValue(response.headers, 'content-type');
  const body = response.body;
  if (body === undefined) return { kind: 'none' };
  const v4 = isRecord(body) && 'content' in body && ('contentType' in body || 'encoded' in body);
  if (!v4) return typeof body === 'string' ? textBody(body, header) : { kind: 'json', value: body, contentType: header };
  const contentType = str(body.contentType) ?? header;
  const content = body.content;
  if (content === undefined || content === null) return content === null ? { kind: 'json', value: null, contentType } : { kind: 'none' };
  if (typeof content !== 'string') return { kind: 'json', value: content, contentType };
  const encoded = body.encoded;
  const text = encoded === 'base64' || encoded === true ? Buffer.from(content, 'base64').toString('utf8') : content;
  return textBody(text, contentType);
}

function textBody(text: string, contentType: string | undefined): PactBody {
  if (isJsonType(contentType)) {
    try {
      return { kind: 'json', value: JSON.parse(text) as unknown, contentType };
    } catch {
      // not JSON after all: keep the text
    }
  }
  return { kind: 'text', text: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 3)}...` : text, contentType };
}
