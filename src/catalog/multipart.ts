/**
 * The multipart/form-data bodies of catalog requests (the attachment upload): the kit's boundary
 * and the wire encoding. Its own module, so that a harness case (which sends and documents such a
 * body) does not load the spec-reading code in `request.ts`.
 */
import type { MultipartBody } from './types.js';

/** The boundary of every generated multipart body (clients use their own; contracts match any). */
export const MULTIPART_BOUNDARY = 'numbers-contract-kit-boundary';

/** A multipart body as it goes on the wire (CRLF line ends, RFC 7578). */
export function encodeMultipart(body: MultipartBody): string {
  const chunks = body.parts.map((part) => {
    const disposition = `Content-Disposition: form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`;
    const type = part.contentType === undefined ? '' : `\r\nContent-Type: ${part.contentType}`;
    return `--${body.boundary}\r\n${disposition}${type}\r\n\r\n${part.content}\r\n`;
  });
  return `${chunks.join('')}--${body.boundary}--\r\n`;
}
