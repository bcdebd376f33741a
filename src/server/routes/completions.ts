// POST /v1/completions, read top to bottom as the design's sentence: validate (schema) → policy (consent,
// classification, PII) → retrieval (corpus examples) → provider → pipeline (postprocess: thoughts, chatter,
// clauses, drops) → reply (JSON, or SSE as the text comes) → audit. Fallback and partial answers are
// decided once, in `answer`, for both kinds of reply.
import { performance } from 'node:perf_hooks';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CompletionRequest, CompletionResponse, ContextDigest, FinishReason } from '../../core/protocol';
import type { ModelConfig } from '../config';
import { ApiError, errorBody, pickLang, type ErrorCode } from '../errors';
import { checkConsent } from '../policy/consent';
import { checkClassification } from '../policy/classification';
import { createMasker, maskDigest, type Masker } from '../policy/pii';
import type { AuditRecord, AuditSink } from '../policy/audit';
import type { AuditWho } from '../policy/auth';
import { digestMarking } from '../../core/policy';
import { collect, pipeline, type Answer } from '../postprocess';
import { FALLBACK } from '../providers';
import { ProviderError, type Piece, type Provider } from '../providers/types';
import type { Corpus } from '../corpus';
import { corpusExamples } from '../corpus/examples';
import { completionBodySchema } from './schema';
import type { ServerConfig } from '../config';

export { CORPUS_BUDGET, CORPUS_PASSAGES } from '../corpus/examples';

export interface CompletionDeps {
  config: ServerConfig;
  providers: Map<string, Provider>;
  noticeVersion: string;
  audit: AuditSink;
  /** who the caller is, as the audit log names them (hashed or plain, policy/auth.ts auditWho) */
  whoOf(req: FastifyRequest): AuditWho;
  /** the organisation corpus, when one is configured: passages of it become examples in LLM prompts */
  corpus?: Corpus | null;
  /** the model that answers a request for `requested` (policy.experiment); absent: the one asked for */
  modelFor?(req: FastifyRequest, requested: string): string;
}

/** What the policy and retrieval steps hand on: the digest as it may leave, how to restore masked values, examples. */
interface Prepared { digest: ContextDigest; masker: Masker | null; examples: string[] }

/** How a request ended, for the reply and the audit line. */
type Result =
  | { response: CompletionResponse | null; outcome: string }
  | { error: ApiError; outcome: string };

export function completionRoutes(app: FastifyInstance, deps: CompletionDeps): void {
  const models = new Map(deps.config.models.map((m) => [m.id, m]));

  app.post('/v1/completions', { schema: { body: completionBodySchema } }, async (req, reply) => {
    const started = performance.now();
    let body = req.body as CompletionRequest;
    const assigned = deps.modelFor?.(req, body.model);
    if (assigned !== undefined && assigned !== body.model) body = { ...body, model: assigned };
    const audit: AuditRecord = {
      time: new Date().toISOString(), requestId: body.requestId, ...deps.whoOf(req), model: body.model,
      residency: '', classification: digestMarking(body.digest), charsSent: 0, charsReceived: 0, latencyMs: 0, outcome: 'ok',
    };
    const write = (outcome: string): void => {
      audit.outcome = outcome;
      audit.latencyMs = Math.round((performance.now() - started) * 10) / 10;
      deps.audit.write(audit);
    };

    const model = models.get(body.model);
    const provider = model && deps.providers.get(model.id);
    let prep: Prepared;
    try {
      if (!model || !provider) throw new ApiError(404, 'unknown_model', body.model.replace(/[^\w.:-]/g, '?'));
      audit.residency = model.residency;
      prep = prepare(body, model, deps, audit);
    } catch (err) {
      write(err instanceof ApiError ? err.code : 'internal_error');
      throw err;
    }
    const client = watchClient(reply);
    const sse = body.stream ? new SseWriter(req, reply) : null;
    let result: Result;
    try {
      result = await answer({ body, model, provider, prep, deps, audit, client, log: reply.log, started }, sse ? (t) => sse.delta(t) : undefined);
    } catch (err) {
      write('internal_error');
      if (sse?.open) { sse.fail('internal_error'); return; }
      throw err;
    }
    write(result.outcome);
    if (sse) return sse.finish(result);
    if ('error' in result) throw result.error;
    return result.response ?? undefined;
  });
}

