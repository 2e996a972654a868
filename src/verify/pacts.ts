/**
 * The pacts to verify: files, directories of `*.json`, or http(s) URLs (downloaded once into a
 * private temp directory, so the verifier and the report read the same bytes). Each pact is read
 * here too, to map every interaction description to its catalog case id and provider states.
 */
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { EXIT, KitError } from '../errors.js';

export interface PactInteraction {
  description: string;
  caseId: string;
  states: Array<{ name: string; params: Record<string, unknown> }>;
  /** What the verifier sends (the verification proxy admits only these). */
  request?: { method: string; path: string };
}

/** What Pact's verifier sends to ask the provider for a message: `POST /` (on the base URL) with the description. */
export const MESSAGE_REQUEST = { method: 'POST', path: '/' } as const;

export interface PactSource {
  /** What the user gave (file path relative to cwd, or the URL). */
  display: string;
  /** Local file the verifier reads. */
  file: string;
  consumer: string;
  provider: string;
  interactions: PactInteraction[];
  /** The pact also holds message interactions (the verifier asks for them with MESSAGE_REQUEST). */
  messages?: boolean;
}

export interface ResolvedPacts {
  sources: PactSource[];
  /** Removes downloaded copies. */
  cleanup(): Promise<void>;
}

const MAX_PACT_BYTES = 50 * 1024 * 1024;

