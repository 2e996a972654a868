/**
 * Contracts for the verification tests, rendered by the kit's own generator (src/pact) from the
 * catalog, and small HTTP servers that stand in for providers: a wrapper that rewrites or records
 * what the reference provider answers, and providers that are down or never answer.
 */
import http from 'node:http';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { NumbersCase } from '../../src/catalog/types.js';
import { renderContract } from '../../src/pact/contract.js';
import { listen } from '../../src/util/http-server.js';
import { specFixture } from '../provider/fixture.js';

export const PROJECT = '12c0ffee-dada-beef-cafe-baadc0de5678';

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `numbers-contract-test-${prefix}-`));
}

/** Writes `<dir>/contracts/numbers-consumer-sinch-numbers.json` for the cases `pick` selects (all by default). */
export async function writeContract(dir: string, pick: (c: NumbersCase) => boolean = () => true): Promise<{ file: string; cases: NumbersCase[] }> {
  const { catalog } = await specFixture();
  const cases = catalog.cases.filter(pick);
  const contract = await renderContract(catalog, cases, { consumer: 'numbers-consumer', provider: 'sinch-numbers' });
  await mkdir(path.join(dir, 'contracts'), { recursive: true });
  const file = path.join(dir, 'contracts', contract.fileName);
  await writeFile(file, contract.text);
  return { file, cases };
}

export interface Recorded {
  method: string;
  url: string;
  authorization: string | undefined;
}

export interface Wrapper {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

export interface UpstreamAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

/**
 * A provider in front of `upstream` (state changes included): each answer goes through `rewrite`,
 * which may change status, headers or body; every request is recorded.
 */
export async function wrapProvider(upstream: string, rewrite: (req: Recorded, answer: UpstreamAnswer) => UpstreamAnswer | 'hang' = (_, a) => a): Promise<Wrapper> {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: Recorded = { method: req.method ?? 'GET', url: req.url ?? '/', authorization: req.headers.authorization };
      requests.push(recorded);
      const headers = { ...req.headers };
      delete headers.host;
      const forward = http.request(new URL(req.url ?? '/', upstream), { method: req.method, headers, agent: false }, (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (c: Buffer) => parts.push(c));
        answer.on('end', () => {
          const text = Buffer.concat(parts).toString('utf8');
          let body: unknown = text;
          try {
            body = text === '' ? '' : JSON.parse(text);
          } catch {
            // not JSON: passed on as text
          }
          const out = rewrite(recorded, { status: answer.statusCode ?? 500, headers: answer.headers, body });
          if (out === 'hang') return;
          const payload = typeof out.body === 'string' ? out.body : JSON.stringify(out.body);
          const sent: http.OutgoingHttpHeaders = { ...out.headers, 'content-length': Buffer.byteLength(payload) };
          delete sent['transfer-encoding'];
          delete sent.connection;
          res.writeHead(out.status, sent);
          res.end(payload);
        });
      });
      forward.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      forward.end(Buffer.concat(chunks));
    });
  });
  const { port, close } = await listen(server, 0, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}`, requests, close };
}

/** A port nothing listens on (a server was there and is gone). */
export async function stoppedProviderUrl(): Promise<string> {
  const { port, close } = await listen(http.createServer(), 0, '127.0.0.1');
  await close();
  return `http://127.0.0.1:${port}`;
}

/** A provider that accepts connections and never answers. */
export async function silentProvider(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(() => undefined);
  const { port, close } = await listen(server, 0, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}`, close };
}
