/**
 * `coverage` grows linearly with the interactions that cover one case (#15 item 9: 41k
 * interactions on one case took ~60 s, a list copied per interaction). Measured by counting, not
 * timing: every step of every array iteration (spread, for-of, Array.from) goes through
 * %ArrayIteratorPrototype%.next, which the test wraps with a counter while the matrix is built
 * for N and 2N interactions. Linear work doubles; the quadratic copy quadrupled it.
 */
import { expect } from 'chai';
import { loadCatalog } from '../../src/catalog/index.js';
import type { Catalog } from '../../src/catalog/types.js';
import type { Mapper } from '../../src/coverage/map.js';
import { buildReport } from '../../src/coverage/matrix.js';
import type { PactFile } from '../../src/coverage/read.js';
import { bundledSpec } from '../helpers/paths.js';

type Next = (this: Iterator<unknown>) => IteratorResult<unknown>;
const ARRAY_ITERATOR = Object.getPrototypeOf([][Symbol.iterator]()) as { next: Next };

/** Array-iteration steps taken while `work` runs. */
function iterationSteps(work: () => void): number {
  const original = ARRAY_ITERATOR.next;
  let steps = 0;
  ARRAY_ITERATOR.next = function (this: Iterator<unknown>) {
    steps += 1;
    return original.call(this);
  };
  try {
    work();
  } finally {
    ARRAY_ITERATOR.next = original;
  }
  return steps;
}

describe('coverage: work grows linearly with the interactions covering one case', function () {
  this.timeout(60_000);
  let catalog: Catalog;
  before(async () => {
    catalog = await loadCatalog(bundledSpec);
  });

  const steps = (n: number): number => {
    const target = catalog.cases[0]!;
    // Every interaction covers the same case; the mapper is a constant-cost stand-in (map.ts is per interaction).
    const mapper: Mapper = { map: () => ({ result: 'covered', via: 'stamp', operationId: target.operationId, caseIds: [target.id] }) };
    const interactions = Array.from({ length: n }, (_, index) => ({
      file: 'many.json',
      index,
      description: `d${index}`,
      type: 'Synchronous/HTTP',
      http: true,
      providerStates: [],
      method: 'GET',
      path: '/x',
      status: target.status,
      body: { kind: 'none' as const },
      stamp: target.id,
    }));
    const pact: PactFile = { source: { file: 'many.json', consumer: 'c', provider: 'p', specification: '4.0', interactions: n }, interactions };
    let covered = 0;
    const counted = iterationSteps(() => {
      covered = buildReport({ catalog, pacts: [pact], mapper }).operations[0]!.cases[0]!.coveredBy.length;
    });
    expect(covered).to.equal(n);
    return counted;
  };

  it('2,000 → 4,000 interactions on one case: at most 2.2 times the iteration steps', () => {
    const small = steps(2000);
    const large = steps(4000);
    const ratio = large / small;
    expect(ratio, `${small} → ${large} steps`).to.be.below(2.2);
  });
});