/** Policy (consent, classification, PII masking for external models) and retrieval, before anything leaves. */
function prepare(body: CompletionRequest, model: ModelConfig, deps: CompletionDeps, audit: AuditRecord): Prepared {
  const { policy } = deps.config;
  checkConsent(model, body.consent, deps.noticeVersion);
  audit.classified = checkClassification(model, body.digest, policy.classifiedResidencies, policy.restrictedAsClassified) !== null;
  let digest = body.digest;
  let masker: Masker | null = null;
  if (model.residency === 'external' && policy.maskPii) {
    ({ digest, masker } = maskDigest(body.digest, createMasker()));
    if (masker.count) audit.piiMasked = masker.counts();
  }
  const examples = corpusExamples(deps.corpus, model, policy, body.digest.before, masker);
  if (examples) audit.corpusPassages = examples.length;
  return { digest, masker, examples: examples ?? [] };
}

/** The client's connection: gone once it closed before the answer; each controller made here aborts then. */
interface ClientWatch {
  readonly gone: boolean;
  controller(): AbortController;
}

function watchClient(reply: FastifyReply): ClientWatch {
  // request.signal is unreliable for POSTs in Fastify 5 (see NOTES.md): watch the socket ourselves.
  let gone = false;
  let current: AbortController | null = null;
  reply.raw.on('close', () => {
    if (reply.raw.writableEnded) return;
    gone = true;
    current?.abort();
  });
  return {
    get gone() { return gone; },
    controller() {
      current = new AbortController();
      if (gone) current.abort();
      return current;
    },
  };
}

interface Call {
  body: CompletionRequest;
  model: ModelConfig;
  provider: Provider;
  prep: Prepared;
  deps: CompletionDeps;
  audit: AuditRecord;
  client: ClientWatch;
  log: FastifyBaseLogger;
  started: number;
}

/**
 * The model's answer through the pipeline; when the model fails before any text reached the client and
 * its admin allows it, the built-in engine answers this one request from the digest as the client sent
 * it (nothing leaves this server). `onDelta` sees the text as it is let through (SSE).
 */
async function answer(call: Call, onDelta?: (text: string) => void): Promise<Result> {
  const { body, model, prep, audit, client, deps } = call;
  const count = (n: number): void => { audit.charsReceived += n; };
  let delivered = false;
  const deliver = onDelta && ((t: string): void => { delivered = true; onDelta(t); });
  try {
    const control = client.controller();
    const sent = (n: number): void => { audit.charsSent += n; };
    const pieces = call.provider.stream({ digest: prep.digest, maxChars: body.maxChars, signal: control.signal, examples: prep.examples, sent });
    // the deadline counts from the request's arrival
    const deadline = model.provider === 'builtin' ? 0 : model.firstAnswerMs ?? deps.config.firstAnswerMs;
    const waited = (ms: number): void => { audit.upstreamMs = Math.round(((audit.upstreamMs ?? 0) + ms) * 10) / 10; };
    const p = pipeline(counted(pieces, count, waited), {
      before: prep.digest.before, after: prep.digest.after, title: prep.digest.title, maxChars: body.maxChars,
      repeatsWanted: model.provider === 'builtin', holdUntagged: model.thinking === 'auto',
      firstAnswerMs: deadline && Math.max(1, deadline - (performance.now() - call.started)), control, masker: prep.masker,
    });
    return reply(call, await collect(p, deliver), model, prep.masker, false);
  } catch (err) {
    if (!(err instanceof ProviderError)) throw err;
    if (err.status) audit.upstreamStatus = err.status;
    // Which replica, and why: refused / timeout / http_status / bad_body / thinking … (never text).
    call.log.warn({ model: model.id, replica: err.replica, cause: err.why, failure: err.kind, upstreamStatus: err.status }, 'upstream failed');
    const apiErr = providerApiError(err);
    if (client.gone) return { error: apiErr, outcome: 'aborted' };
    const builtin = deps.providers.get(FALLBACK);
    if (!model.fallbackToBuiltin || !builtin || delivered) return { error: apiErr, outcome: apiErr.code };
    audit.fallback = err.kind;
    const p = pipeline(builtin.stream({ digest: body.digest, maxChars: body.maxChars, signal: client.controller().signal }), {
      before: body.digest.before, after: body.digest.after, title: body.digest.title, maxChars: body.maxChars, repeatsWanted: true, holdUntagged: false,
    });
    return reply(call, await collect(p, onDelta), { ...model, provider: 'builtin', residency: 'builtin' }, null, true);
  }
}

