/**
 * Child process that runs Pact's verifier (the Rust core under the installed pact-js). It runs in
 * its own process so the core's own printing and logging stay out of the kit's output, and a crash
 * of the native core cannot take the CLI down with it. Input and result travel over the IPC channel;
 * the verifier only ever talks to the kit's loopback proxy, never to the provider directly.
 */
import { createRequire } from 'node:module';

export interface WorkerRequest {
  /** pact-core's `verifyPacts` options, built in the parent (`verifierOptions` in run.ts). */
  options: Record<string, unknown>;
}

export type WorkerResult = { kind: 'results'; json: string } | { kind: 'failure'; message: string } | { kind: 'missing'; message: string };

interface PactCoreVerifier {
  verifyPacts(options: Record<string, unknown>): Promise<string>;
  logLevel(level: string): void;
}

process.env.PACT_DO_NOT_TRACK = 'true';

async function run(request: WorkerRequest): Promise<WorkerResult> {
  let core: PactCoreVerifier;
  try {
    const fromKit = createRequire(import.meta.url);
    const pactMain = fromKit.resolve('@pact-foundation/pact');
    core = (createRequire(pactMain)('@pact-foundation/pact-core') as { default: PactCoreVerifier }).default;
  } catch (error) {
    return { kind: 'missing', message: error instanceof Error ? error.message : String(error) };
  }
  core.logLevel('error');
  try {
    const json = await core.verifyPacts({ ...request.options, logLevel: 'error' });
    return { kind: 'results', json };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A failed verification rejects with the JSON results as the message.
    return message.trimStart().startsWith('{') ? { kind: 'results', json: message } : { kind: 'failure', message };
  }
}

process.once('message', (request: WorkerRequest) => {
  run(request)
    .then((result) => process.send?.(result, () => process.exit(0)))
    .catch((error: unknown) => process.send?.({ kind: 'failure', message: String(error) } satisfies WorkerResult, () => process.exit(0)));
});
