// Any OpenAI-compatible upstream (DeepSeek, Qwen, GLM, Kimi, Ollama, vLLM, ...), chat or FIM mode.
// Always asks for a stream so the route can stop the upstream the moment it has enough text.
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { ModelConfig } from '../../config';
import { PRESETS, type FimStyle } from './presets';
import { DEFAULT_PROMPTS, compileTemplate, promptVars, type PromptTemplates, type Template } from './prompt';
import { ProviderError, type Provider, type ProviderInput } from '../types';
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
}

export class OpenAICompatibleProvider implements Provider {
  private readonly transport: Transport;
  private readonly headers: Record<string, string>;
  private readonly templates: Record<keyof PromptTemplates, Template>;
  private readonly fim: FimStyle;
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
    const common = { model: m.upstreamModel, max_tokens: Math.ceil(input.maxChars * 1.5) + 8, temperature: m.temperature, stream: true };
    if (this.fim === 'none') {
      return {
        url: `${base}/chat/completions`,
        body: {
          ...common,
          messages: [
            { role: 'system', content: this.templates.system(vars) },
            { role: 'user', content: this.templates.user(vars) },
          ],
        },
      };
    }
    // FIM has no instructions: the examples stand before the document as earlier text.
    const prefix = vars.examples + this.templates.fimHeader(vars) + input.digest.before;
    if (this.fim === 'qwen-tokens') {
      return {
        url: `${base}/completions`,
        body: { ...common, prompt: `<|fim_prefix|>${prefix}<|fim_suffix|>${input.digest.after}<|fim_middle|>` },
      };
    }
    return { url: `${fimBase}/completions`, body: { ...common, prompt: prefix, suffix: input.digest.after } };
  }

  /**
   * Asks one replica after another until one answers (a refused connection or a 5xx/429 moves on to
   * the next; a timeout does not, its time is spent), then streams that answer. The whole call,
   * queueing included, is bounded by the model's timeout.
   */
  async *stream(input: ProviderInput): AsyncIterable<string> {
    if (input.signal.aborted) return;
    let timedOut = false;
    let stop: (() => void) | null = null; // what an abort or the timeout must interrupt right now
    const onStop = (): void => { stop?.(); };
    input.signal.addEventListener('abort', onStop, { once: true });
    const timer = setTimeout(() => { timedOut = true; onStop(); }, this.opts.model.timeoutMs ?? this.opts.timeoutMs);
    const gone = (): boolean => timedOut || input.signal.aborted;
    const tried = this.replicas.replicas.length > 1 ? new Set<Replica>() : undefined;
    let replica: Replica | undefined;
    // 'ok' once the answer was read (or the consumer had enough); what the breaker learns on the way out.
    let outcome: 'ok' | 'failed' | 'aborted' = 'aborted';
    let complete = false;
    let call: ReturnType<Transport> | undefined;
    try {
      let res: UpstreamResponse | undefined;
      for (;;) {
        const got = this.slot(tried, (s) => { stop = s; }, gone);
        replica = got instanceof Replica ? got : await got;
        if (!replica) {
          if (timedOut) throw new ProviderError('upstream_timeout');
          return; // the client left while queued
        }
        tried?.add(replica);
        // The body is built per attempt and not kept: held for the model's whole think time it made every
        // call in flight carry a few KB more through each GC (a retry on another replica is rare).
        const current = this.transport(this.buildUrl(replica), this.headers, JSON.stringify(this.buildCall(input, replica).body));
        call = current;
        stop = () => current.abort();
        try {
          res = await current.response;
        } catch {
          if (timedOut) { outcome = 'failed'; throw new ProviderError('upstream_timeout'); }
          if (input.signal.aborted) return;
          outcome = 'failed';
          if (this.moveOn(replica, tried)) { replica = undefined; outcome = 'aborted'; continue; }
          throw new ProviderError('upstream_error');
        }
        if (res.status >= 200 && res.status < 300) break;
        // 5xx and 429 say the replica is unwell or overloaded; other 4xx (a wrong key) say nothing about it.
        const unwell = res.status >= 500 || res.status === 429;
        outcome = unwell ? 'failed' : 'ok';
        current.abort();
        if (unwell && this.moveOn(replica, tried)) { replica = undefined; outcome = 'aborted'; continue; }
        throw new ProviderError('upstream_error', res.status);
      }
      try {
        if (res.contentType.includes('text/event-stream')) {
          outcome = 'ok'; // the consumer may stop early once it has enough: that is a success
          yield* readSse(res.body);
        } else {
          const json = JSON.parse(await readAll(res.body)) as unknown;
          complete = true;
          const text = extractText(json);
          if (text === null) throw new ProviderError('upstream_error', res.status);
          outcome = 'ok';
          if (text) yield text;
        }
        complete = true;
      } catch (err) {
        outcome = 'failed';
        if (err instanceof ProviderError) throw err;
        if (timedOut) throw new ProviderError('upstream_timeout');
        if (input.signal.aborted) { outcome = 'aborted'; return; }
        throw new ProviderError('upstream_error');
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
      throw new ProviderError(kind as AcquireFailure);
    }
    if (got instanceof Replica) return got;
    const waiting = got;
    setStop(() => waiting.cancel());
    return waiting.slot.then(
      // Cancelled after the slot was granted but before this ran: cancel() gave it back.
      (r) => { setStop(null); return gone() ? undefined : r; },
      (kind: AcquireFailure) => { setStop(null); if (gone()) return undefined; throw new ProviderError(kind); },
    );
  }

  /** After a replica failed before answering: is there another one to try? Gives the failed slot back. */
  private moveOn(failed: Replica, tried: Set<Replica> | undefined): boolean {
    if (!tried || tried.size >= this.replicas.replicas.length) return false;
    failed.release('failed');
    return true;
  }

  private buildUrl(r: Replica): string {
    const { base, fimBase } = this.bases.get(r)!;
    if (this.fim === 'none') return `${base}/chat/completions`;
    return this.fim === 'qwen-tokens' ? `${base}/completions` : `${fimBase}/completions`;
  }
}

