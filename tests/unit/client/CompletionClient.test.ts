// CompletionClient against a real HTTP server on 127.0.0.1: headers, bodies, error mapping, aborts.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CompletionClient, CompletionError } from '../../../src/core/client/CompletionClient';
import { axiosTransport } from '../../../src/core/client/axiosTransport';
import type { CompletionRequest, ContextDigest } from '../../../src/core/protocol';

type Handler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void;

let server: http.Server;
let baseUrl: string;
let handler: Handler;
const seen: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
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

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const digest: ContextDigest = {
  docType: '通知', title: '关于开展安全检查的通知', issuer: '', recipients: '', docNumber: '', signer: '', cc: '',
  urgency: '', classification: null, classificationPeriod: '', outline: [], section: [], nextOrdinals: {},
  facts: { dates: [], orgs: [], amounts: [], names: [], attachments: [] },
  before: '现将有关事项通知如下：', after: '', budgetChars: 2000,
};
const req: CompletionRequest = { requestId: 'r1', model: 'builtin', digest, maxChars: 40, consent: null };

async function caught(p: Promise<unknown>): Promise<CompletionError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CompletionError);
    return e as CompletionError;
  }
  throw new Error('expected a rejection');
}

test('complete posts the request as JSON and returns the parsed answer', async () => {
  handler = (_r, _b, res) => json(res, 200, { text: '一、检查范围', model: 'builtin', finishReason: 'stop', latencyMs: 3 });
  const client = new CompletionClient({ transport: axiosTransport, baseUrl: baseUrl + '/', getToken: () => 'tok-1' });
  const out = await client.complete(req, new AbortController().signal);
  expect(out).toEqual({ text: '一、检查范围', model: 'builtin', finishReason: 'stop', latencyMs: 3 });
  expect(seen[0].method).toBe('POST');
  expect(seen[0].url).toBe('/v1/completions');
  expect(seen[0].headers.authorization).toBe('Bearer tok-1');
  expect(seen[0].headers['content-type']).toMatch(/application\/json/);
  const sent = JSON.parse(seen[0].body);
  expect(sent.digest.before).toBe('现将有关事项通知如下：');
  expect(sent.stream).toBe(false);
});

test('Accept-Language follows the UI language, read at each request', async () => {
  handler = (_r, _b, res) => json(res, 200, { ok: true });
  let lang = 'zh-CN';
  const client = new CompletionClient({ transport: axiosTransport, baseUrl, language: () => lang });
  await client.health();
  lang = 'en';
  await client.health();
  expect(seen[0].headers['accept-language']).toMatch(/^zh-CN/);
  expect(seen[1].headers['accept-language']).toMatch(/^en/);
  expect(seen[0].headers.authorization).toBeUndefined();
});

test('a server ErrorBody becomes a CompletionError with its code, status and translated message', async () => {
  handler = (_r, _b, res) => json(res, 403, { error: { code: 'consent_required', message: '使用该模型前须阅读并同意当前版本的隐私说明。' } });
  const client = new CompletionClient({ transport: axiosTransport, baseUrl });
  const err = await caught(client.complete(req, new AbortController().signal));
  expect(err.code).toBe('consent_required');
  expect(err.status).toBe(403);
  expect(err.message).toBe('使用该模型前须阅读并同意当前版本的隐私说明。');
});

test.each([
  [429, 'rate_limited'],
  [504, 'upstream_timeout'],
  [502, 'upstream_error'],
  [404, 'unknown_model'],
])('HTTP %i with code %s keeps the server code', async (status, code) => {
  handler = (_r, _b, res) => json(res, status, { error: { code, message: 'm' } });
  const err = await caught(new CompletionClient({ transport: axiosTransport, baseUrl }).complete(req, new AbortController().signal));
  expect([err.code, err.status]).toEqual([code, status]);
});

test('a gateway page without ErrorBody (intranet proxy) reads as unreachable; other statuses as http_error', async () => {
  handler = (_r, _b, res) => {
    res.writeHead(502, { 'content-type': 'text/html' });
    res.end('<html>Bad Gateway</html>');
  };
  const client = new CompletionClient({ transport: axiosTransport, baseUrl });
  expect((await caught(client.models())).code).toBe('unreachable');
  handler = (_r, _b, res) => {
    res.writeHead(418);
    res.end('teapot');
  };
  const e = await caught(client.models());
  expect([e.code, e.status]).toEqual(['http_error', 418]);
});

test('nothing listening → unreachable', async () => {
  const dead = http.createServer();
  await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
  const port = (dead.address() as AddressInfo).port;
  await new Promise<void>((r) => dead.close(() => r()));
  const err = await caught(new CompletionClient({ transport: axiosTransport, baseUrl: `http://127.0.0.1:${port}` }).models());
  expect(err.code).toBe('unreachable');
});

test('abort while the server is still thinking → aborted, promptly', async () => {
  handler = () => {
    /* never answers */
  };
  const ac = new AbortController();
  const client = new CompletionClient({ transport: axiosTransport, baseUrl });
  const p = caught(client.complete(req, ac.signal));
  setTimeout(() => ac.abort(), 30);
  const t0 = Date.now();
  const err = await p;
  expect(err.code).toBe('aborted');
  expect(Date.now() - t0).toBeLessThan(1000);
});

test('an already-aborted signal sends nothing', async () => {
  handler = (_r, _b, res) => json(res, 200, { ok: true });
  const ac = new AbortController();
  ac.abort();
  const err = await caught(new CompletionClient({ transport: axiosTransport, baseUrl }).complete(req, ac.signal));
  expect(err.code).toBe('aborted');
  expect(seen).toHaveLength(0);
});

