/**
 * Credentials never reach a failure message: values under credential-like keys are replaced,
 * and text is scrubbed of bearer/basic tokens, JWTs, project ids in paths and the values of
 * SINCH_* environment variables (key id, key secret, project id, tokens).
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

/** Values of credential-like environment variables (SINCH_KEY_SECRET, SINCH_PROJECT_ID, *_TOKEN, ...). */
function envSecrets(): string[] {
  const env = typeof process === 'object' && process !== null ? process.env : undefined;
  if (env === undefined) return [];
  const out: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || value.length < 6) continue;
    if (/^SINCH_.*(KEY|SECRET|TOKEN|PROJECT|PASSWORD|PLAN)/.test(name) || /(TOKEN|SECRET|PASSWORD)$/.test(name)) out.push(value);
  }
  // Longest first, so a value that contains another is replaced whole.
  return out.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

export function redactText(text: string): string {
  let out = text;
  for (const secret of envSecrets()) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  for (const [pattern, replacement] of TEXT_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

export { REDACTED };