async function readAll(body: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    // A completion answer is small; a huge JSON body is an upstream fault, not something to buffer.
    if (size > 4 * 1024 * 1024) throw new ProviderError('upstream_error');
    parts.push(Buffer.from(chunk));
  }
  return Buffer.concat(parts).toString('utf8');
}

/** Text deltas of an OpenAI-style SSE body; one string per network chunk, so fewer async hops. */
async function* readSse(body: AsyncIterable<Uint8Array>): AsyncIterable<string> {
  let pending = '';
  let done = false;
  let broken = false;
  const parser = createParser({
    onEvent(ev: EventSourceMessage) {
      if (ev.data === '[DONE]') { done = true; return; }
      let json: unknown;
      try { json = JSON.parse(ev.data); } catch { broken = true; return; }
      const text = extractText(json);
      if (text === null) { broken = true; return; }
      pending += text;
    },
  });
  const decoder = new TextDecoder();
  // The stream may end without [DONE]: what arrived is kept, the route cuts it to a clause.
  // After [DONE] reading goes on to the end of the body (normally at once) so the socket is reusable.
  for await (const chunk of body) {
    if (done) continue;
    parser.feed(decoder.decode(chunk, { stream: true }));
    if (pending) { const t = pending; pending = ''; yield t; }
    if (broken) throw new ProviderError('upstream_error');
  }
}

/** Text of a chat or completions answer (whole or a stream delta); null when the shape is not one. */
export function extractText(json: unknown): string | null {
  if (typeof json !== 'object' || json === null) return null;
  const choices = (json as { choices?: unknown }).choices;
  if (!Array.isArray(choices)) return null;
  const c = choices[0] as { delta?: { content?: unknown }; message?: { content?: unknown }; text?: unknown } | undefined;
  if (!c) return '';
  const v = c.delta?.content ?? c.message?.content ?? c.text;
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : null;
}
