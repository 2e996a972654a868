/**
 * Canary credentials for secret-scanning tests: distinctive values placed where real credentials
 * would be (environment, SDK configuration, requests), and a scanner that looks for every form
 * they could leak in: as they are, their distinctive tails (a truncated leak), the Basic
 * `id:secret` pair in base64, base64url, percent- and form-encoded, each value in base64, base64url,
 * percent- and form-encoded.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

// Not hex only: `/`, `+` and `=` make every encoding (percent, form, base64, base64url) differ from the value.
export const CANARY = {
  keyId: 'canary-key-id-Jq7Vz9TmX4',
  keySecret: 'canary-secret-Q7/x+Rk=Wz~p',
  accessToken: 'canary-token-Vb+3/Ny=Lq8s',
  projectId: 'canary-project-Hx4Kp9Wr2Y',
} as const;

export const CANARY_BASIC = `Basic ${Buffer.from(`${CANARY.keyId}:${CANARY.keySecret}`).toString('base64')}`;
export const CANARY_BEARER = `Bearer ${CANARY.accessToken}`;

/** The environment a user with these credentials would have (on top of PACT_DO_NOT_TRACK). */
export function canaryEnv(which: 'keys' | 'token' | 'all' = 'all'): Record<string, string> {
  const env: Record<string, string> = { PACT_DO_NOT_TRACK: 'true', SINCH_PROJECT_ID: CANARY.projectId };
  if (which !== 'token') Object.assign(env, { SINCH_KEY_ID: CANARY.keyId, SINCH_KEY_SECRET: CANARY.keySecret });
  if (which !== 'keys') env.SINCH_ACCESS_TOKEN = CANARY.accessToken;
  return env;
}

/** Every form a canary could take in output: [label, text]. */
export function canaryForms(): Array<[string, string]> {
  const forms: Array<[string, string]> = [];
  const pair = `${CANARY.keyId}:${CANARY.keySecret}`;
  for (const [name, value] of Object.entries(CANARY)) {
    forms.push([name, value]);
    forms.push([`${name} tail`, value.slice(value.lastIndexOf('-') + 1)]);
    forms.push([`${name} base64`, Buffer.from(value).toString('base64').replace(/=+$/, '')]);
    forms.push([`${name} base64url`, Buffer.from(value).toString('base64url')]);
    if (encodeURIComponent(value) !== value) forms.push([`${name} percent-encoded`, encodeURIComponent(value)]);
    const form = new URLSearchParams({ v: value }).toString().slice(2);
    if (form !== value && form !== encodeURIComponent(value)) forms.push([`${name} form-encoded`, form]);
  }
  forms.push(['Basic pair base64', Buffer.from(pair).toString('base64').replace(/=+$/, '')]);
  forms.push(['Basic pair base64url', Buffer.from(pair).toString('base64url')]);
  forms.push(['Basic pair percent-encoded', encodeURIComponent(pair)]);
  forms.push(['Basic pair form-encoded', new URLSearchParams({ v: pair }).toString().slice(2)]);
  return forms;
}

export interface ScanTally {
  outputs: number;
  files: number;
  bytes: number;
  /** `<where>: <form>` for each leak. */
  found: string[];
}

export function newTally(): ScanTally {
  return { outputs: 0, files: 0, bytes: 0, found: [] };
}

/** Scans one captured output (stdout, stderr, a message). Case-insensitive: a header or hex dump may change case. */
export function scanText(tally: ScanTally, where: string, text: string): void {
  tally.outputs += 1;
  tally.bytes += Buffer.byteLength(text);
  const lower = text.toLowerCase();
  for (const [label, form] of canaryForms()) {
    const at = lower.indexOf(form.toLowerCase());
    if (at >= 0) tally.found.push(`${where}: ${label} …${text.slice(Math.max(0, at - 60), at + form.length + 20).replace(/\s+/g, ' ')}…`);
  }
}

/** Scans every file under `dir` (recursively), returning the files scanned. */
export function scanTree(tally: ScanTally, dir: string, label = path.basename(dir)): string[] {
  const files: string[] = [];
  const walk = (current: string): void => {
    for (const name of readdirSync(current)) {
      const full = path.join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(dir);
  for (const file of files.sort()) {
    tally.files += 1;
    tally.outputs -= 1; // scanText counts outputs; a file is counted as a file
    scanText(tally, `${label}/${path.relative(dir, file)}`, readFileSync(file).toString('latin1'));
  }
  return files;
}
