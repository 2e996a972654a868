/**
 * Issue 8, secrets: canary credentials (a key id, key secret, access token and project id) placed
 * in the environment, in the Sinch SDK's configuration and in the requests a consumer sends, then
 * every output of the kit is captured and scanned for them in every form they could take
 * (test/helpers/canary.ts): `generate` (stdout, stderr, the contract), `verify` against the
 * embedded provider and against a provider that only accepts the canaries (stdout, stderr with
 * --debug so the Pact verifier's own log is printed, JUnit), a provider echoing the credentials back
 * into failures, the consumer harness (passing cases sending the canary token, failing ones sending
 * the canary project and the SDK's canary configuration: the failure messages and the pact file),
 * `coverage --json` and `--html` on that pact and on a pact a careless consumer wrote with the
 * canaries in it, the matchers' failure messages for an AxiosError and the SDK's RequestFailedError,
 * and the `serve` command's own output. The canaries must be found 0 times.
 */
import { spawn } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import axios from 'axios';
import * as chai from 'chai';
import { expect as jestExpect } from 'expect';
import numbersChai from '../../src/chai/index.js';
import { loadCatalog } from '../../src/catalog/index.js';
import { toBeNumbersError } from '../../src/expect/index.js';
import { numbersErrorMatrix, type CaseContext } from '../../src/pact/harness.js';
import { isPactMismatchError } from '../../src/pact/judge.js';
import { startReferenceProvider, STATE_CHANGE_PATH } from '../../src/provider/server.js';
import type { ReferenceProvider } from '../../src/provider/types.js';
import { CANARY, CANARY_BASIC, CANARY_BEARER, canaryEnv, canaryForms, newTally, scanText, scanTree, type ScanTally } from '../helpers/canary.js';
import { cli, type CliResult } from '../helpers/cli.js';
import { bundledSpec, repoRoot } from '../helpers/paths.js';
import { loadNumbersService } from '../helpers/sinch-sdk.js';
import { tempDir, wrapProvider, writeContract } from '../verify/helpers.js';

chai.use(numbersChai);
const { expect } = chai;

/** Runs `fn` with the canaries taken out of this process's environment (they are only in the SDK configuration and the requests then). */
async function withoutCanaryEnv<T>(fn: () => T | Promise<T>): Promise<T> {
  const env = Object.fromEntries(
    Object.keys(canaryEnv())
      .filter((name) => name.startsWith('SINCH_'))
      .map((name) => [name, process.env[name]]),
  );
  for (const name of Object.keys(env)) delete process.env[name];
  try {
    return await fn();
  } finally {
    for (const [name, value] of Object.entries(env)) if (value !== undefined) process.env[name] = value;
  }
}

const SMALL = new Set(['NumberService_GetActiveNumber', 'NumberService_RentNumber', 'GetCallbackConfiguration']);
const MISSING_NUMBER = '+12025550199';

