/**
 * Secrets never reach output: configured secret values (and their Basic-auth encoding) and any
 * credential that is not one of the contracts' placeholders are replaced before anything is printed
 * or written.
 */
export type Redactor = (text: string) => string;

const PLACEHOLDERS = /^(example|invalid|placeholder|dummy|fake)([-_.][A-Za-z0-9]+)*$/;

export function secretValues(env: NodeJS.ProcessEnv): string[] {
  const values: string[] = [];
  for (const name of ['SINCH_KEY_SECRET', 'SINCH_ACCESS_TOKEN', 'SINCH_KEY_ID', 'SINCH_PROJECT_ID', 'PACT_BROKER_TOKEN', 'PACT_BROKER_PASSWORD']) {
    const value = env[name];
    if (value !== undefined && value.length >= 4) values.push(value);
  }
  const id = env.SINCH_KEY_ID;
  const secret = env.SINCH_KEY_SECRET;
  if (id !== undefined && secret !== undefined && id !== '' && secret !== '') values.push(Buffer.from(`${id}:${secret}`).toString('base64'));
  const user = env.PACT_BROKER_USERNAME;
  const password = env.PACT_BROKER_PASSWORD;
  if (user !== undefined && password !== undefined && user !== '' && password !== '') values.push(Buffer.from(`${user}:${password}`).toString('base64'));
  // Longest first, so a value containing another is replaced whole.
  return [...new Set(values)].sort((a, b) => b.length - a.length);
}

export function createRedactor(secrets: readonly string[]): Redactor {
  return (text) => {
    let out = text;
    for (const secret of secrets) out = out.split(secret).join('<redacted>');
    // `Bearer realm="..."` is a challenge, not a credential: auth-params are left alone.
    return out.replace(/\b(Basic|Bearer)\s+(?![A-Za-z_]+=")([A-Za-z0-9._~+/=-]+)/g, (whole, scheme: string, credential: string) =>
      PLACEHOLDERS.test(credential) || credential === '<redacted>' ? whole : `${scheme} <redacted>`,
    );
  };
}
