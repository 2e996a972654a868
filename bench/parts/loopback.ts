import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ErrorCase } from '../../src/catalog/types.js';
import { sendCase } from '../lib/client.js';

/**
 * The raw loopback limit: bare Node http servers answering each case's documented response to
 * the very requests the harness's client makes (`sendCase`), nothing Pact-related in between.
 * Requests are sequential, so the server answers them in case order.
 */
interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function answerOf(c: ErrorCase): Answer {
  return { status: c.status, headers: { 'Content-Type': 'application/json', ...c.responseHeaders }, body: JSON.stringify(c.body) };
}

function bareServer(answers: readonly Answer[]): Server {
  let next = 0;
  return createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const answer = answers[next++ % answers.length]!;
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    });
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** One bare server for all cases (the client keeps its connection alive): the floor. Returns total ms. */
export async function loopbackRun(cases: readonly ErrorCase[]): Promise<number> {
  const server = bareServer(cases.map(answerOf));
  const base = await listen(server);
  try {
    const start = performance.now();
    for (const c of cases) await sendCase(base, c);
    return performance.now() - start;
  } finally {
    await close(server);
  }
}

/**
 * A fresh bare server per case, as the harness has a fresh mock server per case: the floor of
 * that design (listen, new connection, request, close). Returns total ms.
 */
export async function loopbackFreshRun(cases: readonly ErrorCase[]): Promise<number> {
  const start = performance.now();
  for (const c of cases) {
    const server = bareServer([answerOf(c)]);
    const base = await listen(server);
    try {
      await sendCase(base, c);
    } finally {
      await close(server);
    }
  }
  return performance.now() - start;
}