test('a hung service hits timeoutMs → timeout', async () => {
  handler = () => {
    /* never answers */
  };
  const err = await caught(new CompletionClient({ transport: axiosTransport, baseUrl, timeoutMs: 50 }).health());
  expect(err.code).toBe('timeout');
});

test('models parses { models: [...] }, fills cautious defaults and drops entries it cannot read', async () => {
  handler = (_r, _b, res) =>
    json(res, 200, {
      models: [
        { id: 'builtin', label: '内置', residency: 'builtin', provider: 'builtin', acceptsClassified: true, needsConsent: false },
        { id: 'deepseek', residency: 'external', provider: 'openai-compatible' },
        { id: 'weird', residency: 'mars' },
        'nonsense',
      ],
    });
  const models = await new CompletionClient({ transport: axiosTransport, baseUrl }).models();
  expect(models.map((m) => m.id)).toEqual(['builtin', 'deepseek']);
  expect(models[1]).toMatchObject({ label: 'deepseek', needsConsent: true, acceptsClassified: false });
  expect(models[0].needsConsent).toBe(false);
});

test('modelList keeps the receive policy the service published, and drops a malformed one (the pane then judges strictly)', async () => {
  const builtin = { id: 'builtin', label: '内置', residency: 'builtin', provider: 'builtin', acceptsClassified: true, needsConsent: false };
  const policy = { classifiedResidencies: ['builtin', 'local', 'intranet'], restrictedAsClassified: false };
  handler = (_r, _b, res) => json(res, 200, { models: [builtin], policy });
  expect(await new CompletionClient({ transport: axiosTransport, baseUrl }).modelList()).toEqual({ models: [builtin], policy });
  handler = (_r, _b, res) => json(res, 200, { models: [builtin], policy: { classifiedResidencies: 'local', restrictedAsClassified: false } });
  expect(await new CompletionClient({ transport: axiosTransport, baseUrl }).modelList()).toEqual({ models: [builtin] });
});

test('privacy returns the notice; a malformed one is bad_response', async () => {
  handler = (_r, _b, res) => json(res, 200, { version: '2024-06', text: { 'zh-CN': '说明', en: 'Notice' } });
  const client = new CompletionClient({ transport: axiosTransport, baseUrl });
  expect(await client.privacy()).toEqual({ version: '2024-06', text: { 'zh-CN': '说明', en: 'Notice' } });
  handler = (_r, _b, res) => json(res, 200, { text: 'no version' });
  expect((await caught(client.privacy())).code).toBe('bad_response');
});

test('a 200 completion without text is bad_response, not an empty suggestion', async () => {
  handler = (_r, _b, res) => json(res, 200, { nope: true });
  const err = await caught(new CompletionClient({ transport: axiosTransport, baseUrl }).complete(req, new AbortController().signal));
  expect(err.code).toBe('bad_response');
});

test('a service deployed under a sub-path is reached under that path (https://host/banxie → /banxie/v1/…)', async () => {
  handler = (_r, _b, res) => json(res, 200, { models: [] });
  for (const base of [`${baseUrl}/banxie`, `${baseUrl}/banxie/`]) {
    await new CompletionClient({ transport: axiosTransport, baseUrl: base }).models();
    expect(seen.pop()?.url).toBe('/banxie/v1/models');
  }
});

test('a service address with a path, a query (a gateway\'s) and a fragment: the route goes under the path, the query stays', async () => {
  handler = (_r, _b, res) => json(res, 200, { models: [] });
  await new CompletionClient({ transport: axiosTransport, baseUrl: `${baseUrl}/banxie/?site=3&k=a%2Fb#top` }).models(new AbortController().signal).catch(() => undefined);
  await new CompletionClient({ transport: axiosTransport, baseUrl: `${baseUrl}?site=4` }).models(new AbortController().signal).catch(() => undefined);
  expect(seen.map((s) => s.url)).toEqual(['/banxie/v1/models?site=3&k=a%2Fb', '/v1/models?site=4']);
});

describe('outcome events', () => {
  const event = { id: 'ev-abcdefgh-1', requestId: 'r1', model: 'builtin', outcome: 'accepted' as const, shownChars: 3, acceptedChars: 3, shownMs: 900, latencyMs: 120, inline: true, docType: '通知', host: 'word/16.0 PC full' };

  it('posts a batch to v1/events with the token, through the transport or (the page closing) fetch with keepalive', async () => {
    handler = (_req, _body, res) => json(res, 202, { received: 1, recorded: 1 });
    const client = new CompletionClient({ transport: axiosTransport, baseUrl: `${baseUrl}/banxie?site=2`, getToken: () => 'tok-0123456789abcdef' });
    await client.sendEvents([event]);
    await client.sendEvents([event], true); // Node has fetch: the keepalive path
    expect(seen.map((s) => [s.method, s.url, s.headers.authorization, s.headers['content-type']?.split(';')[0]])).toEqual([
      ['POST', '/banxie/v1/events?site=2', 'Bearer tok-0123456789abcdef', 'application/json'],
      ['POST', '/banxie/v1/events?site=2', 'Bearer tok-0123456789abcdef', 'application/json'],
    ]);
    expect(seen.map((s) => JSON.parse(s.body))).toEqual([{ events: [event] }, { events: [event] }]);
  });

  it('reads whether the service takes events from /v1/models (absent: it does not)', async () => {
    handler = (_req, _body, res) => json(res, 200, { models: [], events: true });
    expect((await new CompletionClient({ transport: axiosTransport, baseUrl }).modelList()).events).toBe(true);
    handler = (_req, _body, res) => json(res, 200, { models: [] });
    expect((await new CompletionClient({ transport: axiosTransport, baseUrl }).modelList()).events).toBeUndefined();
  });
});
