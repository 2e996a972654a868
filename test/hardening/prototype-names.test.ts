/**
 * Names that Object.prototype also has (issue 15 #8, sweep): user-supplied codes, operationIds,
 * state names, select keys and values, event types, header names, through each public entry point.
 * Each must be an ordinary unknown name (a usage error, a failed match, a 4xx, an own key), never
 * the prototype's member: no exit 4, no TypeError, no 500, and Object.prototype untouched. Spec-side
 * names (lint, serve --spec, catalog path parameters) are in test/lint/own-keys.test.ts.
 */
import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { selectCases, selectEventCases } from '../../src/catalog/index.js';
import { loadBundledCatalog } from '../../src/catalog/bundled.js';
import type { Catalog } from '../../src/catalog/types.js';
import { computeCoverage } from '../../src/coverage/index.js';
import { isKitError } from '../../src/errors.js';
import { parseNumbersError, toBeNumbersError, toBeNumbersEvent, toHaveProvisioningError } from '../../src/expect/index.js';
import { errorInteraction } from '../../src/pact/interaction.js';
import { startReferenceProvider, STATE_CHANGE_PATH } from '../../src/provider/server.js';
import type { ReferenceProvider } from '../../src/provider/types.js';
import { checkHandlers } from '../../src/verify/states.js';
import { cli } from '../helpers/cli.js';
import { makeErrorCase } from '../pact/fixtures.js';
import { bundledSpec } from '../helpers/paths.js';

const NAMES = ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__'];
const MEMBERS = Object.getOwnPropertyNames(Object.prototype).sort();

function usage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(isKitError(error), String(error)).to.equal(true);
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
}

function failed(result: { pass: boolean; message: () => string }): string {
  expect(result.pass).to.equal(false);
  return result.message();
}

const googleBody = (status: string): unknown => ({ status: 404, body: { error: { code: 404, message: 'x', status, details: [] } } });
const provisioning = (status: string, code: string): unknown => ({ smsConfiguration: { scheduledProvisioning: { status, errorCodes: [code] } } });
const EVENT = { eventType: 'PROVISIONING_TO_SMS_PLATFORM', status: 'FAILED' };

