// Any OpenAI-compatible upstream (DeepSeek, Qwen, GLM, Kimi, Ollama, vLLM, SGLang, llama.cpp, ...): chat,
// complete (base models) or FIM. Always asks for a stream, so the pipeline can stop the upstream the moment
// it has enough; yields answer text and thoughts (reasoning fields) as separate pieces.
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { ModelConfig } from '../../config';
import { PRESETS, type FimStyle, type ThinkingSwitch } from './presets';
import { DEFAULT_PROMPTS, compileTemplate, promptVars, type PromptTemplates, type Template } from './prompt';
import { FIRST_ANSWER_LATE, ProviderError, type FailureCause, type Piece, type Provider, type ProviderInput } from '../types';
import { fetchTransport, httpTransport, type Transport, type UpstreamResponse } from './transport';
import { Replica, ReplicaSet, type Acquired, type AcquireFailure, type ReplicaStatus } from './replicas';

export interface OpenAICompatibleOptions {
  model: ModelConfig;
  prompts?: PromptTemplates;
  timeoutMs: number;
  /** reach the upstream with this fetch instead of node:http (e.g. a proxying fetch) */
  fetch?: typeof fetch;
  env?: NodeJS.ProcessEnv;
  /** clock for the circuit breakers (tests) */
  now?: () => number;
}

interface PlannedCall {
  url: string;
  body: Record<string, unknown>;
  /** characters of document text (prompt, messages, suffix) in the call: the audit's charsSent */
  chars: number;
}

/**
 * What one upstream call may send before it is cut off (issue 29: a flood of tiny chunks). A ghost is
 * at most 2,000 characters; thoughts beyond the first-answer deadline are not read anyway.
 */
export const OUTPUT_CAP = { chars: 32_000, bytes: 2 * 1024 * 1024 };

/** Tokens added to max_tokens for a model that may think before it answers. */
export const THINKING_TOKENS = 1024;

export class OpenAICompatibleProvider implements Provider {
  private readonly transport: Transport;
  private readonly headers: Record<string, string>;
  private readonly templates: Record<keyof PromptTemplates, Template>;
  /** 'none' outside FIM mode */
  private readonly fim: FimStyle;
  /** fields the request carries to turn thinking off (model `thinking: off` and a preset that knows how) */
  private readonly thinkingOff: Record<string, unknown>;
  /** Qwen3's soft switch at the end of the prompt (`noThinkPrompt`) */
  private readonly softSwitch: string;
  private readonly replicas: ReplicaSet;
  /** per replica (same order): its base URL and where FIM calls go */
  private readonly bases: Map<Replica, { base: string; fimBase: string }>;

  constructor(private readonly opts: OpenAICompatibleOptions) {
    const m = opts.model;
    this.transport = opts.fetch ? fetchTransport(opts.fetch) : httpTransport;
    const prompts: PromptTemplates = { ...DEFAULT_PROMPTS, ...opts.prompts, ...m.prompts };
    this.templates = { system: compileTemplate(prompts.system), user: compileTemplate(prompts.user), fimHeader: compileTemplate(prompts.fimHeader) };
    const preset = m.preset ? PRESETS[m.preset] : undefined;
    this.fim = m.mode === 'fim' ? (preset && preset.fim !== 'none' ? preset.fim : 'suffix') : 'none';
    const off: ThinkingSwitch = m.thinking === 'off' ? preset?.thinkingOff ?? null : null;
    this.thinkingOff = off && 'body' in off ? off.body : {};
    // Qwen3 reads `/no_think` at the end of the user turn (https://qwenlm.github.io/blog/qwen3/, "soft
    // switch"); Qwen3.5 no longer does (VincentGourbin/flux-2-swift-mlx#70): a last resort only.
    this.softSwitch = m.thinking === 'off' && (m.noThinkPrompt || (off !== null && 'softSwitch' in off)) ? '/no_think' : '';
    const urls = (m.baseUrls ?? [m.baseUrl ?? '']).map((b) => b.replace(/\/+$/, ''));
    this.replicas = new ReplicaSet(urls, m.maxConcurrent, m.maxQueue, opts.now);
    // A preset's separate FIM endpoint only applies while the admin kept the preset's own base URL.
    const presetFim = preset?.fimBaseUrl;
    this.bases = new Map(this.replicas.replicas.map((r) => [r, { base: r.base, fimBase: presetFim && preset && r.base === preset.baseUrl ? presetFim : r.base }]));
    const key = m.apiKeyEnv ? (opts.env ?? process.env)[m.apiKeyEnv] : undefined;
    this.headers = {
      'content-type': 'application/json',
      accept: 'text/event-stream, application/json',
      ...m.headers,
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    };
  }

