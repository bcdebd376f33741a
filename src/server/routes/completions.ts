// POST /v1/completions, read top to bottom as the design's sentence: validate (schema) → policy
// (consent, classification, PII) → provider (streamed, stopped once enough) → post-process → reply → audit.
import { performance } from 'node:perf_hooks';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CompletionRequest, CompletionResponse, ContextDigest, FinishReason } from '../../core/protocol';
import type { ModelConfig, ServerConfig } from '../config';
import { ApiError, errorBody, pickLang, type ErrorCode } from '../errors';
import { checkConsent } from '../policy/consent';
import { checkClassification } from '../policy/classification';
import { createMasker, hasPlaceholder, maskDigest, type Masker } from '../policy/pii';
import type { AuditRecord, AuditSink } from '../policy/audit';
import { finish, hasEnough, stripChatter, dropEchoOfBefore, cutAtClause, wholeClauses } from '../postprocess';
import { FALLBACK } from '../providers';
import { ProviderError, type Provider } from '../providers/types';
import type { Corpus } from '../corpus';
import { completionBodySchema } from './schema';

export interface CompletionDeps {
  config: ServerConfig;
  providers: Map<string, Provider>;
  noticeVersion: string;
  audit: AuditSink;
  /** hashed identity of the caller, for the audit log */
  userOf(req: FastifyRequest): string;
  /** the organisation corpus, when one is configured: passages of it become examples in LLM prompts */
  corpus?: Corpus | null;
}

/** Corpus passages per LLM prompt, and their total size (characters). */
export const CORPUS_PASSAGES = 3;
export const CORPUS_BUDGET = 600;

/** Where a request stands when it ends, for the reply and the audit line. */
interface Outcome {
  raw: string;
  /** the upstream broke off or timed out after some text arrived */
  partial: boolean;
  clientGone: boolean;
}

export function completionRoutes(app: FastifyInstance, deps: CompletionDeps): void {
  const models = new Map(deps.config.models.map((m) => [m.id, m]));

  app.post('/v1/completions', { schema: { body: completionBodySchema } }, async (req, reply) => {
    const started = performance.now();
    const body = req.body as CompletionRequest;
    const audit: AuditRecord = {
      time: new Date().toISOString(), requestId: body.requestId, user: deps.userOf(req), model: body.model,
      residency: '', charsSent: 0, charsReceived: 0, latencyMs: 0, outcome: 'ok',
    };
    let audited = false;
    const done = (outcome: string, received: number): void => {
      audited = true;
      audit.outcome = outcome;
      audit.charsReceived = received;
      audit.latencyMs = Math.round((performance.now() - started) * 10) / 10;
      deps.audit.write(audit);
    };

    const model = models.get(body.model);
    const provider = model && deps.providers.get(model.id);
    try {
      if (!model || !provider) throw new ApiError(404, 'unknown_model', body.model.replace(/[^\w.:-]/g, '?'));
      audit.residency = model.residency;
      // policy
      checkConsent(model, body.consent, deps.noticeVersion);
      audit.classified = checkClassification(model, body.digest, deps.config.policy.classifiedResidencies, deps.config.policy.restrictedAsClassified) !== null;
      let prep: Prepared = { digest: body.digest, masker: null, examples: [] };
      if (model.residency === 'external' && deps.config.policy.maskPii) {
        prep = { ...maskDigest(body.digest, createMasker()), examples: [] };
        if (prep.masker!.count) audit.piiMasked = prep.masker!.counts();
      }
      // The corpus is the organisation's data: its passages go only where the admin allows.
      if (model.provider !== 'builtin' && deps.corpus) {
        if (deps.config.policy.corpusResidencies.includes(model.residency)) {
          const found = deps.corpus.passages(body.digest.before, CORPUS_PASSAGES, CORPUS_BUDGET);
          prep.examples = prep.masker ? found.map((p) => prep.masker!.mask(p)) : found;
        }
        audit.corpusPassages = prep.examples.length;
      }
      audit.charsSent = digestChars(prep.digest);
      return body.stream
        ? streamReply(req, reply, body, model, provider, prep, done, audit, deps)
        : jsonReply(reply, body, model, provider, prep, done, started, audit, deps);
    } catch (err) {
      if (!audited) done(err instanceof ApiError ? err.code : 'internal_error', 0);
      throw err;
    }
  });
}

function clientGoneSignal(reply: FastifyReply): AbortController {
  // request.signal is unreliable for POSTs in Fastify 5 (see NOTES.md): watch the socket ourselves.
  const ctrl = new AbortController();
  reply.raw.on('close', () => {
    if (!reply.raw.writableEnded) ctrl.abort();
  });
  return ctrl;
}

