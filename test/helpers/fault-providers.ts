/**
 * Loopback providers that misbehave on purpose (the TCP/HTTP fault-injection technique of the
 * reliability notes): reset every connection, answer an HTML 502 gateway page, accept and never
 * answer, or any behaviour a test writes. Each tracks its connections, so a test can check that
 * the kit closed every socket it opened, and closes them all on `close()`.
 */
import http from 'node:http';
import net from 'node:net';

export interface FaultProvider {
  url: string;
  /** Requests (or, for raw TCP faults, connections with data) seen so far. */
  readonly hits: number;
  /** Connections open right now (from the provider's side). */
  open(): number;
  close(): Promise<void>;
}

type Behaviour = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** An HTTP provider whose every request is handled by `behaviour`. */
export async function httpFaultProvider(behaviour: Behaviour): Promise<FaultProvider> {
  const sockets = new Set<net.Socket>();
  let hits = 0;
  const server = http.createServer((req, res) => {
    hits += 1;
    // Read the body first, as a real provider would, so the fault happens after the request arrived.
    req.resume();
    req.on('end', () => behaviour(req, res));
  });
  server.keepAliveTimeout = 1000;
  return listen(server, sockets, () => hits);
}

/** A TCP listener that resets (RST) each connection as soon as the request bytes arrive: not even a status line. */
export async function resettingProvider(): Promise<FaultProvider> {
  const sockets = new Set<net.Socket>();
  let hits = 0;
  const server = net.createServer((socket) => {
    socket.once('data', () => {
      hits += 1;
      socket.resetAndDestroy();
    });
    socket.on('error', () => undefined);
  });
  return listen(server, sockets, () => hits);
}

async function listen(server: net.Server, sockets: Set<net.Socket>, hits: () => number): Promise<FaultProvider> {
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get hits() {
      return hits();
    },
    open: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** Is this the verifier's probe (`GET /` on the base URL)? */
export function isProbe(req: http.IncomingMessage): boolean {
  return req.method === 'GET' && (req.url === '/' || req.url === '');
}

const GATEWAY_PAGE = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** Answers everything, the probe and state changes included, with an nginx-style HTML 502. */
export function gateway502(): Behaviour {
  return (_req, res) => {
    res.writeHead(502, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(GATEWAY_PAGE) });
    res.end(GATEWAY_PAGE);
  };
}

/** Answers the probe (a 404 JSON body, as an API gateway would), resets the connection of every other request. */
export function resetAfterProbe(): Behaviour {
  return (req, res) => {
    if (isProbe(req)) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end('{}');
      return;
    }
    req.socket.resetAndDestroy();
  };
}

/** Answers the probe, then accepts every other request and never answers it. */
export function hangAfterProbe(): Behaviour {
  return (req, res) => {
    if (isProbe(req)) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end('{}');
    }
  };
}

/** Answers the probe; every other answer starts (status and headers) and then drips one byte every `everyMs`, never ending. */
export function dripAfterProbe(everyMs = 100): Behaviour {
  return (req, res) => {
    if (isProbe(req)) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end('{}');
      return;
    }
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.write('{');
    const timer = setInterval(() => res.write(' '), everyMs);
    res.on('close', () => clearInterval(timer));
  };
}

/**
 * Answers the probe; every other answer is a JSON body that never ends, written as fast as the
 * reader takes it (1 MiB at a time), with `declared` as its Content-Length if given (else chunked).
 */
export function endlessAfterProbe(declared?: number): Behaviour {
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  return (req, res) => {
    if (isProbe(req)) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end('{}');
      return;
    }
    res.writeHead(404, { 'Content-Type': 'application/json', ...(declared === undefined ? {} : { 'Content-Length': declared }) });
    let open = true;
    res.on('close', () => (open = false));
    const pump = (): void => {
      while (open) if (!res.write(chunk)) return void res.once('drain', pump);
    };
    pump();
  };
}