describe('names Object.prototype also has, through each public entry point', function () {
  this.timeout(60_000);
  let catalog: Catalog;
  let provider: ReferenceProvider;
  let tmp: string;
  before(async () => {
    catalog = await loadBundledCatalog();
    provider = await startReferenceProvider();
    tmp = await mkdtemp(path.join(os.tmpdir(), 'nck-proto-'));
  });
  after(async () => {
    await provider.close();
    await rm(tmp, { recursive: true, force: true });
  });
  afterEach(() => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort(), 'Object.prototype untouched').to.deep.equal(MEMBERS);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });

  for (const name of NAMES) {
    describe(name, () => {
      it('matchers: an expected code, operation, event type, status, failure code or SMS error code of that name is a usage error', () => {
        expect(usage(() => toBeNumbersError.call(undefined, googleBody('NOT_FOUND'), name))).to.include(`unknown Numbers error code "${name}"`);
        expect(usage(() => toBeNumbersError.call(undefined, googleBody('NOT_FOUND'), { code: name }))).to.include(`unknown Numbers error code "${name}"`);
        expect(usage(() => toBeNumbersError.call(undefined, googleBody('NOT_FOUND'), 404, { operation: name }))).to.include(`unknown operation "${name}"`);
        expect(usage(() => toBeNumbersEvent.call(undefined, EVENT, name))).to.include(name);
        expect(usage(() => toBeNumbersEvent.call(undefined, EVENT, EVENT.eventType, { status: name }))).to.include(name);
        expect(usage(() => toBeNumbersEvent.call(undefined, EVENT, EVENT.eventType, { failureCode: name }))).to.include(name);
        expect(usage(() => toHaveProvisioningError.call(undefined, provisioning('FAILED', name), name))).to.include(name);
        expect(usage(() => toHaveProvisioningError.call(undefined, provisioning('FAILED', name), { platform: 'sms', errorCode: name }))).to.include(name);
        expect(usage(() => toHaveProvisioningError.call(undefined, provisioning('FAILED', name), { platform: 'voice', voiceType: name }))).to.include(name);
        expect(usage(() => toHaveProvisioningError.call(undefined, provisioning('FAILED', name), { platform: name }))).to.include(name);
      });

      it('matchers: a received code, event type or provisioning status of that name fails the match, named in the message', () => {
        expect(parseNumbersError(googleBody(name))).to.deep.include({ isNumbersError: true, code: name });
        expect(failed(toBeNumbersError.call(undefined, googleBody(name), 404) as { pass: boolean; message: () => string })).to.include(name);
        expect(failed(toBeNumbersError.call(undefined, { status: 400, body: { code: name, text: 't' } }, 400) as { pass: boolean; message: () => string })).to.include(name);
        expect(failed(toBeNumbersError.call(undefined, googleBody(name), 'NOT_FOUND') as { pass: boolean; message: () => string })).to.include(name);
        expect(failed(toBeNumbersEvent.call(undefined, { eventType: name, status: name, failureCode: name }, EVENT.eventType))).to.include(name);
        expect(failed(toHaveProvisioningError.call(undefined, provisioning(name, name), 'ERROR_CODE_UNSPECIFIED'))).to.include(name);
      });

      it('select: a value of that name matches nothing (UNKNOWN_*), a key of that name is an unknown key', () => {
        for (const key of ['code', 'operation', 'trigger', 'source', 'id']) expect(usage(() => selectCases(catalog.cases, { [key]: [name] }))).to.include(`"${name}"`);
        expect(usage(() => selectCases(catalog.cases, JSON.parse(`{"${name}": ["NOT_FOUND"]}`) as object))).to.include('unknown selection key');
        expect(usage(() => selectEventCases(catalog.events, { eventType: [name] } as object))).to.include(`"${name}"`);
        expect(usage(() => selectEventCases(catalog.events, JSON.parse(`{"${name}": ["x"]}`) as object))).to.include('unknown selection key');
      });

      it('CLI: list and generate --code / --operation of that name are exit 2 with one line', async () => {
        for (const args of [
          ['list', '--code', name],
          ['list', '--operation', name],
          ['generate', '--code', name, '--out', tmp],
        ]) {
          const result = await cli(args);
          expect(result.code, result.stderr).to.equal(2);
          expect(result.stderr.trim().split('\n'), result.stderr).to.have.length(1);
        }
      });

      it('reference provider: a state of that name is refused (400), ids of that name in paths answer 4xx or 2xx, never 500', async () => {
        const headers = { authorization: 'Bearer example-token', 'content-type': 'application/json' };
        const state = await fetch(`${provider.url}${STATE_CHANGE_PATH}`, { method: 'POST', headers, body: JSON.stringify({ state: name, action: 'setup', params: {} }) });
        expect(state.status).to.equal(400);
        expect(await state.text()).to.include(`does not know the provider state \\"${name}\\"`);
        const params = await fetch(`${provider.url}${STATE_CHANGE_PATH}`, { method: 'POST', headers, body: `{"state": "the project exists", "action": "setup", "params": {"${name}": {"polluted": 1}}}` });
        expect(params.status).to.equal(200);
        for (const [method, url, body] of [
          ['GET', `/v1/projects/${name}/activeNumbers`, undefined],
          ['GET', `/v1/projects/${name}/activeNumbers/${name}`, undefined],
          ['PATCH', `/v1/projects/${name}/activeNumbers/%2B12025550130`, `{"${name}": {"polluted": 1}, "displayName": "d"}`],
          ['POST', `/v1/projects/${name}/availableNumbers:rentAny`, `{"${name}": 1, "regionCode": "${name}", "type": "${name}"}`],
          ['GET', `/v1/projects/p/availableRegions?types=${name}&${name}=1`, undefined],
        ] as const) {
          const answer = await fetch(`${provider.url}${url}`, { method, headers, ...(body === undefined ? {} : { body }) });
          expect(answer.status, `${method} ${url}`).to.be.below(500);
        }
      });

      it('verify: a pact state of that name with state handlers that lack it is refused before anything starts', () => {
        const source = { display: 'p.json', file: '/p.json', consumer: 'c', provider: 'p', interactions: [{ description: 'd', caseId: 'x', states: [{ name, params: {} }] }] };
        expect(usage(() => checkHandlers([source], {}))).to.include(name);
      });

      it('contracts: a documented response header or request header of that name is an own header of the interaction', () => {
        const c = makeErrorCase({ responseHeaders: { [name]: 'v' } });
        Object.defineProperty(c.responseHeaders, name, { value: 'v', enumerable: true });
        Object.defineProperty(c.request.headers, name, { value: 'r', enumerable: true });
        const interaction = errorInteraction(c);
        const response = interaction.response.headers as Record<string, unknown>;
        const request = interaction.request.headers as Record<string, unknown>;
        expect(Object.hasOwn(response, name), 'response header').to.equal(true);
        expect(Object.getPrototypeOf(response)).to.equal(Object.prototype);
        expect(response[name]).to.deep.include({ 'pact:matcher:type': 'type', value: 'v' });
        expect(Object.hasOwn(request, name), 'request header').to.equal(true);
        expect(Object.getPrototypeOf(request)).to.equal(Object.prototype);
      });

      it('coverage: a pact whose bodies, states and descriptions carry that name reports it uncovered, no crash', async () => {
        const file = path.join(tmp, `${name}.json`);
        const interaction = {
          type: 'Synchronous/HTTP',
          description: name,
          providerStates: [{ name, params: JSON.parse(`{"${name}": {"polluted": 1}}`) as unknown }],
          request: { method: 'GET', path: `/v1/projects/${name}/activeNumbers/${name}` },
          response: { status: 404, headers: { 'Content-Type': 'application/json' }, body: { error: { code: 404, message: name, status: name, details: [] } } },
        };
        await writeFile(file, JSON.stringify({ consumer: { name: 'c' }, provider: { name: 'p' }, interactions: [interaction], metadata: { pactSpecification: { version: '4.0' } } }));
        const report = await computeCoverage({ pacts: [file], cwd: tmp, specPath: bundledSpec });
        expect(JSON.stringify(report)).to.include(name);
      });
    });
  }
});
