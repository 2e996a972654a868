/**
 * The last steps of a verification: each worker's verifier results and its proxy's log turned into
 * one outcome per interaction, then the summary. A verifier that did not run is an error here.
 */
import { EXIT, KitError } from '../errors.js';
import type { VerifyInputs } from './inputs.js';
import type { PactSource } from './pacts.js';
import type { VerificationProxy } from './proxy.js';
import { buildOutcomes, type PactResults } from './report.js';
import type { RunnerOutput } from './runner.js';
import type { InteractionOutcome, VerifyResult } from './types.js';

export interface WorkerRun {
  run: RunnerOutput;
  sources: PactSource[];
  proxy: VerificationProxy;
}

/** One outcome per interaction from each worker's results and its proxy's log; a verifier that did not run is an error. */
export function collectOutcomes(runs: readonly WorkerRun[], inputs: VerifyInputs, shownTarget: string, nothingSelected = false): { outcomes: InteractionOutcome[]; log: string } {
  const outcomes: InteractionOutcome[] = [];
  const logs: string[] = [];
  let firstError: string | undefined;
  for (const { run, sources, proxy } of runs) {
    logs.push(run.log);
    const parsed = parseResults(run, inputs);
    firstError ??= parsed.errors?.[0]?.mismatch?.message;
    // The verifier only knows the proxy: its messages name the provider the user gave instead.
    const redact = (text: string): string => inputs.redact(text.split(proxy.url).join(shownTarget));
    outcomes.push(...buildOutcomes(sources, parsed, proxy.events, redact));
  }
  // A broker that selected no pact is said so (or refused with NO_PACTS) by the caller.
  if (outcomes.length === 0 && !nothingSelected)
    throw new KitError('VERIFIER_FAILED', `Pact's verifier verified no interaction${firstError === undefined ? '' : `: ${inputs.redact(firstError)}`}`, { argument: 'verify', exitCode: EXIT.internal });
  return { outcomes, log: logs.join('\n') };
}

function parseResults({ result }: RunnerOutput, inputs: VerifyInputs): PactResults {
  if (result.kind === 'missing') {
    throw new KitError('PACT_MISSING', 'cannot load @pact-foundation/pact and its core; install it next to the kit: npm install --save-dev @pact-foundation/pact@">=16.5.0 <18"', {
      argument: '@pact-foundation/pact',
      exitCode: EXIT.environment,
    });
  }
  if (result.kind === 'failure') throw new KitError('VERIFIER_FAILED', `Pact's verifier did not run: ${inputs.redact(result.message)}`, { argument: 'verify', exitCode: EXIT.internal });
  try {
    return JSON.parse(result.json) as PactResults;
  } catch {
    throw new KitError('VERIFIER_FAILED', "Pact's verifier returned results that are not JSON", { argument: 'verify', exitCode: EXIT.internal });
  }
}

/** The counts, the exit code and everything printed, redacted. */
export function summarise(
  inputs: VerifyInputs,
  sources: readonly PactSource[],
  run: { provider: string; warnings: readonly string[]; workers: number },
  { outcomes, log, durationMs }: { outcomes: InteractionOutcome[]; log: string; durationMs: number },
): VerifyResult {
  const failed = outcomes.filter((o) => o.status === 'failed').length;
  const errors = outcomes.filter((o) => o.status === 'error').length;
  const pending = outcomes.filter((o) => o.status === 'pending').length;
  return {
    provider: run.provider,
    sources: sources.map((s) => inputs.redact(s.display)),
    total: outcomes.length,
    passed: outcomes.length - failed - errors - pending,
    failed,
    errors,
    pending,
    durationMs,
    outcomes,
    exitCode: failed > 0 ? EXIT.contractFailure : errors > 0 ? EXIT.environment : EXIT.ok,
    warnings: run.warnings.map(inputs.redact),
    verifierLog: inputs.redact(log),
    workers: run.workers,
  };
}
