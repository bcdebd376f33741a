// How CompletionClient's requests travel, as one small function type, so that the ES5 lite pane can send
// them over XMLHttpRequest (Internet Explorer 11 has no fetch, and axios alone weighs more than its budget allows).

/**
 * Codes the client itself produces, besides whatever `error.code` the server sends
 * (consent_required, classified_blocked, unknown_model, rate_limited, upstream_timeout, ...).
 */
export type ClientErrorCode = 'unreachable' | 'aborted' | 'timeout' | 'bad_response' | 'http_error';

export class CompletionError extends Error {
  readonly code: string;
  readonly status?: number;
  constructor(code: string, message: string, status?: number) {
    super(message);
    // ES5 output (the lite pane) breaks the prototype chain of Error subclasses: restore it for instanceof.
    Object.setPrototypeOf(this, CompletionError.prototype);
    this.name = 'CompletionError';
    this.code = code;
    this.status = status;
  }
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  /** absolute, or relative to the page */
  url: string;
  headers: Record<string, string>;
  /** sent as JSON */
  body?: unknown;
  signal?: AbortSignal;
  timeoutMs: number;
}

/** Any status resolves (the client reads error bodies itself); data is the parsed JSON, or the text when it is not JSON. */
export interface HttpResponse {
  status: number;
  data: unknown;
}

/** Rejects only with CompletionError: aborted, timeout, unreachable or bad_response. */
export type HttpTransport = (req: HttpRequest) => Promise<HttpResponse>;

/**
 * A transport that hands over a text/event-stream body as it arrives (`onText`, decoded) and resolves
 * with `data: null` when it ended; any other body (an error before the stream began) resolves as usual.
 */
export type HttpStreamTransport = (req: HttpRequest & { onText(chunk: string): void }) => Promise<HttpResponse>;

/** Suggestions are small; a huge answer means something is wrong upstream. */
export const MAX_RESPONSE_BYTES = 1 << 20;

export const aborted = (): CompletionError => new CompletionError('aborted', 'The request was cancelled.');
export const timedOut = (): CompletionError => new CompletionError('timeout', 'The service did not answer in time.');
export const unreachable = (): CompletionError => new CompletionError('unreachable', 'The completion service cannot be reached.');
