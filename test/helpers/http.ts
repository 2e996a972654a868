import http from 'node:http';

export interface HttpAnswer {
  status: number;
  body: string;
}

/**
 * One request on a connection of its own (no keep-alive), the answer read whole as text. The body's
 * Content-Length is sent; a Host in `headers` goes out as given, in place of Node's own.
 */
export function sendRaw(base: string, method: string, path: string, headers: Record<string, string> = {}, body = ''): Promise<HttpAnswer> {
  const ownHost = Object.keys(headers).some((name) => name.toLowerCase() === 'host');
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, base), { method, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, setHost: !ownHost, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
