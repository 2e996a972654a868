/**
 * Who may use the broker relay, and for what (issue 15 #1, as guard.ts does for the verification
 * proxy). The relay listens on loopback, where any local process can connect, and it puts the
 * broker credentials (PACT_BROKER_TOKEN or PACT_BROKER_USERNAME/PASSWORD) on what it forwards. So
 * Pact's verifier is given no broker credential at all, only this run's random key as its broker
 * token: it sends `Authorization: Bearer <key>` with every broker request (handed to it over IPC,
 * never on a command line). And only the broker walk is relayed: GET of the broker's index, then
 * GET, POST or PUT of a path the broker itself linked to in an answer of this run (HAL `_links`,
 * templates such as `{provider}` filled with one segment). Anything else is refused with 403 before
 * its body is read, never forwarded, never recorded.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { compilePathTemplate, type CompiledTemplate } from '../openapi/path-template.js';

type BrokerAdmissionResult = { ok: true } | { ok: false; reason: string };

export interface BrokerAdmission {
  /** The broker token Pact's verifier is given: the run's key, not a broker credential. */
  verifierToken: string;
  admit(req: { method?: string | undefined; url?: string | undefined; headers: Record<string, string | string[] | undefined> }): BrokerAdmissionResult;
  /** Reads the links of a broker answer: the paths the verifier may ask for next. */
  learn(body: Buffer): void;
  /** How many distinct link paths are known (for the tests). */
  known(): number;
}

/** Links kept per run: a broker answer with more is read up to here (a real walk needs a dozen or so per pact). */
export const MAX_LINKS = 10_000;
const METHODS = new Set(['GET', 'POST', 'PUT']);
const EMBEDDED_DEPTH = 6;

/** `context`: the broker URL's own path ('' or `/pact-broker`), where the verifier starts. */
export function createBrokerAdmission(context: string): BrokerAdmission {
  const key = randomBytes(32).toString('hex');
  const expected = Buffer.from(`Bearer ${key}`);
  const root = context.replace(/\/$/, '');
  const exact = new Set<string>([`${root}/`, root === '' ? '/' : root]);
  const templated = new Map<string, CompiledTemplate>();
  const add = (href: string): void => {
    if (exact.size + templated.size >= MAX_LINKS) return;
    const path = linkPath(href);
    if (path === undefined) return;
    const compiled = compilePathTemplate(path);
    if (compiled.names.length === 0) exact.add(path);
    else if (!templated.has(path)) templated.set(path, compiled);
  };
  return {
    verifierToken: key,
    admit(req) {
      const given = req.headers.authorization;
      const presented = Buffer.from(typeof given === 'string' ? given : '');
      if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return { ok: false, reason: "this loopback relay serves only this run's Pact verifier" };
      const method = (req.method ?? '').toUpperCase();
      if (!METHODS.has(method)) return { ok: false, reason: `the broker walk sends no ${method || 'empty-method'} requests` };
      const path = (req.url ?? '').split(/[?#]/, 1)[0] ?? '';
      if (exact.has(path)) return { ok: true };
      for (const compiled of templated.values()) if (compiled.match(path) !== undefined) return { ok: true };
      return { ok: false, reason: 'the broker linked to no such path in this run' };
    },
    learn(body) {
      let value: unknown;
      try {
        value = JSON.parse(body.toString('utf8'));
      } catch {
        return;
      }
      for (const href of linkHrefs(value, 0)) add(href);
    },
    known: () => exact.size + templated.size,
  };
}

/** The hrefs of a HAL resource's `_links` and of its `_embedded` resources (not of pact bodies or other data). */
function linkHrefs(value: unknown, depth: number): string[] {
  if (depth > EMBEDDED_DEPTH) return [];
  if (Array.isArray(value)) return value.flatMap((v) => linkHrefs(v, depth + 1));
  if (!isRecord(value)) return [];
  const hrefs: string[] = [];
  const links = Object.hasOwn(value, '_links') ? value._links : undefined;
  if (isRecord(links)) {
    for (const link of Object.values(links)) {
      for (const one of Array.isArray(link) ? link : [link]) if (isRecord(one) && typeof one.href === 'string') hrefs.push(one.href);
    }
  }
  const embedded = Object.hasOwn(value, '_embedded') ? value._embedded : undefined;
  if (isRecord(embedded)) for (const inner of Object.values(embedded)) hrefs.push(...linkHrefs(inner, depth + 1));
  return hrefs;
}

/**
 * The path of a link as Pact's verifier asks for it: it keeps only the path of each link (the
 * relay is its broker); no query or fragment, and no `{?…}` query template.
 */
function linkPath(href: string): string | undefined {
  let rest = href;
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(rest);
  if (scheme !== null) {
    const slash = rest.indexOf('/', scheme[0].length);
    rest = slash === -1 ? '/' : rest.slice(slash);
  }
  const cuts = ['{?', '{&', '?', '#'].map((end) => rest.indexOf(end)).filter((at) => at !== -1);
  if (cuts.length > 0) rest = rest.slice(0, Math.min(...cuts));
  return rest.startsWith('/') ? rest : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
