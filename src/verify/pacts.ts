/**
 * The pacts to verify: files, directories of `*.json`, or http(s) URLs (downloaded once into a
 * private temp directory, so the verifier and the report read the same bytes). Each pact is read
 * here too, to map every interaction description to its catalog case id and provider states.
 */
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EXIT, KitError } from '../errors.js';

export interface PactInteraction {
  description: string;
  caseId: string;
  states: Array<{ name: string; params: Record<string, unknown> }>;
}

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

async function download(url: string, timeoutMs: number): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error instanceof Error ? error.name : String(error));
    throw new KitError('PACT_UNREACHABLE', `cannot download the pact: ${cause}`, { file: url, exitCode: EXIT.environment });
  }
  if (!response.ok) throw new KitError('PACT_UNREACHABLE', `downloading the pact answered HTTP ${response.status}`, { file: url, exitCode: response.status >= 500 ? EXIT.environment : EXIT.badInput });
  const text = await response.text();
  if (text.length > MAX_PACT_BYTES) throw new KitError('PACT_INVALID', `the pact is larger than ${MAX_PACT_BYTES} bytes`, { file: url });
  return text;
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
  pact.interactions.forEach((raw, index) => {
    if (!isRecord(raw) || typeof raw.description !== 'string') throw new KitError('PACT_INVALID', 'every interaction needs a description', { file: shown, pointer: `/interactions/${index}` });
    if (typeof raw.type === 'string' && raw.type !== 'Synchronous/HTTP') return; // messages are not HTTP verification
    if (seen.has(raw.description)) throw new KitError('PACT_INVALID', `two interactions are described "${raw.description}"`, { file: shown, pointer: `/interactions/${index}` });
    seen.add(raw.description);
    interactions.push({ description: raw.description, caseId: caseIdOf(raw) ?? raw.description, states: statesOf(raw) });
  });
  if (interactions.length === 0) throw new KitError('PACT_INVALID', 'the pact has no HTTP interactions', { file: shown, pointer: '/interactions' });
  return { display: shown, file, consumer: name(pact.consumer), provider: name(pact.provider), interactions };
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
