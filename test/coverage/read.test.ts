import { expect } from 'chai';
import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { coverageView, type PactFile } from '../../src/coverage/read.js';
import { MAX_PACT_BYTES, readPactIfExists } from '../../src/pact/read.js';
import { isKitError } from '../../src/errors.js';
import { cli } from '../helpers/cli.js';

const http = (response: unknown, extra: Record<string, unknown> = {}): unknown => ({
  description: 'd',
  request: { method: 'GET', path: '/v1/projects/p/activeNumbers/+12025550134' },
  response,
  ...extra,
});
/** Coverage's view of one pact file, read by the one reader. */
const readPactFile = async (file: string, shown: string): Promise<PactFile> => coverageView({ ...(await readPactIfExists(file))!, shown });
const pact = (interactions: unknown[], version = '4.0'): string => JSON.stringify({ consumer: { name: 'c' }, provider: { name: 'p' }, interactions, metadata: { pactSpecification: { version } } });

describe('coverage: reading pact files (the one reader, coverage view)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'nck-cov-read-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));
  const write = async (name: string, text: string): Promise<string> => {
    await writeFile(path.join(dir, name), text);
    return name;
  };

  /** [file name, content, exact stderr line after "numbers-contract: "] */
  const bad: [string, string | null, string][] = [
    ['missing.json', null, 'PACT_NOT_FOUND missing.json: no such pact file or directory'],
    ['syntax.json', '{\n  "interactions": [\n    {"a": 1,}\n  ]\n}', 'PACT_SYNTAX syntax.json: not valid JSON at line 3, column 13: Expected double-quoted property name'],
    ['truncated.json', '{"interactions": [', 'PACT_SYNTAX truncated.json: not valid JSON at line 1, column 19: unexpected end of input'],
    ['array.json', '[]', 'PACT_SHAPE array.json: a pact file is a JSON object with an "interactions" array'],
    ['nointeractions.json', '{"consumer":{"name":"c"}}', 'PACT_SHAPE nointeractions.json#/interactions: a pact file needs an "interactions" array'],
    ['empty.json', pact([]), 'PACT_EMPTY empty.json#/interactions: has no interactions'],
    ['messages.json', '{"messages":[{"description":"m"}]}', 'PACT_EMPTY messages.json#/messages: holds messages only; coverage reads HTTP interactions'],
    ['v5.json', pact([http({ status: 404 })], '5.0'), 'PACT_VERSION v5.json#/metadata: pact specification version "5.0" is not one this kit reads (1 to 4)'],
    ['notobject.json', pact(['x']), 'PACT_SHAPE notobject.json#/interactions/0: an interaction must be an object'],
    ['noresponse.json', pact([{ description: 'd', request: { method: 'GET', path: '/' }, response: 7 }]), 'PACT_SHAPE noresponse.json#/interactions/0/response: the response of an HTTP interaction must be an object'],
    ['status.json', pact([http({ status: '404' })]), 'PACT_SHAPE status.json#/interactions/0/response/status: the response status must be an integer from 100 to 599'],
    ['method.json', pact([http({ status: 404 }, { request: { method: 'GET /x', path: '/' } })]), 'PACT_SHAPE method.json#/interactions/0/request/method: the request method must be an HTTP method name'],
    ['path.json', pact([http({ status: 404 }, { request: { method: 'GET', path: 7 } })]), 'PACT_SHAPE path.json#/interactions/0/request/path: the request path must be a string'],
  ];
  for (const [name, content, line] of bad) {
    it(`refuses ${name} with exit 2 and one line: ${line.split(' ')[0]}`, async () => {
      if (content !== null) await write(name, content);
      const { code, stdout, stderr } = await cli(['coverage', name], { cwd: dir });
      expect({ code, stdout, stderr }).to.deep.equal({ code: 2, stdout: '', stderr: `numbers-contract: ${line}\n` });
    });
  }

  it('refuses a file over the size cap before reading it', async () => {
    const file = path.join(dir, 'huge.json');
    await writeFile(file, '');
    await truncate(file, MAX_PACT_BYTES + 1);
    const { code, stderr } = await cli(['coverage', 'huge.json'], { cwd: dir });
    expect(code).to.equal(2);
    expect(stderr).to.equal(`numbers-contract: PACT_TOO_LARGE huge.json: is over ${MAX_PACT_BYTES} bytes; pact files over ${MAX_PACT_BYTES} bytes are refused\n`);
  });

  it('refuses a folder without pact files, and names it', async () => {
    await mkdir(path.join(dir, 'nopacts'), { recursive: true });
    const { code, stderr } = await cli(['coverage', 'nopacts'], { cwd: dir });
    expect({ code, stderr }).to.deep.equal({ code: 2, stderr: 'numbers-contract: PACT_NOT_FOUND nopacts: the folder holds no *.json pact files\n' });
  });

  it('reads V4 bodies: JSON content, a JSON string, base64, and text; V3 plain bodies; a missing body', async () => {
    const legacy = { code: 'blocked_account', text: 'blocked' };
    const file = path.join(dir, 'bodies.json');
    await writeFile(
      file,
      pact([
        http({ status: 403, body: { content: legacy, contentType: 'application/json', encoded: false } }),
        http({ status: 403, body: { content: JSON.stringify(legacy), contentType: 'application/json', encoded: false } }),
        http({ status: 403, body: { content: Buffer.from(JSON.stringify(legacy)).toString('base64'), contentType: 'application/json', encoded: 'base64' } }),
        http({ status: 502, body: { content: '<html>502</html>', contentType: 'text/html', encoded: false } }),
        http({ status: 403, headers: { 'content-type': 'application/json' }, body: legacy }),
        http({ status: 403, headers: { 'Content-Type': 'application/problem+json' }, body: '{"title":"x"}' }),
        http({ status: 404 }),
      ]),
    );
    const read = await readPactFile(file, 'bodies.json');
    expect(read.interactions.map((i) => i.body)).to.deep.equal([
      { kind: 'json', value: legacy, contentType: 'application/json' },
      { kind: 'json', value: legacy, contentType: 'application/json' },
      { kind: 'json', value: legacy, contentType: 'application/json' },
      { kind: 'text', text: '<html>502</html>', contentType: 'text/html' },
      { kind: 'json', value: legacy, contentType: 'application/json' },
      { kind: 'json', value: { title: 'x' }, contentType: 'application/problem+json' },
      { kind: 'none' },
    ]);
    expect(read.source).to.deep.equal({ file: 'bodies.json', consumer: 'c', provider: 'p', specification: '4.0', interactions: 7 });
  });

  it('takes the stamp from V4 references, else from a comment starting with a case id; strips control characters', async () => {
    const file = path.join(dir, 'stamps.json');
    await writeFile(
      file,
      pact([
        http({ status: 404 }, { comments: { references: { 'numbers-contract-kit': { caseId: 'Op/404/not_found' } }, text: ['Other/400/x: y'] } }),
        http({ status: 404 }, { comments: { text: ['free text', 'Op/429/rate_limited: summary'] } }),
        http({ status: 404 }, { comments: { text: ['Op/429/rate_limited without colon'] }, description: 'evil\u001b[31mred\nline' }),
        http({ status: 404 }, { providerState: 'v2 state' }),
      ]),
    );
    const read = await readPactFile(file, 'stamps.json');
    expect(read.interactions.map((i) => i.stamp)).to.deep.equal(['Op/404/not_found', 'Op/429/rate_limited', undefined, undefined]);
    expect(read.interactions[2]?.description).to.equal('evil\ufffd[31mred\ufffdline');
    expect(read.interactions[3]?.providerStates).to.deep.equal(['v2 state']);
  });

  it('throws KitErrors only, never a raw exception, on arbitrary JSON', async () => {
    const samples = ['null', '1', '"x"', '{"interactions":{}}', '{"interactions":[null]}', '{"interactions":[{"type":7}]}', '{"metadata":7,"interactions":[{"request":[],"response":{}}]}'];
    for (const [n, text] of samples.entries()) {
      const file = path.join(dir, `fuzz-${n}.json`);
      await writeFile(file, text);
      const outcome = await readPactFile(file, 'f').then(
        () => 'read',
        (error: unknown) => (isKitError(error) ? 'kit' : `raw: ${String(error)}`),
      );
      expect(outcome, text).to.be.oneOf(['read', 'kit']);
    }
  });
});
