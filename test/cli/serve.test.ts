import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import { repoRoot } from '../helpers/paths.js';
import { call } from '../provider/fixture.js';

describe('numbers-contract serve', () => {
  it('runs the reference provider standalone, prints its URL, answers, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli/main.ts'), 'serve', '--port', '0'], {
      cwd: repoRoot,
      env: { ...process.env, SINCH_KEY_ID: 'serve-key', SINCH_KEY_SECRET: 'serve-secret-123' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (found?.[1] !== undefined) resolve(found[1]);
      });
      child.once('exit', () => reject(new Error(`serve exited early: ${stderr}`)));
    });
    try {
      expect(stdout).to.include('/oauth2/token');
      expect(stdout).to.include('/_pactSetup');
      expect(stdout).to.not.include('serve-secret-123');
      const regions = await call(url, 'GET', '/v1/projects/any-project/availableRegions');
      expect(regions.status).to.equal(200);
      const withEnvKey = await call(url, 'GET', '/v1/projects/any-project/availableRegions', { authorization: `Basic ${Buffer.from('serve-key:serve-secret-123').toString('base64')}` });
      expect(withEnvKey.status).to.equal(200);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).to.equal(0);
    }
    expect(stderr).to.equal('numbers-contract: reference provider stopped (SIGTERM)\n');
  });

  it('refuses a non-loopback host and a bad port (exit 2)', async () => {
    const { cli } = await import('../helpers/cli.js');
    const host = await cli(['serve', '--host', '0.0.0.0', '--port', '0']);
    expect(host.code).to.equal(2);
    expect(host.stderr).to.equal('numbers-contract: PROVIDER_HOST --host: the reference provider listens on loopback only (127.0.0.1, ::1, localhost), not 0.0.0.0\n');
    const port = await cli(['serve', '--port', 'eighty']);
    expect(port.code).to.equal(2);
    expect(port.stderr).to.equal("numbers-contract: USAGE --port: 'eighty' is not a port number\n");
  });
});
