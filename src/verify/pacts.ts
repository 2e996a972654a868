/**
 * The pacts to verify: files, folders of them, or http(s) URLs (downloaded once into a private
 * temp directory, so the verifier and the report read the same bytes). Each pact is read and
 * checked by the one pact reader (`pact/read.ts`: caps, special files, folder rule, errors); this
 * is verify's view of it: every HTTP interaction's description, catalog case id and provider states.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { EXIT, KitError } from '../errors.js';
import { listPactPaths, MAX_PACT_BYTES, parsePactDocument, readPactPath, type PactDocument } from '../pact/read.js';
import { interruptedError } from './interrupt.js';
import { isRecord } from '../util/record.js';

export interface PactInteraction {
  description: string;
  caseId: string;
  states: Array<{ name: string; params: Record<string, unknown> }>;
  /** What the verifier sends (the verification proxy admits only these): the HTTP request, or MESSAGE_REQUEST. */
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
}

export interface ResolvedPacts {
  sources: PactSource[];
  /** Files of the given folders passed over because they are not pacts, one line each. */
  notes: string[];
  /** Removes downloaded copies. */
  cleanup(): Promise<void>;
}

export async function resolvePacts(inputs: readonly string[], cwd: string, timeoutMs: number, signal?: AbortSignal): Promise<ResolvedPacts> {
  let tempDir: string | undefined;
  const cleanup = async (): Promise<void> => {
    if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
  };
  try {
    const sources: PactSource[] = [];
    const notes: string[] = [];
    const seen = new Set<string>();
    for (const input of inputs) {
      if (/^https?:\/\//i.test(input)) {
        if (!URL.canParse(input)) throw new KitError('BAD_URL', 'not a URL', { file: input });
        tempDir ??= await mkdtemp(path.join(os.tmpdir(), 'numbers-contract-pacts-'));
        const file = path.join(tempDir, `pact-${sources.length}.json`);
        const text = await download(input, timeoutMs, signal);
        await writeFile(file, text);
        sources.push(verifyView(parsePactDocument(text, input, input), file));
        continue;
      }
      for (const entry of await listPactPaths([input], cwd, seen)) {
        const read = await readPactPath(entry);
        if ('skip' in read) notes.push(`skipped ${entry.shown}: ${read.skip}`);
        else sources.push(verifyView(read, entry.file));
      }
    }
    if (sources.length === 0) throw new KitError('PACT_NOT_FOUND', 'no pact files to verify', { argument: 'verify' });
    return { sources, notes, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

const MAX_REDIRECTS = 5;

/**
 * GETs a pact over http(s). node:http without keep-alive, not fetch: a fetch aborted by its
 * timeout leaves its socket open in the process-wide pool for seconds after verify returned, which
 * also keeps the CLI from exiting. The timeout covers the whole download; redirects are followed
 * (at most 5); more than MAX_PACT_BYTES is refused while it arrives.
 */
function download(url: string, timeoutMs: number, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) return reject(interruptedError(signal));
    let current: http.ClientRequest | undefined;
    const timer = setTimeout(() => {
      current?.destroy();
      reject(new KitError('PACT_UNREACHABLE', `cannot download the pact: no answer within ${timeoutMs} ms`, { file: url, exitCode: EXIT.environment }));
    }, timeoutMs);
    const fail = (error: KitError): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      current?.destroy();
      reject(error);
    };
    const onAbort = (): void => fail(interruptedError(signal));
    signal?.addEventListener('abort', onAbort, { once: true });
    const get = (target: URL, redirects: number): void => {
      const client = target.protocol === 'https:' ? https : http;
      const req = client.get(target, { agent: false, headers: { accept: 'application/json' } }, (res) => {
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if (status >= 300 && status < 400 && location !== undefined) {
          res.resume();
          const next = URL.canParse(location, target) ? new URL(location, target) : undefined;
          if (next === undefined) return fail(new KitError('PACT_UNREACHABLE', 'downloading the pact redirected to something that is not a URL', { file: url, exitCode: EXIT.badInput }));
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
          if (size > MAX_PACT_BYTES) fail(new KitError('PACT_TOO_LARGE', `is over ${MAX_PACT_BYTES} bytes; pact files over ${MAX_PACT_BYTES} bytes are refused`, { file: url }));
          else chunks.push(chunk);
        });
        res.on('end', () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
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

/**
 * Verify's view of a checked pact: its interactions, each description once. Pact's verifier asks a
 * message provider for a message interaction's message with MESSAGE_REQUEST (the reference provider
 * produces it: provider/message-producer.ts), and an HTTP interaction makes its own request.
 */
function verifyView(doc: PactDocument, file: string): PactSource {
  const interactions: PactInteraction[] = [];
  const seen = new Set<string>();
  for (const record of doc.interactions) {
    if (seen.has(record.description)) {
      throw new KitError('PACT_SHAPE', `two interactions are described "${record.description.slice(0, 200)}"`, { file: doc.file, pointer: `/interactions/${record.index}` });
    }
    seen.add(record.description);
    const request = record.http === undefined ? MESSAGE_REQUEST : { method: record.http.method.toUpperCase(), path: record.http.path };
    interactions.push({ description: record.description, caseId: caseIdOf(record.raw) ?? record.description, states: statesOf(record.raw), request });
  }
  // A Pact V3 message pact (`messages`) is not read: the kit's message pact is Pact V4.
  if (interactions.length === 0)
    throw new KitError('PACT_EMPTY', doc.messagesOnly ? 'the pact holds Pact V3 messages only; verify reads Pact V4 interactions' : 'the pact has no interactions', {
      file: doc.file,
      pointer: doc.messagesOnly ? '/messages' : '/interactions',
    });
  return { display: doc.shown, file, consumer: doc.consumer, provider: doc.provider, interactions };
}

/** Verify's view of a pact's text (from a broker): checked by the one reader. */
export function parsePact(text: string, shown: string, file: string): PactSource {
  return verifyView(parsePactDocument(text, shown, shown), file);
}

/** Every request the verifier makes for these pacts: the verification proxy's allow-list. */
export function verifierRequests(sources: readonly PactSource[]): Array<{ method: string; path: string }> {
  return sources.flatMap((s) => s.interactions.flatMap((i) => (i.request === undefined ? [] : [i.request])));
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
