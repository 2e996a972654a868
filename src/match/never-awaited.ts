/**
 * The words of an assertion on a fetch Response that nobody awaited, for every adapter: chai
 * reports it as an uncaught error, the Jest and Vitest setup entries from an afterEach hook of the
 * test that made it. Its body is read asynchronously, so unawaited it would pass unseen.
 */

const NOT_THE_TEST = /node_modules|node:|[\\/](?:chai|expect)[\\/](?:index|unawaited)\.[cm]?[jt]s|[\\/](?:jest|vitest)\.[cm]?[jt]s/;

/** The frames of `origin` from the test's own line on (the runner's and the kit's adapters' left out). */
export function assertionFrames(origin: Error): string[] {
  const frames = (origin.stack ?? '').split('\n').slice(1);
  const first = frames.findIndex((f) => !NOT_THE_TEST.test(f));
  return first === -1 ? frames : frames.slice(first);
}

/** `asserted at file:line:col`: the first frame of `origin` outside the runner and the kit's adapters (the test's own line). */
function assertionSite(origin: Error): string | undefined {
  const own = (origin.stack ?? '')
    .split('\n')
    .slice(1)
    .find((f) => !NOT_THE_TEST.test(f));
  const location = own === undefined ? undefined : /\(?((?:file:\/\/)?[^()\s]+:\d+:\d+)\)?\s*$/.exec(own)?.[1];
  return location === undefined ? undefined : `asserted at ${location}`;
}

/**
 * The failure (when the assertion failed), then the hint naming where it was made. `seen`: how the
 * adapter knows: chai sees that nothing subscribed (`never-awaited`); the Jest and Vitest guard
 * sees the assertion still open when its test ended (`open-at-end`), which a timeout also causes.
 */
export function neverAwaitedMessage(matcher: string, origin: Error, failure: string | undefined, seen: 'never-awaited' | 'open-at-end' = 'never-awaited'): string {
  const site = assertionSite(origin);
  const what =
    seen === 'never-awaited'
      ? 'was never awaited: its body is read asynchronously, so no test saw the outcome'
      : 'was still reading the body when its test ended, so no test saw the outcome: it was not awaited (or the test timed out first)';
  const hint = `${matcher}(...) on a fetch Response${site === undefined ? '' : ` (${site})`} ${what}. Write \`await expect(res).${matcher}(...)\` (or return it from the test).`;
  return failure === undefined ? hint : `${failure}\n\n${hint}`;
}
