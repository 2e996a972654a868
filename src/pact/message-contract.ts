/**
 * The committed message pact: one Pact V4 asynchronous message per callback event variant
 * (consumer: the callback handler, provider: Sinch Numbers), built through the Pact core and
 * canonicalised like the HTTP contract, so the same spec gives the same bytes anywhere.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Catalog, EventCase } from '../catalog/types.js';
import { EXIT, KitError } from '../errors.js';
import type { Contract } from './contract.js';
import { loadPactCore, type CoreMessagePact, type PactCore } from './core.js';
import { KIT_REFERENCE_GROUP } from './interaction.js';
import { eventMessage, type EventMessage } from './message.js';
import { canonicalPact, pactFileName } from './pact-file.js';
import { removeRenderDir } from './render.js';

export const DEFAULT_HANDLER = 'numbers-callback-handler';

export interface MessageContractOptions {
  consumer: string;
  provider: string;
  core?: PactCore;
}

/** Renders the message pact for `events` (taken from `catalog`) as canonical Pact JSON. */
export async function renderMessageContract(catalog: Catalog, events: readonly EventCase[], options: MessageContractOptions): Promise<Contract> {
  const messages = events.map((e) => eventMessage(e));
  const core = options.core ?? loadPactCore();
  try {
    const written = renderMessagePactJson(messages, {
      core,
      consumer: options.consumer,
      provider: options.provider,
      metadata: { specVersion: catalog.specVersion, specSha256: catalog.specSha256 },
    });
    return { fileName: pactFileName(options.consumer, options.provider), text: canonicalPact(written), interactions: messages.length };
  } catch (error) {
    throw new KitError('PACT_WRITE', `the Pact core could not write the message pact: ${error instanceof Error ? error.message : String(error)}`, {
      exitCode: EXIT.internal,
      cause: error,
    });
  }
}

/** The message pact the core writes for `messages` (in this order), parsed; rendered in a private temp directory. */
export function renderMessagePactJson(messages: readonly EventMessage[], options: { core: PactCore; consumer: string; provider: string; metadata: Record<string, string> }): Record<string, unknown> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'numbers-messages-'));
  const file = path.join(dir, pactFileName(options.consumer, options.provider));
  try {
    const pact = options.core.newMessagePact(options.consumer, options.provider);
    for (const [name, value] of Object.entries(options.metadata)) pact.addMetadata(KIT_REFERENCE_GROUP, name, value);
    for (const message of messages) addMessage(pact, message);
    pact.writePactFile(dir, false);
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } finally {
    removeRenderDir(dir, file);
  }
}

/** One message into the pact handle, its comments and references in one call each (as render.ts does). */
function addMessage(pact: CoreMessagePact, message: EventMessage): void {
  const handle = pact.newAsynchronousMessage(message.description);
  const params = Object.keys(message.state.params).length > 0 ? JSON.stringify(message.state.params) : undefined;
  if (params === undefined) handle.given(message.state.name);
  else handle.givenWithParams(message.state.name, params);
  handle.expectsToReceive(message.description);
  handle.withContents(JSON.stringify(message.contents), 'application/json');
  for (const [name, value] of Object.entries(message.metadata)) handle.withMetadata(name, typeof value === 'string' ? value : JSON.stringify(value));
  handle.setComment('text', JSON.stringify(message.comments));
  const references: Record<string, Record<string, string>> = {};
  for (const { group, name, value } of message.references) (references[group] ??= {})[name] = value;
  handle.setComment('references', JSON.stringify(references));
}
