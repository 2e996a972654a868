/**
 * The reference Numbers provider: a real HTTP server (node:http) on loopback implementing the 15
 * operations over an in-memory, deterministically seeded store, answering errors the way the spec
 * documents them. Besides the API it serves `POST /oauth2/token` (client credentials, for the
 * SDKs) and `POST /_pactSetup` (provider states, for any Pact verifier).
 */
import http from 'node:http';
import { buildCatalog } from '../catalog/build.js';
import type { Catalog } from '../catalog/types.js';
import { bundledSpecPath } from '../openapi/bundled.js';
import { EXIT, KitError } from '../errors.js';
import { loadSpec, type LoadedSpec } from '../openapi/load.js';
import { refuseForeign } from './sandbox-guard.js';
import { listen } from '../util/http-server.js';
import { parseStateChange } from '../util/state-change.js';
import { getActiveNumber, listActiveNumbers, releaseNumber, updateActiveNumber } from './active.js';
import { createAuthenticator } from './auth.js';
import { createCallbackSender } from './callback-sender.js';
import { MESSAGE_PATH, produceMessage } from './message-producer.js';
import { getAvailableNumber, listAvailableNumbers, rentAnyNumber, rentNumber } from './available.js';
import { getCallbackConfiguration, updateCallbackConfiguration } from './callbacks.js';
import { deprovisionEmergencyAddress, getEmergencyAddress, provisionEmergencyAddress, validateEmergencyAddress } from './emergency.js';
import type { Handler } from './handler.js';
import { createNumberOrder, getNumberOrder, getNumberOrderRegistration, lookupNumberRequirements, submitNumberOrder, updateNumberOrderRegistration, uploadNumberOrderAttachment } from './orders.js';
import { handleRequest, type PipelineContext } from './pipeline.js';
import { createRateLimiter } from './rate-limit.js';
import { listAvailableRegions } from './regions.js';
import { buildReplies, google } from './replies.js';
import { buildRouter } from './router.js';
import { applyState, KNOWN_STATES } from './states.js';
import { ProjectRegistry } from './store.js';
import type { ProviderCredentials, ReferenceProvider, ReferenceProviderOptions, Reply } from './types.js';
import { compileValidators } from './validate.js';
import { answerClientError, readBody, send } from './wire.js';
import { ownValue } from '../openapi/own.js';

export const STATE_CHANGE_PATH = '/_pactSetup';
const DEFAULT_BODY_LIMIT = 1024 * 1024;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

const HANDLERS: Readonly<Record<string, Handler>> = {
  NumberService_ListAvailableNumbers: listAvailableNumbers,
  NumberService_GetAvailableNumber: getAvailableNumber,
  NumberService_RentNumber: rentNumber,
  NumberService_RentAnyNumber: rentAnyNumber,
  NumberService_ListActiveNumbers: listActiveNumbers,
  NumberService_GetActiveNumber: getActiveNumber,
  NumberService_UpdateActiveNumber: updateActiveNumber,
  NumberService_ReleaseNumber: releaseNumber,
  NumberService_GetEmergencyAddress: getEmergencyAddress,
  NumberService_ProvisionEmergencyAddress: provisionEmergencyAddress,
  NumberService_DeprovisionEmergencyAddress: deprovisionEmergencyAddress,
  NumberService_ValidateEmergencyAddress: validateEmergencyAddress,
  NumberService_ListAvailableRegions: listAvailableRegions,
  GetCallbackConfiguration: getCallbackConfiguration,
  UpdateCallbackConfiguration: updateCallbackConfiguration,
  LookupNumberRequirements: lookupNumberRequirements,
  CreateNumberOrder: createNumberOrder,
  GetNumberOrder: getNumberOrder,
  GetNumberOrderRegistration: getNumberOrderRegistration,
  UpdateNumberOrderRegistration: updateNumberOrderRegistration,
  UploadNumberOrderAttachment: uploadNumberOrderAttachment,
  SubmitNumberOrder: submitNumberOrder,
};

async function resolveSpec(options: ReferenceProviderOptions): Promise<{ catalog: Catalog; spec: LoadedSpec }> {
  if (options.spec !== undefined && typeof options.spec !== 'string') {
    return { spec: options.spec, catalog: options.catalog ?? buildCatalog(options.spec) };
  }
  if (options.catalog !== undefined) {
    return { catalog: options.catalog, spec: await loadSpec(typeof options.spec === 'string' ? options.spec : options.catalog.specPath) };
  }
  const spec = await loadSpec(typeof options.spec === 'string' ? options.spec : bundledSpecPath());
  return { spec, catalog: buildCatalog(spec) };
}

