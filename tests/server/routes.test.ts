// The HTTP surface through inject(): shapes, status codes, error bodies in zh-CN and en.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app';
import { defaultConfig, resolveConfig } from '../../src/server/config';
import { completionBody, makeDigest } from './helpers';

describe('routes', () => {
  let app: FastifyInstance;
  beforeAll(async () => { app = await buildApp(defaultConfig()); });
  afterAll(() => app.close());

  it('GET /health', async () => {
    const res = await app.inject('/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('GET /v1/models lists the built-in model with its residency', async () => {
    const res = await app.inject('/v1/models');
    expect(res.json()).toEqual({
      models: [expect.objectContaining({ id: 'builtin', residency: 'builtin', provider: 'builtin', acceptsClassified: true, needsConsent: false })],
      // the pane applies the guard's own rule (core mayReceive) with the policy published here
      policy: { classifiedResidencies: ['builtin', 'local'], restrictedAsClassified: true },
      events: true,
    });
  });

  it('GET /v1/privacy gives a versioned notice in zh-CN and en', async () => {
    const n = (await app.inject('/v1/privacy')).json();
    expect(n.version).toMatch(/\S/);
    expect(n.text['zh-CN']).toMatch(/审计/);
    expect(n.text.en).toMatch(/audit/);
  });

  it('POST /v1/completions answers from the built-in engine', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/completions', payload: completionBody('builtin', { before: '现将有关事项通知如下：\n一、总体要求\n', after: '' }) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toEqual({ text: expect.any(String), model: 'builtin', finishReason: expect.stringMatching(/^(stop|length|empty|filtered)$/), latencyMs: expect.any(Number) });
    expect(Array.from(body.text as string).length).toBeLessThanOrEqual(40);
  });

  it('accepts a minimal digest (only before/after)', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/completions', payload: { requestId: 'r', model: 'builtin', maxChars: 10, digest: { before: '特此', after: '' } } });
    expect(res.statusCode).toBe(200);
  });

  it('unknown model → 404 unknown_model', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/completions', payload: completionBody('gpt-9') });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('unknown_model');
    expect(res.json().error.message).toContain('gpt-9');
  });

  it.each([
    ['missing digest', { requestId: 'r', model: 'builtin', maxChars: 10 }],
    ['maxChars as a string', { ...completionBody('builtin'), maxChars: '10' }],
    ['maxChars zero', { ...completionBody('builtin'), maxChars: 0 }],
    ['digest.before a number', { ...completionBody('builtin'), digest: { ...makeDigest(), before: 5 } }],
    ['unknown docType', { ...completionBody('builtin'), digest: { ...makeDigest(), docType: '小说' } }],
    ['requestId with text in it', { ...completionBody('builtin'), requestId: '关于开展' }],
    ['stream not boolean', { ...completionBody('builtin'), stream: 'yes' }],
  ])('schema error (%s) → 400 bad_request', async (_name, payload) => {
    const res = await app.inject({ method: 'POST', url: '/v1/completions', payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('bad_request');
  });

  it('bad JSON → 400 invalid_json, without echoing the body', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/completions', headers: { 'content-type': 'application/json' }, payload: '{"digest": "机密文字' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_json');
    expect(res.body).not.toContain('机密文字');
  });

  it('wrong content type → 415, never 500', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/completions', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported_media_type');
    const text = await app.inject({ method: 'POST', url: '/v1/completions', headers: { 'content-type': 'text/plain' }, payload: 'hello' });
    expect(text.statusCode).toBe(400);
  });

  it('oversize body → 413 payload_too_large', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/completions', payload: completionBody('builtin', { before: '字'.repeat(40_000) }) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  it('unknown path → 404 not_found as JSON', async () => {
    const res = await app.inject('/v1/nothing');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('messages are zh-CN by default and en on request', async () => {
    const zh = await app.inject({ method: 'POST', url: '/v1/completions', payload: completionBody('nope') });
    const en = await app.inject({ method: 'POST', url: '/v1/completions', headers: { 'accept-language': 'en-US,en;q=0.9,zh;q=0.5' }, payload: completionBody('nope') });
    const zhPreferred = await app.inject({ method: 'POST', url: '/v1/completions', headers: { 'accept-language': 'en;q=0.4,zh-CN' }, payload: completionBody('nope') });
    expect(zh.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(en.json().error.message).toMatch(/^There is no model/);
    expect(zhPreferred.json().error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('never answers 500 to random garbage (fuzz)', async () => {
    const samples: unknown[] = [null, 1, 'x', [], {}, { digest: null }, { requestId: 1, model: [], digest: {}, maxChars: 1e9 },
      { ...completionBody('builtin'), digest: { ...makeDigest(), outline: [{ level: 'one' }] } },
      { ...completionBody('builtin'), digest: { ...makeDigest(), facts: { dates: [1] } } },
      { ...completionBody('builtin'), consent: 'yes' }];
    for (const payload of samples) {
      const res = await app.inject({ method: 'POST', url: '/v1/completions', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error.code).toEqual(expect.any(String));
    }
  });
});

describe('access control', () => {
  const token = 'tok-0123456789abcdef';
  const other = 'tok-fedcba9876543210';
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp(resolveConfig({ auth: { tokens: [token, other] }, rateLimit: { max: 3, windowMs: 60_000 }, cors: { origins: ['https://addin.example'] } }));
  });
  afterAll(() => app.close());

  it('requires a bearer token on /v1 when tokens are configured, not on /health', async () => {
    expect((await app.inject('/v1/models')).statusCode).toBe(401);
    expect((await app.inject({ url: '/v1/models', headers: { authorization: 'Bearer wrong-token-000000' } })).json().error.code).toBe('unauthorized');
    expect((await app.inject({ url: '/v1/models', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    expect((await app.inject('/health')).statusCode).toBe(200);
  });

  it('rate-limits per client → 429 rate_limited', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) {
      codes.push((await app.inject({ url: '/v1/privacy', headers: { authorization: `Bearer ${other}` } })).statusCode);
    }
    expect(codes).toEqual([200, 200, 200]);
    const last = await app.inject({ url: '/v1/privacy', headers: { authorization: `Bearer ${other}`, 'accept-language': 'en' } });
    expect(last.statusCode).toBe(429);
    expect(last.json().error).toEqual({ code: 'rate_limited', message: expect.stringMatching(/^Too many/) });
    // another client is not affected
    expect((await app.inject({ url: '/v1/privacy', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
  });

  it('allows only configured origins (CORS)', async () => {
    const ok = await app.inject({ method: 'OPTIONS', url: '/v1/completions', headers: { origin: 'https://addin.example', 'access-control-request-method': 'POST' } });
    expect(ok.headers['access-control-allow-origin']).toBe('https://addin.example');
    const evil = await app.inject({ method: 'OPTIONS', url: '/v1/completions', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('static files (config.staticDir)', () => {
  const fs = jest.requireActual<typeof import('node:fs')>('node:fs');
  const os = jest.requireActual<typeof import('node:os')>('node:os');
  const path = jest.requireActual<typeof import('node:path')>('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-static-'));
  const secret = path.join(path.dirname(dir), `banxie-secret-${process.pid}.txt`);
  let app: FastifyInstance;
  beforeAll(async () => {
    fs.writeFileSync(path.join(dir, 'taskpane.html'), '<!doctype html><title>伴写</title>');
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'assets', 'icon-16.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    fs.writeFileSync(secret, 'outside');
    app = await buildApp({ ...defaultConfig(), staticDir: dir });
  });
  afterAll(async () => { await app.close(); fs.rmSync(dir, { recursive: true, force: true }); fs.rmSync(secret, { force: true }); });

  it('serves files with their type next to the API and /health', async () => {
    const page = await app.inject('/taskpane.html');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('伴写');
    const icon = await app.inject('/assets/icon-16.png');
    expect(icon.headers['content-type']).toBe('image/png');
    expect(icon.rawPayload.length).toBe(4);
    expect((await app.inject({ method: 'HEAD', url: '/taskpane.html' })).statusCode).toBe(200);
    expect((await app.inject('/health')).json().status).toBe('ok');
    expect((await app.inject('/v1/models')).statusCode).toBe(200);
  });

  it('answers 304 to a matching ETag', async () => {
    const first = await app.inject('/taskpane.html');
    const again = await app.inject({ url: '/taskpane.html', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it('never serves outside the folder', async () => {
    const name = path.basename(secret);
    for (const url of [`/../${name}`, `/%2e%2e/${name}`, `/assets/..%2f..%2f${name}`, '/missing.js']) {
      const res = await app.inject(url);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('outside');
    }
  });
});

describe('GET /v1/models in the caller\'s language', () => {
  it('describes the built-in model in zh-CN by default and in English on request', async () => {
    const app = await buildApp(defaultConfig(), { logger: false });
    const zh = (await app.inject({ url: '/v1/models' })).json() as { models: Array<{ id: string; description?: string }> };
    const en = (await app.inject({ url: '/v1/models', headers: { 'accept-language': 'en-US,en;q=0.9' } })).json() as typeof zh;
    expect(zh.models[0].description).toMatch(/以往的公文/);
    expect(en.models[0].description).toMatch(/past documents/);
    await app.close();
  });
});
