// POST /v1/events (outcome events: validated, deduplicated, one audit line each) and GET /metrics
// (Prometheus text, counted from the audit lines, open only to trusted peers or the metrics token).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app';
import { resolveConfig } from '../../src/server/config';
import { buildNotice } from '../../src/server/policy/notice';
import { armOf } from '../../src/server/policy/experiment';
import { auditLines, completionBody } from './helpers';
import { outcomeEvent, sample } from './eventHelpers';
import { startRedis, type RedisServer } from '../realServers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-events-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const METRICS_TOKEN = 'metrics-token-0123456789';
describe('POST /v1/events', () => {
  const dir = path.join(tmp, 'a');
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp(resolveConfig({ audit: { file: path.join(dir, 'audit.jsonl'), salt: 's' }, metrics: { token: METRICS_TOKEN } }));
  });
  afterAll(async () => { await app.close(); });
  const post = (payload: unknown) => app.inject({ method: 'POST', url: '/v1/events', payload: payload as Record<string, unknown> });
  const scrape = async () => (await app.inject('/metrics')).body;

  it('answers 202, writes one outcome line per new event, and ignores an id it has seen', async () => {
    const a = outcomeEvent();
    const b = outcomeEvent({ outcome: 'dismissed', acceptedChars: 0, shownChars: 7 });
    const first = await post({ events: [a, b] });
    expect(first.statusCode).toBe(202);
    expect(first.json()).toEqual({ received: 2, recorded: 2 });
    const again = await post({ events: [a, outcomeEvent({ outcome: 'partial', acceptedChars: 3 })] });
    expect(again.statusCode).toBe(202);
    expect(again.json()).toEqual({ received: 2, recorded: 1 });
    // the same id twice in one batch counts once
    const c = outcomeEvent({ outcome: 'typedThrough', acceptedChars: 0 });
    expect((await post({ events: [c, c] })).json()).toEqual({ received: 2, recorded: 1 });

    const m = await scrape();
    expect(sample(m, 'banxie_suggestion_outcomes_total', { model: 'builtin', outcome: 'accepted' })).toBe(1);
    expect(sample(m, 'banxie_suggestion_outcomes_total', { model: 'builtin', outcome: 'dismissed' })).toBe(1);
    expect(sample(m, 'banxie_suggestion_outcomes_total', { model: 'builtin', outcome: 'partial' })).toBe(1);
    expect(sample(m, 'banxie_suggestion_outcomes_total', { model: 'builtin', outcome: 'typedThrough' })).toBe(1);
    expect(sample(m, 'banxie_accepted_chars_total', { model: 'builtin' })).toBe(15);
    expect(sample(m, 'banxie_shown_chars_total', { model: 'builtin' })).toBe(12 + 7 + 12 + 12);
  });

  it.each([
    ['no events', { events: [] }],
    ['a field that could carry text', { events: [outcomeEvent({ text: '特此通知' })] }],
    ['an unknown outcome', { events: [outcomeEvent({ outcome: 'liked' })] }],
    ['a negative count', { events: [outcomeEvent({ shownChars: -1 })] }],
    ['a string count', { events: [outcomeEvent({ shownChars: '12' })] }],
    ['Chinese in the host name', { events: [outcomeEvent({ host: '特此通知' })] }],
    ['a missing id', { events: [{ ...outcomeEvent(), id: undefined }] }],
    ['more accepted than shown', { events: [outcomeEvent({ acceptedChars: 13 })] }],
    ['a dismissal that accepted characters', { events: [outcomeEvent({ outcome: 'dismissed', acceptedChars: 2 })] }],
  ])('refuses %s with 400 JSON and counts none of the batch', async (_what, body) => {
    const before = await scrape();
    // a good event goes first: the whole batch is refused, not just the bad one
    const bad = (body as { events: unknown[] }).events;
    const res = await post({ events: bad.length ? [outcomeEvent(), ...bad] : [] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('bad_request');
    expect(await scrape()).toBe(before);
  });

  it('writes outcome lines with their own type, the hashed user and no other fields', async () => {
    await app.close();
    const recs = auditLines(dir).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(recs.map((r) => r.outcome)).toEqual(['accepted', 'dismissed', 'partial', 'typedThrough']);
    for (const r of recs) {
      expect(r.type).toBe('outcome');
      expect(Object.keys(r).sort()).toEqual(['acceptedChars', 'docType', 'eventId', 'host', 'inline', 'latencyMs', 'model', 'outcome',
        'requestId', 'shownChars', 'shownMs', 'time', 'type', 'user'].sort());
      expect(r.user).toMatch(/^[0-9a-f]{16}$/);
    }
  });
});

