// The task pane's only way to the completion service: typed calls over an HTTP transport (XMLHttpRequest in
// both panes, axios in Node's tests and benchmarks), every call abortable, every failure a CompletionError with a
// stable code (for the UI to choose what to say) and the server's message.
import { CompletionError, type HttpRequest, type HttpResponse, type HttpTransport } from './transport';
import type {
  CompletionRequest,
  CompletionResponse,
  PiiKind,
  ErrorBody,
  FinishReason,
  ModelInfo,
  ModelList,
  PrivacyNotice,
  ReceivePolicy,
  Residency,
} from '../protocol';
import type { OutcomeReport } from '../session/outcomes';

export { CompletionError, type ClientErrorCode } from './transport';

export interface CompletionClientOptions {
  /** '' means same origin (the pane served by the service itself) */
  baseUrl: string;
  /** how requests travel: xhrTransport in the panes, axiosTransport in Node */
  transport: HttpTransport;
  /** how a completion streams (streamCompletion.ts: sseCompletions(fetchStreamTransport)); absent: whole
   *  answers only — the lite pane, whose bundle then holds no stream code */
  streamer?: CompletionStreamer;
  /** bearer token for services configured with tokens; called per request so it may change (Settings) */
  getToken?: () => string | null | undefined;
  /** per-request timeout; the session also aborts on context change, this only bounds a hung service */
  timeoutMs?: number;
  /** UI language, sent as Accept-Language so the server's error messages match the pane */
  language?: string | (() => string);
}

/** One streamed completion: the request as a transport takes it, `onText` with the text so far; resolves
 * like a transport, with the final answer as its data (an HTTP error before the stream as that error). */
export type CompletionStreamer = (req: HttpRequest, onText: (textSoFar: string) => void) => Promise<HttpResponse>;

/** What became of one shown suggestion (core/session/outcomes), as POST /v1/events takes it: no text. */
export interface OutcomeEvent extends OutcomeReport {
  id: string;
  docType: string;
  host: string;
}

export interface HealthStatus {
  ok: boolean;
  [key: string]: unknown;
}

