/**
 * multipart/form-data request bodies, parsed with the platform's own parser (undici's
 * `Response.formData()`, built into Node): no dependency, and the server's body limit has been
 * applied before the bytes get here. Only the names, types and sizes of files are kept. The number
 * of parts is bounded too (counted in one scan before parsing): the attachment upload sends two, and
 * a 1 MiB body of some 16,000 tiny parts cost the parser ~0.4 s of CPU per request.
 */
import type { FormParts } from './types.js';
import { setOwn } from '../openapi/own.js';

export function isMultipart(contentType: string | undefined): contentType is string {
  return contentType !== undefined && /^multipart\/form-data\s*;\s*boundary=/i.test(contentType.trim());
}

/** More parts than this is no form the API takes: refused as malformed, before parsing. */
export const MAX_FORM_PARTS = 64;

/**
 * The parts of `body`; undefined when it is not a well-formed multipart body (or has more than
 * MAX_FORM_PARTS parts). A part named in
 * `binary` counts as a file even when the client sent it without a file name.
 */
export async function parseForm(body: Buffer, contentType: string, binary: readonly string[]): Promise<FormParts | undefined> {
  const boundary = boundaryOf(contentType);
  if (boundary === undefined || delimiters(body, boundary, MAX_FORM_PARTS + 2) > MAX_FORM_PARTS + 1) return undefined;
  let form: FormData;
  try {
    form = await new Response(Uint8Array.from(body), { headers: { 'content-type': contentType } }).formData();
  } catch {
    return undefined;
  }
  const parts: FormParts = { files: {}, fields: {} };
  for (const [name, value] of form.entries()) {
    if (Object.hasOwn(parts.files, name) || Object.hasOwn(parts.fields, name)) continue;
    if (typeof value !== 'string') setOwn(parts.files, name, { fileName: value.name, mimeType: value.type, size: value.size });
    else if (binary.includes(name)) setOwn(parts.files, name, { fileName: '', mimeType: 'application/octet-stream', size: Buffer.byteLength(value) });
    else setOwn(parts.fields, name, value);
  }
  return parts;
}

/** The `boundary` parameter of a multipart Content-Type (quoted or not). */
function boundaryOf(contentType: string): string | undefined {
  for (const param of contentType.split(';').slice(1)) {
    const at = param.indexOf('=');
    if (at === -1 || param.slice(0, at).trim().toLowerCase() !== 'boundary') continue;
    const value = param.slice(at + 1).trim();
    const unquoted = value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1) : value;
    return unquoted === '' ? undefined : unquoted;
  }
  return undefined;
}

/** How many `--boundary` delimiters the body holds, counting no further than `limit`. */
function delimiters(body: Buffer, boundary: string, limit: number): number {
  const needle = Buffer.from(`--${boundary}`);
  let count = 0;
  for (let at = body.indexOf(needle); at !== -1 && count < limit; at = body.indexOf(needle, at + needle.length)) count++;
  return count;
}
