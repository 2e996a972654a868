/**
 * The one redactor. Secrets never reach contracts, logs, reports or failure messages: the values of
 * the credential environment variables in every encoding the kit could print them in, URL
 * passwords, Authorization credentials, JWTs, `key=value` secrets and project ids in paths are
 * replaced by REDACTED. Each redactor snapshots the environment when it is made (no module state).
 *
 * Every pattern here runs in time linear in its input (test/util/regex-linear.test.ts checks their
 * shape), and bounded callers (previews) scan at most `max + SCAN_MARGIN` characters.
 */

import { escapeRegex } from './regex.js';

export const REDACTED = '[redacted]';

export type Redactor = (text: string) => string;

/** Environment variables whose values are credentials (Sinch SDK settings, Pact broker). */
const SECRET_ENV = [
  'SINCH_KEY_ID',
  'SINCH_KEY_SECRET',
  'SINCH_PROJECT_ID',
  'SINCH_APPLICATION_KEY',
  'SINCH_APPLICATION_SECRET',
  'SINCH_SERVICE_PLAN_ID',
  'SINCH_API_TOKEN',
  'SINCH_ACCESS_TOKEN',
  'PACT_BROKER_TOKEN',
  'PACT_BROKER_PASSWORD',
] as const;

/** `user:password` pairs sent as HTTP Basic: the pair's encodings are secrets too. */
const SECRET_PAIRS = [
  ['SINCH_KEY_ID', 'SINCH_KEY_SECRET'],
  ['SINCH_APPLICATION_KEY', 'SINCH_APPLICATION_SECRET'],
  ['PACT_BROKER_USERNAME', 'PACT_BROKER_PASSWORD'],
] as const;

/** Shorter values would redact ordinary words. */
const MIN_SECRET_LENGTH = 4;

/** Characters past a preview's end that are still scanned, so a secret crossing the cut is recognised whole. */
export const SCAN_MARGIN = 4096;

/** Values of the kit's own contracts (placeholders), not credentials: shown as they are. */
const PLACEHOLDER_CREDENTIAL = /^(?:example|invalid)-token$/;
const PLACEHOLDER_PROJECT = /^(?:example|invalid|placeholder|dummy|fake)(?:[-_.][A-Za-z0-9]+)?$/;

/**
 * The shape rules, in order. Each starts where a match attempt cannot begin inside a run an earlier
 * attempt scanned (a literal, or a look-behind excluding the run's characters): linear time.
 */