describe('GET /metrics', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp(resolveConfig({ trustProxy: ['10.1.0.0/16'], metrics: { token: METRICS_TOKEN }, rateLimit: { max: 3, windowMs: 60_000 } }));
  });
  afterAll(async () => { await app.close(); });

  it('is open to direct callers from this machine or trustProxy addresses, and to the metrics token; 404 to anyone else, and to anything forwarded without the token', async () => {
    expect((await app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/metrics', remoteAddress: '10.1.2.3' })).statusCode).toBe(200);
    const outsider = await app.inject({ url: '/metrics', remoteAddress: '192.0.2.7' });
    expect(outsider.statusCode).toBe(404);
    expect(outsider.json().error.code).toBe('not_found');
    expect((await app.inject({ url: '/metrics', remoteAddress: '192.0.2.7', headers: { authorization: 'Bearer wrong-token-0123456789' } })).statusCode).toBe(404);
    // a forwarded address is not the socket's: no way in by header
    expect((await app.inject({ url: '/metrics', remoteAddress: '192.0.2.7', headers: { 'x-forwarded-for': '127.0.0.1' } })).statusCode).toBe(404);
    // through nginx on this machine every request comes from loopback: a forwarded one is not let in by address
    expect((await app.inject({ url: '/metrics', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.5' } })).statusCode).toBe(404);
    expect((await app.inject({ url: '/metrics', remoteAddress: '127.0.0.1', headers: { 'x-real-ip': '203.0.113.5' } })).statusCode).toBe(404);
    expect((await app.inject({ url: '/metrics', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.5', authorization: `Bearer ${METRICS_TOKEN}` } })).statusCode).toBe(200);
    const withToken = await app.inject({ url: '/metrics', remoteAddress: '192.0.2.7', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(withToken.statusCode).toBe(200);
    expect(withToken.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('counts completions by model and outcome, the time on the model and the overhead, and rate-limit refusals', async () => {
    const ask = () => app.inject({ method: 'POST', url: '/v1/completions', remoteAddress: '192.0.2.9', payload: completionBody('builtin') });
    expect((await ask()).statusCode).toBe(200);
    expect((await ask()).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/v1/completions', remoteAddress: '192.0.2.9', payload: completionBody('nope') })).statusCode).toBe(404);
    expect((await ask()).statusCode).toBe(429);
    const m = (await app.inject('/metrics')).body;
    expect(sample(m, 'banxie_completions_total', { model: 'builtin' })).toBe(2); // ok or empty: the engine's call
    // an unknown model's name is not a label (anyone could make up names)
    expect(sample(m, 'banxie_completions_total', { model: 'unknown', outcome: 'unknown_model' })).toBe(1);
    expect(m).not.toContain('nope');
    expect(sample(m, 'banxie_upstream_seconds_count', { model: 'builtin' })).toBe(2);
    expect(sample(m, 'banxie_overhead_seconds_count')).toBe(2);
    expect(sample(m, 'banxie_rate_limited_total')).toBe(1);
  });
});

describe('policy.outcomeEvents and policy.experiment', () => {
  it('with outcome events off there is no /v1/events, /v1/models says so, and the notice does not mention them (another version)', async () => {
    const on = resolveConfig({});
    const off = resolveConfig({ policy: { outcomeEvents: false } });
    const app = await buildApp(off);
    try {
      expect((await app.inject({ method: 'POST', url: '/v1/events', payload: { events: [outcomeEvent()] } })).statusCode).toBe(404);
      expect((await app.inject('/v1/models')).json().events).toBe(false);
    } finally { await app.close(); }
    expect(buildNotice(on).version).not.toBe(buildNotice(off).version);
    expect(buildNotice(on).text['zh-CN']).toContain('不含任何文档文字');
    expect(buildNotice(off).text.en).not.toContain('typed through');
  });

  it('splits clerks between the two models by identity, the same on every request and in every instance', async () => {
    const models = [
      { id: 'builtin', provider: 'builtin' },
      { id: 'builtin-b', provider: 'builtin' },
    ];
    const config = resolveConfig({ models, policy: { experiment: { name: 'q4', models: ['builtin', 'builtin-b'] } } });
    const apps = [await buildApp(config), await buildApp(config)];
    try {
      const seen = new Map<string, Set<string>>();
      for (let i = 0; i < 24; i++) {
        const addr = `192.0.2.${i}`;
        for (const [k, app] of apps.entries()) {
          const res = await app.inject({ method: 'POST', url: '/v1/completions', remoteAddress: addr, payload: completionBody(k ? 'builtin-b' : 'builtin') });
          expect(res.statusCode).toBe(200);
          seen.set(addr, (seen.get(addr) ?? new Set()).add(res.json().model));
        }
        expect(seen.get(addr)).toEqual(new Set([armOf(config.policy.experiment!, `ip:${addr}`)]));
      }
      const arms = [...seen.values()].map((s) => [...s][0]);
      expect(new Set(arms)).toEqual(new Set(['builtin', 'builtin-b']));
    } finally { await Promise.all(apps.map((a) => a.close())); }
  });

  it('refuses an experiment naming a model the config does not have', () => {
    expect(() => resolveConfig({ policy: { experiment: { models: ['builtin', 'gpt'] } } })).toThrow(/policy\.experiment\.models\[1\]/);
    expect(() => resolveConfig({ policy: { experiment: { models: ['builtin'] } } })).toThrow(/policy\.experiment\.models/);
  });
});

describe('event ids shared through Redis', () => {
  let redis: RedisServer;
  beforeAll(async () => { redis = await startRedis(); });
  afterAll(async () => { await redis?.stop(); });

  it('two instances on one Redis record an event once, whichever gets it; with Redis gone each still answers 202', async () => {
    const config = resolveConfig({ redis: { url: redis.url } });
    const [a, b] = [await buildApp(config), await buildApp(config)];
    try {
      await a.ready();
      await b.ready();
      // connection is lazy: wait until both see Redis
      for (let i = 0; i < 50 && (await a.inject('/health/ready')).json().checks?.redis !== 'ok'; i++) await new Promise((r) => setTimeout(r, 50));
      for (let i = 0; i < 50 && (await b.inject('/health/ready')).json().checks?.redis !== 'ok'; i++) await new Promise((r) => setTimeout(r, 50));
      const e = outcomeEvent();
      expect((await a.inject({ method: 'POST', url: '/v1/events', payload: { events: [e] } })).json().recorded).toBe(1);
      expect((await b.inject({ method: 'POST', url: '/v1/events', payload: { events: [e, outcomeEvent()] } })).json().recorded).toBe(1);
      expect(sample((await b.inject('/metrics')).body, 'banxie_suggestion_outcomes_total')).toBe(1);
      redis.proc.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 200));
      const res = await a.inject({ method: 'POST', url: '/v1/events', payload: { events: [outcomeEvent()] } });
      expect(res.statusCode).toBe(202);
      expect(res.json().recorded).toBe(1); // this process's memory decides while Redis is away
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
