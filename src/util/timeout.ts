/**
 * `work`, or the error `onTimeout` makes if it has not settled within `ms`. The timer never keeps
 * the process alive; `controller` (if given) is aborted after the timeout has won the race, so the
 * abandoned work stops and its own rejection is not the one reported.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Error, controller?: AbortController): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(onTimeout());
      controller?.abort();
    }, ms);
    timer.unref();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
