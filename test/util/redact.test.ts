import { expect } from 'chai';
import { createRedactor, redactHead, redactText, REDACTED, SCAN_MARGIN, secretForms } from '../../src/util/redact.js';

/** Canaries with `/`, `+`, `=`, `~`, `!`, `:`, a space and non-hex, non-ASCII letters: every encoding differs from the raw value. */
const ID = 'Kéy-ïd/7+Q=';
const SECRET = 'sEcr3t/Zx+Wq=Ty~p!k vÖ';
const TOKEN = 'tok+Rm/Xy==Lq8';
const PROJECT = 'proj-Kz9/Ab';
const ENV = { SINCH_KEY_ID: ID, SINCH_KEY_SECRET: SECRET, SINCH_ACCESS_TOKEN: TOKEN, SINCH_PROJECT_ID: PROJECT, PACT_BROKER_USERNAME: 'ci-user', PACT_BROKER_PASSWORD: 'br0ker/P+ss=' };

const b64 = (text: string): string => Buffer.from(text).toString('base64');
const b64url = (text: string): string => Buffer.from(text).toString('base64url');
const form = (text: string): string => new URLSearchParams({ v: text }).toString().slice(2);

/** Every encoding of `value` the kit could print, computed independently of the redactor (Buffer, not btoa). */
function encodingsOf(value: string): Array<[string, string]> {
  return [
    ['raw', value],
    ['encodeURIComponent', encodeURIComponent(value)],
    ['encodeURIComponent, lower-case hex', encodeURIComponent(value).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())],
    ['form encoding', form(value)],
    ['base64', b64(value)],
    ['base64 without padding', b64(value).replace(/=+$/, '')],
    ['base64url', b64url(value)],
    ['base64url with padding', b64url(value) + '='.repeat((4 - (b64url(value).length % 4)) % 4)],
  ];
}

