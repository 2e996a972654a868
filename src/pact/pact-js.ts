/**
 * A catalog case as an interaction of the user's own pact-js `PactV4` builder, for suites that
 * drive Pact themselves:
 *
 *   await addNumbersErrorCase(pact, errorCase).executeTest(async (server) => { ... });
 *
 * Same interaction as the contracts and the harness (description, state, comments, references,
 * matchers). Note that pact-js's `executeTest` merges the pact file after every test; for many
 * cases prefer `numbersErrorMatrix`, which writes it once.
 */
import type { PactV4 } from '@pact-foundation/pact';
import type { NumbersCase } from '../catalog/types.js';
import { caseInteraction } from './interaction.js';
import type { PactMatcher } from './matchers.js';

type Template = string | PactMatcher;

/** pact-js's `V4InteractionWithResponse` (not exported from its root): call `executeTest` on it. */
export type V4ErrorInteraction = ReturnType<ReturnType<ReturnType<PactV4['addInteraction']>['withRequest']>['willRespondWith']>;

export function addNumbersErrorCase(pact: PactV4, errorCase: NumbersCase): V4ErrorInteraction {
  const interaction = caseInteraction(errorCase);
  const { state, request, response } = interaction;
  let builder = pact.addInteraction().uponReceiving(interaction.description);
  builder = Object.keys(state.params).length === 0 ? builder.given(state.name) : builder.given(state.name, state.params);
  for (const comment of interaction.comments) builder = builder.comment(comment);
  for (const ref of interaction.references) builder = builder.reference(ref.group, ref.name, ref.value);
  // pact-js passes a matcher path through as JSON, as it does for its own `regex()`.
  const path = request.path as Template as string;
  return builder
    .withRequest(request.method, path, (b) => {
      if (Object.keys(request.query).length > 0) b.query(request.query);
      b.headers(request.headers as Record<string, string>);
      const body = request.body;
      if (body?.kind === 'json') b.jsonBody(body.content);
      // A deliberately malformed JSON body cannot be matched by the mock server; it is left out here.
      else if (body?.kind === 'text' && body.matchable) b.body(body.contentType, Buffer.from(body.text, 'utf8'));
    })
    .willRespondWith(response.status, (b) => {
      b.headers(response.headers as Record<string, string>);
      b.jsonBody(response.body.content);
    });
}
