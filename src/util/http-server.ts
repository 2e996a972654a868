/**
 * A node:http server started on a port and closed for good: `close()` also ends the connections
 * still open (keep-alive ones included), which `server.close()` alone waits for.
 */
import type http from 'node:http';
import type { Socket } from 'node:net';

export interface ListeningServer {
  port: number;
  /** Stops listening and destroys every open connection; idempotent. */
  close(): Promise<void>;
}

/** Listens on `host:port` (0: an ephemeral port); rejects with the listen error (EADDRINUSE, ...). */
export async function listen(server: http.Server, port: number, host: string): Promise<ListeningServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  const address = server.address();
  let closing: Promise<void> | undefined;
  return {
    port: typeof address === 'object' && address !== null ? address.port : 0,
    close() {
      closing ??= new Promise<void>((resolve) => {
        // 'close' comes before libuv has released the listening handle: one more turn of the loop (past
        // its close phase) so that, once this resolves, the server no longer counts as an active resource.
        server.close(() => setImmediate(() => setImmediate(resolve)));
        server.closeIdleConnections();
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
