import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Command } from 'commander';
import { loadCatalog, selectCases, type CaseFilter } from '../../catalog/index.js';
import type { Catalog, Envelope } from '../../catalog/types.js';
import { EXIT, KitError, type ExitCode } from '../../errors.js';
import { diffContracts, formatContractDiff, isStale } from '../../pact/contract-diff.js';
import { writeFileAtomic } from '../../io/atomic.js';
import { DEFAULT_CONSUMER, DEFAULT_PROVIDER, renderContract, type Contract } from '../../pact/contract.js';
import { DEFAULT_HANDLER, renderMessageContract } from '../../pact/message-contract.js';
import { checkParticipant, checkPactFileName } from '../../pact/pact-file.js';
import { readPactText } from '../../pact/read.js';
import type { CliContext } from '../context.js';
import type { Registrar } from '../run.js';

interface GenerateOptions {
  consumer: string;
  handler: string;
  provider: string;
  out: string;
  operation: string[];
  status: string[];
  code: string[];
  envelope: string[];
  check?: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerGenerate(registrar: Registrar): void {
  registrar
    .command('generate', 'write the Pact contract of every documented error (one V4 interaction per catalog case)')
    .option('--consumer <name>', 'consumer name in the pact', DEFAULT_CONSUMER)
    .option('--handler <name>', 'consumer name in the message pact of callback events', DEFAULT_HANDLER)
    .option('--provider <name>', 'provider name in the pact', DEFAULT_PROVIDER)
    .option('--out <dir>', 'directory of the pact file, relative to the current directory', 'contracts')
    .option('--operation <operationId>', 'only cases of this operation (repeatable)', collect, [])
    .option('--status <status>', 'only cases with this HTTP status (repeatable)', collect, [])
    .option('--code <code>', 'only cases with this error code (repeatable)', collect, [])
    .option('--envelope <envelope>', 'only cases with this envelope: google or legacy (repeatable)', collect, [])
    .option('--check', 'do not write: exit 1 with a per-case diff when the file differs from what the spec gives')
    .action(registrar.run(async (ctx, command: Command) => generate(ctx, command.opts<GenerateOptions>())));
}

async function generate(ctx: CliContext, options: GenerateOptions): Promise<ExitCode> {
  const consumer = checkParticipant(options.consumer, '--consumer');
  const provider = checkParticipant(options.provider, '--provider');
  checkPactFileName(consumer, provider);
  const catalog = await loadCatalog(ctx.specPath);
  const cases = selectCases(catalog.cases, parseFilter(catalog, options));
  if (cases.length === 0) throw new KitError('EMPTY_SELECTION', 'no catalog case passes the given filters', { argument: 'generate' });

  const contract = await renderContract(catalog, cases, { consumer, provider });
  let exit = await emit(ctx, options, contract, 'interactions');
  // The message pact of callback events comes with the whole catalog; error-case filters leave it out.
  const filtered = options.operation.length + options.status.length + options.code.length + options.envelope.length > 0;
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

function parseFilter(catalog: Catalog, options: GenerateOptions): CaseFilter {
  const operations = new Set(catalog.operations.map((o) => o.operationId as string));
  const codes = new Set(catalog.cases.map((c) => c.code as string));
  for (const operation of options.operation) {
    if (!operations.has(operation)) throw new KitError('UNKNOWN_OPERATION', `unknown operationId '${operation}'; known: ${[...operations].join(', ')}`, { argument: '--operation' });
  }
  for (const code of options.code) {
    if (!codes.has(code)) throw new KitError('UNKNOWN_CODE', `unknown error code '${code}'; known: ${[...codes].sort().join(', ')}`, { argument: '--code' });
  }
  const status = options.status.map((text) => {
    if (!/^[1-5]\d\d$/.test(text)) throw new KitError('BAD_STATUS', `'${text}' is not an HTTP status`, { argument: '--status' });
    return Number(text);
  });
  for (const envelope of options.envelope) {
    if (envelope !== 'google' && envelope !== 'legacy') throw new KitError('BAD_ENVELOPE', `'${envelope}' is not an envelope (google or legacy)`, { argument: '--envelope' });
  }
  return { operation: options.operation, status, code: options.code, envelope: options.envelope as Envelope[] };
}

function displayPath(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel === '' || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
}
