/**
 * Buying a phone number through a Sinch Number Order, on `fetch`: the client a consumer writes and
 * wants to test against every error the seven Number Order operations document. Self-contained on
 * purpose (no imports).
 *
 *   lookup requirements → create the order (reserves the number) → set the registration
 *   → upload the required documents (multipart/form-data) → submit → get the order
 *
 * Every failed call becomes a `NumberOrderError` (HTTP status, Google `error.status` or legacy
 * `code`, the parsed body, the step), and `nextStep` says what the application does about it.
 */

export interface NumberOrderClientOptions {
  /** e.g. `https://numbers.api.sinch.com`, or a Pact mock server's URL in tests. */
  baseUrl: string;
  projectId: string;
  /** OAuth2 access token (sent as `Authorization: Bearer <token>`). */
  accessToken: string;
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
}

export class NumberOrderError extends Error {
  override readonly name = 'NumberOrderError';
  /** Google `error.status` (e.g. CONTENT_TOO_LARGE) or legacy `code` (e.g. blocked_account). */
  readonly code: string;

  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly operation: string,
  ) {
    const google = isRecord(body) && isRecord(body.error) ? body.error : undefined;
    const code = google !== undefined ? String(google.status) : isRecord(body) && typeof body.code === 'string' ? body.code : 'UNKNOWN';
    const text = google !== undefined ? String(google.message ?? '') : isRecord(body) ? String(body.text ?? '') : '';
    super(`${operation}: Numbers API ${status} ${code}${text === '' ? '' : `: ${text}`}`);
    this.code = code;
  }
}

/** What the application does about a failed Number Order call. */
export type NextStep =
  /** 429, 500, 503: transient; retry with backoff. */
  | 'retry-later'
  /** 401: the token is invalid or expired; get a new one. */
  | 'reauthenticate'
  /** 403: the credentials, account or campaign cannot do this; a person must look. */
  | 'check-account'
  /** 400 on creating or looking up (syntax, values, an unavailable number), 405, 415: fix the request. */
  | 'fix-request'
  /**
   * 404, or a 400 on an existing order (registration, attachment): the order may be gone, in
   * review, completed or expired, or the request is at fault. GET the order: in CREATED or BLOCKED
   * fix the request; otherwise start a new order.
   */
  | 'check-order'
  /** 413: the document is too large; compress or split it. */
  | 'shrink-file';

const ORDER_OPERATIONS = new Set(['GetNumberOrder', 'GetNumberOrderRegistration', 'UpdateNumberOrderRegistration', 'UploadNumberOrderAttachment', 'SubmitNumberOrder']);

/**
 * The decision, from the status, the code and the step alone: the message text is for people
 * (it may be empty, and contracts do not pin it), so no decision reads it.
 */
export function nextStep(error: NumberOrderError): NextStep {
  if (error.status === 429 || error.status >= 500) return 'retry-later';
  if (error.status === 401) return 'reauthenticate';
  if (error.status === 403) return 'check-account';
  if (error.status === 413) return 'shrink-file';
  if (error.status === 404) return 'check-order';
  if (error.status === 400 && error.code === 'INVALID_ARGUMENT' && ORDER_OPERATIONS.has(error.operation)) return 'check-order';
  return 'fix-request';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A document to upload. */
export interface OrderDocument {
  content: Blob | Uint8Array | string;
  filename: string;
  /** e.g. application/pdf; one of the attachment's allowedMimeTypes. */
  contentType: string;
  /** One of the attachment's allowedDocumentTypes, when it lists any. */
  documentType?: string;
}

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | FormData;
}

export class NumberOrderClient {
  readonly #options: NumberOrderClientOptions;

  constructor(options: NumberOrderClientOptions) {
    this.#options = options;
  }