describe('util/redact: one redactor, every encoding of every secret', () => {
  const redact = createRedactor({ env: ENV });

  const secrets: Array<[string, string]> = [
    ['SINCH_KEY_ID', ID],
    ['SINCH_KEY_SECRET', SECRET],
    ['SINCH_ACCESS_TOKEN', TOKEN],
    ['SINCH_PROJECT_ID', PROJECT],
    ['PACT_BROKER_PASSWORD', ENV.PACT_BROKER_PASSWORD],
    ['the Basic pair SINCH_KEY_ID:SINCH_KEY_SECRET', `${ID}:${SECRET}`],
    ['the Basic pair PACT_BROKER_USERNAME:PACT_BROKER_PASSWORD', `ci-user:${ENV.PACT_BROKER_PASSWORD}`],
  ];
  for (const [name, value] of secrets) {
    for (const [encoding, form] of encodingsOf(value)) {
      it(`${name}, ${encoding}: gone from a FAIL line`, () => {
        expect(form, 'the canary must change under this encoding or be raw').to.satisfy((f: string) => encoding === 'raw' || f !== value || !/[/+= ~!:]/.test(value));
        const out = redact(`FAIL x: provider said (${form}) at ?q=${form}&n=1`);
        expect(out).to.not.include(form);
        expect(out).to.include(REDACTED);
      });
    }
  }

  it('the canaries really exercise the encodings: /, +, = and non-hex characters in each', () => {
    for (const value of [ID, SECRET, TOKEN])
      expect(value)
        .to.match(/[/]/)
        .and.match(/[+]/)
        .and.match(/=/)
        .and.match(/[g-zG-Z]/);
    expect(b64(`${ID}:${SECRET}`)).to.match(/[+/]/);
    expect(b64url(`${ID}:${SECRET}`)).to.match(/[-_]/);
  });

  it('replaces a value containing another whole (longest first)', () => {
    expect(redact(`Basic ${b64(`${ID}:${SECRET}`)}`)).to.equal(`Basic ${REDACTED}`);
    expect(secretForms(ENV).every((form, i, all) => i === 0 || all[i - 1]!.length >= form.length)).to.equal(true);
  });

  const rules: Array<[string, string, string]> = [
    ['URL password', 'GET http://alice:hunter2@127.0.0.1:9/x failed', `GET http://alice:${REDACTED}@127.0.0.1:9/x failed`],
    ['URL password with encoded characters', 'https://bob:p%40ss%2Fw@broker.example/pacts', `https://bob:${REDACTED}@broker.example/pacts`],
    ['URL password in a JUnit suite name', '<testsuite name="http://u:s3cret@host/pact.json">', `<testsuite name="http://u:${REDACTED}@host/pact.json">`],
    ['URL user only stays', 'https://token-less@host/x', 'https://token-less@host/x'],
    ['URL with a port, no userinfo, stays', 'http://127.0.0.1:8080/a@b', 'http://127.0.0.1:8080/a@b'],
    ['IPv6 host stays', 'http://[::1]:8080/x', 'http://[::1]:8080/x'],
    ['Bearer credential', 'Authorization: Bearer abc.def-ghi', `Authorization: Bearer ${REDACTED}`],
    ['Basic credential', 'authorization: basic dXNlcjpwYXNz', `authorization: basic ${REDACTED}`],
    ['Bearer with characters outside token68', 'Bearer abc!def(x)', `Bearer ${REDACTED}`],
    ['Digest', 'Digest a1b2c3', `Digest ${REDACTED}`],
    ['placeholders of the contracts stay', 'Bearer example-token and Bearer invalid-token', 'Bearer example-token and Bearer invalid-token'],
    ['a challenge stays', 'WWW-Authenticate: Bearer realm="numbers.api.sinch.com", error="invalid_token"', 'WWW-Authenticate: Bearer realm="numbers.api.sinch.com", error="invalid_token"'],
    ['JWT', 'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig', `jwt ${REDACTED}`],
    ['JWT inside a word run is still a JWT', 'x-eyJhbGciOi.eyJzdWIi.sig', `x-${REDACTED}`],
    ['key=value secret', 'client_secret=abc123&x=1', `client_secret=${REDACTED}&x=1`],
    ['JSON key secret', '{"access_token": "abc", "password":"p"}', `{"access_token": "${REDACTED}", "password":"${REDACTED}"}`],
    ['project id in a path', 'GET /v1/projects/a1b2c3d4-0000-4000-8000-00000000c0de/activeNumbers', `GET /v1/projects/${REDACTED}/activeNumbers`],
    ['any project id in an API path, not only hex', 'GET /v1/projects/my-real-project/activeNumbers', `GET /v1/projects/${REDACTED}/activeNumbers`],
    ['an id-like project after any /projects/', 'https://h/numbers/projects/0f3c9e2a-77/x', `https://h/numbers/projects/${REDACTED}/x`],
    ['a folder named projects in a file path stays', '/home/me/projects/kit/pacts/a.json', '/home/me/projects/kit/pacts/a.json'],
    ['a template or placeholder project stays', '/v1/projects/{projectId}/x /v1/projects/example-project/x', '/v1/projects/{projectId}/x /v1/projects/example-project/x'],
  ];
  for (const [name, input, output] of rules) {
    it(`rule: ${name}`, () => {
      expect(createRedactor({ env: {} })(input)).to.equal(output);
    });
  }

  it('keeps the project ids it is told to keep (a case’s documented ones)', () => {
    const keep = createRedactor({ env: {}, keepProjects: ['12c0ffee-dada-beef-cafe-baadc0de5678', 'documented-project'] });
    expect(keep('/v1/projects/12c0ffee-dada-beef-cafe-baadc0de5678/a /v1/projects/other-one/a')).to.equal(`/v1/projects/12c0ffee-dada-beef-cafe-baadc0de5678/a /v1/projects/${REDACTED}/a`);
  });

  it('is idempotent: redacted text passes through unchanged', () => {
    const once = redact(`Bearer ${TOKEN} http://u:${SECRET}@h/v1/projects/${PROJECT}/x password=${SECRET} ${b64(`${ID}:${SECRET}`)}`);
    expect(redact(once)).to.equal(once);
    expect(once).to.not.match(/\]\]/);
  });

  it('snapshots the environment when made; redactText reads it at each call (no module state)', () => {
    const previous = process.env.SINCH_KEY_SECRET;
    try {
      process.env.SINCH_KEY_SECRET = 'first-secret-value';
      const made = createRedactor();
      process.env.SINCH_KEY_SECRET = 'second-secret-value';
      expect(made('first-secret-value second-secret-value')).to.equal(`${REDACTED} second-secret-value`);
      expect(redactText('first-secret-value second-secret-value')).to.equal(`first-secret-value ${REDACTED}`);
    } finally {
      if (previous === undefined) delete process.env.SINCH_KEY_SECRET;
      else process.env.SINCH_KEY_SECRET = previous;
    }
  });

  it('ignores values under 4 characters (they would redact ordinary words)', () => {
    expect(createRedactor({ env: { SINCH_KEY_ID: 'abc' } })('abc abcd')).to.equal('abc abcd');
  });
});

describe('util/redact: bounded scanning (sizes, not time)', () => {
  it('scans at most max + SCAN_MARGIN characters of a huge text, whatever its size', () => {
    for (const size of [1_000, 1 << 20, 64 << 20]) {
      const scanned: number[] = [];
      const huge = 'x'.repeat(size);
      const out = redactHead(huge, 500, (text) => {
        scanned.push(text.length);
        return text;
      });
      expect(scanned, `size ${size}`).to.deep.equal([Math.min(size, 500 + SCAN_MARGIN)]);
      expect(out.text.length).to.equal(Math.min(size, 500));
      expect(out.cut).to.equal(size > 500);
    }
  });

  it('never shows part of a secret that crosses the scanned window’s end, however much redaction shrank the window', () => {
    const redact = createRedactor({ env: ENV });
    const filler = `${SECRET} `.repeat(Math.ceil((500 + SCAN_MARGIN) / (SECRET.length + 1)));
    for (let shift = 0; shift < 24; shift++) {
      const text = `${filler.slice(0, 500 + SCAN_MARGIN - shift)}${TOKEN}${'y'.repeat(SCAN_MARGIN)}`;
      const head = redactHead(text, 500, redact).text;
      expect(head.length).to.be.at.most(500);
      for (let n = 4; n <= TOKEN.length; n++) expect(head, `shift ${shift}`).to.not.include(TOKEN.slice(0, n));
    }
  });
});
