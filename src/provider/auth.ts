/**
 * Authentication as the Numbers API does it: HTTP Basic with a key ID and secret, or a bearer token
 * (from the OAuth2 client-credentials endpoint, which the provider also serves at `/oauth2/token` so
 * the official SDKs work against it). Accepted: the placeholders (`Bearer example-token`, the key pair
 * `example-key-id`/`example-key-secret`), configured credentials, and tokens this server issued.
 * Everything else, `Bearer invalid-token` included, is 401.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ProviderCredentials } from './types.js';

export const PLACEHOLDER_TOKEN = 'example-token';
export const PLACEHOLDER_KEY_ID = 'example-key-id';
export const PLACEHOLDER_KEY_SECRET = 'example-key-secret';
/** Lifetime the token endpoint announces, seconds. */
const TOKEN_LIFETIME_S = 3600;

export interface Authenticator {
  /** True when the Authorization header carries accepted credentials. */
  accepts(authorization: string | undefined): boolean;
  /** The OAuth2 token endpoint: a token for an accepted Basic key pair, else undefined. */
  issueToken(authorization: string | undefined): { access_token: string; expires_in: number; scope: string; token_type: string } | undefined;
}

export function createAuthenticator(configured: readonly ProviderCredentials[], acceptPlaceholders: boolean): Authenticator {
  const tokens = new Set<string>();
  const pairs: Array<[string, string]> = [];
  for (const c of configured) {
    if (c.accessToken !== undefined && c.accessToken !== '') tokens.add(c.accessToken);
    if (c.keyId !== undefined && c.keySecret !== undefined && c.keyId !== '' && c.keySecret !== '') pairs.push([c.keyId, c.keySecret]);
  }
  if (acceptPlaceholders) {
    tokens.add(PLACEHOLDER_TOKEN);
    pairs.push([PLACEHOLDER_KEY_ID, PLACEHOLDER_KEY_SECRET]);
  }
  const issued = new Set<string>();

  const basicAccepted = (credential: string): boolean => {
    const decoded = Buffer.from(credential, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return false;
    const id = decoded.slice(0, colon);
    const secret = decoded.slice(colon + 1);
    return pairs.some(([keyId, keySecret]) => same(id, keyId) && same(secret, keySecret));
  };

  return {
    accepts(authorization) {
      const parsed = parse(authorization);
      if (parsed === undefined) return false;
      if (parsed.scheme === 'bearer') return [...tokens].some((t) => same(parsed.credential, t)) || issued.has(parsed.credential);
      return basicAccepted(parsed.credential);
    },
    issueToken(authorization) {
      const parsed = parse(authorization);
      if (parsed === undefined || parsed.scheme !== 'basic' || !basicAccepted(parsed.credential)) return undefined;
      const token = `reference-${randomBytes(18).toString('base64url')}`;
      if (issued.size > 10_000) issued.clear();
      issued.add(token);
      return { access_token: token, expires_in: TOKEN_LIFETIME_S, scope: '', token_type: 'bearer' };
    },
  };
}

function parse(authorization: string | undefined): { scheme: 'basic' | 'bearer'; credential: string } | undefined {
  const match = /^(Basic|Bearer)\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (match === null) return undefined;
  return { scheme: (match[1] as string).toLowerCase() as 'basic' | 'bearer', credential: match[2] as string };
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Credentials from the environment, as `serve` and `verify` read them (never printed). */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): ProviderCredentials[] {
  const list: ProviderCredentials[] = [];
  const keyId = env.SINCH_KEY_ID;
  const keySecret = env.SINCH_KEY_SECRET;
  if (keyId !== undefined && keyId !== '' && keySecret !== undefined && keySecret !== '') list.push({ keyId, keySecret });
  const token = env.SINCH_ACCESS_TOKEN;
  if (token !== undefined && token !== '') list.push({ accessToken: token });
  return list;
}
