import { expect } from 'chai';
import path from 'node:path';
import { canonicalJson } from '../../src/util/canonical-json.js';
import { displayPath } from '../../src/util/display-path.js';
import { escapeMarkup } from '../../src/util/markup.js';
import { isRecord } from '../../src/util/record.js';
import { escapeRegex } from '../../src/util/regex.js';
import { withTimeout } from '../../src/util/timeout.js';

describe('util: the small helpers, one of each', () => {
  it('isRecord: plain objects only (not null, not arrays)', () => {
    const rows: Array<[unknown, boolean]> = [
      [{}, true],
      [Object.create(null), true],
      [[], false],
      [null, false],
      ['x', false],
      [1, false],
      [undefined, false],
      [() => 1, false],
    ];
    rows.forEach(([value, expected], i) => expect(isRecord(value), `row ${i}`).to.equal(expected));
  });

  it('displayPath: below the cwd relative with /, elsewhere as given, URLs as they are', () => {
    const cwd = path.resolve('/work/project');
    const rows: Array<[string, string]> = [
      [path.join(cwd, 'pacts', 'a.json'), 'pacts/a.json'],
      [cwd, cwd],
      [path.resolve('/elsewhere/b.json'), path.resolve('/elsewhere/b.json')],
      [path.resolve('/work/project-two/c.json'), path.resolve('/work/project-two/c.json')],
      ['https://broker.example/pacts/provider/x', 'https://broker.example/pacts/provider/x'],
    ];
    for (const [file, shown] of rows) expect(displayPath(cwd, file)).to.equal(shown);
  });

  it('canonicalJson: keys by code unit whatever the locale; compact or indented; arrays keep their order', () => {
    expect(canonicalJson({ b: 1, a: { Z: 1, a: 2, ä: 3 } }, 2)).to.equal('{\n  "a": {\n    "Z": 1,\n    "a": 2,\n    "ä": 3\n  },\n  "b": 1\n}');
    expect(canonicalJson({ b: [3, { d: 1, c: 2 }], a: null, 10: 'x', 2: 'y' })).to.equal('{"2":"y","10":"x","a":null,"b":[3,{"c":2,"d":1}]}');
    expect(canonicalJson({ a: 1, b: 2 })).to.equal('{"a":1,"b":2}');
  });

  it('escapeMarkup: the five markup characters, and what XML 1.0 forbids removed', () => {
    expect(escapeMarkup(`<a href="x">'&'</a>`)).to.equal('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeMarkup('a\u0000b\u001bc\td\ne\uffffe\ud800f😀')).to.equal('abc\td\neef😀');
    expect(escapeMarkup(42)).to.equal('42');
  });

  it('escapeRegex: matches the text literally, with and without the u flag', () => {
    const text = 'a.b*c+d?e^f$g{h}i(j)k|l[m]n\\o/p-q';
    for (const flags of ['', 'u']) expect(new RegExp(`^${escapeRegex(text)}$`, flags).test(text)).to.equal(true);
    expect(new RegExp(escapeRegex('a.b')).test('axb')).to.equal(false);
  });

  it('withTimeout: the work’s value, or the timeout’s error (then the controller is aborted)', async () => {
    expect(await withTimeout(Promise.resolve(7), 1000, () => new Error('late'))).to.equal(7);
    const controller = new AbortController();
    const never = new Promise<never>(() => undefined);
    const error = await withTimeout(never, 1, () => new Error('did not finish within 1 ms'), controller).catch((e: unknown) => e);
    expect((error as Error).message).to.equal('did not finish within 1 ms');
    expect(controller.signal.aborted).to.equal(true);
    const failing = await withTimeout(Promise.reject(new Error('own')), 1000, () => new Error('late')).catch((e: unknown) => e);
    expect((failing as Error).message).to.equal('own');
  });
});
