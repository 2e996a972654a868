/**
 * The example handler end to end against `numbers-contract serve`: the sandbox runs as its own
 * process, the handler listens on loopback, and the events arrive as the API would send them —
 * after renting and releasing a number, signed with the project's hmacSecret (read from the API),
 * including a failure a provider state brings about.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { startHandlerServer } from '../src/handler.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const PROJECT = '12c0ffee-dada-beef-cafe-baadc0de5678';
const API = `/v1/projects/${PROJECT}`;

async function request(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(new URL(path, base), {
    method,
    headers: { Authorization: 'Bearer example-token', 'Content-Type': 'application/json', Connection: 'close' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

/** Starts `numbers-contract serve --port 0`; `lines(n)` resolves once stderr holds n callback lines. */
async function serve(): Promise<{ url: string; child: ChildProcess; stderr: () => string; lines(n: number): Promise<string[]> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), 'serve', '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const callbackLines = (): string[] => stderr.split('\n').filter((l) => l.startsWith('numbers-contract: callback '));
  let waiting: (() => void) | undefined;
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString();
    waiting?.();
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString();
      const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (found?.[1] !== undefined) resolve(found[1]);
    });
    child.once('exit', () => reject(new Error(`serve exited early: ${stderr}`)));
  });
  return {
    url,
    child,
    stderr: () => stderr,
    lines: (n) =>
      new Promise((resolve) => {
        const check = (): void => {
          if (callbackLines().length >= n) resolve(callbackLines());
        };
        waiting = check;
        check();
      }),
  };
}

describe('example callback handler against numbers-contract serve', () => {
  it('receives the signed events of a rent (a campaign over the 10DLC limit) and a release, and verifies every one', async () => {
    const sandbox = await serve();
    try {
      const config = await request(sandbox.url, 'GET', `${API}/callbackConfiguration`);
      const handler = await startHandlerServer((config.body as { hmacSecret: string }).hmacSecret);
      try {
        const state = await request(sandbox.url, 'POST', '/_pactSetup', { state: 'campaign provisioning fails with EXCEEDED_10DLC_LIMIT', params: { projectId: PROJECT }, action: 'setup' });
        expect(state.status).to.equal(200);
        const rented = await request(sandbox.url, 'POST', `${API}/availableNumbers/+12025550142:rent`, { smsConfiguration: { servicePlanId: 'example-service-plan', campaignId: 'CEXAMPL' }, callbackUrl: handler.url });
        expect(rented.status).to.equal(200);
        await sandbox.lines(2);
        expect((await request(sandbox.url, 'POST', `${API}/activeNumbers/+12025550142:release`)).status).to.equal(200);
        const lines = await sandbox.lines(3);
        expect(lines).to.deep.equal([
          `numbers-contract: callback 01hzreferenceevt0000000001 PROVISIONING_TO_SMS_PLATFORM SUCCEEDED to ${handler.url}: answered 200`,
          `numbers-contract: callback 01hzreferenceevt0000000002 PROVISIONING_TO_CAMPAIGN FAILED EXCEEDED_10DLC_LIMIT to ${handler.url}: answered 200`,
          `numbers-contract: callback 01hzreferenceevt0000000003 DEPROVISIONING_FROM_SMS_PLATFORM SUCCEEDED to ${handler.url}: answered 200`,
        ]);
        expect(handler.store.refused).to.equal(0);
        expect(handler.store.applied).to.deep.equal(['01hzreferenceevt0000000001', '01hzreferenceevt0000000002', '01hzreferenceevt0000000003']);
        expect(Object.fromEntries(handler.store.latest)).to.deep.equal({
          '+12025550142 PROVISIONING_TO_SMS_PLATFORM': { eventType: 'PROVISIONING_TO_SMS_PLATFORM', status: 'SUCCEEDED', timestamp: '2026-11-01T00:00:01.000000' },
          '+12025550142 PROVISIONING_TO_CAMPAIGN': { eventType: 'PROVISIONING_TO_CAMPAIGN', status: 'FAILED', failureCode: 'EXCEEDED_10DLC_LIMIT', timestamp: '2026-11-01T00:00:02.000000' },
          '+12025550142 DEPROVISIONING_FROM_SMS_PLATFORM': { eventType: 'DEPROVISIONING_FROM_SMS_PLATFORM', status: 'SUCCEEDED', timestamp: '2026-11-01T00:00:03.000000' },
        });
      } finally {
        await handler.close();
      }
    } finally {
      const exited = new Promise((resolve) => sandbox.child.once('exit', resolve));
      sandbox.child.kill('SIGTERM');
      await exited;
    }
  });
});