export const REDACTION_PATTERNS = {
  /** `scheme://user:PASSWORD@host`: the password (the user name stays, it says which account). */
  urlPassword: /(\/\/[^\s/?#@:[\]]*:)[^\s/?#@[\]]+@/g,
  /** An Authorization credential, unless it is an auth-param challenge (`Bearer realm="…"`). */
  credential: /\b([Bb]earer|[Bb]asic|Digest)[ \t]+(?!(?:realm|error|scope|charset)\b)([^\s'"`<>,[\]{}]+)/g,
  /** A run of base64url and dots: a JWT is looked for inside it by `redactJwts` (one pass over each run). */
  jwtRun: /[A-Za-z0-9_.-]+/g,
  keyValue: /((?:key[_-]?secret|client[_-]?secret|access[_-]?token|refresh[_-]?token|api[_-]?key|password|passwd)["']?[ \t]*[:=][ \t]*["']?)[^\s"',}&]+/gi,
  project: /(\/projects\/)([A-Za-z0-9][^/\s'"?#,)[\]]*)/g,
} as const;

/** Credential-like keys (headers, JSON fields): their values are never shown. */
const SECRET_KEY = /authorization|cookie|token|secret|passw|api[-_]?key|credential|signature|^key(?:[-_]?id)?$|^x-api-key$/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

export interface RedactOptions {
  /** Where the credential variables are read (default `process.env`), once, when the redactor is made. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Project ids shown as they are (a case's documented, fictional ones). */
  keepProjects?: readonly string[];
}

/** One redactor, with the environment's secrets as they are now. */
export function createRedactor(options: RedactOptions = {}): Redactor {
  const secrets = secretForms(options.env ?? processEnv());
  const keep = options.keepProjects ?? [];
  const literal = secrets.length === 0 ? undefined : new RegExp(secrets.map(escapeRegex).join('|'), 'gi');
  const p = REDACTION_PATTERNS;
  return (text) => {
    let out = literal === undefined ? text : text.replace(literal, REDACTED);
    out = out.replace(p.urlPassword, `$1${REDACTED}@`);
    out = out.replace(p.credential, (whole, scheme: string, value: string) => (PLACEHOLDER_CREDENTIAL.test(value) ? whole : `${scheme} ${REDACTED}`));
    out = out.replace(p.jwtRun, redactJwts);
    out = out.replace(p.keyValue, `$1${REDACTED}`);
    return out.replace(p.project, (whole, prefix: string, id: string, at: number, all: string) => (isProjectId(id, all.slice(Math.max(0, at - 3), at)) && !keep.includes(id) ? `${prefix}${REDACTED}` : whole));
  };
}

/**
 * The JWTs (`eyJ<header ≥ 4>.<payload ≥ 4>.<signature>`) in a run of base64url and dots. By hand, not
 * by a regex: `eyJ[…-]{4,}\.` re-scans the run from every `eyJ` in it (`-eyJ-eyJ-eyJ…` is quadratic);
 * here each dot-separated part is looked at once.
 */
export function redactJwts(run: string): string {
  if (!run.includes('eyJ')) return run;
  const parts = run.split('.');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    const at = part.indexOf('eyJ');
    if (at >= 0 && part.length - at >= 7 && i + 2 < parts.length && (parts[i + 1] ?? '').length >= 4) {
      out.push(`${part.slice(0, at)}${REDACTED}`);
      i += 2;
    } else out.push(part);
  }
  return out.join('.');
}

/**
 * A project id in an API path: any segment after `/v1/projects/`, an id-like one (hex and dashes,
 * 8 or more) after any `/projects/`. Not a folder such as `~/projects/my-app/` in a file path.
 */
function isProjectId(id: string, before: string): boolean {
  if (PLACEHOLDER_PROJECT.test(id)) return false;
  return before === '/v1' || /^[0-9a-fA-F-]{8,}$/.test(id);
}

/** Redacts `text` with the environment as it is now. */
export function redactText(text: string, options?: RedactOptions): string {
  return createRedactor(options)(text);
}

/**
 * The first `max` characters of `text`, redacted, scanning at most `max + SCAN_MARGIN` of them
 * (a 1 GiB string costs what a 5 KiB one does). `cut` says whether anything was left out.
 */
export function redactHead(text: string, max: number, redact: Redactor = createRedactor()): { text: string; cut: boolean } {
  if (text.length <= max) return { text: redact(text), cut: false };
  const window = redact(text.slice(0, max + SCAN_MARGIN));
  // A secret crossing the window's end is at the redacted window's tail: never show that tail.
  const keep = text.length > max + SCAN_MARGIN ? Math.min(max, Math.max(0, window.length - SCAN_MARGIN / 2)) : max;
  return { text: window.slice(0, keep), cut: true };
}

/**
 * Every form each secret can take in output, longest first (so a value containing another is
 * replaced whole): as it is, percent-encoded (URI component and form encoding), base64 and base64url
 * with and without padding; and the Basic `user:password` pairs in each of these forms.
 */
export function secretForms(env: Readonly<Record<string, string | undefined>>): string[] {
  const forms = new Set<string>();
  const add = (value: string): void => {
    for (const form of encodings(value)) forms.add(form);
  };
  for (const name of SECRET_ENV) {
    const value = env[name];
    if (value !== undefined && value.length >= MIN_SECRET_LENGTH) add(value);
  }
  for (const [user, password] of SECRET_PAIRS) {
    const u = env[user];
    const s = env[password];
    if (u !== undefined && s !== undefined && u !== '' && s.length >= MIN_SECRET_LENGTH) add(`${u}:${s}`);
  }
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

function encodings(value: string): string[] {
  const base64 = toBase64(value);
  const base64url = base64.replace(/\+/g, '-').replace(/\//g, '_');
  const unpadded = (text: string): string => text.replace(/(?<!=)=+$/, '');
  const form = new URLSearchParams({ v: value }).toString().slice(2);
  return [value, uriComponent(value), form, base64, unpadded(base64), base64url, unpadded(base64url)];
}

function toBase64(value: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(value)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** encodeURIComponent, which throws on a lone surrogate (then the form encoding covers it). */
function uriComponent(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value;
  }
}

function processEnv(): Readonly<Record<string, string | undefined>> {
  return typeof process === 'object' && process !== null && typeof process.env === 'object' ? process.env : {};
}
