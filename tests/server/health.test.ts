// /health, /health/live and /health/ready: what a load balancer or Kubernetes reads, and the hook other
// parts use to hold readiness back (a corpus still indexing).
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app';
import { resolveConfig } from '../../src/server/config';
import { completionBody } from './helpers';
import { freePort } from '../freePort';

let app: FastifyInstance;
afterEach(async () => { await app?.close(); });

describe('health', () => {
  it('/health and /health/live answer while the process is up', async () => {
    app = await buildApp(resolveConfig({}));
    for (const url of ['/health', '/health/live']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'ok' });
    }
  });

  it('/health/ready is ready with the config loaded, and reports each upstream without requiring it', async () => {
    app = await buildApp(resolveConfig({
      models: [{ id: 'builtin', provider: 'builtin' }, { id: 'lan', preset: 'vllm', baseUrls: ['http://10.9.9.1:8000/v1', 'http://10.9.9.2:8000/v1'] }],
    }));
    const res = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toMatchObject({
      status: 'ready',
      checks: { config: 'ok' },
      upstreams: { lan: [{ host: '10.9.9.1:8000', state: 'closed', last: 'none' }, { host: '10.9.9.2:8000', state: 'closed', last: 'none' }] },
    });
  });

  it('/health/ready tells the operator how late the event loop ran: a blocked loop shows, a quiet one does not', async () => {
    app = await buildApp(resolveConfig({}));
    const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
    await sleep(60);
    const quiet = (await app.inject({ method: 'GET', url: '/health/ready' })).json().eventLoop;
    expect(quiet).toEqual({ windowSeconds: expect.any(Number), delayP50Ms: expect.any(Number), delayP99Ms: expect.any(Number), delayMaxMs: expect.any(Number), utilization: expect.any(Number) });
    expect(quiet.delayMaxMs).toBeLessThan(150);
    const until = Date.now() + 250;
    while (Date.now() < until) { /* a handler that blocks the loop for 250 ms */ }
    await sleep(30);
    const blocked = (await app.inject({ method: 'GET', url: '/health/ready' })).json().eventLoop;
    expect(blocked.delayMaxMs).toBeGreaterThanOrEqual(200);
    expect(blocked.utilization).toBeGreaterThan(0.5);
    expect(blocked.utilization).toBeLessThanOrEqual(1);
  });

  it('a registered check holds readiness back until it is ok', async () => {
    app = await buildApp(resolveConfig({}));
    let state: 'pending' | 'ok' = 'pending';
    app.readiness.add('corpus', () => state);
    const pending = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(pending.statusCode).toBe(503);
    expect(pending.json()).toMatchObject({ status: 'not_ready', checks: { corpus: 'pending' } });
    state = 'ok';
    expect((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
  });

  it('draining: 503 for the balancer, answers still given, each closing its connection; /health/live stays 200', async () => {
    app = await buildApp(resolveConfig({}));
    app.readiness.drain();
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().status).toBe('draining');
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    const res = await app.inject({ method: 'POST', url: '/v1/completions', payload: completionBody('builtin') });
    expect(res.statusCode).toBe(200);
    expect(res.headers.connection).toBe('close');
  });

  it('with Redis configured but unreachable: degraded (still 200), and completions are not refused (limits fail open)', async () => {
    const port = await freePort();
    app = await buildApp(resolveConfig({ redis: { url: `redis://127.0.0.1:${port}` }, rateLimit: { max: 2, windowMs: 60_000 } }));
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'degraded', checks: { redis: 'down' } });
    for (let i = 0; i < 4; i++) {
      const started = Date.now();
      const res = await app.inject({ method: 'POST', url: '/v1/completions', payload: completionBody('builtin') });
      expect(res.statusCode).toBe(200);
      expect(Date.now() - started).toBeLessThan(1000); // no waiting on Redis
    }
  });
});

describe('/health/ready shows its details to the operator only', () => {
  const TOKEN = 'health-probe-token-0123456789';
  const config = (extra: Record<string, unknown> = {}) => resolveConfig({
    models: [{ id: 'builtin', provider: 'builtin' }, { id: 'lan', preset: 'vllm', baseUrls: ['http://10.9.9.1:8000/v1'] }],
    auth: { tokens: [TOKEN] }, ...extra,
  });

  it('another intranet address gets the verdict, not the upstream hosts, breaker states or checks', async () => {
    app = await buildApp(config());
    const res = await app.inject({ method: 'GET', url: '/health/ready', remoteAddress: '10.20.30.40' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready' });
    expect(res.body).not.toContain('10.9.9.1');
    // liveness stays open to anyone
    expect((await app.inject({ method: 'GET', url: '/health/live', remoteAddress: '10.20.30.40' })).statusCode).toBe(200);
  });

  it('a valid token, a trustProxy address and this machine see everything', async () => {
    app = await buildApp(config({ trustProxy: ['10.0.0.0/24'] }));
    const token = await app.inject({ method: 'GET', url: '/health/ready', remoteAddress: '10.20.30.40', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(token.json()).toMatchObject({ status: 'ready', upstreams: { lan: [{ host: '10.9.9.1:8000' }] } });
    const proxy = await app.inject({ method: 'GET', url: '/health/ready', remoteAddress: '10.0.0.7' });
    expect(proxy.json()).toMatchObject({ checks: { config: 'ok' } });
    const local = await app.inject({ method: 'GET', url: '/health/ready', remoteAddress: '::ffff:127.0.0.1' });
    expect(local.json()).toMatchObject({ checks: { config: 'ok' } });
    const wrong = await app.inject({ method: 'GET', url: '/health/ready', remoteAddress: '10.20.30.40', headers: { authorization: 'Bearer not-the-token-at-all-000' } });
    expect(wrong.json()).toEqual({ status: 'ready' });
  });

  it('an X-Forwarded-For naming a trusted proxy does not make a stranger one', async () => {
    app = await buildApp(config({ trustProxy: ['10.0.0.7'] }));
    const res = await app.inject({ method: 'GET', url: '/health/ready', remoteAddress: '10.20.30.40', headers: { 'x-forwarded-for': '10.0.0.7' } });
    expect(res.json()).toEqual({ status: 'ready' });
  });
});
