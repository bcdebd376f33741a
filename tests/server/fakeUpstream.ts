// A real OpenAI-compatible upstream on a loopback socket, with switchable misbehaviour, for fault
// tests, e2e tests and benchmarks. It records every request and when (if) the caller aborted it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeMode =
  | 'ok' // answers `text` (SSE when the request asks for a stream, else JSON)
  | 'error500' // HTTP 500 with a JSON error body
  | 'hang' // accepts the request and never answers
  | 'drip' // SSE headers, then one byte every `dripMs`
  | 'brokenSse' // one good delta, then a data line that is not JSON
  | 'closeMidStream' // some deltas, then destroys the socket without finishing
  | 'huge' // streams `hugeChars` characters of text, forever-ish
  | 'flood'; // `hugeChars` one-character deltas of `text`, as fast as the socket takes them

export interface FakeUpstreamOptions {
  mode?: FakeMode;
  /** the answer text in ok mode (and the start of it for closeMidStream / huge) */
  text?: string;
  /** characters per SSE delta */
  chunkChars?: number;
  /** delay between SSE deltas */
  chunkDelayMs?: number;
  dripMs?: number;
  hugeChars?: number;
  /** answer with JSON even when asked for a stream (some servers ignore stream:true) */
  forceJson?: boolean;
  /** delay before the first delta (time to first token) */
  firstTokenMs?: number;
  /**
   * A reasoning model: thinks for `ms` (thought deltas every chunkDelayMs, or 20 ms) before answering,
   * the way a server shows it: in tags, untagged up to a lone closing tag (R1 distill), or in a field.
   */
  think?: { ms: number; style: 'tags' | 'lone' | 'reasoning_content' | 'reasoning'; text?: string };
  /** the request field that turns thinking off on this server (as its docs say); absent: nothing does */
  offSwitch?: 'chat_template_kwargs' | 'reasoning_effort' | 'thinking' | 'enable_thinking';
  /** a key the server wants as `Authorization: Bearer KEY` (else 401) */
  apiKey?: string;
  /** refuse /completions with a `suffix` (400), as vLLM does for a model without FIM */
  rejectSuffix?: boolean;
  /** serve /chat/completions only (404 on /completions) */
  chatOnly?: boolean;
  /** send OpenAI's usage chunk at the end with this many completion tokens per answer character */
  tokensPerChar?: number;
}

/** Did the request carry this server's off switch? */
export function thinkingTurnedOff(body: Record<string, unknown> | null, sw: FakeUpstreamOptions['offSwitch']): boolean {
  if (!body || !sw) return false;
  switch (sw) {
    case 'chat_template_kwargs': return (body.chat_template_kwargs as { enable_thinking?: unknown } | undefined)?.enable_thinking === false;
    case 'reasoning_effort': return body.reasoning_effort === 'none';
    case 'thinking': return (body.thinking as { type?: unknown } | undefined)?.type === 'disabled';
    case 'enable_thinking': return body.enable_thinking === false;
  }
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** the raw body as received */
  rawBody: string;
  body: Record<string, unknown> | null;
  receivedAt: number;
  /** set when the caller closed the connection before the answer was complete */
  abortedAt?: number;
  finishedAt?: number;
}

export interface FakeUpstream {
  url: string;
  /** base URL in OpenAI style, `${url}/v1` */
  baseUrl: string;
  requests: RecordedRequest[];
  set(opts: FakeUpstreamOptions): void;
  /** resolves with the request once it is aborted by the caller, rejects after `timeoutMs` */
  waitForAbort(req: RecordedRequest, timeoutMs: number): Promise<RecordedRequest>;
  waitForRequest(count: number, timeoutMs: number): Promise<RecordedRequest>;
  close(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function startFakeUpstream(initial: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
  let opts: Required<FakeUpstreamOptions> = withDefaults(initial);
  const requests: RecordedRequest[] = [];
  const waiters = new Set<() => void>();
  const notify = (): void => { for (const w of waiters) w(); };
  const sockets = new Set<import('node:net').Socket>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> | null = null;
      try { body = JSON.parse(rawBody) as Record<string, unknown>; } catch { body = null; }
      const rec: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, rawBody, body, receivedAt: Date.now() };
      requests.push(rec);
      res.on('close', () => {
        if (!res.writableFinished) rec.abortedAt = Date.now();
        else rec.finishedAt = Date.now();
        notify();
      });
      notify();
      void answer(rec, res, { ...opts });
    });
  });
  server.keepAliveTimeout = 30_000;
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const waitFor = <T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const hit = check();
      if (hit !== undefined) { resolve(hit); return; }
      const timer = setTimeout(() => { waiters.delete(w); reject(new Error(`fake upstream: timed out waiting for ${what}`)); }, timeoutMs);
      const w = (): void => {
        const v = check();
        if (v !== undefined) { clearTimeout(timer); waiters.delete(w); resolve(v); }
      };
      waiters.add(w);
    });

  return {
    url,
    baseUrl: `${url}/v1`,
    requests,
    set(o) { opts = withDefaults({ ...opts, ...o }); },
    waitForAbort: (rec, t) => waitFor(() => (rec.abortedAt ? rec : undefined), t, 'an abort'),
    waitForRequest: (n, t) => waitFor(() => requests[n - 1], t, `request #${n}`),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function withDefaults(o: FakeUpstreamOptions): Required<FakeUpstreamOptions> {
  return {
    mode: o.mode ?? 'ok',
    text: o.text ?? '请各单位高度重视，认真组织实施。',
    chunkChars: o.chunkChars ?? 4,
    chunkDelayMs: o.chunkDelayMs ?? 0,
    dripMs: o.dripMs ?? 1000,
    hugeChars: o.hugeChars ?? 2_000_000,
    forceJson: o.forceJson ?? false,
    firstTokenMs: o.firstTokenMs ?? 0,
    think: o.think as Required<FakeUpstreamOptions>['think'],
    offSwitch: o.offSwitch as Required<FakeUpstreamOptions>['offSwitch'],
    apiKey: o.apiKey as string,
    rejectSuffix: o.rejectSuffix ?? false,
    chatOnly: o.chatOnly ?? false,
    tokensPerChar: o.tokensPerChar ?? 0,
  };
}

function isChat(path: string): boolean {
  return path.endsWith('/chat/completions');
}

function delta(path: string, text: string, field: 'content' | 'reasoning_content' | 'reasoning' = 'content'): string {
  const choice = isChat(path) ? { index: 0, delta: { [field]: text }, finish_reason: null } : { index: 0, text, finish_reason: null };
  return `data: ${JSON.stringify({ id: 'cmpl-fake', object: 'chat.completion.chunk', choices: [choice] })}\n\n`;
}

function pieces(text: string, n: number): string[] {
  const chars = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += n) out.push(chars.slice(i, i + n).join(''));
  return out;
}