/** Runs the provider until it is done, fails, or has produced more than maxChars of usable text. */
async function collect(
  provider: Provider, digest: ContextDigest, maxChars: number, ctrl: AbortController,
  onText?: (raw: string) => void, examples: string[] = [],
): Promise<Outcome> {
  let raw = '';
  try {
    for await (const chunk of provider.stream({ digest, maxChars, signal: ctrl.signal, examples })) {
      raw += chunk;
      onText?.(raw);
      // Leaving the loop runs the provider's cleanup, which aborts the upstream request.
      if (hasEnough(raw, digest.before, maxChars)) break;
      if (ctrl.signal.aborted) break;
    }
  } catch (err) {
    if (!(err instanceof ProviderError)) throw err;
    if (!raw) throw err;
    return { raw, partial: true, clientGone: ctrl.signal.aborted };
  }
  return { raw, partial: false, clientGone: ctrl.signal.aborted };
}

/** Maps an upstream failure to the client's error, and tells the operator why (status only, no text). */
function providerApiError(err: ProviderError, reply: FastifyReply, model: ModelConfig, audit: AuditRecord): ApiError {
  if (err.status) audit.upstreamStatus = err.status;
  reply.log.warn({ model: model.id, failure: err.kind, upstreamStatus: err.status }, 'upstream failed');
  switch (err.kind) {
    case 'upstream_timeout': return new ApiError(504, 'upstream_timeout');
    case 'upstream_busy': return new ApiError(503, 'upstream_busy');
    case 'upstream_unavailable': return new ApiError(503, 'upstream_unavailable');
    default: return new ApiError(502, 'upstream_error');
  }
}

/**
 * The model failed before any text and its admin allows falling back: the built-in engine answers this
 * one request, from the digest as the client sent it (nothing leaves this server). Null when not allowed.
 */
async function fallback(
  err: ProviderError, model: ModelConfig, providers: Map<string, Provider>, body: CompletionRequest,
  ctrl: AbortController, audit: AuditRecord,
): Promise<{ out: Outcome; model: ModelConfig } | null> {
  const builtin = providers.get(FALLBACK);
  if (!model.fallbackToBuiltin || !builtin || ctrl.signal.aborted) return null;
  audit.fallback = err.kind;
  const out = await collect(builtin, body.digest, body.maxChars, ctrl);
  return { out, model: { ...model, provider: 'builtin', residency: 'builtin' } };
}

async function jsonReply(
  reply: FastifyReply, body: CompletionRequest, model: ModelConfig, provider: Provider, prep: Prepared,
  done: (outcome: string, received: number) => void, started: number, audit: AuditRecord, deps: CompletionDeps,
): Promise<CompletionResponse | void> {
  const { digest } = prep;
  let { masker } = prep;
  const ctrl = clientGoneSignal(reply);
  let out: Outcome;
  let usedFallback = false;
  try {
    out = await collect(provider, digest, body.maxChars, ctrl, undefined, prep.examples);
  } catch (err) {
    if (err instanceof ProviderError) {
      const apiErr = providerApiError(err, reply, model, audit);
      const fb = await fallback(err, model, deps.providers, body, ctrl, audit);
      if (!fb) {
        done(ctrl.signal.aborted ? 'aborted' : apiErr.code, 0);
        throw apiErr;
      }
      ({ out, model } = fb);
      masker = null;
      usedFallback = true;
    } else {
      done('internal_error', 0);
      throw err;
    }
  }
  const answer = shape(out, body, model, masker);
  const received = Array.from(out.raw).length;
  if (out.partial && !answer.text && !out.clientGone) {
    // The upstream broke off before one whole clause: that is a failure, not an empty suggestion.
    done('upstream_error', received);
    throw new ApiError(502, 'upstream_error');
  }
  done(out.clientGone ? 'aborted' : out.partial ? 'partial' : outcomeOf(answer.finishReason), received);
  if (out.clientGone) return;
  return {
    text: answer.text, model: model.id, finishReason: answer.finishReason, latencyMs: Math.round(performance.now() - started),
    ...maskedField(masker), ...(usedFallback ? { fallback: 'builtin' as const } : {}),
  };
}

/** What the pane tells the user: how many personal items, by kind, left as placeholders. */
function maskedField(masker: Masker | null): Pick<CompletionResponse, 'masked'> {
  return masker && masker.count ? { masked: masker.counts() } : {};
}

