/**
 * Credentials never reach a failure message: values under credential-like keys are replaced,
 * and text is scrubbed of bearer/basic tokens, JWTs, project ids in paths and the values of
 * credential environment variables (SINCH_KEY_SECRET, SINCH_PROJECT_ID, ..., PACT_BROKER_TOKEN).
 */

const REDACTED = '[redacted]';

const SECRET_KEY = /authorization|cookie|token|secret|passw|api[-_]?key|credential|signature|^key(?:[-_]?id)?$|^x-api-key$/i;

const TEXT_PATTERNS: readonly [RegExp, string][] = [
  [/\b(Bearer|Basic|Digest)\s+(?!realm\b|error\b|scope\b)[A-Za-z0-9._~+/=:-]+/g, `$1 ${REDACTED}`],
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, REDACTED],
  [/(\/projects\/)[0-9a-fA-F-]{8,}/g, `$1${REDACTED}`],
  [/((?:key[_-]?secret|client[_-]?secret|access[_-]?token|api[_-]?key|password)["']?\s*[:=]\s*["']?)[^\s"',}&]+/gi, `$1${REDACTED}`],
];

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

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

/** The values of SECRET_ENV that are set (6 characters or more), longest first. */
function envSecrets(): string[] {
  const env = typeof process === 'object' && process !== null ? process.env : undefined;
  if (env === undefined) return [];
  const out: string[] = [];
  for (const name of SECRET_ENV) {
    const value = env[name];
    if (value !== undefined && value.length >= 6) out.push(value);
  }
  return out.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

/** Only the values of the credential environment variables (for text whose other contents must stay as they are). */
export function redactEnvSecrets(text: string): string {
  let out = text;
  for (const secret of envSecrets()) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

export function redactText(text: string): string {
  let out = redactEnvSecrets(text);
  for (const [pattern, replacement] of TEXT_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

export { REDACTED };
