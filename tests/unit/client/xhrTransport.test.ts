/**
 * @jest-environment jsdom
 */
// The lite pane's transport: CompletionClient over XMLHttpRequest (jsdom's, real HTTP to a real server on
// 127.0.0.1), with no fetch in sight — what Internet Explorer 11 offers. Same error codes as over axios.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CompletionClient, CompletionError } from '../../../src/core/client/CompletionClient';
import { xhrTransport } from '../../../src/core/client/xhrTransport';

type Handler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void;
let server: http.Server;
let baseUrl: string;
let handler: Handler;
const seen: { method?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    // jsdom enforces CORS like a browser: the pane's origin (http://localhost) is not the server's.
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', 'accept, accept-language, authorization, content-type');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method, headers: req.headers, body });
      handler(req, body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});
beforeEach(() => {
  seen.length = 0;
});

const json = (status: number, data: unknown): Handler => (_r, _b, res) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(data));
};
const client = (opts: { timeoutMs?: number; base?: string } = {}) =>
  new CompletionClient({ transport: xhrTransport, baseUrl: opts.base ?? baseUrl, timeoutMs: opts.timeoutMs, getToken: () => 'tok', language: 'en' });
const caught = (p: Promise<unknown>): Promise<CompletionError> => p.then(() => { throw new Error('resolved'); }, (e: CompletionError) => e);
const req = { requestId: 'r1', model: 'builtin', digest: { before: '特此' } as never, maxChars: 20, consent: null };

test('there is no fetch here, and a completion goes out as JSON with the headers and comes back parsed', async () => {
  expect(typeof (globalThis as { fetch?: unknown }).fetch).toBe('undefined');
  handler = json(200, { text: '通知。', model: 'builtin', finishReason: 'stop', latencyMs: 3 });
  const res = await client().complete(req, new AbortController().signal);
  expect(res).toEqual({ text: '通知。', model: 'builtin', finishReason: 'stop', latencyMs: 3 });
  expect(seen[0]!.method).toBe('POST');
  expect(JSON.parse(seen[0]!.body)).toMatchObject({ requestId: 'r1', stream: false });
  expect(seen[0]!.headers).toMatchObject({ authorization: 'Bearer tok', 'accept-language': 'en, zh-CN;q=0.5', 'content-type': 'application/json' });
});

test("the server's error body gives the code and message; a gateway's HTML page reads as unreachable", async () => {
  handler = json(403, { error: { code: 'consent_required', message: 'Consent needed' } });
  const e = await caught(client().models());
  expect([e.code, e.message, e.status]).toEqual(['consent_required', 'Consent needed', 403]);
  expect(e).toBeInstanceOf(CompletionError);
  handler = (_r, _b, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad Gateway</html>');
  expect((await caught(client().models())).code).toBe('unreachable');
});

test('abort → aborted promptly; a server that never answers → timeout; nothing listening → unreachable', async () => {
  handler = () => undefined;
  const ac = new AbortController();
  const p = caught(client().complete(req, ac.signal));
  setTimeout(() => ac.abort(), 30);
  const t0 = Date.now();
  expect((await p).code).toBe('aborted');
  expect(Date.now() - t0).toBeLessThan(1000);
  expect((await caught(client({ timeoutMs: 80 }).health())).code).toBe('timeout');

  const dead = http.createServer();
  await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
  const port = (dead.address() as AddressInfo).port;
  await new Promise<void>((r) => dead.close(() => r()));
  expect((await caught(client({ base: `http://127.0.0.1:${port}` }).models())).code).toBe('unreachable');
});