export async function resolvePacts(inputs: readonly string[], cwd: string, timeoutMs: number): Promise<ResolvedPacts> {
  let tempDir: string | undefined;
  const cleanup = async (): Promise<void> => {
    if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
  };
  try {
    const sources: PactSource[] = [];
    for (const input of inputs) {
      if (/^https?:\/\//i.test(input)) {
        tempDir ??= await mkdtemp(path.join(os.tmpdir(), 'numbers-contract-pacts-'));
        const file = path.join(tempDir, `pact-${sources.length}.json`);
        const text = await download(input, timeoutMs);
        await writeFile(file, text);
        sources.push(parsePact(text, input, file));
        continue;
      }
      const absolute = path.resolve(cwd, input);
      const info = await stat(absolute).catch(() => undefined);
      if (info === undefined) throw new KitError('PACT_NOT_FOUND', 'no such pact file or directory', { file: absolute });
      const files = info.isDirectory()
        ? (await readdir(absolute)).filter((name) => name.endsWith('.json')).sort().map((name) => path.join(absolute, name))
        : [absolute];
      if (info.isDirectory() && files.length === 0) throw new KitError('PACT_NOT_FOUND', 'the directory holds no *.json pact files', { file: absolute });
      for (const file of files) sources.push(parsePact(await readFile(file, 'utf8'), display(cwd, file), file));
    }
    if (sources.length === 0) throw new KitError('PACT_NOT_FOUND', 'no pact files to verify', { argument: 'verify' });
    return { sources, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function display(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
}

const MAX_REDIRECTS = 5;

/**
 * GETs a pact over http(s). node:http without keep-alive, not fetch: a fetch aborted by its
 * timeout leaves its socket open in the process-wide pool for seconds after verify returned, which
 * also keeps the CLI from exiting. The timeout covers the whole download; redirects are followed
 * (at most 5); more than MAX_PACT_BYTES is refused while it arrives.
 */
function download(url: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let current: http.ClientRequest | undefined;
    const timer = setTimeout(() => {
      current?.destroy();
      reject(new KitError('PACT_UNREACHABLE', `cannot download the pact: no answer within ${timeoutMs} ms`, { file: url, exitCode: EXIT.environment }));
    }, timeoutMs);
    const fail = (error: KitError): void => {
      clearTimeout(timer);
      current?.destroy();
      reject(error);
    };
    const get = (target: URL, redirects: number): void => {
      const client = target.protocol === 'https:' ? https : http;
      const req = client.get(target, { agent: false, headers: { accept: 'application/json' } }, (res) => {
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if (status >= 300 && status < 400 && location !== undefined) {
          res.resume();
          const next = new URL(location, target);
          if (redirects >= MAX_REDIRECTS || (next.protocol !== 'http:' && next.protocol !== 'https:')) {
            fail(new KitError('PACT_UNREACHABLE', `downloading the pact redirected more than ${MAX_REDIRECTS} times or away from http(s)`, { file: url, exitCode: EXIT.badInput }));
          } else get(next, redirects + 1);
          return;
        }
        if (status < 200 || status >= 300) {
          res.resume();
          fail(new KitError('PACT_UNREACHABLE', `downloading the pact answered HTTP ${status}`, { file: url, exitCode: status >= 500 ? EXIT.environment : EXIT.badInput }));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_PACT_BYTES) fail(new KitError('PACT_INVALID', `the pact is larger than ${MAX_PACT_BYTES} bytes`, { file: url }));
          else chunks.push(chunk);
        });
        res.on('end', () => {
          clearTimeout(timer);
          resolve(Buffer.concat(chunks).toString('utf8'));
        });
        res.on('error', (error: NodeJS.ErrnoException) => fail(new KitError('PACT_UNREACHABLE', `cannot download the pact: ${error.code ?? error.message}`, { file: url, exitCode: EXIT.environment })));
      });
      current = req;
      req.on('error', (error: NodeJS.ErrnoException) => fail(new KitError('PACT_UNREACHABLE', `cannot download the pact: ${error.code ?? error.message}`, { file: url, exitCode: EXIT.environment })));
    };
    get(new URL(url), 0);
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the parts of a pact the report needs; anything malformed is a one-line PACT_INVALID (exit 2). */
export function parsePact(text: string, shown: string, file: string): PactSource {
  let pact: unknown;
  try {
    pact = JSON.parse(text);
  } catch (error) {
    throw new KitError('PACT_INVALID', `not JSON: ${error instanceof Error ? error.message : String(error)}`, { file: shown });
  }
  if (!isRecord(pact) || !Array.isArray(pact.interactions)) throw new KitError('PACT_INVALID', 'a pact needs an "interactions" array', { file: shown });
  const name = (value: unknown): string => (isRecord(value) && typeof value.name === 'string' ? value.name : '');
  const interactions: PactInteraction[] = [];
  const seen = new Set<string>();
  let messages = false;
  pact.interactions.forEach((raw, index) => {
    if (!isRecord(raw) || typeof raw.description !== 'string') throw new KitError('PACT_INVALID', 'every interaction needs a description', { file: shown, pointer: `/interactions/${index}` });
    if (typeof raw.type === 'string' && raw.type !== 'Synchronous/HTTP') {
      messages = true; // messages are not HTTP verification
      return;
    }
    if (seen.has(raw.description)) throw new KitError('PACT_INVALID', `two interactions are described "${raw.description}"`, { file: shown, pointer: `/interactions/${index}` });
    seen.add(raw.description);
    const request = isRecord(raw.request) ? { method: typeof raw.request.method === 'string' ? raw.request.method.toUpperCase() : 'GET', path: typeof raw.request.path === 'string' ? raw.request.path : '/' } : undefined;
    interactions.push({ description: raw.description, caseId: caseIdOf(raw) ?? raw.description, states: statesOf(raw), ...(request === undefined ? {} : { request }) });
  });
  if (interactions.length === 0) throw new KitError('PACT_INVALID', 'the pact has no HTTP interactions', { file: shown, pointer: '/interactions' });
  return { display: shown, file, consumer: name(pact.consumer), provider: name(pact.provider), interactions, ...(messages ? { messages } : {}) };
}

/** Every request the verifier makes for these pacts: the verification proxy's allow-list. */
export function verifierRequests(sources: readonly PactSource[]): Array<{ method: string; path: string }> {
  return sources.flatMap((s) => [...s.interactions.flatMap((i) => (i.request === undefined ? [] : [i.request])), ...(s.messages === true ? [MESSAGE_REQUEST] : [])]);
}

/** The case id the kit stamps in `comments.references` (any group with a `caseId`). */
function caseIdOf(interaction: Record<string, unknown>): string | undefined {
  const references = isRecord(interaction.comments) ? interaction.comments.references : undefined;
  if (!isRecord(references)) return undefined;
  const preferred = references['numbers-contract-kit'];
  for (const group of [preferred, ...Object.values(references)]) {
    if (isRecord(group) && typeof group.caseId === 'string' && group.caseId !== '') return group.caseId;
  }
  return undefined;
}

function statesOf(interaction: Record<string, unknown>): PactInteraction['states'] {
  const v4 = interaction.providerStates;
  if (Array.isArray(v4)) {
    return v4.filter(isRecord).map((s) => ({ name: typeof s.name === 'string' ? s.name : '', params: isRecord(s.params) ? s.params : {} }));
  }
  // Pact V2: a single `providerState` string.
  return typeof interaction.providerState === 'string' ? [{ name: interaction.providerState, params: {} }] : [];
}
