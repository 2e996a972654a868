/**
 * #15 item 2: foreign text reaches a terminal only through the one sanitiser. A table of hostile
 * strings (escape sequences, OSC 52 clipboard writes, C1 controls, bidi overrides, forged lines)
 * placed in each output path: verify's report lines, coverage's text report (file names,
 * descriptions, paths), list (a supplied spec's text), error lines (file names, messages), a
 * matcher's failure message and the harness's mismatch list. None may carry a control character
 * to the terminal, nor add a line of its own.
 */
import { expect } from 'chai';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatVerdict } from '../../src/match/format.js';
import { checkNumbersError } from '../../src/match/run.js';
import type { Verdict } from '../../src/match/decide.js';
import { formatMismatches } from '../../src/pact/mismatches.js';
import { joinLines, oneLine, terminalSafe, terminalWriter } from '../../src/util/terminal.js';
import { formatOutcome, formatSummary } from '../../src/verify/format.js';
import { cli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';
import { tempDir } from '../verify/helpers.js';

/** Anything a terminal would act on: C0 but \t and \n, DEL, C1, bidi controls, line separators. */
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

const HOSTILE: Array<[string, string]> = [
  ['CSI clear screen', '\u001b[2J\u001b[H'],
  ['SGR colour', '\u001b[32mPASS\u001b[0m'],
  ['OSC 52 clipboard write', '\u001b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\u0007'],
  ['OSC 8 hyperlink', '\u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\'],
  ['C1 CSI (8-bit)', '\u009b2J'],
  ['C1 OSC (8-bit)', '\u009d52;c;eA==\u009c'],
  ['C1 NEL', 'a\u0085b'],
  ['carriage return over the line', 'FAIL\rPASS'],
  ['backspaces', 'FAIL\b\b\b\bPASS'],
  ['bell and NUL', '\u0007\u0000'],
  ['DEL', 'x\u007fy'],
  ['bidi override', 'safe\u202egnp.exe'],
  ['bidi isolate', '\u2066hidden\u2069'],
  ['line separator', 'a\u2028b\u2029c'],
  ['forged line', 'x\nPASS Forged/200/ok'],
];

/** The lines a terminal shows, and the check that none is forged or active. */
function checkOutput(where: string, text: string): void {
  expect(ACTIVE.test(text), `${where}: ${JSON.stringify(text.slice(0, 300))}`).to.equal(false);
  expect(
    text.split('\n').some((line) => line.startsWith('PASS Forged')),
    `${where}: a forged line`,
  ).to.equal(false);
}

describe('util/terminal: one sanitiser for every piece of foreign text', () => {
  it('the CLI writer (terminalWriter) passes the kit’s lines and escapes every control', () => {
    let written = '';
    const write = terminalWriter((t) => (written += t));
    for (const [, hostile] of HOSTILE) write(`${hostile}\n`);
    checkOutput('writer', written.replace(/\n/g, ' '));
    expect(written.split('\n')).to.have.length(HOSTILE.length + 2); // the forged line's own break is the kit's here: joinLines/oneLine handle fields
  });

  it('terminalSafe keeps the kit’s \\n and \\t; oneLine shows them too; both as valid JSON escapes', () => {
    expect(terminalSafe('a\tb\nc\u001b[2Jd\u202e')).to.equal('a\tb\nc\\u001b[2Jd\\u202e');
    expect(oneLine('a\tb\nc\rd')).to.equal('a\\u0009b\\u000ac\\u000dd');
    expect(JSON.parse(terminalSafe(JSON.stringify({ s: 'x\u0085\u202ey' })))).to.deep.equal({ s: 'x\u0085\u202ey' });
    expect(joinLines(['one', 'two\nPASS x'])).to.equal('one\ntwo\\u000aPASS x');
  });

  for (const [name, hostile] of HOSTILE) {
    it(`${name}: sanitised in verify’s report lines, a matcher message and the harness’s mismatch list`, () => {
      checkOutput('terminalSafe', terminalSafe(hostile).replace(/\n/g, ' '));
      checkOutput('oneLine', oneLine(hostile));
      const outcome = { caseId: `Op/404/${hostile}`, description: hostile, source: `pacts/${hostile}.json`, status: 'failed' as const, durationMs: 1, problems: [`body: ${hostile}`, hostile] };
      checkOutput('verify FAIL line', formatOutcome(outcome));
      checkOutput('verify summary', formatSummary({ provider: `provider at http://h/${hostile}`, sources: [], total: 1, passed: 0, failed: 1, errors: 0, pending: 0, durationMs: 1, exitCode: 1, outcomes: [outcome] }));
      const verdict = checkNumbersError({ matcher: 'toBeNumbersError', promiseHint: '' }, { status: 403, headers: { 'x-h': hostile }, body: { code: hostile, text: `blocked ${hostile}` } }, 'unknown_campaign', undefined) as Verdict;
      checkOutput('matcher message', formatVerdict(verdict));
      checkOutput(
        'harness mismatch list',
        formatMismatches([
          { type: 'request-not-found', method: 'GET', path: `/v1/${hostile}` },
          { type: 'request-mismatch', method: 'GET', path: '/x', mismatches: [{ type: 'BodyMismatch', path: '$.a', mismatch: hostile }] },
        ]),
      );
    });
  }

  describe('through the CLI (the writer and the formatters)', () => {
    let dir: string;
    before(async () => {
      dir = await tempDir('terminal');
    });
    after(() => rm(dir, { recursive: true, force: true }));

    it(`coverage text: ${HOSTILE.length} hostile pact file names, descriptions, provider names and paths`, async () => {
      const pacts = path.join(dir, 'pacts');
      await mkdir(pacts, { recursive: true });
      for (const [i, [, hostile]] of HOSTILE.entries()) {
        const name = `p${i}-${hostile.replace(/[/\u0000]/g, '_')}.json`;
        const pact = {
          consumer: { name: `c${i}` },
          provider: { name: `sinch-numbers${hostile}` },
          interactions: [{ description: `d ${hostile}`, request: { method: 'GET', path: `/v1/nowhere/${hostile}` }, response: { status: 404, headers: { 'Content-Type': 'application/json' }, body: { code: hostile, text: hostile } } }],
          metadata: { pactSpecification: { version: '3.0.0' } },
        };
        await writeFile(path.join(pacts, name), JSON.stringify(pact));
      }
      const result = await cli(['coverage', pacts], { cwd: dir });
      expect(result.stdout).to.include(`Undocumented interactions: ${HOSTILE.length}`);
      checkOutput('coverage stdout', result.stdout);
      checkOutput('coverage stderr', result.stderr);
    });

    it('list: a supplied spec whose text carries every hostile string', async () => {
      const yaml = (await readFile(path.join(repoRoot, 'openapi/numbers.v1.yaml'), 'utf8')).replace(/^ {2}version: .*$/m, `  version: ${JSON.stringify(`1.0 ${HOSTILE.map(([, h]) => h).join(' ')}`)}`);
      const spec = path.join(dir, 'hostile.yaml');
      await writeFile(spec, yaml);
      const result = await cli(['list', '--spec', spec], { cwd: dir });
      expect(result.code, result.stderr).to.equal(0);
      expect(result.stdout).to.include('\\u001b]52;c;');
      checkOutput('list stdout', result.stdout);
    });

    it('error lines: a file name and a message with every hostile string', async () => {
      for (const [, hostile] of HOSTILE) {
        const result = await cli(['coverage', path.join(dir, `missing-${hostile.replace(/[/\u0000]/g, '_')}.json`)], { cwd: dir });
        expect(result.code).to.not.equal(0);
        expect(result.stderr.trimEnd().split('\n')).to.have.length(1);
        checkOutput('error line', result.stderr);
      }
      // An argument is the user's own typing (its line breaks stay); its controls are still escaped.
      const usage = await cli(
        [
          `lsit${HOSTILE.filter(([name]) => name !== 'forged line')
            .map(([, h]) => h)
            .join('')}`,
        ],
        { cwd: dir },
      );
      expect(usage.stderr).to.match(/^numbers-contract: USAGE /);
      checkOutput('usage line', usage.stderr);
      const generate = await cli(['generate', '--out', HOSTILE.map(([, h]) => h.replace(/[/\u0000]/g, '_')).join('')], { cwd: dir });
      expect(generate.code, generate.stderr).to.equal(0);
      expect(
        generate.stdout
          .trimEnd()
          .split('\n')
          .every((line) => line.startsWith('wrote ')),
      ).to.equal(true);
      checkOutput('generate wrote line', generate.stdout);
    });
  });
});
