/**
 * The committed contract: one Pact V4 interaction per catalog case, built through the Pact core
 * (so the file is exactly what Pact writes and reads; `render.ts`), then canonicalised. Rendering
 * happens in a private temp directory; only the canonical text leaves this module.
 */
import { EXIT, KitError } from '../errors.js';
import type { Catalog, NumbersCase } from '../catalog/types.js';
import { loadPactCore, type PactCore } from './core.js';
import { caseInteraction, type ErrorInteraction } from './interaction.js';
import { exampleOf } from './matchers.js';
import { canonicalPact, pactFileName } from './pact-file.js';
import { renderPactJson } from './render.js';

export const DEFAULT_CONSUMER = 'numbers-consumer';
export const DEFAULT_PROVIDER = 'sinch-numbers';

export interface ContractOptions {
  consumer: string;
  provider: string;
  /** The Pact core to use (default: the one under the installed pact-js). */
  core?: PactCore;
}

export interface Contract {
  /** `<consumer>-<provider>.json`. */
  fileName: string;
  /** Canonical JSON of the pact file. */
  text: string;
  interactions: number;
}

/** Renders the contract for `cases` (taken from `catalog`) as canonical Pact JSON. */
export async function renderContract(catalog: Catalog, cases: readonly NumbersCase[], options: ContractOptions): Promise<Contract> {
  const interactions = cases.map(caseInteraction);
  assertDistinguishable(interactions);
  const core = options.core ?? loadPactCore();
  const fileName = pactFileName(options.consumer, options.provider);
  try {
    const written = await renderPactJson(interactions, {
      core,
      consumer: options.consumer,
      provider: options.provider,
      metadata: { specVersion: catalog.specVersion, specSha256: catalog.specSha256 },
    });
    return { fileName, text: canonicalPact(written), interactions: interactions.length };
  } catch (error) {
    throw new KitError('PACT_WRITE', `the Pact core could not write the contract: ${error instanceof Error ? error.message : String(error)}`, {
      exitCode: EXIT.internal,
      cause: error,
    });
  }
}

/**
 * Two interactions whose requests look the same to a provider (same method, path, query, body
 * and headers, credentials aside) must differ in provider state, or verification cannot tell them apart.
 */
export function assertDistinguishable(interactions: readonly ErrorInteraction[]): void {
  const seen = new Map<string, string>();
  for (const interaction of interactions) {
    const { method, path: requestPath, query, headers, body } = interaction.request;
    const visibleHeaders = Object.entries(headers)
      .filter(([name]) => name.toLowerCase() !== 'authorization')
      .map(([name, value]) => [name.toLowerCase(), exampleOf(value)]);
    const key = JSON.stringify([method, exampleOf(requestPath), query, visibleHeaders, body === undefined ? null : body.kind === 'json' ? exampleOf(body.content) : body.text, interaction.state.name, interaction.state.params]);
    const other = seen.get(key);
    if (other !== undefined) {
      throw new KitError('CONTRACT_AMBIGUOUS', `cases ${other} and ${interaction.caseId} send the same request in the same provider state`);
    }
    seen.set(key, interaction.caseId);
  }
}
