/**
 * multipart/form-data request bodies, parsed with the platform's own parser (undici's
 * `Response.formData()`, built into Node): no dependency, and the server's body limit has been
 * applied before the bytes get here. Only the names, types and sizes of files are kept.
 */
import type { FormParts } from './types.js';
import { setOwn } from '../openapi/own.js';

export function isMultipart(contentType: string | undefined): contentType is string {
  return contentType !== undefined && /^multipart\/form-data\s*;\s*boundary=/i.test(contentType.trim());
}

/**
 * The parts of `body`; undefined when it is not a well-formed multipart body. A part named in
 * `binary` counts as a file even when the client sent it without a file name.
 */
export async function parseForm(body: Buffer, contentType: string, binary: readonly string[]): Promise<FormParts | undefined> {
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
