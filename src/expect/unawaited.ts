/**
 * The never-awaited guard of the Jest and Vitest setup entries. An assertion on a fetch Response
 * reads the body asynchronously; one nobody awaits would pass unseen, or (Vitest) fail as an
 * unhandled rejection blamed on whichever test runs then. The guard registers the matchers with
 * a `track` and an afterEach hook: an assertion still open when its test ends was not awaited, so
 * the hook waits for it and fails that test, naming the assertion's line (and the mismatch, if any).
 */
import { assertionFrames, neverAwaitedMessage } from '../match/never-awaited.js';
import { formatVerdict } from '../match/format.js';
import { trackedNumbersMatchers, type PendingAssertion } from './index.js';

interface Extendable {
  extend(matchers: object): void;
}

type Hook = (fn: () => Promise<void>) => void;

/** `expect.extend` with the guarded matchers, and the afterEach hook that reports what nobody awaited. */
export function extendWithUnawaitedGuard(expect: Extendable, afterEach: Hook): void {
  const open: PendingAssertion[] = [];
  expect.extend(trackedNumbersMatchers((pending) => open.push(pending)));
  afterEach(async () => {
    const late = open.splice(0).filter((p) => !p.settled());
    if (late.length === 0) return;
    for (const p of late) p.detach();
    const messages: string[] = [];
    for (const p of late) {
      const o = await p.outcome;
      // A negated assertion fails when the verdict passes; the message is the verdict's either way.
      const failure = !o.ok ? (o.error instanceof Error ? o.error.message : String(o.error)) : o.verdict.pass !== p.negated ? undefined : formatVerdict(o.verdict);
      messages.push(neverAwaitedMessage(p.matcher, p.origin, failure, 'open-at-end'));
    }
    const error = new Error(messages.join('\n\n'));
    // The stack of the (first) assertion, so the runner's code frame shows the test's own line.
    error.stack = `Error: ${error.message}\n${late[0] === undefined ? '' : assertionFrames(late[0].origin).join('\n')}`;
    throw error;
  });
}
