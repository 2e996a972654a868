/**
 * The one path-template reader (issue 15 sweep): the provider's router, coverage's routes, the
 * harness's path parameters, the catalog's request builder and lint all read `{name}` through
 * src/openapi/path-template.ts. Before, each used `\{[^}]+\}` (quadratic on `{{{{…`: every `{` scanned
 * to the end for a `}`) and compiled `([^/]+?)` groups (polynomial on a long segment that does not
 * fit `/{a}{b}{c}x`). Linearity is checked by counting the characters looked at, never by the clock.
 */
import { expect } from 'chai';
import { compilePathTemplate, fillPathTemplate, parsePathTemplate, templateNames } from '../../src/openapi/path-template.js';

/** What the old `split(/(\{[^}]+\})/)` gave, as names and literal text, on small inputs. */
function oldReading(template: string): Array<string | { name: string }> {
  return template
    .split(/(\{[^}]+\})/)
    .filter((p) => p !== '')
    .map((p) => {
      const name = /^\{([^}]+)\}$/.exec(p)?.[1];
      return name === undefined ? p : { name };
    });
}

function reading(template: string): Array<string | { name: string }> {
  const out: Array<string | { name: string }> = [];
  for (const part of parsePathTemplate(template)) {
    const item = part.kind === 'param' && part.name !== '' ? { name: part.name } : part.kind === 'param' ? '{}' : part.text;
    const last = out.at(-1);
    if (typeof item === 'string' && typeof last === 'string') out[out.length - 1] = last + item;
    else out.push(item);
  }
  return out;
}

function steps(run: (counter: { count: number }) => void): number {
  const counter = { count: 0 };
  run(counter);
  return counter.count;
}

describe('openapi/path-template: one linear reader and matcher of {name}', () => {
  const templates = [
    '/v1/projects/{projectId}/availableNumbers/{phoneNumber}:rent',
    '/v1/projects/{projectId}/availableNumbers:rentAny',
    '/a/{b}{c}/d',
    '/{{a}/x',
    '/{a}}/x',
    '/{}/{a}',
    '/{/x',
    '}{',
    '/{a}-{b}.json',
    '',
  ];
  for (const template of templates) {
    it(`reads ${JSON.stringify(template)} as \\{[^}]+\\} did`, () => {
      expect(reading(template)).to.deep.equal(oldReading(template));
    });
  }

  it("names and fills: '{}' is an empty name for lint, kept as text when filling", () => {
    expect(templateNames('/x/{a}/{}/{b}')).to.deep.equal(['a', '', 'b']);
    expect(fillPathTemplate('/x/{a}/{}/{b}/{c}', (n) => ({ a: '1', b: '2' })[n])).to.equal('/x/1/{}/2/{c}');
  });

  const rows: Array<{ template: string; stops?: string; path: string; values: string[] | undefined }> = [
    { template: '/v1/projects/{projectId}/availableNumbers/{phoneNumber}', stops: '/:', path: '/v1/projects/p1/availableNumbers/+12025550123', values: ['p1', '+12025550123'] },
    { template: '/v1/projects/{projectId}/availableNumbers/{phoneNumber}', stops: '/:', path: '/v1/projects/p1/availableNumbers/+12025550123:rent', values: undefined },
    { template: '/v1/projects/{projectId}/availableNumbers/{phoneNumber}:rent', stops: '/:', path: '/v1/projects/p1/availableNumbers/+12025550123:rent', values: ['p1', '+12025550123'] },
    { template: '/v1/projects/{projectId}/availableNumbers/{phoneNumber}', path: '/v1/projects/p1/availableNumbers/+12025550123:rent', values: ['p1', '+12025550123:rent'] },
    { template: '/v1/projects/{projectId}/availableNumbers:rentAny', stops: '/:', path: '/v1/projects/p1/availableNumbers:rentAny', values: ['p1'] },
    { template: '/a/{id}', path: '/a/', values: undefined },
    { template: '/a/{id}', path: '/a/x/', values: undefined },
    { template: '/a/{id}', path: '/a/x/y', values: undefined },
    { template: '/a/{id}.json', path: '/a/x.json', values: ['x'] },
    { template: '/a/{id}.json', path: '/a/.json', values: undefined },
    { template: '/a/v{major}.{minor}', path: '/a/v1.2', values: ['1', '2'] },
    { template: '/a/{x}{y}', path: '/a/abc', values: ['a', 'bc'] },
    { template: '/{__proto__}/{constructor}', path: '/p/c', values: ['p', 'c'] },
  ];
  for (const row of rows) {
    it(`${row.template} ${row.stops === undefined ? '' : `(stops ${row.stops}) `}against ${row.path}: ${JSON.stringify(row.values)}`, () => {
      expect(compilePathTemplate(row.template, row.stops).match(row.path)).to.deep.equal(row.values);
    });
  }

  const hostile: Array<{ name: string; work: (n: number, counter: { count: number }) => void }> = [
    { name: 'a template of n × "{" (no "}")', work: (n, c) => void parsePathTemplate('{'.repeat(n), c) },
    { name: 'a template of n × "{" then one "}"', work: (n, c) => void parsePathTemplate(`${'{'.repeat(n)}}`, c) },
    { name: 'a template of n × "{}"', work: (n, c) => void parsePathTemplate('{}'.repeat(n), c) },
    { name: 'a template of n × "}{"', work: (n, c) => void parsePathTemplate('}{'.repeat(n), c) },
    { name: 'a path of n characters that does not fit /{a}{b}{c}x', work: (n, c) => void compilePathTemplate('/{a}{b}{c}x', '/', c).match(`/${'a'.repeat(n)}`) },
    { name: 'a path of n characters that does not fit /{a}-{b}-{c}.json', work: (n, c) => void compilePathTemplate('/{a}-{b}-{c}.json', '/', c).match(`/${'-'.repeat(n)}`) },
    { name: 'a path of n × "/" against /{a}/{b}', work: (n, c) => void compilePathTemplate('/{a}/{b}', '/:', c).match('/'.repeat(n)) },
  ];
  for (const row of hostile) {
    it(`linear on ${row.name}: twice the input, at most 2.1 × the characters looked at`, () => {
      const small = steps((c) => row.work(20_000, c));
      const large = steps((c) => row.work(40_000, c));
      expect(small).to.be.greaterThan(0);
      expect(large / small, `${small} → ${large}`).to.be.at.most(2.1);
      expect(large, 'a bounded number of looks per character').to.be.at.most(4 * 40_000 + 100);
    });
  }
});
