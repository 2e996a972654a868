/**
 * A small Sinch Numbers client on `fetch`: the kind of code a consumer writes and wants to test
 * against every error the API documents. Self-contained on purpose (no imports).
 *
 * Errors come back in two envelopes:
 *   Google:  { "error": { "code": 404, "message": "...", "status": "NOT_FOUND", "details": [] } }
 *   legacy:  { "code": "unknown_campaign", "text": "..." }
 * Both become a `NumbersApiError` carrying the HTTP status, the parsed body and the headers.
 */

export interface NumbersClientOptions {
  /** e.g. `https://numbers.api.sinch.com`, or a Pact mock server's URL in tests. */
  baseUrl: string;
  projectId: string;
  /** OAuth2 access token (sent as `Authorization: Bearer <token>`). */
  accessToken: string;
}

export class NumbersApiError extends Error {
  override readonly name = 'NumbersApiError';
  /** Google `error.status` or legacy `code`. */
  readonly code: string;
  readonly envelope: 'google' | 'legacy';

  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string>,
  ) {
    const google = isRecord(body) && isRecord(body.error) ? body.error : undefined;
    const code = google !== undefined ? String(google.status) : isRecord(body) ? String(body.code) : 'UNKNOWN';
    const text = google !== undefined ? String(google.message ?? '') : isRecord(body) ? String(body.text ?? '') : '';
    super(`Numbers API ${status} ${code}${text === '' ? '' : `: ${text}`}`);
    this.code = code;
    this.envelope = google !== undefined ? 'google' : 'legacy';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface RawRequest {
  method: string;
  /** Absolute path, e.g. `/v1/projects/<id>/activeNumbers/+12025550134`. */
  path: string;
  query?: Record<string, string[]>;
  headers?: Record<string, string>;
  body?: string;
}

export class NumbersClient {
  readonly #options: NumbersClientOptions;

  constructor(options: NumbersClientOptions) {
    this.#options = options;
  }

  #project(): string {
    return `/v1/projects/${encodeURIComponent(this.#options.projectId)}`;
  }

  getActiveNumber(phoneNumber: string): Promise<unknown> {
    return this.#json('GET', `${this.#project()}/activeNumbers/${encodeURIComponent(phoneNumber)}`);
  }

  updateActiveNumber(phoneNumber: string, update: unknown): Promise<unknown> {
    return this.#json('PATCH', `${this.#project()}/activeNumbers/${encodeURIComponent(phoneNumber)}`, update);
  }

  rentNumber(phoneNumber: string, request: unknown): Promise<unknown> {
    return this.#json('POST', `${this.#project()}/availableNumbers/${encodeURIComponent(phoneNumber)}:rent`, request);
  }

  listAvailableNumbers(query: { regionCode: string; type: string }): Promise<unknown> {
    return this.#json('GET', `${this.#project()}/availableNumbers`, undefined, { regionCode: [query.regionCode], type: [query.type] });
  }

  /** Any request, for what the typed methods never send (another method, a hand-made body). */
  async send(request: RawRequest): Promise<unknown> {
    const query = Object.entries(request.query ?? {}).flatMap(([name, values]) => values.map((v) => `${encodeURIComponent(name)}=${encodeURIComponent(v)}`));
    const response = await fetch(`${this.#options.baseUrl}${request.path}${query.length === 0 ? '' : `?${query.join('&')}`}`, {
      method: request.method,
      headers: { Authorization: `Bearer ${this.#options.accessToken}`, ...request.headers },
      ...(request.body === undefined ? {} : { body: request.body }),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    if (!response.ok) throw new NumbersApiError(response.status, body, Object.fromEntries(response.headers));
    return body;
  }

  #json(method: string, path: string, body?: unknown, query?: Record<string, string[]>): Promise<unknown> {
    return this.send({
      method,
      path,
      ...(query === undefined ? {} : { query }),
      ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    });
  }
}
