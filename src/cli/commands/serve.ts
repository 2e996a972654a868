import type { Command } from 'commander';
import { EXIT, KitError, type ExitCode } from '../../errors.js';
import { credentialsFromEnv, PLACEHOLDER_KEY_ID, PLACEHOLDER_KEY_SECRET, PLACEHOLDER_TOKEN } from '../../provider/auth.js';
import type { CallbackDelivery } from '../../provider/types.js';
import { startReferenceProvider, STATE_CHANGE_PATH } from '../../provider/server.js';
import type { CliContext, Registrar } from '../context.js';

interface ServeOptions {
  port: string;
  host: string;
  rateLimit?: string;
}

export function registerServe(registrar: Registrar): void {
  registrar
    .command('serve', 'run the reference Numbers provider as a local sandbox (loopback) until interrupted')
    .option('--port <n>', 'port to listen on (0: any free port)', '3013')
    .option('--host <address>', 'loopback address to listen on', '127.0.0.1')
    .option('--rate-limit <rps>', 'answer 429 RESOURCE_EXHAUSTED beyond this many requests per second per project')
    .action(registrar.run(async (ctx, command: Command) => serve(ctx, command.opts<ServeOptions>())));
}

async function serve(ctx: CliContext, options: ServeOptions): Promise<ExitCode> {
  if (!/^\d+$/.test(options.port) || Number(options.port) > 65535) throw new KitError('USAGE', `'${options.port}' is not a port number`, { argument: '--port' });
  const rateLimit = options.rateLimit === undefined ? undefined : Number(options.rateLimit);
  if (rateLimit !== undefined && !(rateLimit > 0)) throw new KitError('USAGE', `'${options.rateLimit}' is not a positive number of requests per second`, { argument: '--rate-limit' });
  const credentials = credentialsFromEnv(ctx.env);
  const provider = await startReferenceProvider({
    spec: ctx.specPath,
    port: Number(options.port),
    host: options.host,
    credentials,
    ...(rateLimit === undefined ? {} : { rateLimit: { requestsPerSecond: rateLimit } }),
    onCallback: (delivery) => ctx.stderr(`numbers-contract: ${describeDelivery(delivery)}\n`),
  });
  ctx.stdout(
    [
      `reference Numbers provider listening on ${provider.url}`,
      `  API:          ${provider.url}/v1/projects/<projectId>/... (any project ID; each starts from the same seed)`,
      `  credentials:  Authorization: Bearer ${PLACEHOLDER_TOKEN}, or key ${PLACEHOLDER_KEY_ID} / ${PLACEHOLDER_KEY_SECRET} (Basic, or OAuth2 at ${provider.url}/oauth2/token)` +
        (credentials.length > 0 ? ', or the SINCH_* credentials from the environment' : ''),
      `  Node SDK:     new NumbersService({ projectId, keyId: '${PLACEHOLDER_KEY_ID}', keySecret: '${PLACEHOLDER_KEY_SECRET}', numbersHostname: '${provider.url}', authHostname: '${provider.url}' })`,
      `  states:       POST ${provider.url}${STATE_CHANGE_PATH} {"state": "...", "params": {...}, "action": "setup"|"teardown"}`,
      '  callbacks:    rent, rentAny or update a number with "callbackUrl": "http://127.0.0.1:<port>/..." (loopback only): its events are POSTed there,',
      "                signed (X-Sinch-Signature) with the project's hmacSecret (GET or PATCH .../callbackConfiguration)",
      'stop with Ctrl+C',
      '',
    ].join('\n'),
  );
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    const stop = (name: NodeJS.Signals): void => {
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
      resolve(name);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await provider.close();
  ctx.stderr(`numbers-contract: reference provider stopped (${signal})\n`);
  return EXIT.ok;
}

/** One line per callback event: which event, where (no query: it may carry a token), and what became of it. */
function describeDelivery(d: CallbackDelivery): string {
  const event = [d.eventType, d.status, ...(d.failureCode === undefined ? [] : [d.failureCode])].join(' ');
  const result = d.outcome === 'delivered' ? `answered ${d.httpStatus ?? 0}` : `${d.outcome}: ${d.reason ?? ''}`;
  const url = new URL(d.url);
  return `callback ${d.eventId} ${event} to ${url.origin}${url.pathname}: ${result}`;
}
