/**
 * Pact files as the kit writes them: canonical JSON (keys sorted, interactions ordered by
 * description, two-space indent, final newline) written atomically (temp file in the same
 * directory, fsync, rename), so a reader never sees half a file and the bytes depend only on
 * the content.
 */
import { KitError } from '../errors.js';
import { canonicalJson } from '../util/canonical-json.js';

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
const MAX_FILE_NAME_BYTES = 255;

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
    const text = (entry: (typeof keyed)[number]): string => (entry.text ??= canonicalJson(entry.interaction, 2));
    keyed.sort((a, b) => {
      const da = a.interaction.description ?? '';
      const db = b.interaction.description ?? '';
      if (da !== db) return da < db ? -1 : 1;
      return text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0;
    });
    copy.interactions = keyed.map((entry) => entry.interaction);
  }
  return `${canonicalJson(copy, 2)}\n`;
}
