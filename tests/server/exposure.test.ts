// What an intranet attacker meets (issue 29, "less exposure / fair failure"): every error in the
// service's own JSON shape with its security headers, also before routing and from the HTTP parser;
// a body that trickles is cut off; wrong tokens cost the address that sends them and are logged with the
// address only; a shared token is not one rate-limit bucket for everyone behind it.
import net from 'node:net';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { startRedis } from '../realServers';
import { buildApp } from '../../src/server/app';
import { resolveConfig } from '../../src/server/config';
import { completionBody } from './helpers';

const TOKEN = 'office-shared-token-0123456789';

/** Writes `raw` on a fresh connection and returns everything the server sends until it closes. */
function rawExchange(port: number, raw: string, waitMs = 5000): Promise<{ text: string; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    let text = '';
    const done = (): void => { s.destroy(); resolve({ text, ms: Date.now() - t0 }); };
    s.on('data', (b) => { text += b.toString(); });
    s.on('close', done);
    s.on('error', done);
    setTimeout(done, waitMs);
    s.write(raw);
  });
}

function jsonBodyOf(response: string): unknown {
  return JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4));
}

describe('errors in the service\'s own shape', () => {
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    app = await buildApp(resolveConfig({ requestTimeoutMs: 1000 }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as net.AddressInfo).port;
  });
  afterAll(async () => { await app.close(); });

  it('a malformed URL: 400 bad_url with the security headers, never echoing the path', async () => {
    const res = await app.inject({ url: '/v1/models%E0%A4%A?x=<script>', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'bad_url', message: 'The request URL is malformed.' } });
    expect(res.body).not.toMatch(/models|script|%E0/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
  });

  it.each([
    ['headers too large', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'headers_too_large'],
    ['a request the HTTP parser refuses', 'NOT HTTP AT ALL /secret-path\r\n\r\n', 400, 'bad_request'],
  ])('%s: its status in the JSON shape with the security headers', async (_what, raw, status, code) => {
    const { text } = await rawExchange(port, raw);
    expect(text.startsWith(`HTTP/1.1 ${status} `)).toBe(true);
    expect(text).toMatch(/\r\nx-content-type-options: nosniff\r\n/i);
    expect(text).toMatch(/\r\ncontent-security-policy: default-src 'none'/i);
    expect(jsonBodyOf(text)).toEqual({ error: { code, message: expect.any(String) } });
    expect(text).not.toContain('secret-path');
  });

  it('a body that trickles is cut off with 408 once requestTimeoutMs has passed', async () => {
    const head = 'POST /v1/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"requestId":';
    const { text, ms } = await rawExchange(port, head, 6000);
    expect(text.startsWith('HTTP/1.1 408 ')).toBe(true);
    expect(jsonBodyOf(text)).toEqual({ error: { code: 'request_timeout', message: expect.any(String) } });
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(4000);
  });
});

describe('wrong tokens', () => {
  it('an address that sends maxFailures wrong tokens is refused for the window, right token or not; others are not', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
    const app = await buildApp(resolveConfig({ auth: { tokens: [TOKEN], maxFailures: 3 } }), { logger: { stream } });
    try {
      const get = (address: string, token: string) =>
        app.inject({ url: '/v1/models', remoteAddress: address, headers: { authorization: `Bearer ${token}` } });
      for (let i = 0; i < 3; i++) expect((await get('10.0.0.66', `guess-${i}-aaaaaaaaaaaaaaaa`)).statusCode).toBe(401);
      expect((await get('10.0.0.66', TOKEN)).statusCode).toBe(429);
      expect((await get('10.0.0.67', TOKEN)).statusCode).toBe(200);
      // a pane that sends no token yet is told so, and not counted as guessing
      for (let i = 0; i < 5; i++) expect((await app.inject({ url: '/v1/models', remoteAddress: '10.0.0.68' })).statusCode).toBe(401);
      expect((await get('10.0.0.68', TOKEN)).statusCode).toBe(200);

      const warned = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'wrong access token');
      expect(warned.map((l) => [l.address, l.failures])).toEqual([['10.0.0.66', 1], ['10.0.0.66', 2], ['10.0.0.66', 3]]);
      expect(lines.join('')).not.toMatch(/guess-|office-shared-token/);
    } finally {
      await app.close();
    }
  });
});

describe('wrong tokens across instances', () => {
  it('with Redis, two instances count one address\'s wrong tokens together: maxFailures in all, not per instance', async () => {
    const redis = await startRedis();
    const config = resolveConfig({ auth: { tokens: [TOKEN], maxFailures: 4 }, redis: { url: redis.url } });
    const [a, b] = await Promise.all([buildApp(config), buildApp(config)]);
    try {
      const get = (app: typeof a, address: string, token: string) =>
        app.inject({ url: '/v1/models', remoteAddress: address, headers: { authorization: `Bearer ${token}` } });
      // wait until both instances reach Redis (it fails fast while connecting)
      for (const app of [a, b]) {
        for (let i = 0; i < 50 && (await app.inject({ url: '/health/ready', remoteAddress: '127.0.0.1' })).json().checks?.redis !== 'up'; i++) await new Promise((r) => setTimeout(r, 50));
      }
      // a guesser behind nginx lands on each instance in turn
      for (let i = 0; i < 4; i++) expect((await get(i % 2 ? b : a, '10.0.2.9', `guess-${i}-bbbbbbbbbbbbbbbb`)).statusCode).toBe(401);
      expect((await get(a, '10.0.2.9', TOKEN)).statusCode).toBe(429);
      expect((await get(b, '10.0.2.9', TOKEN)).statusCode).toBe(429);
      expect((await get(b, '10.0.2.10', TOKEN)).statusCode).toBe(200);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await redis.stop();
    }
  });
});

describe('rate-limit buckets', () => {
  it('a token shared by an office is one bucket per address, not one for everybody', async () => {
    const app = await buildApp(resolveConfig({ auth: { tokens: [TOKEN] }, rateLimit: { max: 2, windowMs: 60_000 } }));
    try {
      const post = (address: string) => app.inject({
        method: 'POST', url: '/v1/completions', remoteAddress: address, headers: { authorization: `Bearer ${TOKEN}` }, payload: completionBody('builtin'),
      });
      for (const address of ['10.0.1.1', '10.0.1.2', '10.0.1.3']) {
        expect((await post(address)).statusCode).toBe(200);
        expect((await post(address)).statusCode).toBe(200);
      }
      expect((await post('10.0.1.1')).statusCode).toBe(429);
    } finally {
      await app.close();
    }
  });
});
