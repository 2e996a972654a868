import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildDigest, formatDigest, quoteIn, type SourcesDigest } from '../../scripts/lib/digest.js';
import { loadCatalog } from '../../src/catalog/index.js';
import { sourceLocation } from '../../src/catalog/sources.js';
import { isProvisioningCase, type Catalog, type CaseSource, type ErrorCase, type NumbersCase } from '../../src/catalog/types.js';
import { pointerOf } from '../../src/openapi/walk.js';
import { bundledSpec, repoRoot } from '../helpers/paths.js';

const DIGEST_FILE = path.join(repoRoot, 'openapi', 'sources.digest.json');
/** Only this check may read ../shared: a user's clone has none, and the committed digest stands in for it. */
const REFERENCE_DIR = path.resolve(repoRoot, '..', 'shared', 'reference');
const HAS_REFERENCE = existsSync(REFERENCE_DIR);

/** Why an official-spec source does not hold for its case, or undefined when it does. */
function officialProblem(digest: SourcesDigest, c: NumbersCase, pointer: string): string | undefined {
  if (!digest.official.pointers.includes(pointer) && digest.quotes.official[pointer] === undefined) return `${pointer} is not a pointer of the official spec (openapi/sources.digest.json)`;
  const op = digest.official.operations.find((o) => o.operationId === c.operationId);
  if (op === undefined) return `the official spec has no operation ${c.operationId}`;
  const response = op.responses[String(c.status)];
  if (response === undefined) return `the official spec declares no ${c.status} on ${c.operationId}`;
  if (pointer.startsWith('/paths/')) {
    const own = `${op.pointer}${pointerOf('responses', String(c.status))}`;
    return pointer === own ? undefined : `a /paths pointer must be this operation's ${c.status} response (${own})`;
  }
  // A component: the operation's response (or, for a rule on the request, its request body) must be it,
  // use it as its schema, or contain the cited node.
  const schemaRef = (s: unknown): string | undefined => (s as { $ref?: string } | undefined)?.$ref;
  const refs = [response.ref, ...Object.values(response.content).map(schemaRef), ...Object.values(op.requestBody?.content ?? {}).map(schemaRef)].filter((r): r is string => r !== undefined).map((r) => r.replace(/^#/, ''));
  if (refs.some((r) => pointer === r || pointer.startsWith(`${r}/`))) return undefined;
  // A provisioning failure is a field deep inside the 2xx answer (ActiveNumber → smsConfiguration →
  // scheduledProvisioning → errorCodes → SmsErrorCode): any component the answer reaches through $refs.
  if (isProvisioningCase(c) && reachable(digest, refs).some((r) => pointer === r || pointer.startsWith(`${r}/`))) return undefined;
  return `${c.operationId} ${c.status} ${isProvisioningCase(c) ? 'reaches' : 'uses'} ${refs.join(', ') || 'no component'}${isProvisioningCase(c) ? ' and their $refs' : ''}, not ${pointer}`;
}

/** Every component the `start` components reach through `$ref`s, in the digest's shapes. */
function reachable(digest: SourcesDigest, start: readonly string[]): string[] {
  const seen = new Set<string>();
  const queue = [...start];
  for (let ref = queue.shift(); ref !== undefined; ref = queue.shift()) {
    if (seen.has(ref)) continue;
    seen.add(ref);
    const [, , kind, name] = ref.split('/');
    const shape = (digest.official.components as Record<string, Record<string, unknown>>)[kind ?? '']?.[name ?? ''];
    for (const match of JSON.stringify(shape ?? null).matchAll(/"\$ref":"#([^"]+)"/g)) queue.push(match[1]!);
  }
  return [...seen];
}

function sourceProblem(digest: SourcesDigest, c: NumbersCase, s: CaseSource): string | undefined {
  switch (s.kind) {
    case 'official-spec': {
      const problem = officialProblem(digest, c, s.pointer);
      if (problem !== undefined) return problem;
      if (s.quote !== undefined && !(digest.quotes.official[s.pointer] ?? []).includes(s.quote)) return `the quote is not in the digest at ${s.pointer} (run npm run digest)`;
      return undefined;
    }
    case 'status-page':
      return digest.quotes['status-page'].includes(s.quote) ? undefined : 'the quote is not in the digest of the status-codes page (run npm run digest)';
    case 'sdk-fixture':
      return digest.quotes.sdk.includes(s.quote) ? undefined : 'the quote is not in the digest of the SDK notes (run npm run digest)';
    case 'inferred':
      return s.reason.length >= 20 ? undefined : 'an inference needs its reasoning';
  }
}

describe('case sources', () => {
  let catalog: Catalog;
  let digest: SourcesDigest;
  before(async () => {
    catalog = await loadCatalog(bundledSpec);
    digest = JSON.parse(readFileSync(DIGEST_FILE, 'utf8')) as SourcesDigest;
  });

  it("every cited pointer and quote exists in the committed digest, and every official pointer is the operation's own declaration", () => {
    const problems = catalog.cases.flatMap((c) => c.sources.map((s) => [c.id, sourceLocation(s), sourceProblem(digest, c, s)] as const).filter(([, , p]) => p !== undefined));
    expect(problems).to.deep.equal([]);
  });

  const rows: [string, CaseSource, string][] = [
    ['an invented status-page quote', { kind: 'status-page', quote: '418 - teapot' }, 'the quote is not in the digest of the status-codes page (run npm run digest)'],
    ['an official pointer that does not exist', { kind: 'official-spec', pointer: '/components/schemas/Nope' }, '/components/schemas/Nope is not a pointer of the official spec (openapi/sources.digest.json)'],
    [
      "another operation's response",
      { kind: 'official-spec', pointer: '/paths/~1v1~1projects~1{projectId}~1activeNumbers/get/responses/404' },
      "a /paths pointer must be this operation's 404 response (/paths/~1v1~1projects~1{projectId}~1availableNumbers~1{phoneNumber}/get/responses/404)",
    ],
    ['a component the operation does not use', { kind: 'official-spec', pointer: '/components/schemas/InternalError' }, 'NumberService_GetAvailableNumber 404 uses /components/schemas/NotFound, not /components/schemas/InternalError'],
    ['an SDK quote nobody recorded', { kind: 'sdk-fixture', repo: 'sinch/sinch-sdk-java', path: 'x.json', quote: 'made up' }, 'the quote is not in the digest of the SDK notes (run npm run digest)'],
  ];
  for (const [name, source, message] of rows) {
    it(`rejects ${name}`, () => {
      const c = catalog.cases.find((x) => x.id === 'NumberService_GetAvailableNumber/404/not_found') as ErrorCase;
      expect(sourceProblem(digest, c, source)).to.equal(message);
    });
  }

  it('a provisioning failure may cite what its 200 answer reaches through $refs, and nothing else', () => {
    const c = catalog.cases.find((x) => x.id === 'NumberService_GetActiveNumber/200/provisioning_failed_campaign_expired')!;
    expect(sourceProblem(digest, c, { kind: 'official-spec', pointer: '/components/schemas/SmsErrorCode/enum' })).to.equal(undefined);
    expect(sourceProblem(digest, c, { kind: 'official-spec', pointer: '/components/schemas/InternalError' })).to.equal(
      'NumberService_GetActiveNumber 200 reaches /components/responses/ActiveNumberResponse, /components/schemas/ActiveNumberResponse and their $refs, not /components/schemas/InternalError',
    );
  });

  it('a 403 the official spec does not declare cannot cite it', () => {
    const c = catalog.cases.find((x) => x.id === 'NumberService_GetActiveNumber/403/permission_denied') as ErrorCase;
    expect(c.sources.map((s) => s.kind)).to.deep.equal(['status-page', 'inferred']);
    expect(sourceProblem(digest, c, { kind: 'official-spec', pointer: '/components/responses/PermissionDenied' })).to.equal('the official spec declares no 403 on NumberService_GetActiveNumber');
  });

  it('quotes match whitespace-insensitively, with ... skipping text, in order', () => {
    expect(quoteIn('a b ... d', 'a  b\nc d')).to.equal(true);
    expect(quoteIn('d ... a', 'a b c d')).to.equal(false);
    expect(quoteIn('a b x', 'a b c')).to.equal(false);
  });

  (HAS_REFERENCE ? it : it.skip)(
    `openapi/sources.digest.json is fresh against ../shared/reference${HAS_REFERENCE ? ' (run npm run digest when it is not)' : ' — SKIPPED: this clone has no ../shared/reference; the committed digest stands in for it'}`,
    async () => {
      const fresh = formatDigest(await buildDigest(REFERENCE_DIR, catalog));
      expect(fresh === readFileSync(DIGEST_FILE, 'utf8'), 'openapi/sources.digest.json is stale: run npm run digest').to.equal(true);
    },
  );
});
