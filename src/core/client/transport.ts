// How CompletionClient's requests travel, as one small function type, so that the ES5 lite pane can send
// them over XMLHttpRequest (Internet Explorer 11 has no fetch, and axios alone weighs more than its budget allows).

/**
 * Codes the client itself produces, besides whatever `error.code` the server sends
 * (consent_required, classified_blocked, unknown_model, rate_limited, upstream_timeout, ...).
 */
export type ClientErrorCode = 'unreachable' | 'aborted' | 'timeout' | 'bad_response' | 'http_error';

export interface CompletionError extends Error {
  readonly code: string;
  readonly status?: number;
}

interface CompletionErrorConstructor {
  new (code: string, message: string, status?: number): CompletionError;
  readonly prototype: CompletionError;
}

/**
 * An Error with the service's (or the client's) stable code. A constructor function rather than `class …
 * extends Error`: compiled to ES5 for the lite pane, extending a native class pulls in swc's wrap-native-super
 * helpers (about 1 KB gzipped, issue 27) and still needs its prototype put back for instanceof.
 */
export const CompletionError = function CompletionError(code: string, message: string, status?: number): CompletionError {
  const e = new Error(message) as Error & { code: string; status?: number };
  Object.setPrototypeOf(e, CompletionError.prototype);
  e.name = 'CompletionError';
  e.code = code;
  e.status = status;
  return e;
} as unknown as CompletionErrorConstructor;
(CompletionError as { prototype: CompletionError }).prototype = Object.create(Error.prototype, {
  constructor: { value: CompletionError, writable: true, configurable: true },
});

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
