/**
 * A promise that tells whether anyone subscribed to it: `await`, a runner awaiting a returned
 * promise, `.then`, `.catch`, `.finally` all call `then` (native `await` of a Promise subclass
 * does). The kit's guard against assertions and harness runs nobody awaited.
 */
export interface Observable<T> extends Promise<T> {
  readonly observed: boolean;
}

export type Settlement<T> = { ok: true; value: T } | { ok: false; error: unknown };

class ObservedPromise<T> extends Promise<T> {
  // Promises derived from this one (then/catch/finally) are plain ones.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  observed = false;

  override then<A = T, B = never>(onFulfilled?: ((value: T) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    this.observed = true;
    return super.then(onFulfilled, onRejected);
  }
}

/**
 * `work`'s outcome, on a promise that records whether it was subscribed to. With `ifNeverObserved`,
 * an outcome still unobserved one macrotask after `work` settled (an `await` has subscribed by
 * then) goes to it instead of passing unseen; a rejection is then not left unhandled as well.
 */
export function observable<T>(work: Promise<T>, ifNeverObserved?: (settlement: Settlement<T>) => void): Observable<T> {
  const outcome: ObservedPromise<T> = new ObservedPromise<T>((resolve, reject) => {
    const check = (settlement: Settlement<T>): void => {
      if (ifNeverObserved === undefined) return;
      setImmediate(() => {
        if (outcome.observed) return;
        outcome.catch(() => undefined);
        ifNeverObserved(settlement);
      });
    };
    work.then(
      (value) => {
        resolve(value);
        check({ ok: true, value });
      },
      (error: unknown) => {
        if (ifNeverObserved === undefined || outcome.observed) return reject(error);
        // Held back one macrotask: an unobserved rejection is reported once, by ifNeverObserved.
        setImmediate(() => {
          if (!outcome.observed) {
            outcome.catch(() => undefined);
            ifNeverObserved({ ok: false, error });
          }
          reject(error);
        });
      },
    );
  });
  return outcome;
}
