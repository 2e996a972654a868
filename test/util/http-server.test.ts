import http from 'node:http';
import { expect } from 'chai';
import { listen } from '../../src/util/http-server.js';

describe('util: listen (the reference provider and the verification proxy start and stop with it)', () => {
  const servers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;

  it('listens on an ephemeral loopback port; close() ends keep-alive connections and releases the handle before it resolves', async () => {
    const before = servers();
    const server = http.createServer((_req, res) => res.end('ok'));
    const listening = await listen(server, 0, '127.0.0.1');
    expect(listening.port).to.be.above(0);
    const agent = new http.Agent({ keepAlive: true });
    const status = await new Promise<number>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: listening.port, agent }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on('error', reject);
    });
    expect(status).to.equal(200);
    const started = performance.now();
    await Promise.all([listening.close(), listening.close()]);
    expect(performance.now() - started, 'a keep-alive connection does not hold close() up').to.be.below(1000);
    expect(servers()).to.equal(before);
    agent.destroy();
  });

  it('rejects with the listen error (a port in use)', async () => {
    const first = await listen(http.createServer(), 0, '127.0.0.1');
    try {
      const error = await listen(http.createServer(), first.port, '127.0.0.1').then(
        () => undefined,
        (e: NodeJS.ErrnoException) => e,
      );
      expect(error?.code).to.equal('EADDRINUSE');
    } finally {
      await first.close();
    }
  });
});