/** Post-processing on the model's raw text; restoring PII comes last, so checks see what the model saw. */
function shape(out: Outcome, body: CompletionRequest, model: ModelConfig, masker: Masker | null): { text: string; finishReason: FinishReason } {
  const d = body.digest;
  const repeatsWanted = model.provider === 'builtin';
  const ctx = masker
    ? { before: masker.mask(d.before), after: masker.mask(d.after), title: masker.mask(d.title), maxChars: body.maxChars, repeatsWanted }
    : { before: d.before, after: d.after, title: d.title, maxChars: body.maxChars, repeatsWanted };
  const f = finish(out.raw, ctx, out.partial);
  if (!masker) return f;
  const text = masker.restore(f.text);
  // a placeholder we never issued (the model made it up) must not reach the document
  return hasPlaceholder(text) ? { text: '', finishReason: 'filtered' } : { text, finishReason: f.finishReason };
}

function outcomeOf(reason: FinishReason): string {
  return reason === 'stop' || reason === 'length' ? 'ok' : reason;
}

/**
 * SSE: `event: delta` carries whole clauses as they become stable; `event: done` carries the final
 * CompletionResponse, which is authoritative (a later check may still empty the suggestion);
 * `event: error` carries an ErrorBody. Headers wait for the first delta, so a request that fails
 * before any text still gets a plain HTTP error status.
 */
async function streamReply(
  req: FastifyRequest, reply: FastifyReply, body: CompletionRequest, model: ModelConfig, provider: Provider,
  prep: Prepared, done: (outcome: string, received: number) => void, audit: AuditRecord, deps: CompletionDeps,
): Promise<void> {
  const started = performance.now();
  const { digest } = prep;
  let { masker } = prep;
  let usedFallback = false;
  const ctrl = clientGoneSignal(reply);
  let sent = '';
  let open = false;
  let diverged = false;
  const res = reply.raw;
  const openStream = (): void => {
    if (open) return;
    open = true;
    reply.hijack();
    res.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
      // Draining (see app.ts): this connection closes after the answer.
      ...(req.server.readiness?.isDraining ? { connection: 'close' } : {}),
    });
  };
  const event = (name: string, data: unknown): void => {
    if (!res.writableEnded && !res.destroyed) res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const onText = (raw: string): void => {
    if (diverged) return;
    const visible = cutAtClause(dropEchoOfBefore(stripChatter(raw), digest.before), body.maxChars).text;
    const stable = wholeClauses(visible);
    if (!stable.startsWith(sent)) { diverged = true; return; } // cleaning rewrote the start: only `done` is reliable now
    if (stable.length > sent.length && Array.from(stable).length >= 4) {
      const delta = masker ? masker.restore(stable.slice(sent.length)) : stable.slice(sent.length);
      if (masker && hasPlaceholder(delta)) { diverged = true; return; } // only `done`, checked whole, may show it
      sent = stable;
      openStream();
      event('delta', { text: delta });
    }
  };
  let out: Outcome;
  try {
    out = await collect(provider, digest, body.maxChars, ctrl, onText, prep.examples);
  } catch (err) {
    const apiErr = err instanceof ProviderError ? providerApiError(err, reply, model, audit) : new ApiError(500, 'internal_error');
    // Nothing was streamed yet (collect only throws before the first text): the engine's answer comes as `done`.
    const fb = err instanceof ProviderError && !open ? await fallback(err, model, deps.providers, body, ctrl, audit) : null;
    if (!fb) {
      done(ctrl.signal.aborted ? 'aborted' : apiErr.code, 0);
      if (!open) throw apiErr;
      event('error', errorBody(apiErr.code as ErrorCode, pickLang(req.headers['accept-language'])));
      res.end();
      return;
    }
    ({ out, model } = fb);
    masker = null;
    usedFallback = true;
  }
  const answer = shape(out, body, model, masker);
  const received = Array.from(out.raw).length;
  if (out.partial && !answer.text && !out.clientGone) {
    done('upstream_error', received);
    if (!open) throw new ApiError(502, 'upstream_error');
    event('error', errorBody('upstream_error', pickLang(req.headers['accept-language'])));
    res.end();
    return;
  }
  done(out.clientGone ? 'aborted' : out.partial ? 'partial' : outcomeOf(answer.finishReason), received);
  if (out.clientGone) { if (open) res.end(); return; }
  openStream();
  const final: CompletionResponse = {
    text: answer.text, model: model.id, finishReason: answer.finishReason, latencyMs: Math.round(performance.now() - started),
    ...maskedField(masker), ...(usedFallback ? { fallback: 'builtin' as const } : {}),
  };
  event('done', final);
  res.end();
}

/** What the policy step hands on: the digest as it may leave, and how to restore masked values. */
interface Prepared { digest: ContextDigest; masker: Masker | null; examples: string[] }

function digestChars(d: ContextDigest): number {
  let n = d.before.length + d.after.length + d.title.length + d.issuer.length + d.recipients.length + d.docNumber.length;
  for (const h of d.outline) n += h.text.length;
  return n;
}
