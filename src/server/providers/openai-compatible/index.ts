// Any OpenAI-compatible upstream (DeepSeek, Qwen, GLM, Kimi, Ollama, vLLM, ...), chat or FIM mode.
// Always asks for a stream so the route can stop the upstream the moment it has enough text.
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { ModelConfig } from '../../config';
import { PRESETS, type FimStyle } from './presets';
import { DEFAULT_PROMPTS, compileTemplate, promptVars, type PromptTemplates, type Template } from './prompt';
import { ProviderError, type Provider, type ProviderInput } from '../types';
import { fetchTransport, httpTransport, type Transport, type UpstreamResponse } from './transport';

export interface OpenAICompatibleOptions {
  model: ModelConfig;
  prompts?: PromptTemplates;
  timeoutMs: number;
  /** reach the upstream with this fetch instead of node:http (e.g. a proxying fetch) */
  fetch?: typeof fetch;
  env?: NodeJS.ProcessEnv;
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
  private readonly baseUrl: string;
  private readonly fimBaseUrl: string;

  constructor(private readonly opts: OpenAICompatibleOptions) {
    const m = opts.model;
    this.transport = opts.fetch ? fetchTransport(opts.fetch) : httpTransport;
    const prompts: PromptTemplates = { ...DEFAULT_PROMPTS, ...opts.prompts, ...m.prompts };
    this.templates = { system: compileTemplate(prompts.system), user: compileTemplate(prompts.user), fimHeader: compileTemplate(prompts.fimHeader) };
    const preset = m.preset ? PRESETS[m.preset] : undefined;
    this.fim = m.mode === 'fim' ? (preset && preset.fim !== 'none' ? preset.fim : 'suffix') : 'none';
    this.baseUrl = (m.baseUrl ?? '').replace(/\/+$/, '');
    // A preset's separate FIM endpoint only applies while the admin kept the preset's own base URL.
    const presetFim = preset?.fimBaseUrl;
    this.fimBaseUrl = presetFim && preset && this.baseUrl === preset.baseUrl ? presetFim : this.baseUrl;
    const key = m.apiKeyEnv ? (opts.env ?? process.env)[m.apiKeyEnv] : undefined;
    this.headers = {
      'content-type': 'application/json',
      accept: 'text/event-stream, application/json',
      ...m.headers,
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    };
  }

  /** What would be sent upstream; exported for tests of the prompt, not used by routes. */
  buildCall(input: Pick<ProviderInput, 'digest' | 'maxChars' | 'examples'>): PlannedCall {
    const m = this.opts.model;
    const vars = promptVars(input.digest, input.maxChars, input.examples);
    // CJK text runs near one token per character; leave room for a clause to finish past maxChars.
    const common = { model: m.upstreamModel, max_tokens: Math.ceil(input.maxChars * 1.5) + 8, temperature: m.temperature, stream: true };
    if (this.fim === 'none') {
      return {
        url: `${this.baseUrl}/chat/completions`,
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
        url: `${this.baseUrl}/completions`,
        body: { ...common, prompt: `<|fim_prefix|>${prefix}<|fim_suffix|>${input.digest.after}<|fim_middle|>` },
      };
    }
    return { url: `${this.fimBaseUrl}/completions`, body: { ...common, prompt: prefix, suffix: input.digest.after } };
  }

  async *stream(input: ProviderInput): AsyncIterable<string> {
    if (input.signal.aborted) return;
    const { url, body } = this.buildCall(input);
    const call = this.transport(url, this.headers, JSON.stringify(body));
    let timedOut = false;
    const onAbort = (): void => call.abort();
    input.signal.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => { timedOut = true; call.abort(); }, this.opts.model.timeoutMs ?? this.opts.timeoutMs);
    // A fully read response leaves its keep-alive socket for the next request; any other way out
    // (error, timeout, the consumer breaking off because it has enough) must abort the upstream.
    let complete = false;
    try {
      let res: UpstreamResponse;
      try {
        res = await call.response;
      } catch {
        if (timedOut) throw new ProviderError('upstream_timeout');
        if (input.signal.aborted) return;
        throw new ProviderError('upstream_error');
      }
      if (res.status < 200 || res.status >= 300) throw new ProviderError('upstream_error', res.status);
      try {
        if (res.contentType.includes('text/event-stream')) {
          yield* readSse(res.body);
        } else {
          const json = JSON.parse(await readAll(res.body)) as unknown;
          complete = true;
          const text = extractText(json);
          if (text === null) throw new ProviderError('upstream_error', res.status);
          if (text) yield text;
        }
        complete = true;
      } catch (err) {
        if (err instanceof ProviderError) throw err;
        if (timedOut) throw new ProviderError('upstream_timeout');
        if (input.signal.aborted) return;
        throw new ProviderError('upstream_error');
      }
    } finally {
      clearTimeout(timer);
      input.signal.removeEventListener('abort', onAbort);
      if (!complete) call.abort();
    }
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
