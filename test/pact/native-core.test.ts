import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { loadBundledCatalog } from '../../src/catalog/bundled.js';
import type { Catalog } from '../../src/catalog/types.js';
import { DEFAULT_CONSUMER, DEFAULT_PROVIDER, renderContract } from '../../src/pact/contract.js';
import { wrappedCore, type PactCore } from '../../src/pact/core.js';
import { ffiCore } from '../../src/pact/ffi-core.js';
import { DEFAULT_HANDLER, renderMessageContract } from '../../src/pact/message-contract.js';
import { loadNativeFfi, type PactFfi } from '../../src/pact/native-core.js';

const pactMain = createRequire(import.meta.url).resolve('@pact-foundation/pact');

/** The binding of this install (the plain case: pact-core's platform package is here). */
function binding(): PactFfi {
  const ffi = loadNativeFfi(pactMain, {});
  if (ffi === undefined) throw new Error("this install has pact-core's platform package, so the binding should load");
  return ffi;
}

describe("Pact core: the native binding without pact-core's wrapper", function () {
  this.timeout(60_000);
  let catalog: Catalog;
  let native: PactCore;
  let wrapped: PactCore;

  before(async () => {
    catalog = await loadBundledCatalog();
    native = ffiCore(binding(), undefined);
    wrapped = wrappedCore(pactMain, 'error');
  });

  const overrides: Array<{ name: string; env: NodeJS.ProcessEnv }> = [
    { name: 'PACT_PREBUILD_LOCATION', env: { PACT_PREBUILD_LOCATION: '/somewhere' } },
    { name: 'PACT_PREBUILD_PACKAGE_LOCATION', env: { PACT_PREBUILD_PACKAGE_LOCATION: '/somewhere' } },
  ];
  for (const { name, env } of overrides) {
    it(`leaves the lookup to pact-core when ${name} is set`, () => {
      expect(loadNativeFfi(pactMain, env)).to.equal(undefined);
    });
  }

  it('finds the binding of the installed pact-core otherwise', () => {
    expect(binding().pactffiNewPact).to.be.a('function');
  });

  it('writes the same HTTP contract, byte for byte, as pact-core’s wrapper', async () => {
    const options = { consumer: DEFAULT_CONSUMER, provider: DEFAULT_PROVIDER };
    const [a, b] = [await renderContract(catalog, catalog.cases, { ...options, core: native }), await renderContract(catalog, catalog.cases, { ...options, core: wrapped })];
    expect(a.interactions).to.equal(catalog.cases.length);
    expect(a.text).to.equal(b.text);
  });

  it('writes the same message pact, byte for byte, as pact-core’s wrapper', async () => {
    const options = { consumer: DEFAULT_HANDLER, provider: DEFAULT_PROVIDER };
    const [a, b] = [await renderMessageContract(catalog, catalog.events, { ...options, core: native }), await renderMessageContract(catalog, catalog.events, { ...options, core: wrapped })];
    expect(a.interactions).to.equal(catalog.events.length);
    expect(a.text).to.equal(b.text);
  });

  it('reports a mock server’s mismatches as pact-core’s wrapper does (nested mismatches parsed)', async () => {
    const mismatchesOf = async (core: PactCore): Promise<unknown> => {
      const pact = core.newPact('c', 'p');
      const interaction = pact.newInteraction('a GET');
      interaction.withRequest('GET', '/expected');
      interaction.withRequestHeader('X-Kind', 0, 'one');
      interaction.withStatus(404);
      const port = pact.createMockServer('127.0.0.1', 0, false);
      try {
        await (await fetch(`http://127.0.0.1:${port}/expected`, { headers: { 'X-Kind': 'two' } })).text();
        await (await fetch(`http://127.0.0.1:${port}/other`)).text();
        // The core books a request after answering it: wait (bounded) until both mismatches are booked.
        for (let tries = 0; tries < 200 && pact.mockServerMismatches(port).length < 2; tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
        expect(pact.mockServerMatchedSuccessfully(port)).to.equal(false);
        // The port is in the Host header the report repeats; the rest must agree.
        return JSON.parse(JSON.stringify(pact.mockServerMismatches(port)).replaceAll(String(port), 'PORT'));
      } finally {
        expect(pact.cleanupMockServer(port)).to.equal(true);
      }
    };
    const report = await mismatchesOf(native);
    expect(report).to.deep.equal(await mismatchesOf(wrapped));
    expect(JSON.stringify(report)).to.include('"X-Kind"');
  });

  it('throws, naming the address, when the mock server cannot start', () => {
    expect(() => native.newPact('c', 'p').createMockServer('not an address', 0, false)).to.throw('the Pact core could not start a mock server on not an address: the address is not valid');
  });

  it('throws, naming the folder, when the pact file cannot be written', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'numbers-native-'));
    try {
      const pact = native.newPact('c', 'p');
      pact.newInteraction('a GET').withRequest('GET', '/x');
      // A folder inside a regular file cannot be made.
      const blocked = path.join(dir, 'file', 'sub');
      await writeFile(path.join(dir, 'file'), '');
      expect(() => pact.writePactFile(blocked, false)).to.throw(`the Pact core did not write the pact file to ${blocked}: the file could not be written`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  // The core's log can start once per process; a second start prints a warning to the terminal.
  const starts: Array<{ levels: Array<'error' | 'debug' | undefined>; started: string[] }> = [
    { levels: [undefined, undefined], started: [] },
    { levels: ['debug'], started: ['debug'] },
    { levels: ['debug', 'error', undefined], started: ['debug'] },
    { levels: [undefined, 'error', 'debug'], started: ['error'] },
  ];
  for (const { levels, started } of starts) {
    it(`starts the core's log ${started.length === 0 ? 'never' : `once, at ${started[0]}`} for levels ${JSON.stringify(levels)}`, () => {
      const calls: string[] = [];
      const fake = { pactffiInitWithLogLevel: (level: string) => calls.push(level) } as unknown as PactFfi;
      for (const level of levels) ffiCore(fake, level);
      expect(calls).to.deep.equal(started);
    });
  }
});