  /** Each replica's breaker and load, for /health/ready. */
  status(): ReplicaStatus[] {
    return this.replicas.status();
  }

  /** What would be sent upstream (to the first replica, or `replica`); also used by tests of the prompt. */
  buildCall(input: Pick<ProviderInput, 'digest' | 'maxChars' | 'examples'>, replica: Replica = this.replicas.replicas[0]): PlannedCall {
    const m = this.opts.model;
    const { base, fimBase } = this.bases.get(replica)!;
    const vars = promptVars(input.digest, input.maxChars, input.examples);
    // CJK text runs near one token per character; leave room for a clause to finish past maxChars.
    // A model left to think (thinking: auto) spends tokens on its thought first: room for a short one,
    // else it is cut off mid-thought with nothing said (issue 24); the first-answer deadline bounds the wait.
    const budget = Math.ceil(input.maxChars * 1.5) + 8 + (m.thinking === 'auto' ? THINKING_TOKENS : 0);
    const common = { model: m.upstreamModel, max_tokens: budget, temperature: m.temperature, stream: true };
    if (m.mode === 'chat') {
      const system = this.templates.system(vars);
      const user = this.templates.user(vars) + (this.softSwitch ? `\n${this.softSwitch}` : '');
      return {
        url: `${base}/chat/completions`,
        body: { ...common, ...this.thinkingOff, messages: [{ role: 'system', content: system }, { role: 'user', content: user }] },
        chars: system.length + user.length,
      };
    }
    // complete and FIM have no instructions: the passages stand before the document as earlier text,
    // the way a base model has seen documents follow one another.
    const earlier = input.examples?.length ? `${input.examples.join('\n\n')}\n\n` : '';
    const prefix = earlier + this.templates.fimHeader(vars) + input.digest.before;
    if (this.fim === 'none') return { url: `${base}/completions`, body: { ...common, prompt: prefix }, chars: prefix.length };
    if (this.fim === 'qwen-tokens') {
      const prompt = `<|fim_prefix|>${prefix}<|fim_suffix|>${input.digest.after}<|fim_middle|>`;
      return { url: `${base}/completions`, body: { ...common, prompt }, chars: prefix.length + input.digest.after.length };
    }
    return { url: `${fimBase}/completions`, body: { ...common, prompt: prefix, suffix: input.digest.after }, chars: prefix.length + input.digest.after.length };
  }

