/**
 * A Pact provider-state change as verifiers POST it: `{state, params, action}`. Read once here for
 * the reference provider's `/_pactSetup` and the verification proxy's state endpoint.
 */
export interface StateChange {
  action: 'setup' | 'teardown';
  /** The state's name; "" when the interaction has none. */
  state: string;
  params: Record<string, unknown>;
}

/** The change in `body`; undefined when the body is not a JSON object. Absent fields: setup, state "", no params. */
export function parseStateChange(body: Buffer): StateChange | undefined {
  let message: unknown;
  try {
    message = JSON.parse(body.toString('utf8') || '{}');
  } catch {
    return undefined;
  }
  if (message === null || typeof message !== 'object' || Array.isArray(message)) return undefined;
  const { state, params, action } = message as { state?: unknown; params?: unknown; action?: unknown };
  return {
    action: action === 'teardown' ? 'teardown' : 'setup',
    state: typeof state === 'string' ? state : '',
    params: params !== null && typeof params === 'object' && !Array.isArray(params) ? (params as Record<string, unknown>) : {},
  };
}