  #orders(): string {
    return `/v1/projects/${encodeURIComponent(this.#options.projectId)}/numberOrders`;
  }

  #order(id: string): string {
    return `${this.#orders()}/${encodeURIComponent(id)}`;
  }

  lookupRequirements(request: unknown): Promise<unknown> {
    return this.#json('LookupNumberRequirements', 'POST', `${this.#orders()}:lookupNumberRequirements`, request);
  }

  createOrder(request: unknown): Promise<unknown> {
    return this.#json('CreateNumberOrder', 'POST', `${this.#orders()}:createNumberOrder`, request);
  }

  getOrder(numberOrderId: string): Promise<unknown> {
    return this.#json('GetNumberOrder', 'GET', this.#order(numberOrderId));
  }

  getRegistration(numberOrderId: string): Promise<unknown> {
    return this.#json('GetNumberOrderRegistration', 'GET', `${this.#order(numberOrderId)}/registration`);
  }

  updateRegistration(numberOrderId: string, request: unknown): Promise<unknown> {
    return this.#json('UpdateNumberOrderRegistration', 'PUT', `${this.#order(numberOrderId)}/registration`, request);
  }

  /** multipart/form-data: the document as part `file` (with its name and type), and `documentType` when given. */
  uploadAttachment(numberOrderId: string, attachmentId: string, document: OrderDocument): Promise<unknown> {
    const form = new FormData();
    const blob = document.content instanceof Blob ? document.content : new Blob([document.content], { type: document.contentType });
    form.append('file', blob, document.filename);
    if (document.documentType !== undefined) form.append('documentType', document.documentType);
    return this.send({ method: 'POST', path: `${this.#order(numberOrderId)}/attachments/${encodeURIComponent(attachmentId)}`, body: form }, 'UploadNumberOrderAttachment');
  }

  submit(numberOrderId: string): Promise<unknown> {
    return this.#json('SubmitNumberOrder', 'POST', `${this.#order(numberOrderId)}/submit`);
  }

  /** Any request, for what the typed methods never send (another method, a hand-made body). */
  async send(request: RawRequest, operation = `${request.method} ${request.path}`): Promise<unknown> {
    const doFetch = this.#options.fetch ?? fetch;
    const response = await doFetch(`${this.#options.baseUrl}${request.path}`, {
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
    if (!response.ok) throw new NumberOrderError(response.status, body, operation);
    return body;
  }

  #json(operation: string, method: string, path: string, body?: unknown): Promise<unknown> {
    return this.send({ method, path, ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }) }, operation);
  }
}

export interface BuyNumberInput {
  regionCode: string;
  numberType: string;
  phoneNumber: string;
  smsConfiguration?: { servicePlanId: string; campaignId?: string };
  /** The registration's requestDetails, shaped by the requirements' fields. */
  registration: Record<string, unknown>;
  /** The documents, by the attachment id LookupNumberRequirements gives. */
  documents: Record<string, OrderDocument>;
}

/**
 * The whole purchase: lookup → create → registration → each mandatory attachment → submit → get.
 * Resolves with the order as the last GET answers it (IN_REVIEW until Sinch's review ends;
 * callbacks report BLOCKED, REJECTED, COMPLETED or EXPIRED). Rejects with the first
 * `NumberOrderError`; `nextStep(error)` says what to do, and `error.operation` which step failed.
 */
export async function buyNumber(client: NumberOrderClient, input: BuyNumberInput): Promise<unknown> {
  const requirements = (await client.lookupRequirements({ regionCode: input.regionCode, numberType: input.numberType })) as { attachments?: { id?: string; mandatory?: boolean }[] };
  const order = (await client.createOrder({
    regionCode: input.regionCode,
    numberType: input.numberType,
    ...(input.smsConfiguration === undefined ? {} : { smsConfiguration: input.smsConfiguration }),
    numberOrderOption: { phoneNumbers: [input.phoneNumber] },
  })) as { idNumberOrder: string };
  await client.updateRegistration(order.idNumberOrder, { requestDetails: input.registration });
  for (const attachment of requirements.attachments ?? []) {
    const document = attachment.id === undefined ? undefined : input.documents[attachment.id];
    if (document !== undefined) await client.uploadAttachment(order.idNumberOrder, attachment.id as string, document);
    else if (attachment.mandatory === true) throw new Error(`the requirements ask for attachment ${String(attachment.id)}, and no document was given for it`);
  }
  await client.submit(order.idNumberOrder);
  return client.getOrder(order.idNumberOrder);
}