  /**
   * Asks one replica after another until one answers (a refused connection or a 5xx/429 moves on to
   * the next; a timeout does not, its time is spent), then streams that answer. The whole call,
   * queueing included, is bounded by the model's timeout. What the breaker learns: a replica that did
   * not answer (refused, 5xx, no byte before the timeout or the first-answer deadline) failed; one that
   * was streaming did not, whoever stopped it — a long answer the client asked for is not a fault.
   */
  async *stream(input: ProviderInput): AsyncIterable<Piece> {
    if (input.signal.aborted) return;
    let timedOut = false;
    let stop: (() => void) | null = null; // what an abort or the timeout must interrupt right now
    const onStop = (): void => { stop?.(); };
    input.signal.addEventListener('abort', onStop, { once: true });
    const timer = setTimeout(() => { timedOut = true; onStop(); }, this.opts.model.timeoutMs ?? this.opts.timeoutMs);
    const gone = (): boolean => timedOut || input.signal.aborted;
    const late = (): boolean => input.signal.aborted && input.signal.reason === FIRST_ANSWER_LATE;
    const tried = this.replicas.replicas.length > 1 ? new Set<Replica>() : undefined;
    let replica: Replica | undefined;
    let outcome: 'ok' | 'failed' | 'aborted' = 'aborted';
    let complete = false;
    let call: ReturnType<Transport> | undefined;
    const fail = (kind: ProviderError['kind'], why: FailureCause, status?: number): ProviderError =>
      new ProviderError(kind, status, why, replica?.status().host);
    try {
      let res: UpstreamResponse | undefined;
      for (;;) {
        const got = this.slot(tried, (s) => { stop = s; }, gone);
        replica = got instanceof Replica ? got : await got;
        if (!replica) {
          if (timedOut) throw fail('upstream_timeout', 'timeout');
          if (late()) throw fail('upstream_timeout', 'thinking');
          return; // the client left while queued
        }
        tried?.add(replica);
        // The body is built per attempt and not kept: held for the model's whole think time it made every
        // call in flight carry a few KB more through each GC (a retry on another replica is rare).
        const planned = this.buildCall(input, replica);
        const current = this.transport(planned.url, this.headers, JSON.stringify(planned.body));
        call = current;
        stop = () => current.abort();
        try {
          res = await current.response;
          input.sent?.(planned.chars); // it answered: it had the request (a refused one had nothing)
        } catch {
          if (timedOut || late()) input.sent?.(planned.chars); // connected and waiting: it has the request
          if (timedOut) { outcome = 'failed'; throw fail('upstream_timeout', 'timeout'); }
          if (late()) { outcome = 'failed'; return; }
          if (input.signal.aborted) return;
          outcome = 'failed';
          if (this.moveOn(replica, tried)) { replica = undefined; outcome = 'aborted'; continue; }
          throw fail('upstream_error', 'refused');
        }
        if (res.status >= 200 && res.status < 300) break;
        // 5xx and 429 say the replica is unwell or overloaded; other 4xx (a wrong key) say nothing about it.
        const unwell = res.status >= 500 || res.status === 429;
        outcome = unwell ? 'failed' : 'ok';
        current.abort();
        if (unwell && this.moveOn(replica, tried)) { replica = undefined; outcome = 'aborted'; continue; }
        throw fail('upstream_error', 'http_status', res.status);
      }
      // It answered: from here on, stopping it (enough text, the client gone, a timeout the request's own
      // size caused, a model still thinking) says nothing against the replica.
      outcome = 'ok';
      try {
        if (res.contentType.includes('text/event-stream')) {
          yield* readSse(res.body);
        } else {
          const json = JSON.parse(await readAll(res.body)) as unknown;
          complete = true;
          const pieces = extractPieces(json);
          if (pieces === null) throw new ProviderError('upstream_error', res.status, 'bad_body');
          yield* pieces;
        }
        complete = true;
      } catch (err) {
        if (err instanceof ProviderError) { outcome = err.why === 'bad_body' ? 'failed' : 'ok'; throw fail(err.kind, err.why ?? 'bad_body', err.status); }
        if (timedOut) throw fail('upstream_timeout', 'timeout');
        if (input.signal.aborted) return;
        outcome = 'failed';
        throw fail('upstream_error', 'bad_body');
      }
    } finally {
      clearTimeout(timer);
      input.signal.removeEventListener('abort', onStop);
      if (!complete) call?.abort();
      replica?.release(outcome);
    }
  }

  /**
   * A slot on some replica not tried yet: at once when one is free (no promise on the hot path), else
   * a wait in a queue that resolves undefined when the caller gave up meanwhile.
   */
  private slot(tried: Set<Replica> | undefined, setStop: (s: (() => void) | null) => void, gone: () => boolean): Replica | Promise<Replica | undefined> {
    let got: Acquired;
    try {
      got = this.replicas.acquire(tried);
    } catch (kind) {
      throw refusal(kind as AcquireFailure);
    }
    if (got instanceof Replica) return got;
    const waiting = got;
    setStop(() => waiting.cancel());
    return waiting.slot.then(
      // Cancelled after the slot was granted but before this ran: cancel() gave it back.
      (r) => { setStop(null); return gone() ? undefined : r; },
      (kind: AcquireFailure) => { setStop(null); if (gone()) return undefined; throw refusal(kind); },
    );
  }

