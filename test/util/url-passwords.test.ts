/**
 * #15 item 14: a password in a URL (`http://user:PASS@…`) is printed nowhere: not in verify's
 * output, its FAIL lines or the JUnit suite name (a pact fetched from such a URL), nor in an error
 * line naming the URL.
 */
import { expect } from 'chai';
import { readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { cli } from '../helpers/cli.js';
import { tempDir, writeContract } from '../verify/helpers.js';

const PASSWORD = 'url-Pa55/w+rd=';
const USERINFO = `ci-user:${encodeURIComponent(PASSWORD)}`;
const forms = [PASSWORD, encodeURIComponent(PASSWORD), Buffer.from(`ci-user:${PASSWORD}`).toString('base64').replace(/=+$/, '')];

function expectNoPassword(where: string, text: string): void {
  for (const form of forms) expect(text.includes(form), `${where} shows ${form}`).to.equal(false);
}

describe('util/redact at print sites: passwords in URLs', function () {
  this.timeout(120_000);
  let dir: string;
  let server: http.Server;
  let base: string;
  before(async () => {
    dir = await tempDir('url-passwords');
    const { file } = await writeContract(dir, (c) => c.operationId === 'GetCallbackConfiguration');
    const pact = await readFile(file);
    server = http.createServer((req, res) => {
      // The pact is served only with the Basic credentials of the URL (as a broker would).
      const ok = req.headers.authorization === `Basic ${Buffer.from(`ci-user:${PASSWORD}`).toString('base64')}`;
      res.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json' }).end(ok ? pact : '{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('verify of a pact at http://user:PASS@…: stdout, stderr and the JUnit suite name show no password', async () => {
    const result = await cli(['verify', `http://${USERINFO}@${base}/pacts/contract.json`, '--junit', 'junit.xml'], { cwd: dir });
    expect(result.code, result.stderr).to.equal(0);
    expectNoPassword('stdout', result.stdout);
    expectNoPassword('stderr', result.stderr);
    const junit = await readFile(path.join(dir, 'junit.xml'), 'utf8');
    expect(junit).to.include(`<testsuite name="http://ci-user:[redacted]@${base}/pacts/contract.json"`);
    expectNoPassword('JUnit', junit);
  });

  it('an error line naming such a URL (nothing listens there) shows no password', async () => {
    const result = await cli(['verify', `http://${USERINFO}@127.0.0.1:9/pacts/contract.json`], { cwd: dir });
    expect(result.code).to.not.equal(0);
    expect(result.stderr).to.include('[redacted]');
    expectNoPassword('error line', result.stderr);
  });
});