const RESIDENCIES: readonly Residency[] = ['builtin', 'local', 'intranet', 'external'];
const FINISH: readonly FinishReason[] = ['stop', 'length', 'empty', 'filtered'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function badResponse(what: string): CompletionError {
  return new CompletionError('bad_response', `The service sent an unexpected answer (${what}).`);
}

/** The service's count of masked items by kind; anything else in it is ignored. */
function parseMasked(v: Record<string, unknown>): Partial<Record<PiiKind, number>> {
  const out: Partial<Record<PiiKind, number>> = {};
  (['ID', 'PHONE', 'CARD', 'EMAIL', 'PASSPORT', 'NAME'] as const).forEach((k) => {
    const n = v[k];
    if (typeof n === 'number' && Number.isInteger(n) && n > 0) out[k] = n;
  });
  return out;
}

/** Parses one model entry; entries the pane cannot understand are dropped rather than shown wrongly. */
export function parseModel(v: unknown): ModelInfo | null {
  if (!isRecord(v)) return null;
  const { id, label, description, residency, provider, acceptsClassified, acceptsRestricted, needsConsent, aigcLabel } = v;
  if (typeof id !== 'string' || !id) return null;
  if (typeof residency !== 'string' || !RESIDENCIES.includes(residency as Residency)) return null;
  return {
    id,
    label: typeof label === 'string' && label ? label : id,
    ...(typeof description === 'string' ? { description } : {}),
    residency: residency as Residency,
    provider: typeof provider === 'string' ? provider : '',
    // Missing flags are read in the cautious direction: ask consent, refuse classified text.
    acceptsClassified: acceptsClassified === true,
    ...(acceptsRestricted === true ? { acceptsRestricted: true } : {}),
    needsConsent: typeof needsConsent === 'boolean' ? needsConsent : residency !== 'builtin',
    ...(isRecord(aigcLabel) ? { aigcLabel: { producer: typeof aigcLabel.producer === 'string' ? aigcLabel.producer : '' } } : {}),
  };
}

export class CompletionClient {
  private opts: CompletionClientOptions;

  constructor(opts: CompletionClientOptions) {
    this.opts = { ...opts };
  }

  get baseUrl(): string {
    return this.opts.baseUrl;
  }

  /** The user (or admin) changed the service address: later requests go there. */
  setBaseUrl(url: string): void {
    this.opts.baseUrl = url;
  }

  /** this client can stream completions (it has a stream transport) */
  get streams(): boolean {
    return !!this.opts.streamer;
  }

  /**
   * A completion. With `onText` and a stream transport it is asked for as SSE: `onText` gets the text so
   * far each time whole clauses arrive (`delta` events); the `done` event's answer is what resolves — it
   * is authoritative, and may differ from the deltas. Without either, the whole answer as JSON.
   */
  async complete(req: CompletionRequest, signal: AbortSignal, onText?: (textSoFar: string) => void): Promise<CompletionResponse> {
    const stream = !!onText && !!this.opts.streamer;
    return parseCompletion(await this.request('POST', 'v1/completions', signal, { ...req, stream }, stream ? onText : undefined), req);
  }

  models(signal?: AbortSignal): Promise<ModelInfo[]> {
    return this.modelList(signal).then((l) => l.models);
  }

  /** The models and the policy the service published with them (core/policy mayReceive: the pane judges as the guard). */
  async modelList(signal?: AbortSignal): Promise<ModelList> {
    const data = await this.request('GET', 'v1/models', signal);
    // The route answers { models: [...], policy }; a bare array is accepted too so an older service still works.
    const list = Array.isArray(data) ? data : isRecord(data) && Array.isArray(data.models) ? data.models : null;
    if (!list) throw badResponse('model list');
    const models = list.map(parseModel).filter((m): m is ModelInfo => m !== null);
    const p = isRecord(data) ? data.policy : undefined;
    const policy = isRecord(p) && Array.isArray(p.classifiedResidencies) && p.classifiedResidencies.every((r) => typeof r === 'string') && typeof p.restrictedAsClassified === 'boolean'
      ? { classifiedResidencies: p.classifiedResidencies as ReceivePolicy['classifiedResidencies'], restrictedAsClassified: p.restrictedAsClassified }
      : undefined;
    return { models, ...(policy ? { policy } : {}), ...(isRecord(data) && data.events === true ? { events: true } : {}) };
  }

  async privacy(signal?: AbortSignal): Promise<PrivacyNotice> {
    const data = await this.request('GET', 'v1/privacy', signal);
    if (!isRecord(data) || typeof data.version !== 'string' || !isRecord(data.text)) throw badResponse('privacy notice');
    const zh = data.text['zh-CN'];
    const en = data.text.en;
    if (typeof zh !== 'string' && typeof en !== 'string') throw badResponse('privacy notice text');
    return {
      version: data.version,
      text: { 'zh-CN': typeof zh === 'string' ? zh : String(en), en: typeof en === 'string' ? en : String(zh) },
    };
  }

  async health(signal?: AbortSignal): Promise<HealthStatus> {
    const data = await this.request('GET', 'health', signal);
    return isRecord(data) ? { ...data, ok: data.ok !== false } : { ok: true };
  }

  /** Outcome events (POST /v1/events). `keepalive`: the page is closing — fetch's keepalive outlives it where
   * there is fetch; IE11 (the lite pane) has none and cancels a pending request with the page, so there a
   * synchronous one goes before the page does (the last batch, ≤ 20 events, once). */
  sendEvents(events: OutcomeEvent[], keepalive?: boolean): Promise<unknown> {
    const body = JSON.stringify({ events });
    const url = routeUrl(this.opts.baseUrl, 'v1/events');
    const headers: Record<string, string> = { ...this.headers(false), 'Content-Type': 'application/json' };
    if (keepalive && typeof fetch === 'function') return fetch(url, { method: 'POST', keepalive, credentials: 'same-origin', headers, body });
    if (keepalive && typeof XMLHttpRequest !== 'undefined') {
      try {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', url, false);
        Object.keys(headers).forEach((k) => xhr.setRequestHeader(k, headers[k]!));
        xhr.send(body);
      } catch {
        /* a lost batch is lost (outcomeEvents.ts) */
      }
      return Promise.resolve();
    }
    return this.request('POST', 'v1/events', undefined, { events });
  }

  private language(): string {
    const l = this.opts.language;
    return (typeof l === 'function' ? l() : l) || 'zh-CN';
  }

  private headers(stream: boolean): Record<string, string> {
    const lang = this.language();
    const headers: Record<string, string> = {
      Accept: stream ? 'text/event-stream' : 'application/json',
      // Prefer the UI language, keep the other as a fallback the server also speaks.
      'Accept-Language': lang.startsWith('en') ? 'en, zh-CN;q=0.5' : 'zh-CN, en;q=0.5',
    };
    const token = this.opts.getToken && this.opts.getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    return headers;
  }

  /** `onText`: stream it (through the streamer), handing over the text so far */
  private async request(method: 'GET' | 'POST', url: string, signal: AbortSignal | undefined, body?: unknown, onText?: (textSoFar: string) => void): Promise<unknown> {
    if (signal?.aborted) throw new CompletionError('aborted', 'The request was cancelled.');
    const headers = this.headers(!!onText);
    const r = { method, url: routeUrl(this.opts.baseUrl, url), body, headers, signal, timeoutMs: this.opts.timeoutMs ?? 15000 };
    const res = await (onText && this.opts.streamer ? this.opts.streamer(r, onText) : this.opts.transport(r));
    if (res.status >= 200 && res.status < 300) return res.data;
    throw fromErrorStatus(res.status, res.data);
  }
}

/**
 * The route under the service address, keeping the address's query (a gateway's `?site=…`): appended
 * after the whole address it went into the query (`…?site=3/v1/models`). A fragment is not sent.
 */
export function routeUrl(baseUrl: string, route: string): string {
  const [, path = '', query = ''] = /^([^?#]*)(\?[^#]*)?/.exec(baseUrl) ?? [];
  const base = path.replace(/\/+$/, '');
  return `${base ? `${base}/${route}` : route}${query}`;
}

function parseCompletion(data: unknown, req: CompletionRequest): CompletionResponse {
  if (!isRecord(data) || typeof data.text !== 'string') throw badResponse('completion without text');
  return {
    text: data.text,
    model: typeof data.model === 'string' ? data.model : req.model,
    finishReason: FINISH.includes(data.finishReason as FinishReason) ? (data.finishReason as FinishReason) : 'stop',
    latencyMs: typeof data.latencyMs === 'number' ? data.latencyMs : 0,
    ...(isRecord(data.masked) ? { masked: parseMasked(data.masked) } : {}),
    ...(data.fallback === 'builtin' ? { fallback: 'builtin' as const } : {}),
  };
}

export function fromErrorStatus(status: number, data: unknown): CompletionError {
  const body = data as Partial<ErrorBody> | undefined;
  if (isRecord(body) && isRecord(body.error) && typeof body.error.code === 'string') {
    const message = typeof body.error.message === 'string' ? body.error.message : body.error.code;
    return new CompletionError(body.error.code, message, status);
  }
  // A proxy or gateway in front of the service (common on intranets) answers without our ErrorBody.
  if (status === 502 || status === 503 || status === 504) {
    return new CompletionError('unreachable', `The completion service cannot be reached (HTTP ${status}).`, status);
  }
  return new CompletionError('http_error', `The service answered HTTP ${status}.`, status);
}
