/**
 * Which cases ran, and whether their test saw them finish: the harness's guard against silent
 * greens. A `matrix.run(...)` that nobody awaits or returns lets its test pass at once while the
 * case runs on outside it; `writePact()` then waits for such runs and fails, naming them.
 *
 * A run's promise counts as observed once anything subscribes to it (`await`, a returned promise
 * the runner awaits, `.then`, `.catch`, `expect(...).rejects`): see util/observed-promise.ts.
 */
import { observable, type Observable } from '../util/observed-promise.js';

export interface RunRecord {
  caseId: string;
  readonly observed: boolean;
  settled: boolean;
  passed: boolean;
}

export class RunLedger {
  readonly #runs: RunRecord[] = [];
  readonly #pending = new Set<Promise<unknown>>();

  get size(): number {
    return this.#runs.length;
  }

  /** The cases whose run has not finished yet. */
  running(): Set<string> {
    return new Set(this.#runs.filter((r) => !r.settled).map((r) => r.caseId));
  }

  /** Tracks one case's run; the promise to hand back to the caller. */
  track<T>(caseId: string, work: Promise<T>): Promise<T> {
    const result: Observable<T> = observable(work);
    const record = {
      caseId,
      settled: false,
      passed: false,
      get observed() {
        return result.observed;
      },
    };
    this.#runs.push(record);
    const done = work.then(
      () => {
        record.passed = true;
      },
      () => undefined,
    );
    const finished = done.then(() => {
      record.settled = true;
      this.#pending.delete(finished);
    });
    this.#pending.add(finished);
    return result;
  }

  /** Waits (at most `limitMs`) for every run still going; the records as they then stand. */
  async settle(limitMs: number): Promise<readonly RunRecord[]> {
    if (this.#pending.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, limitMs);
      });
      await Promise.race([Promise.all([...this.#pending]), limit]);
      clearTimeout(timer);
    }
    return this.#runs.map((r) => ({ caseId: r.caseId, observed: r.observed, settled: r.settled, passed: r.passed }));
  }
}

/** What went wrong with the runs, worded for `writePact()`'s error; `undefined` when nothing did. */
export function describeStrayRuns(records: readonly RunRecord[], stillRunningAtWrite: ReadonlySet<string>): string | undefined {
  const list = (ids: readonly string[]): string => ids.slice(0, 10).join(', ') + (ids.length > 10 ? `, and ${ids.length - 10} more` : '');
  const unobserved = records.filter((r) => !r.observed).map((r) => r.caseId);
  const late = records.filter((r) => r.observed && stillRunningAtWrite.has(r.caseId)).map((r) => r.caseId);
  const stuck = records.filter((r) => !r.settled).map((r) => r.caseId);
  const lines: string[] = [];
  if (unobserved.length > 0) {
    lines.push(`${unobserved.length} case(s) ran outside their test: matrix.run(...) was neither awaited nor returned, so no test saw the outcome: ${list(unobserved)}`);
  }
  if (late.length > 0) lines.push(`${late.length} case(s) were still running when writePact() was called (did their test time out?): ${list(late)}`);
  if (stuck.length > 0) lines.push(`${stuck.length} case(s) had not finished when writePact() stopped waiting: ${list(stuck)}`);
  return lines.length === 0 ? undefined : lines.join('; ');
}
