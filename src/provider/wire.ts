/**
 * The reference provider on the wire: reading a request body up to a limit, writing a reply, and
 * the answers to what Node refuses before a request reaches the handler, all in the API's envelope.
 */
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { google } from './replies.js';
import type { Reply } from './types.js';

/**
 * What Node answers itself, before a request reaches the handler (not HTTP, bad framing, headers over
 * Node's limit, a request that did not arrive in time), also in the google envelope: by default Node
 * sends a bare `400 Bad Request` / `431` / `408` with no body. As Node does, nothing is written when a
 * response on this connection has started already; the connection is closed either way.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent === true) {
    socket.destroy();
    return;
  }
  const [status, name, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'INVALID_ARGUMENT', 'The request headers are too large.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'DEADLINE_EXCEEDED', 'The request was not received in time.']
        : [400, 'INVALID_ARGUMENT', 'The request is not valid HTTP.'];
  const text = JSON.stringify(google(status, name, message).body);
  const head = `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n`;
  socket.end(head + text, () => socket.destroy());
}

/** Reads the body; undefined when it exceeds `limit` bytes. */
export function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      // Drain before answering: a 413 sent (and the socket closed) while the client is still writing
      // reaches it as EPIPE/ECONNRESET instead of the answer. The request timeout bounds the wait.
      req.resume();
      req.on('end', () => resolve(undefined));
      req.on('error', reject);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Writes a reply: JSON with its length; `close` ends the connection after it; `then` runs once it is sent. */
export function send(res: http.ServerResponse, reply: Reply, close = false, then?: () => void): void {
  // A reply without a body (Deprovision's 200) has no content and no Content-Type.
  const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
  const type: Record<string, string> = reply.body === undefined ? {} : { 'Content-Type': 'application/json' };
  const headers: Record<string, string | number> = { ...reply.headers, ...type, 'Content-Length': Buffer.byteLength(text) };
  if (close) headers.Connection = 'close';
  res.writeHead(reply.status, headers);
  res.end(text, then);
}