describe('hardening: canary secrets never reach contracts, output, reports, pacts or failure messages', function () {
  this.timeout(90_000);
  let dir: string;
  let tally: ScanTally;
  const saved: Record<string, string | undefined> = {};
  /** Captured CLI runs by name, scanned in the last test (and as they happen, for a clear failure). */
  const scan = (where: string, result: CliResult): void => {
    scanText(tally, `${where} stdout`, result.stdout);
    scanText(tally, `${where} stderr`, result.stderr);
  };

  before(async () => {
    tally = newTally();
    dir = await tempDir('secrets');
    // The canaries are in this process's environment too, as they would be in a consumer's CI.
    for (const [name, value] of Object.entries(canaryEnv())) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
  });
  after(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await rm(dir, { recursive: true, force: true });
  });

  describe('generate and verify', () => {
    it('generate: the contract is byte-identical to the committed one; no canary in it or in the output', async () => {
      const result = await cli(['generate', '--out', 'contracts'], { cwd: dir, env: canaryEnv() });
      expect(result.code, result.stderr).to.equal(0);
      scan('generate', result);
      const written = await readFile(path.join(dir, 'contracts', 'numbers-consumer-sinch-numbers.json'));
      expect(written.equals(await readFile(path.join(repoRoot, 'contracts', 'numbers-consumer-sinch-numbers.json')))).to.equal(true);
    });

    it('verify against the embedded provider (credentials from the environment), with --junit and --debug', async () => {
      const result = await cli(['verify', '--junit', 'reports/embedded.xml', '--debug'], { cwd: dir, env: canaryEnv() });
      expect(result.code, result.stderr.slice(-500)).to.equal(0);
      scan('verify (embedded)', result);
    });
  });

  describe('verify --provider-base-url: a provider that only accepts the canaries', () => {
    let strict: ReferenceProvider;
    let contract: string;
    before(async () => {
      strict = await startReferenceProvider({ credentials: [{ keyId: CANARY.keyId, keySecret: CANARY.keySecret }, { accessToken: CANARY.accessToken }], acceptPlaceholders: false });
      contract = (await writeContract(path.join(dir, 'small'), (c) => SMALL.has(c.operationId))).file;
    });
    after(() => strict.close());

    for (const which of ['keys', 'token'] as const) {
      it(`${which === 'keys' ? 'SINCH_KEY_ID + SINCH_KEY_SECRET (Basic)' : 'SINCH_ACCESS_TOKEN (Bearer)'}: the request filter really sends them; they appear nowhere`, async () => {
        const recorder = await wrapProvider(strict.url);
        try {
          const result = await cli(['verify', contract, '--provider-base-url', recorder.url, '--state-change-url', `${recorder.url}${STATE_CHANGE_PATH}`, '--junit', `reports/base-url-${which}.xml`, '--debug'], {
            cwd: dir,
            env: canaryEnv(which),
          });
          expect(result.code, result.stdout.slice(-800) + result.stderr).to.equal(0);
          scan(`verify --provider-base-url (${which})`, result);
          const api = recorder.requests.filter((r) => r.url.startsWith('/v1/'));
          expect(new Set(api.map((r) => r.authorization))).to.deep.equal(new Set([which === 'keys' ? CANARY_BASIC : CANARY_BEARER, 'Bearer invalid-token']));
          expect(api.every((r) => r.url.startsWith(`/v1/projects/${CANARY.projectId}/`))).to.equal(true);
        } finally {
          await recorder.close();
        }
      });
    }

    it('a provider echoing the credentials and the path into its error bodies: the FAIL lines and the JUnit report redact them', async () => {
      const echo = await wrapProvider(strict.url, (req, answer) =>
        answer.status === 404 && req.url.startsWith('/v1/')
          ? {
              ...answer,
              headers: { ...answer.headers, 'x-echo': `${req.authorization ?? ''} ${req.url}` },
              body: { error: { code: `${req.authorization ?? ''}`, message: req.url, status: `${req.url} ${req.authorization ?? ''} ${CANARY.keySecret}`, details: [{ token: CANARY.accessToken }] } },
            }
          : answer,
      );
      try {
        const result = await cli(['verify', contract, '--provider-base-url', echo.url, '--state-change-url', `${echo.url}${STATE_CHANGE_PATH}`, '--junit', 'reports/echo.xml', '--debug'], { cwd: dir, env: canaryEnv('keys') });
        expect(result.code).to.equal(1);
        expect(result.stdout).to.include('FAIL NumberService_GetActiveNumber/404/not_found');
        scan('verify (provider echoing credentials)', result);
      } finally {
        await echo.close();
      }
    });
  });

  describe('the consumer harness, with a client that sends the canaries', () => {
    let reference: ReferenceProvider;
    const failures: string[] = [];
    let pactFile: string | undefined;

    before(async () => {
      reference = await startReferenceProvider({ credentials: [{ keyId: CANARY.keyId, keySecret: CANARY.keySecret }] });
    });
    after(() => reference.close());

    it('passing cases send the canary token (Bearer and Basic); failing ones the canary project, a non-Basic scheme, the SDK configured with the canaries', async () => {
      const catalog = await loadCatalog(bundledSpec);
      // The default settleMs: with 50 ms, pact-core's "expected but not received" race (README) could fail a passing case on a busy machine.
      const matrix = numbersErrorMatrix({ consumer: 'canary-consumer', dir: path.join(dir, 'pacts'), catalog, select: { operation: ['NumberService_GetActiveNumber', 'NumberService_RentNumber'] } });
      const send = async (ctx: CaseContext, authorization: string, project?: string): Promise<number> => {
        const fictional = String(ctx.case.state.params.projectId ?? '');
        const url = project === undefined ? ctx.request.url : ctx.request.url.split(fictional).join(project);
        const body = ctx.request.rawBody ?? (ctx.request.body === undefined ? undefined : JSON.stringify(ctx.request.body));
        const response = await fetch(url, { method: ctx.request.method, headers: { ...ctx.request.headers, Authorization: authorization }, ...(body === undefined ? {} : { body }) });
        await response.text();
        return response.status;
      };
      let n = 0;
      for (const c of matrix.cases) {
        const status = await matrix.run(c, (ctx) => send(ctx, n++ % 2 === 0 ? CANARY_BEARER : CANARY_BASIC));
        expect(status).to.equal(c.case.status);
      }
      const NumbersService = loadNumbersService();
      const failing: Array<[string, (ctx: CaseContext) => Promise<unknown>]> = [
        ['NumberService_GetActiveNumber/404/not_found', (ctx) => send(ctx, CANARY_BEARER, CANARY.projectId)],
        ['NumberService_RentNumber/403/unknown_campaign', (ctx) => send(ctx, `Token ${CANARY.accessToken}`)],
        [
          'NumberService_GetActiveNumber/403/permission_denied',
          async (ctx) => {
            const sdk = new NumbersService({ projectId: CANARY.projectId, keyId: CANARY.keyId, keySecret: CANARY.keySecret, numbersHostname: ctx.url, authHostname: reference.url, logger: null });
            await sdk.get({ phoneNumber: MISSING_NUMBER });
          },
        ],
        [
          'NumberService_GetActiveNumber/500/internal',
          () => {
            throw new Error(`client misconfigured: ${CANARY_BASIC} for project ${CANARY.projectId} (secret ${CANARY.keySecret})`);
          },
        ],
      ];
      for (const [id, fn] of failing) {
        const error = await matrix.run(id, fn).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isPactMismatchError(error), `${id}: ${String(error)}`).to.equal(true);
        failures.push((error as Error).message, String(error));
      }
      // The canary project in the path is hidden even when it is not in the environment (the SDK configuration only).
      await withoutCanaryEnv(async () => {
        const error = await matrix.run('NumberService_GetActiveNumber/404/not_found', (ctx) => send(ctx, CANARY_BEARER, CANARY.projectId)).catch((e: unknown) => e);
        expect(isPactMismatchError(error)).to.equal(true);
        expect((error as Error).message).to.include('unexpected request (no interaction matches it): GET /v1/projects/[redacted]/activeNumbers/');
        failures.push((error as Error).message);
      });
      pactFile = await matrix.writePact();
      expect(matrix.stats).to.include({ passed: matrix.cases.length, failed: failing.length + 1 });
      failures.forEach((message, i) => scanText(tally, `harness failure message ${i + 1}`, message));
    });

    it('coverage --json and --html on the pact the harness wrote', async () => {
      expect(pactFile).to.be.a('string');
      const json = await cli(['coverage', 'pacts', '--json', '--html', 'reports/coverage-harness.html'], { cwd: dir, env: canaryEnv() });
      expect(json.code, json.stderr).to.equal(0);
      scan('coverage --json (harness pact)', json);
      const text = await cli(['coverage', 'pacts', '--operations', 'NumberService_GetActiveNumber,NumberService_RentNumber,NumberService_ReleaseNumber', '--fail-under', '100'], { cwd: dir, env: canaryEnv() });
      expect(text.code).to.equal(1);
      scan('coverage text (harness pact)', text);
    });
  });

  describe('coverage of a careless pact', () => {
    it('coverage on a pact a careless consumer recorded with the canaries in it (headers, path, description, state, body)', async () => {
      const interaction = (description: string, status: number, pathSuffix: string, body: unknown) => ({
        description,
        providerStates: [{ name: 'the phone number is not an active number of the project', params: { projectId: CANARY.projectId, token: CANARY.accessToken } }],
        request: { method: 'GET', path: `/v1/projects/${CANARY.projectId}${pathSuffix}`, headers: { Authorization: CANARY_BASIC, 'X-Api-Key': CANARY.keySecret } },
        response: { status, headers: { 'Content-Type': status === 418 ? 'text/html' : 'application/json' }, body },
      });
      const pact = {
        consumer: { name: 'careless' },
        provider: { name: 'sinch-numbers' },
        interactions: [
          interaction(`get a number of ${CANARY.projectId} with ${CANARY_BEARER}`, 404, `/activeNumbers/${MISSING_NUMBER}`, { error: { code: 404, message: `no number in ${CANARY.projectId}`, status: 'NOT_FOUND', details: [] } }),
          interaction(`teapot for ${CANARY.keyId}`, 418, `/activeNumbers/${MISSING_NUMBER}`, `<html>${CANARY.accessToken}</html>`),
          interaction(`nowhere ${CANARY.keySecret}`, 404, `/teapots/${CANARY.accessToken}`, { code: CANARY.keySecret, text: CANARY_BASIC }),
          interaction('wrong code', 404, `/activeNumbers/${MISSING_NUMBER}`, { error: { code: 404, message: 'x', status: `NOT_${CANARY.accessToken}`, details: [] } }),
        ],
        metadata: { pactSpecification: { version: '3.0.0' } },
      };
      // The input holds the canaries on purpose: it lives outside the scanned directory.
      const inputs = await tempDir('secrets-input');
      after(() => rm(inputs, { recursive: true, force: true }));
      await writeFile(path.join(inputs, 'careless-sinch-numbers.json'), JSON.stringify(pact, null, 2));
      const json = await cli(['coverage', inputs, '--json', '--fail-on-undocumented', '--html', 'reports/coverage-careless.html'], { cwd: dir, env: canaryEnv() });
      expect(json.code, json.stderr).to.equal(1);
      scan('coverage --json (careless pact)', json);
      const text = await cli(['coverage', inputs], { cwd: dir, env: canaryEnv() });
      scan('coverage text (careless pact)', text);
    });
  });

  describe('matcher failure messages', () => {
    let reference: ReferenceProvider;
    before(async () => {
      reference = await startReferenceProvider({ credentials: [{ keyId: CANARY.keyId, keySecret: CANARY.keySecret }, { accessToken: CANARY.accessToken }] });
    });
    after(() => reference.close());

    /** Every way the matcher can fail on `received`: chai, chai-style, expect, and the negated forms. */
    function messages(received: unknown): string[] {
      const out: string[] = [];
      const capture = (fn: () => unknown): void => {
        try {
          fn();
          out.push('(passed)');
        } catch (error) {
          out.push(error instanceof Error ? `${error.message}\n${JSON.stringify(error)}` : String(error));
        }
      };
      capture(() => expect(received).toBeNumbersError('unknown_campaign'));
      capture(() => expect(received).to.be.a.numbersError({ status: 400, code: 'INVALID_ARGUMENT', message: /x/ }));
      capture(() => expect(received).not.toBeNumbersError(404));
      jestExpect.extend({ toBeNumbersError });
      capture(() => (jestExpect(received) as unknown as { toBeNumbersError(e: unknown): void }).toBeNumbersError('blocked_account'));
      capture(() => (jestExpect(received) as unknown as { not: { toBeNumbersError(e: unknown): void } }).not.toBeNumbersError('NOT_FOUND'));
      return out;
    }

    async function check(where: string, received: unknown, withoutEnv: boolean): Promise<void> {
      const found = messages(received);
      // The positive forms fail (the negated ones may pass, depending on what was received).
      expect([found[0], found[1], found[3]]).to.not.include('(passed)');
      found.forEach((m, i) => scanText(tally, `${where} message ${i + 1}`, m));
      if (!withoutEnv) return;
      // And with the canaries only in the client's configuration and requests, not in the environment.
      await withoutCanaryEnv(() => messages(received).forEach((m, i) => scanText(tally, `${where} (no env) message ${i + 1}`, m)));
    }

    it('an AxiosError whose config carries the canary Authorization and whose URL the canary project', async () => {
      const error = await axios.get(`${reference.url}/v1/projects/${CANARY.projectId}/activeNumbers/${MISSING_NUMBER}`, { headers: { Authorization: CANARY_BEARER } }).catch((e: unknown) => e);
      expect(axios.isAxiosError(error)).to.equal(true);
      expect(JSON.stringify((error as { config: unknown }).config)).to.include(CANARY.accessToken);
      await check('AxiosError', error, true);
    });

    it('an AxiosError from a provider that echoes the credentials into the body and headers', async () => {
      const echo = await wrapProvider(reference.url, (req, answer) => ({
        ...answer,
        headers: { ...answer.headers, 'www-authenticate': `${req.authorization ?? ''}`, 'retry-after': CANARY.keySecret },
        body: { error: { code: 403, message: `denied for ${req.authorization ?? ''} on ${req.url} (${CANARY.keyId}:${CANARY.keySecret})`, status: 'PERMISSION_DENIED', details: [{ token: CANARY.accessToken, project: CANARY.projectId }] } },
      }));
      try {
        const error = await axios.get(`${echo.url}/v1/projects/${CANARY.projectId}/activeNumbers/${MISSING_NUMBER}`, { headers: { Authorization: CANARY_BASIC } }).catch((e: unknown) => e);
        await check('AxiosError (echoing provider)', error, false);
      } finally {
        await echo.close();
      }
    });

    it("the SDK's RequestFailedError, with the SDK configured with the canary keys and project", async () => {
      const NumbersService = loadNumbersService();
      const sdk = new NumbersService({ projectId: CANARY.projectId, keyId: CANARY.keyId, keySecret: CANARY.keySecret, numbersHostname: reference.url, authHostname: reference.url, logger: null });
      const error = await sdk.get({ phoneNumber: MISSING_NUMBER }).catch((e: unknown) => e);
      expect((error as { statusCode?: number }).statusCode).to.equal(404);
      // The SDK itself names the project in its message; the kit must not repeat it.
      expect(String((error as Error).message)).to.include(CANARY.projectId);
      await check('RequestFailedError', error, true);
    });
  });

  describe('serve', () => {
    it("serve: the reference provider's own output, with the canaries in its environment and requests", async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli/main.ts'), 'serve', '--port', '0'], {
        cwd: repoRoot,
        env: { ...process.env, ...canaryEnv() },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      try {
        const url = await new Promise<string>((resolve, reject) => {
          child.stdout.on('data', (c: Buffer) => {
            stdout += c.toString();
            const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
            if (found?.[1] !== undefined) resolve(found[1]);
          });
          void exited.then(() => reject(new Error(`serve exited early: ${stderr}`)));
        });
        const token = (await (await fetch(`${url}/oauth2/token`, { method: 'POST', headers: { Authorization: CANARY_BASIC } })).json()) as { access_token: string };
        for (const authorization of [CANARY_BASIC, CANARY_BEARER, `Bearer ${token.access_token}`, `Bearer ${CANARY.keySecret}`]) {
          const response = await fetch(`${url}/v1/projects/${CANARY.projectId}/activeNumbers/${MISSING_NUMBER}`, { headers: { Authorization: authorization } });
          scanText(tally, `serve answer (${authorization.split(' ')[0]})`, `${JSON.stringify([...response.headers])} ${await response.text()}`);
        }
      } finally {
        child.kill('SIGTERM');
      }
      expect(await exited).to.equal(0);
      scanText(tally, 'serve stdout', stdout);
      scanText(tally, 'serve stderr', stderr);
    });
  });

  describe('the scan', () => {
    it('finds no canary anywhere: every captured output and every file written', () => {
      const files = scanTree(tally, dir, 'workdir');
      expect(files.map((f) => path.relative(dir, f)).sort()).to.include.members([
        'contracts/numbers-consumer-sinch-numbers.json',
        'reports/embedded.xml',
        'reports/base-url-keys.xml',
        'reports/base-url-token.xml',
        'reports/echo.xml',
        'reports/coverage-harness.html',
        'reports/coverage-careless.html',
        'pacts/canary-consumer-sinch-numbers.json',
      ]);
      process.stdout.write(`      secrets: scanned ${tally.outputs} captured outputs and ${tally.files} files (${(tally.bytes / 1024).toFixed(0)} KiB) for ${canaryForms().length} canary forms: ${tally.found.length} found\n`);
      expect(tally.found).to.deep.equal([]);
    });
  });
});