function reply(call: Call, a: Answer, model: ModelConfig, masker: Masker | null, fallback: boolean): Result {
  if (call.client.gone) return { response: null, outcome: 'aborted' };
  const response: CompletionResponse = {
    text: a.text, model: model.id, finishReason: a.finishReason, latencyMs: Math.round(performance.now() - call.started),
    ...(masker && masker.count ? { masked: masker.counts() } : {}), ...(fallback ? { fallback: 'builtin' as const } : {}),
  };
  return { response, outcome: a.partial ? 'partial' : outcomeOf(a.finishReason) };
}

/** Counts what the upstream sent (answer and thoughts), for the audit's charsReceived, and the time spent
 * waiting on it (upstreamMs: what is left of the latency is the service's own overhead). */
async function* counted(source: AsyncIterable<Piece>, count: (n: number) => void, waited: (ms: number) => void): AsyncGenerator<Piece> {
  const it = source[Symbol.asyncIterator]();
  try {
    for (;;) {
      const t = performance.now();
      let r: IteratorResult<Piece>;
      try {
        r = await it.next();
      } finally {
        waited(performance.now() - t);
      }
      if (r.done) return;
      count(typeof r.value === 'string' ? r.value.length : r.value.thought.length);
      yield r.value;
    }
  } finally {
    await it.return?.();
  }
}

function providerApiError(err: ProviderError): ApiError {
  switch (err.kind) {
    case 'upstream_timeout': return new ApiError(504, 'upstream_timeout');
    case 'upstream_busy': return new ApiError(503, 'upstream_busy');
    case 'upstream_unavailable': return new ApiError(503, 'upstream_unavailable');
    default: return new ApiError(502, 'upstream_error');
  }
}

function outcomeOf(reason: FinishReason): string {
  return reason === 'stop' || reason === 'length' ? 'ok' : reason;
}

/**
 * SSE: `event: delta` carries text as the pipeline lets it through (whole clauses); `event: done` carries
 * the final CompletionResponse, which is authoritative; `event: error` carries an ErrorBody. Headers wait
 * for the first delta, so a request that fails before any text still gets a plain HTTP error status.
 */
class SseWriter {
  open = false;

  constructor(private readonly req: FastifyRequest, private readonly reply: FastifyReply) {}

  delta(text: string): void {
    this.start();
    this.event('delta', { text });
  }

  finish(result: Result): void {
    if ('error' in result) {
      if (!this.open) throw result.error;
      this.fail(result.error.code);
      return;
    }
    if (result.response) {
      this.start();
      this.event('done', result.response);
    }
    if (this.open) this.reply.raw.end();
  }

  fail(code: ErrorCode): void {
    this.event('error', errorBody(code, pickLang(this.req.headers['accept-language'])));
    this.reply.raw.end();
  }

  private start(): void {
    if (this.open) return;
    this.open = true;
    this.reply.hijack();
    this.reply.raw.writeHead(200, {
      ...(this.reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
      // Draining (see app.ts): this connection closes after the answer.
      ...(this.req.server.readiness?.isDraining ? { connection: 'close' } : {}),
    });
  }

  private event(name: string, data: unknown): void {
    const res = this.reply.raw;
    if (!res.writableEnded && !res.destroyed) res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  }
}
