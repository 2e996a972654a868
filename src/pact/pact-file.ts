/**
 * Pact files as the kit writes them: canonical JSON (keys sorted, interactions ordered by
 * description, two-space indent, final newline) written atomically (temp file in the same
 * directory, fsync, rename), so a reader never sees half a file and the bytes depend only on
 * the content.
 */
import { KitError } from '../errors.js';

/** `<consumer>-<provider>.json`, the name the Pact core gives the file. */
export function pactFileName(consumer: string, provider: string): string {
  return `${consumer}-${provider}.json`;
}

const PARTICIPANT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Consumer and provider names become file names: letters, digits, `.`, `_`, `-` only. */
export function checkParticipant(name: string, argument: string): string {
  if (!PARTICIPANT.test(name)) {
    throw new KitError('BAD_NAME', `'${name}' is not a usable pact participant name (letters, digits, '.', '_', '-')`, { argument });
  }
  return name;
}

/** Most file systems allow 255 bytes in a name; the pact file's name is `<consumer>-<provider>.json`. */
export const MAX_FILE_NAME_BYTES = 255;

/** Consumer and provider names whose pact file name no file system would take are refused up front. */
export function checkPactFileName(consumer: string, provider: string, names: readonly [string, string] = ['--consumer', '--provider']): string {
  const name = pactFileName(consumer, provider);
  const bytes = Buffer.byteLength(name);
  if (bytes > MAX_FILE_NAME_BYTES) {
    throw new KitError('BAD_NAME', `the pact file name '<consumer>-<provider>.json' would be ${bytes} characters; file systems allow ${MAX_FILE_NAME_BYTES}: use shorter names`, {
      argument: consumer.length >= provider.length ? names[0] : names[1],
    });
  }
  return name;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        .map((key) => [key, sortKeys(record[key])]),
    );
  }
  return value;
}

/** JSON with object keys sorted by code unit (locale-independent), 2-space indent, trailing newline. */
export function canonicalJson(value: unknown): string {
  // The Pact core writes its keys sorted already: then the sorted copy would be the same value,
  // and JSON.stringify gives the same text without it.
  return `${JSON.stringify(inCanonicalOrder(value) ? value : sortKeys(value), null, 2)}\n`;
}

/**
 * Whether `value` is plain JSON data whose objects already list their keys as `sortKeys` would
 * (integer-like keys first, as JavaScript always lists them, then the others by code unit): the
 * sorted copy would enumerate the same. Anything else (undefined, NaN, a Date...) says no.
 */
function inCanonicalOrder(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || typeof item === 'string' || typeof item === 'boolean') continue;
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) return false;
      continue;
    }
    if (typeof item !== 'object') return false;
    if (Array.isArray(item)) {
      for (let i = 0; i < item.length; i++) {
        if (!(i in item)) return false;
        stack.push(item[i]);
      }
      continue;
    }
    const prototype: unknown = Object.getPrototypeOf(item);
    if (prototype !== Object.prototype && prototype !== null) return false;
    let previous: string | undefined;
    for (const key of Object.keys(item)) {
      if (!isArrayIndex(key)) {
        if (previous !== undefined && !(previous < key)) return false;
        previous = key;
      }
      stack.push((item as Record<string, unknown>)[key]);
    }
  }
  return true;
}

/** A key JavaScript lists before the others, in numeric order: an array index, 0 to 2³² − 2. */
function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9][0-9]{0,9})$/.test(key) && Number(key) < 4294967295;
}

interface PactJson {
  interactions?: Array<{ description?: string }>;
  [key: string]: unknown;
}

/** The pact with its interactions in description order (ties by content), as canonical JSON. */
export function canonicalPact(pact: unknown): string {
  const copy = { ...(pact as PactJson) };
  if (Array.isArray(copy.interactions)) {
    // Content breaks ties between equal descriptions; it is serialised only for those.
    const keyed = copy.interactions.map((interaction) => ({ interaction, text: undefined as string | undefined }));
    const text = (entry: (typeof keyed)[number]): string => (entry.text ??= canonicalJson(entry.interaction));
    keyed.sort((a, b) => {
      const da = a.interaction.description ?? '';
      const db = b.interaction.description ?? '';
      if (da !== db) return da < db ? -1 : 1;
      return text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0;
    });
    copy.interactions = keyed.map((entry) => entry.interaction);
  }
  return canonicalJson(copy);
}
