/**
 * The one module that hands an `ErrorInteraction` to the Pact core, in the order pact-js's V4
 * builder uses (description, state, comments, request, response). Matchers travel as the JSON
 * strings pact-js passes (`matcherValueOrString`).
 */
import type { CoreInteraction, CorePact } from './core.js';
import type { ErrorInteraction } from './interaction.js';

export interface ApplyOptions {
  /**
   * For a mock server: leave out a request body the core cannot compare (a deliberately malformed
   * JSON body fails to parse on both sides, so it never matches), and answer `Connection: close`.
   * Contracts keep the body and never carry that header.
   */
  forMockServer: boolean;
}

const asText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** Adds `interaction` to `pact` as a new V4 HTTP interaction. */
export function addInteraction(pact: CorePact, interaction: ErrorInteraction, options: ApplyOptions): void {
  applyInteraction(pact.newInteraction(interaction.description), interaction, options);
}

export function applyInteraction(core: CoreInteraction, interaction: ErrorInteraction, options: ApplyOptions): void {
  const { state, request, response } = interaction;
  if (Object.keys(state.params).length === 0) core.given(state.name);
  else core.givenWithParams(state.name, JSON.stringify(state.params));
  for (const comment of interaction.comments) core.addTextComment(comment);
  for (const ref of interaction.references) core.addInteractionReference(ref.group, ref.name, ref.value);

  core.withRequest(request.method, asText(request.path));
  for (const [name, values] of Object.entries(request.query)) {
    values.forEach((value, index) => core.withQuery(name, index, value));
  }
  for (const [name, value] of Object.entries(request.headers)) core.withRequestHeader(name, 0, asText(value));
  const body = request.body;
  if (body?.kind === 'json') core.withRequestBody(JSON.stringify(body.content), body.contentType);
  else if (body?.kind === 'text' && (body.matchable || !options.forMockServer)) core.withRequestBody(body.text, body.contentType);
  else if (body?.kind === 'multipart') {
    core.withRequestBody(body.text, body.contentType);
    core.withRequestMatchingRules(JSON.stringify({ body: body.rules }));
  }

  core.withStatus(response.status);
  for (const [name, value] of Object.entries(response.headers)) core.withResponseHeader(name, 0, asText(value));
  // A case's mock server lives for one case, and the next case's server may get the same port: a
  // pooled keep-alive connection (fetch, axios with an agent) to it would go stale, so close it.
  if (options.forMockServer) core.withResponseHeader('Connection', 0, 'close');
  core.withResponseBody(JSON.stringify(response.body.content), response.body.contentType);
}
