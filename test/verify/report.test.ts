import { expect } from 'chai';
import type { PactSource } from '../../src/verify/pacts.js';
import type { ProxyEvent } from '../../src/verify/proxy.js';
import { formatOutcome, junitXml } from '../../src/verify/format.js';
import { buildOutcomes, oneLine, parseDuration } from '../../src/verify/report.js';
import type { VerifySummary } from '../../src/verify/types.js';

const source: PactSource = {
  display: 'contracts/c-p.json',
  file: '/tmp/c-p.json',
  consumer: 'c',
  provider: 'p',
  interactions: [
    { description: 'A 404 not_found', caseId: 'A/404/not_found', states: [{ name: 'gone', params: {} }] },
    { description: 'B 403 blocked', caseId: 'B/403/blocked', states: [{ name: 'blocked', params: {} }] },
    { description: 'C 500 internal', caseId: 'C/500/internal', states: [{ name: 'failing', params: {} }] },
    { description: 'D 401 unauthenticated', caseId: 'D/401/unauthenticated', states: [] },
  ],
};

describe('verify report', () => {
  it('maps results and the proxy log to one outcome per interaction: mismatches, a failed state, a timeout', () => {
    const events: ProxyEvent[] = [
      { kind: 'setup', state: 'gone', ok: true },
      { kind: 'request', status: 500 },
      { kind: 'teardown', state: 'gone', ok: true },
      { kind: 'setup', state: 'blocked', ok: false, message: 'no such account' },
      { kind: 'setup', state: 'failing', ok: true },
      { kind: 'request', failure: 'timeout', message: 'no response within 500 ms' },
      { kind: 'teardown', state: 'failing', ok: true },
      { kind: 'setup', state: '', ok: true },
      { kind: 'request', status: 401 },
      { kind: 'teardown', state: '', ok: true },
    ];
    const outcomes = buildOutcomes(
      [source],
      {
        interactionResults: [
          { description: 'A 404 not_found', duration: '12ms', result: 'Error' },
          { description: 'B 403 blocked', duration: '3ms', result: 'Error' },
          { description: 'C 500 internal', duration: '1s 2ms', result: 'Error' },
          { description: 'D 401 unauthenticated', duration: '4ms', result: 'OK' },
        ],
        errors: [
          {
            interaction: 'Verifying a pact between c and p Given gone - A 404 not_found',
            mismatch: {
              type: 'mismatches',
              mismatches: [
                { type: 'BodyMismatch', path: '$.error.status', mismatch: "Expected 'INTERNAL' (String) to be equal to 'NOT_FOUND' (String)" },
                { type: 'StatusMismatch', expected: 404, actual: 500 },
                { type: 'HeaderMismatch', key: 'Content-Type', mismatch: "Expected header 'Content-Type' to have value 'application/json' but was 'text/html'" },
              ],
            },
          },
          { interaction: 'Verifying a pact between c and p Given blocked - B 403 blocked', mismatch: { type: 'error', message: 'One or more of the setup state change handlers has failed' } },
          { interaction: 'Verifying a pact between c and p Given failing - C 500 internal', mismatch: { type: 'mismatches', mismatches: [{ type: 'StatusMismatch', expected: 500, actual: 504 }] } },
        ],
      },
      events,
      (t) => t,
    );
    expect(outcomes.map((o) => [o.caseId, o.status, o.durationMs, o.problems])).to.deep.equal([
      [
        'A/404/not_found',
        'failed',
        12,
        ['status: expected 404, got 500', "header Content-Type: Expected header 'Content-Type' to have value 'application/json' but was 'text/html'", "body $.error.status: Expected 'INTERNAL' (String) to be equal to 'NOT_FOUND' (String)"],
      ],
      ['B/403/blocked', 'failed', 3, ['provider state "blocked" could not be set up: no such account']],
      ['C/500/internal', 'error', 1002, ['PROVIDER_TIMEOUT: no response within 500 ms']],
      ['D/401/unauthenticated', 'passed', 4, []],
    ]);
    expect(formatOutcome(outcomes[1] as (typeof outcomes)[number])).to.equal('FAIL B/403/blocked\n       provider state "blocked" could not be set up: no such account\n');
  });

  it('names a failed teardown: a timeout or unreachable endpoint is an environment error, a refusal a failure, next to any mismatch', () => {
    const teardownFailed = (description: string): { interaction: string; mismatch: { type: string; message: string } } => ({
      interaction: `Verifying a pact between c and p Given x - ${description}`,
      mismatch: { type: 'error', message: 'One or more of the teardown state change handlers has failed' },
    });
    const events: ProxyEvent[] = [
      { kind: 'setup', state: 'gone', ok: true },
      { kind: 'request', status: 404 },
      { kind: 'teardown', state: 'gone', ok: false, failure: 'timeout', message: 'the state teardown did not finish within 700 ms' },
      { kind: 'setup', state: 'blocked', ok: true },
      { kind: 'request', status: 403 },
      { kind: 'teardown', state: 'blocked', ok: false, message: 'the state-change URL answered 500: {}' },
      { kind: 'setup', state: 'failing', ok: true },
      { kind: 'request', status: 404 },
      { kind: 'teardown', state: 'failing', ok: false, failure: 'io', message: 'the state-change URL could not be reached: ECONNREFUSED' },
      { kind: 'setup', state: '', ok: true },
      { kind: 'request', status: 401 },
      { kind: 'teardown', state: '', ok: true },
    ];
    const outcomes = buildOutcomes(
      [source],
      {
        interactionResults: [
          { description: 'A 404 not_found', duration: '1ms', result: 'Error' },
          { description: 'B 403 blocked', duration: '1ms', result: 'Error' },
          { description: 'C 500 internal', duration: '1ms', result: 'Error' },
          { description: 'D 401 unauthenticated', duration: '1ms', result: 'OK' },
        ],
        errors: [
          teardownFailed('A 404 not_found'),
          teardownFailed('B 403 blocked'),
          { interaction: 'Verifying a pact between c and p Given failing - C 500 internal', mismatch: { type: 'mismatches', mismatches: [{ type: 'StatusMismatch', expected: 500, actual: 404 }] } },
        ],
      },
      events,
      (t) => t,
    );
    expect(outcomes.map((o) => [o.caseId, o.status, o.problems])).to.deep.equal([
      ['A/404/not_found', 'error', ['STATE_TEARDOWN_TIMEOUT: provider state "gone" could not be torn down: the state teardown did not finish within 700 ms']],
      ['B/403/blocked', 'failed', ['provider state "blocked" could not be torn down: the state-change URL answered 500: {}']],
      ['C/500/internal', 'failed', ['status: expected 500, got 404', 'STATE_TEARDOWN_IO_ERROR: provider state "failing" could not be torn down: the state-change URL could not be reached: ECONNREFUSED']],
      ['D/401/unauthenticated', 'passed', []],
    ]);
  });

  it('parses verifier durations and escapes JUnit XML', () => {
    expect([parseDuration('23ms'), parseDuration('1s 200ms'), parseDuration('2m 3s'), parseDuration(undefined)]).to.deep.equal([23, 1200, 123000, 0]);
    const summary: VerifySummary = {
      provider: 'reference provider',
      sources: ['a.json'],
      total: 1,
      passed: 0,
      failed: 1,
      errors: 0,
      pending: 0,
      durationMs: 5,
      exitCode: 1,
      outcomes: [{ caseId: 'Op/400/x', description: 'Op 400 x', source: 'a.json', status: 'failed', durationMs: 5, problems: ['body $.text: Expected "<b>" & \'q\''] }],
    };
    expect(junitXml(summary)).to.include('<failure message="body $.text: Expected &quot;&lt;b&gt;&quot; &amp; &#39;q&#39;" type="contract">');
  });

  it('one-line problems (issue 15 sweep: the old regex was quadratic on a provider body of blanks): each newline and the blanks around it one space, in one pass', () => {
    const rows = ['a\nb', 'a \n  b', 'a\n\n \n b', '\nb', 'a\n', ' \n ', 'no newline', 'a\t\r\n\tb c\n d'];
    for (const row of rows) expect(oneLine(row), JSON.stringify(row)).to.equal(row.replace(/\s*\n\s*/g, ' '));
    const spaces = ' '.repeat(1_000_000);
    expect(oneLine(`${spaces}x`)).to.have.length(1_000_001);
    expect(oneLine(`x${spaces}\n${spaces}y`)).to.equal('x y');
  });
});