  /** After a replica failed before answering: is there another one to try? Gives the failed slot back. */
  private moveOn(failed: Replica, tried: Set<Replica> | undefined): boolean {
    if (!tried || tried.size >= this.replicas.replicas.length) return false;
    failed.release('failed');
    return true;
  }

}

/** No replica took the call: every queue full (busy) or every breaker open (unavailable). */
function refusal(kind: AcquireFailure): ProviderError {
  return new ProviderError(kind, undefined, kind === 'upstream_busy' ? 'busy' : 'unavailable');
}

async function readAll(body: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    // A completion answer is small; a huge JSON body is an upstream fault, not something to buffer.
    if (size > OUTPUT_CAP.bytes) throw new ProviderError('upstream_error', undefined, 'output_cap');
    parts.push(Buffer.from(chunk));
  }
  return Buffer.concat(parts).toString('utf8');
}

/**
 * Answer text and thoughts of an OpenAI-style SSE body, a piece per kind per network chunk (fewer async
 * hops). The stream may end without [DONE]: what arrived is kept. After [DONE] reading goes on to the
 * end of the body (normally at once) so the socket is reusable. Beyond OUTPUT_CAP it fails (output_cap).
 */
async function* readSse(body: AsyncIterable<Uint8Array>): AsyncIterable<Piece> {
  let text = '';
  let thought = '';
  let done = false;
  let broken = false;
  let chars = 0;
  let bytes = 0;
  const parser = createParser({
    onEvent(ev: EventSourceMessage) {
      if (ev.data === '[DONE]') { done = true; return; }
      let json: unknown;
      try { json = JSON.parse(ev.data); } catch { broken = true; return; }
      const pieces = extractPieces(json);
      if (pieces === null) { broken = true; return; }
      for (const p of pieces) {
        if (typeof p === 'string') text += p;
        else thought += p.thought;
      }
    },
  });
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    if (done) continue;
    bytes += chunk.byteLength;
    parser.feed(decoder.decode(chunk, { stream: true }));
    chars += text.length + thought.length;
    // what came before a fault is still passed on: the pipeline keeps its whole clauses
    if (thought) { const t = thought; thought = ''; yield { thought: t }; }
    if (text) { const t = text; text = ''; yield t; }
    if (broken) throw new ProviderError('upstream_error', undefined, 'bad_body');
    if (bytes > OUTPUT_CAP.bytes || chars > OUTPUT_CAP.chars) throw new ProviderError('upstream_error', undefined, 'output_cap');
  }
}

type Delta = { content?: unknown; reasoning_content?: unknown; reasoning?: unknown };

/**
 * Pieces of a chat or completions answer (whole or a stream delta): thoughts from `reasoning_content`
 * (DeepSeek API, DashScope, llama.cpp, vLLM before 0.10) or `reasoning` (vLLM now, Ollama's /v1), then
 * the text. Null when the shape is not one; a chunk without choices (usage) is no pieces.
 */
export function extractPieces(json: unknown): Piece[] | null {
  if (typeof json !== 'object' || json === null) return null;
  const choices = (json as { choices?: unknown }).choices;
  if (!Array.isArray(choices)) return (json as { usage?: unknown }).usage !== undefined ? [] : null;
  const c = choices[0] as { delta?: Delta; message?: Delta; text?: unknown } | undefined;
  if (!c) return [];
  const d = c.delta ?? c.message;
  const out: Piece[] = [];
  const thought = d ? (typeof d.reasoning_content === 'string' ? d.reasoning_content : typeof d.reasoning === 'string' ? d.reasoning : '') : '';
  if (thought) out.push({ thought });
  const v = d ? d.content : c.text;
  if (v === undefined || v === null) return out;
  if (typeof v !== 'string') return null;
  if (v) out.push(v);
  return out;
}
