import { expect } from 'chai';
import { parseStateChange } from '../../src/util/state-change.js';

describe('util: parseStateChange (the reference provider and the verification proxy read state changes with it)', () => {
  const rows: Array<[string, ReturnType<typeof parseStateChange>]> = [
    ['{"state":"a number is rented","params":{"projectId":"p"},"action":"setup"}', { action: 'setup', state: 'a number is rented', params: { projectId: 'p' } }],
    ['{"state":"s","action":"teardown"}', { action: 'teardown', state: 's', params: {} }],
    ['{"state":"s","action":"sideways"}', { action: 'setup', state: 's', params: {} }],
    ['', { action: 'setup', state: '', params: {} }],
    ['{}', { action: 'setup', state: '', params: {} }],
    ['{"state":42,"params":[1,2]}', { action: 'setup', state: '', params: {} }],
    ['{"state":"s","params":null}', { action: 'setup', state: 's', params: {} }],
    ['not json', undefined],
    ['null', undefined],
    ['[1]', undefined],
    ['"setup"', undefined],
  ];
  for (const [body, expected] of rows) {
    it(`${JSON.stringify(body)} → ${JSON.stringify(expected)}`, () => {
      expect(parseStateChange(Buffer.from(body))).to.deep.equal(expected);
    });
  }
});
