// Streamed completions (issue 24 §6): the client asks for SSE, hands over the text so far as whole clauses
// arrive, and resolves with the `done` answer (authoritative); errors before the stream are HTTP errors,
// errors in it are `error` events. A real local socket: the stream and its chunking are the point.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CompletionClient } from '../../../src/core/client/CompletionClient';
import { axiosTransport } from '../../../src/core/client/axiosTransport';
import { fetchStreamTransport } from '../../../src/core/client/fetchStreamTransport';
import { sseCompletions } from '../../../src/core/client/streamCompletion';
import { SseParser, type SseEvent } from '../../../src/core/client/sse';
import type { CompletionRequest } from '../../../src/core/protocol';

type Script = (res: http.ServerResponse, body: CompletionRequest) => Promise<void>;
let server: http.Server;
let baseUrl = '';
let script: Script;
const bodies: CompletionRequest[] = [];
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw) as CompletionRequest;
      bodies.push(body);
      void script(res, body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => (bodies.length = 0));

const sse = (res: http.ServerResponse) => res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
const ev = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
const client = () => new CompletionClient({ transport: axiosTransport, streamer: sseCompletions(fetchStreamTransport), baseUrl, timeoutMs: 3000 });
const REQ: CompletionRequest = { requestId: 'r1', model: 'qwen', digest: {} as CompletionRequest['digest'], maxChars: 50, consent: null };

test('deltas give the text so far, split anywhere on the wire; the done answer resolves', async () => {
  // the wire in uneven pieces: cut inside lines, inside a JSON string, between the two newlines
  script = async (res) => {
    sse(res);
    const wire = ev('delta', { text: '各单位要高度重视，' }) + ': keep-alive\n\n' + ev('delta', { text: '认真落实，' }) + ev('done', { text: '各单位要高度重视，认真落实。', model: 'qwen', finishReason: 'stop', latencyMs: 9 });
    let at = 0;
    for (const size of [7, 24, 1, 13, 60, 1000]) {
      res.write(wire.slice(at, at + size));
      at += size;
      await wait(5);
    }
    res.end();
  };
  const seen: string[] = [];
  const answer = await client().complete(REQ, new AbortController().signal, (t) => seen.push(t));
  expect(seen).toEqual(['各单位要高度重视，', '各单位要高度重视，认真落实，']);
  expect(answer).toMatchObject({ text: '各单位要高度重视，认真落实。', model: 'qwen', finishReason: 'stop' });
  expect(bodies[0]).toMatchObject({ stream: true });
});

test('without onText (or a stream transport) the answer is asked for whole, as JSON', async () => {
  script = async (res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ text: '特此通知。', model: 'qwen', finishReason: 'stop', latencyMs: 1 }));
  };
  await expect(client().complete(REQ, new AbortController().signal)).resolves.toMatchObject({ text: '特此通知。' });
  expect(bodies[0]).toMatchObject({ stream: false });
});

test('an error before the stream is the HTTP error; one inside it is its error event', async () => {
  script = async (res) => {
    res.writeHead(403, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'consent_required', message: '须同意' } }));
  };
  await expect(client().complete(REQ, new AbortController().signal, () => undefined)).rejects.toMatchObject({ code: 'consent_required' });
  script = async (res) => {
    sse(res);
    res.write(ev('delta', { text: '各单位要高度重视，' }));
    await wait(5);
    res.end(ev('error', { error: { code: 'upstream_error', message: '模型服务出错' } }));
  };
  const seen: string[] = [];
  await expect(client().complete(REQ, new AbortController().signal, (t) => seen.push(t))).rejects.toMatchObject({ code: 'upstream_error' });
  expect(seen).toEqual(['各单位要高度重视，']);
});

test('aborting mid-stream rejects as aborted', async () => {
  script = async (res) => {
    sse(res);
    res.write(ev('delta', { text: '各单位要高度重视，' }));
    await wait(200);
    res.end();
  };
  const ctrl = new AbortController();
  const p = client().complete(REQ, ctrl.signal, () => ctrl.abort());
  await expect(p).rejects.toMatchObject({ code: 'aborted' });
});

test('the SSE parser: CRLF and lone CR line ends, comments, multi-line data, an event without a trailing blank line', () => {
  const got: SseEvent[] = [];
  const p = new SseParser((e) => got.push(e));
  for (const c of ['event: delta\r', '\ndata: {"text":', '"一"}\r\n\r\n', ': ping\n\n', 'data: a\ndata: b\n\n', 'event: done\ndata: {}']) p.push(c);
  p.end();
  expect(got).toEqual([
    { event: 'delta', data: '{"text":"一"}' },
    { event: 'message', data: 'a\nb' },
    { event: 'done', data: '{}' },
  ]);
});