/** Starts the reference provider on loopback (an ephemeral port unless `port` is given). */
export async function startReferenceProvider(options: ReferenceProviderOptions = {}): Promise<ReferenceProvider> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new KitError('PROVIDER_HOST', `the reference provider listens on loopback only (127.0.0.1, ::1, localhost), not ${host}`, { argument: '--host' });
  const { catalog, spec } = await resolveSpec(options);
  // Own keys only: an operationId such as `constructor` is not implemented by Object.prototype.
  const missing = catalog.operations.map((op) => op.operationId as string).filter((id) => ownValue(HANDLERS, id) === undefined);
  if (missing.length > 0) throw new KitError('PROVIDER_SPEC', `the reference provider has no implementation of ${missing.join(', ')}`, { file: catalog.specPath });
  const credentials: readonly ProviderCredentials[] = options.credentials === undefined ? [] : Array.isArray(options.credentials) ? options.credentials : [options.credentials as ProviderCredentials];
  const projects = new ProjectRegistry();
  const ctx: PipelineContext = {
    router: buildRouter(catalog.operations),
    auth: createAuthenticator(credentials, options.acceptPlaceholders ?? true),
    replies: buildReplies(catalog),
    validators: compileValidators(spec),
    handlers: HANDLERS,
    projects,
    rateLimiter: options.rateLimit === undefined ? undefined : createRateLimiter(options.rateLimit),
    events: catalog.events,
  };
  const sender = createCallbackSender({
    ...(options.callbackTimeoutMs === undefined ? {} : { timeoutMs: options.callbackTimeoutMs }),
    ...(options.onCallback === undefined ? {} : { onDelivery: options.onCallback }),
  });
  const defaultProject = String(catalog.operations[0]?.state.params.projectId ?? '');
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;

  const setState = (name: string, params: Record<string, unknown> = {}): void => {
    const projectId = typeof params.projectId === 'string' && params.projectId !== '' ? params.projectId : defaultProject;
    applyState(projects.get(projectId), name, params);
  };
  const clearState = (params: Record<string, unknown> = {}): void => {
    if (typeof params.projectId === 'string' && params.projectId !== '') projects.get(params.projectId).reset();
    else projects.resetAll();
  };

  // Node checks request and header timeouts every connectionsCheckingInterval (30 s by default), so a
  // connection trickling its headers (slowloris) outlived the header timeout by up to 30 s.
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const server = http.createServer({ connectionsCheckingInterval: Math.min(1000, requestTimeout) }, (req, res) => {
    readBody(req, bodyLimit)
      .then(async (body) => {
        if (body === undefined) {
          send(res, oversized(ctx, req, bodyLimit), true);
          return;
        }
        const path = (req.url ?? '/').split('?', 1)[0];
        const isStateChange = req.method === 'POST' && path === STATE_CHANGE_PATH;
        const isMessage = req.method === 'POST' && path === MESSAGE_PATH;
        const refused = refuseForeign(req, isStateChange || isMessage);
        if (refused !== undefined) send(res, google(403, 'PERMISSION_DENIED', refused));
        else if (isStateChange) send(res, stateChange(body, setState, clearState));
        else if (isMessage) send(res, await produceMessage(ctx, catalog, defaultProject, body));
        else if (req.method === 'POST' && path === '/oauth2/token') send(res, token(ctx, req.headers.authorization));
        else {
          const reply = await handleRequest(ctx, { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body });
          // Callback events go out once the answer is: the real API calls back asynchronously, after it answered.
          send(res, reply, false, reply.callbacks === undefined ? undefined : () => sender.enqueue(reply.callbacks ?? []));
        }
      })
      .catch(() => {
        // A bug in a handler is the provider's own INTERNAL error, in the documented envelope.
        if (!res.headersSent) send(res, ctx.replies.documented('', 500, 'INTERNAL') ?? google(500, 'INTERNAL', 'An internal server error.'));
        else res.destroy();
      });
  });
  server.requestTimeout = requestTimeout;
  server.headersTimeout = Math.min(server.requestTimeout, 10_000);
  server.on('clientError', answerClientError);
  server.keepAliveTimeout = 5_000;
  const listening = await listen(server, options.port ?? 0, host).catch((error: NodeJS.ErrnoException) => {
    throw new KitError('PROVIDER_LISTEN', `cannot listen on ${host}:${options.port ?? 0}: ${error.code ?? error.message}`, {
      argument: '--port',
      exitCode: EXIT.environment,
      cause: error,
    });
  });
  const port = listening.port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    host,
    setState,
    clearState,
    states: KNOWN_STATES,
    callbacksSettled: () => sender.settled(),
    close: () => {
      sender.close();
      return listening.close();
    },
  };
}

/** 413 for a body over the limit: in the operation's documented words where it documents one (attachments' CONTENT_TOO_LARGE). */
function oversized(ctx: PipelineContext, req: http.IncomingMessage, limit: number): Reply {
  const route = ctx.router.match(req.method ?? 'GET', new URL(req.url ?? '/', 'http://reference.invalid').pathname);
  const documented = route.kind === 'operation' ? ctx.replies.documented(route.operation.operationId as string, 413, 'CONTENT_TOO_LARGE', true) : undefined;
  return documented ?? google(413, 'INVALID_ARGUMENT', `The request body exceeds ${limit} bytes.`);
}

/** `POST /_pactSetup` `{state, params, action}` as Pact verifiers send it. Unknown states: 400 with the reason. */
function stateChange(body: Buffer, setState: (name: string, params: Record<string, unknown>) => void, clearState: (params: Record<string, unknown>) => void): Reply {
  const change = parseStateChange(body);
  if (change === undefined) return { status: 400, body: { error: 'the state change body is not a JSON object' } };
  try {
    if (change.action === 'teardown' || change.state === '') clearState(change.params);
    else setState(change.state, change.params);
    return { status: 200, body: {} };
  } catch (error) {
    return { status: 400, body: { error: error instanceof Error ? error.message : String(error) } };
  }
}

function token(ctx: PipelineContext, authorization: string | undefined): Reply {
  const issued = ctx.auth.issueToken(authorization);
  if (issued === undefined) return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed.' }, headers: { 'WWW-Authenticate': 'Basic realm="auth"' } };
  return { status: 200, body: issued };
}
