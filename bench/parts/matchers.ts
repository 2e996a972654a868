/**
 * Part 4, the assertion helpers: `parseNumbersError`, the Jest/Vitest `toBeNumbersError` and the
 * chai assertion, per receiver shape, over every catalog body (both envelopes). The axios and Sinch
 * SDK receivers are real objects from those libraries; a fetch Response is built per call (its
 * body can be read once), so that row includes constructing it.
 */
import axios, { type AxiosResponse } from 'axios';
import * as chai from 'chai';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isErrorCase, type ErrorCase } from '../../src/catalog/types.js';
import { numbersChai } from '../../src/chai/index.js';
import { toBeNumbersError } from '../../src/expect/index.js';
import { parseNumbersError } from '../../src/match/parse.js';
import type { BenchContext } from '../lib/context.js';
import type { BenchRow } from '../lib/report.js';
import { formatMs, formatRate, median, runsText } from '../lib/stats.js';

interface Shape {
  name: string;
  /** The receiver for case `i`; a fresh one per call where the value can be used only once. */
  make: (i: number) => unknown;
  async: boolean;
}

type RequestFailed = new (message: string, statusCode: number, ctx: Record<string, string>, data: unknown, headers?: Record<string, string>) => Error;

function sdkRequestFailed(): RequestFailed {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@sinch/sdk-client');
  return (require(path.join(path.dirname(entry), 'api', 'api-errors.js')) as { RequestFailedError: RequestFailed }).RequestFailedError;
}

const lower = (headers: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));

/** Real axios responses and AxiosErrors for every case, from a loopback server (built once). */
async function axiosReceivers(cases: readonly ErrorCase[]): Promise<{ responses: AxiosResponse[]; errors: unknown[] }> {
  const server = createServer((req, res) => {
    const c = cases[Number(/\/case\/(\d+)$/.exec(req.url ?? '')?.[1] ?? -1)];
    req.resume();
    if (c === undefined) {
      res.writeHead(500).end();
      return;
    }
    res.writeHead(c.status, { 'content-type': 'application/json', ...lower(c.responseHeaders) });
    res.end(JSON.stringify(c.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const responses: AxiosResponse[] = [];
    const errors: unknown[] = [];
    for (let i = 0; i < cases.length; i++) {
      responses.push(await axios.get(`${base}/case/${i}`, { validateStatus: () => true }));
      errors.push(
        await axios.get(`${base}/case/${i}`).then(
          () => new Error('expected an error'),
          (error: unknown) => error,
        ),
      );
    }
    return { responses, errors };
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

async function shapes(cases: readonly ErrorCase[]): Promise<Shape[]> {
  const { responses, errors } = await axiosReceivers(cases);
  const RequestFailedError = sdkRequestFailed();
  const texts = cases.map((c) => JSON.stringify(c.body));
  const headers = cases.map((c) => ({ 'content-type': 'application/json', ...lower(c.responseHeaders) }));
  const context = { apiName: 'ActiveNumberApi', operationId: 'GetActiveNumber', url: 'http://127.0.0.1/v1/projects/a1b2c3d4-0000-4000-8000-00000000c0de/activeNumbers/+12025550134' };
  const sdk = cases.map((c, i) => new RequestFailedError('Error', c.status, context, JSON.parse(texts[i]!), headers[i]));
  const buffers = texts.map((t) => Buffer.from(t));
  const plain = cases.map((c, i) => ({ status: c.status, headers: headers[i], body: c.body }));
  const at = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
  return [
    { name: 'plain body', make: (i) => at(cases, i).body, async: false },
    { name: 'JSON string', make: (i) => at(texts, i), async: false },
    { name: 'Buffer', make: (i) => at(buffers, i), async: false },
    { name: '{status, headers, body}', make: (i) => at(plain, i), async: false },
    { name: 'axios response', make: (i) => at(responses, i), async: false },
    { name: 'axios AxiosError', make: (i) => at(errors, i), async: false },
    { name: 'Sinch SDK RequestFailedError', make: (i) => at(sdk, i), async: false },
    { name: 'fetch Response (built per call)', make: (i) => new Response(at(texts, i), { status: at(cases, i).status, headers: at(headers, i) }), async: true },
  ];
}

/** µs per call, median over `runs` runs of `iterations` calls each. */
async function perCall(runs: number, iterations: number, call: (i: number) => unknown, isAsync: boolean): Promise<number> {
  const times: number[] = [];
  let sink = 0;
  for (let r = 0; r <= runs; r++) {
    const start = performance.now();
    for (let i = 0; i < iterations; i++) {
      const result = call(i);
      const value = isAsync ? await (result as Promise<unknown>) : result;
      if (value !== undefined) sink++;
    }
    if (r > 0) times.push(((performance.now() - start) * 1000) / iterations); // run 0 is the warm-up
  }
  if (sink < 0) throw new Error('unreachable');
  return median(times);
}

export async function matchersPart(ctx: BenchContext): Promise<BenchRow[]> {
  chai.use(numbersChai);
  const cases = ctx.catalog.cases.filter(isErrorCase);
  const runs = ctx.smoke ? 1 : 5;
  const rows: BenchRow[] = [];
  for (const shape of await shapes(cases)) {
    const iterations = ctx.smoke ? 50 : shape.async ? 2000 : 10000;
    ctx.log(`matchers: ${shape.name}`);
    const code = (i: number): string => cases[i % cases.length]!.code;
    const parse = await perCall(runs, iterations, (i) => parseNumbersError(shape.make(i)), shape.async);
    const matcher = await perCall(
      runs,
      iterations,
      (i) => {
        const result = toBeNumbersError.call({ isNot: false }, shape.make(i), code(i));
        return result instanceof Promise ? result.then((r) => (r.pass ? r : undefined)) : result.pass ? result : undefined;
      },
      shape.async,
    );
    const assertion = await perCall(
      runs,
      iterations,
      (i) => {
        const outcome = (chai.expect(shape.make(i)) as unknown as { toBeNumbersError(code: string): unknown }).toBeNumbersError(code(i));
        return outcome instanceof Promise ? outcome.then(() => true) : true;
      },
      shape.async,
    );
    const us = (x: number): string => `${formatMs(x / 1000)} (${formatRate(1e6 / x)})`;
    rows.push({
      part: 'matchers',
      measure: shape.name,
      value: `parse ${us(parse)}; toBeNumbersError ${us(matcher)}; chai ${us(assertion)}`,
      ratio: '',
      target: '',
      verdict: 'info',
      note: `per call, ${runsText(runs)} × ${iterations.toLocaleString('en-US')} calls over all ${cases.length} catalog bodies`,
    });
  }
  return rows;
}
