import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Command } from 'commander';
import { loadCatalog, selectCases, type CaseSelector } from '../../catalog/index.js';
import { EXIT, type ExitCode } from '../../errors.js';
import { diffContracts, formatContractDiff, isStale } from '../../pact/contract-diff.js';
import { writeFileAtomic } from '../../io/atomic.js';
import { DEFAULT_CONSUMER, DEFAULT_PROVIDER, renderContract, type Contract } from '../../pact/contract.js';
import { DEFAULT_HANDLER, renderMessageContract } from '../../pact/message-contract.js';
import { checkParticipant, checkPactFileName } from '../../pact/pact-file.js';
import { readPactText } from '../../pact/read.js';
import type { CliContext } from '../context.js';
import { addSelectionOptions, CLI_SELECT, selectorFromOptions } from '../options.js';
import type { Registrar } from '../context.js';
import { displayPath } from '../../util/display-path.js';

interface GenerateOptions {
  consumer: string;
  handler: string;
  provider: string;
  out: string;
  check?: boolean;
}

export function registerGenerate(registrar: Registrar): void {
  const command = registrar
    .command('generate', 'write the Pact contract of every documented error (one V4 interaction per catalog case)')
    .option('--consumer <name>', 'consumer name in the pact', DEFAULT_CONSUMER)
    .option('--handler <name>', 'consumer name in the message pact of callback events', DEFAULT_HANDLER)
    .option('--provider <name>', 'provider name in the pact', DEFAULT_PROVIDER)
    .option('--out <dir>', 'directory of the pact file, relative to the current directory', 'contracts')
    .option('--check', 'do not write: exit 1 with a per-case diff when the file differs from what the spec gives');
  addSelectionOptions(command).action(registrar.run(async (ctx, cmd: Command) => generate(ctx, cmd.opts<GenerateOptions>(), selectorFromOptions(cmd.opts()))));
}

async function generate(ctx: CliContext, options: GenerateOptions, selector: CaseSelector): Promise<ExitCode> {
  const consumer = checkParticipant(options.consumer, '--consumer');
  const provider = checkParticipant(options.provider, '--provider');
  checkPactFileName(consumer, provider);
  const catalog = await loadCatalog(ctx.specPath);
  const cases = selectCases(catalog.cases, selector, CLI_SELECT);

  const contract = await renderContract(catalog, cases, { consumer, provider });
  let exit = await emit(ctx, options, contract, 'interactions');
  // The message pact of callback events comes with the whole catalog; error-case filters leave it out.
  const filtered = Object.keys(selector).length > 0;
  if (!filtered && catalog.events.length > 0) {
    const handler = checkParticipant(options.handler, '--handler');
    checkPactFileName(handler, provider, ['--handler', '--provider']);
    const messages = await renderMessageContract(catalog, catalog.events, { consumer: handler, provider });
    exit = Math.max(exit, await emit(ctx, options, messages, 'messages')) as ExitCode;
  }
  return exit;
}

/** Writes one contract, or with --check compares it with the committed file. */
async function emit(ctx: CliContext, options: GenerateOptions, contract: Contract, noun: string): Promise<ExitCode> {
  const file = path.resolve(ctx.cwd, options.out, contract.fileName);
  const shown = displayPath(ctx.cwd, file);

  if (options.check === true) {
    const diff = diffContracts(await readPactText(file), contract.text);
    for (const note of diff.notes) ctx.stdout(`note: ${note.field} differs (${JSON.stringify(note.before)} committed, ${JSON.stringify(note.after)} installed); not a change of the contract\n`);
    if (!isStale(diff)) {
      ctx.stdout(`${shown} is up to date (${contract.interactions} ${noun})\n`);
      return EXIT.ok;
    }
    ctx.stdout(`${shown} differs from what ${displayPath(ctx.cwd, ctx.specPath)} gives:\n${formatContractDiff(diff)}\n`);
    const count = diff.added.length + diff.removed.length + diff.changed.length;
    ctx.stderr(`numbers-contract: CONTRACT_STALE ${shown}: ${count} interaction(s) ${diff.metadata.length > 0 ? 'and metadata ' : ''}out of date; run numbers-contract generate\n`);
    return EXIT.contractFailure;
  }

  await writeFileAtomic(file, contract.text);
  const sha = createHash('sha256').update(contract.text).digest('hex');
  ctx.stdout(`wrote ${shown}: ${contract.interactions} ${noun} (sha256 ${sha})\n`);
  return EXIT.ok;
}