async function answer(rec: RecordedRequest, res: http.ServerResponse, o: Required<FakeUpstreamOptions>): Promise<void> {
  const alive = (): boolean => !res.destroyed && !res.writableEnded;
  const wantsStream = rec.body?.stream === true && !o.forceJson;
  const sseHead = (): void => { res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' }); };
  const refuse = (status: number, message: string): void => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message, type: 'invalid_request_error' } }));
  };
  if (o.apiKey && rec.headers.authorization !== `Bearer ${o.apiKey}`) return refuse(401, 'invalid api key');
  if (o.chatOnly && !isChat(rec.path)) return refuse(404, 'not found');
  if (o.rejectSuffix && rec.body && 'suffix' in rec.body) return refuse(400, 'suffix is not supported');
  switch (o.mode) {
    case 'error500':
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'internal upstream failure', type: 'server_error' } }));
      return;
    case 'hang':
      return; // the caller's timeout or abort is the only way out
    case 'drip': {
      sseHead();
      const line = delta(rec.path, o.text);
      for (let i = 0; i < line.length && alive(); i++) {
        res.write(line[i]);
        await sleep(o.dripMs);
      }
      if (alive()) res.end('data: [DONE]\n\n');
      return;
    }
    case 'brokenSse':
      sseHead();
      res.write(delta(rec.path, pieces(o.text, o.chunkChars)[0] ?? ''));
      res.write('data: {"choices": [ this is not json\n\n');
      await sleep(20);
      if (alive()) res.end('data: [DONE]\n\n');
      return;
    case 'closeMidStream': {
      sseHead();
      const parts = pieces(o.text, o.chunkChars);
      for (const p of parts.slice(0, Math.max(1, Math.floor(parts.length / 2)))) {
        res.write(delta(rec.path, p));
        await sleep(o.chunkDelayMs);
      }
      await sleep(10);
      res.socket?.destroy();
      return;
    }
    case 'huge': {
      sseHead();
      const unit = o.text;
      let sent = 0;
      while (alive() && sent < o.hugeChars) {
        res.write(delta(rec.path, unit));
        sent += unit.length;
        // yield so an abort from the caller is seen while we write
        await sleep(o.chunkDelayMs || 1);
      }
      if (alive()) res.end('data: [DONE]\n\n');
      return;
    }
    case 'flood': {
      sseHead();
      const event = delta(rec.path, o.text);
      for (let sent = 0; alive() && sent < o.hugeChars; sent += 200) {
        res.write(event.repeat(200));
        await new Promise((r) => setImmediate(r));
      }
      if (alive()) res.end('data: [DONE]\n\n');
      return;
    }
    case 'ok':
    default: {
      if (!wantsStream) {
        const chat = isChat(rec.path);
        const choice = chat ? { index: 0, message: { role: 'assistant', content: o.text }, finish_reason: 'stop' } : { index: 0, text: o.text, finish_reason: 'stop' };
        const body = JSON.stringify({ id: 'cmpl-fake', object: chat ? 'chat.completion' : 'text_completion', choices: [choice] });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
        return;
      }
      sseHead();
      if (o.firstTokenMs) await sleep(o.firstTokenMs);
      if (o.think && !thinkingTurnedOff(rec.body, o.offSwitch)) {
        // thinks until `ms` have passed: a thought delta every step
        const step = o.chunkDelayMs || 20;
        const { style } = o.think;
        const field = style === 'reasoning_content' || style === 'reasoning' ? style : 'content';
        if (style === 'tags') res.write(delta(rec.path, '<think>\n'));
        const until = Date.now() + o.think.ms;
        while (alive() && Date.now() < until) {
          res.write(delta(rec.path, o.think.text ?? '嗯，用户让我续写这份通知，', field));
          await sleep(step);
        }
        if (!alive()) return;
        if (style === 'tags' || style === 'lone') res.write(delta(rec.path, '\n</think>\n\n'));
      }
      for (const p of pieces(o.text, o.chunkChars)) {
        if (!alive()) return;
        res.write(delta(rec.path, p));
        if (o.chunkDelayMs) await sleep(o.chunkDelayMs);
      }
      if (o.tokensPerChar && alive()) {
        const completion = Math.round(Array.from(o.text).length * o.tokensPerChar);
        res.write(`data: ${JSON.stringify({ id: 'cmpl-fake', object: 'chat.completion.chunk', choices: [], usage: { prompt_tokens: 100, completion_tokens: completion, total_tokens: 100 + completion } })}\n\n`);
      }
      if (alive()) res.end('data: [DONE]\n\n');
    }
  }
}
