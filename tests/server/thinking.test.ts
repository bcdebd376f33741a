// Real models through the real route and fake servers that answer as those servers do: thinking turned
// off the way each server understands, a model still thinking stopped at the first-answer deadline (and
// falling back where allowed), base models in `complete` mode, and failures the breaker must not count.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app';
import { resolveConfig } from '../../src/server/config';
import type { AuditRecord } from '../../src/server/policy/audit';
import { FAILURES_TO_OPEN } from '../../src/server/providers/openai-compatible/replicas';
import { startFakeUpstream, type FakeUpstream } from './fakeUpstream';
import { completionBody } from './helpers';
import { freePort } from '../freePort';

const ANSWER = '请各单位高度重视，认真组织实施。';
let up: FakeUpstream;
let apps: FastifyInstance[] = [];
beforeAll(async () => { up = await startFakeUpstream(); });
afterAll(() => up.close());
beforeEach(() => { up.requests.length = 0; up.set({ mode: 'ok', text: ANSWER, chunkChars: 4, chunkDelayMs: 0, think: undefined, offSwitch: undefined, firstTokenMs: 0, rejectSuffix: false }); });
afterEach(async () => { await Promise.all(apps.map((a) => a.close())); apps = []; });

interface Built { app: FastifyInstance; audit: AuditRecord[]; logs: Array<Record<string, unknown>> }
async function service(model: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<Built> {
  const audit: AuditRecord[] = [];
  const logs: Array<Record<string, unknown>> = [];
  const stream = new Writable({ write(chunk, _enc, cb) { for (const l of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(l)); cb(); } });
  const app = await buildApp(resolveConfig({
    models: [{ id: 'm', baseUrl: up.baseUrl, residency: 'local', needsConsent: false, ...model }],
    upstreamTimeoutMs: 3000,
    logLevel: 'warn',
    ...extra,
  }), { audit: { write: (r) => audit.push({ ...(r as AuditRecord) }), close: async () => undefined }, logger: { stream } });
  apps.push(app);
  return { app, audit, logs };
}
const ask = (app: FastifyInstance, extra: Record<string, unknown> = {}) =>
  app.inject({ method: 'POST', url: '/v1/completions', payload: completionBody('m', { before: '现将有关事项通知如下：', after: '' }, extra) });

describe('the request turns thinking off the way the server understands', () => {
  it.each([
    ['vllm', { chat_template_kwargs: { enable_thinking: false } }],
    ['sglang', { chat_template_kwargs: { enable_thinking: false } }],
    ['llamacpp', { chat_template_kwargs: { enable_thinking: false } }],
    ['ollama', { reasoning_effort: 'none' }],
    ['deepseek', { thinking: { type: 'disabled' } }],
    ['glm', { thinking: { type: 'disabled' } }],
    ['moonshot', { thinking: { type: 'disabled' } }],
    ['qwen', { enable_thinking: false }],
  ])('%s', async (preset, fields) => {
    const { app } = await service({ preset, residency: 'local' });
    expect((await ask(app)).json().text).toBe(ANSWER);
    expect(up.requests[0].body).toMatchObject(fields);
  });

  it('sends no switch with thinking: auto (and none for R1, which has no off switch)', async () => {
    for (const model of [{ preset: 'vllm', thinking: 'auto' }, { preset: 'r1' }]) {
      up.requests.length = 0;
      const { app } = await service(model);
      await ask(app);
      const body = up.requests[0].body!;
      for (const k of ['chat_template_kwargs', 'reasoning_effort', 'thinking', 'enable_thinking']) expect(body).not.toHaveProperty(k);
    }
  });

  it('ends the prompt with Qwen3\'s /no_think soft switch where asked (a server with no switch)', async () => {
    const { app } = await service({ preset: 'generic', model: 'qwen3', noThinkPrompt: true });
    await ask(app);
    const messages = up.requests[0].body!.messages as Array<{ content: string }>;
    expect(messages[1].content.endsWith('\n/no_think')).toBe(true);
  });

  it('leaves a model that may think room for a short thought in max_tokens', async () => {
    const { app } = await service({ preset: 'r1' });
    await ask(app);
    expect(up.requests[0].body!.max_tokens).toBeGreaterThan(1000);
  });

  it('a server that honours its switch answers at once', async () => {
    up.set({ think: { ms: 20_000, style: 'tags' }, offSwitch: 'chat_template_kwargs' });
    const { app } = await service({ preset: 'vllm' });
    const t0 = Date.now();
    expect((await ask(app)).json().text).toBe(ANSWER);
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});

describe('a model still thinking at the first-answer deadline', () => {
  it('is stopped within 1.5 s of the request (not at the upstream timeout), its thoughts never shown', async () => {
    up.set({ think: { ms: 20_000, style: 'reasoning_content' } }); // no switch works
    const { app, logs } = await service({ preset: 'vllm', firstAnswerMs: 800 }, { upstreamTimeoutMs: 20_000 });
    const t0 = Date.now();
    const res = await ask(app);
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(res.statusCode).toBe(504);
    expect(res.json().error.code).toBe('upstream_timeout');
    await up.waitForAbort(up.requests[0], 500);
    expect(logs.find((l) => l.msg === 'upstream failed')).toMatchObject({ model: 'm', cause: 'thinking' });
  });

  it('falls back to the built-in engine where the admin allows it', async () => {
    up.set({ think: { ms: 20_000, style: 'lone' } });
    const { app } = await service({ preset: 'r1', fallbackToBuiltin: true, firstAnswerMs: 500 });
    const res = await ask(app, { stream: true });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('"fallback":"builtin"');
    expect(res.body).not.toContain('嗯');
  });

  it('an R1 distill that finishes thinking in time answers, thoughts removed', async () => {
    up.set({ think: { ms: 100, style: 'lone' } });
    const { app } = await service({ preset: 'r1', firstAnswerMs: 1500 });
    expect((await ask(app)).json().text).toBe(ANSWER);
  });

  it('does not count against the replica: it was answering', async () => {
    up.set({ think: { ms: 20_000, style: 'reasoning' } });
    const { app } = await service({ preset: 'ollama', firstAnswerMs: 150 });
    for (let i = 0; i < FAILURES_TO_OPEN + 1; i++) expect((await ask(app)).statusCode).toBe(504);
    expect(app.readiness.report().upstreams.m).toEqual([expect.objectContaining({ state: 'closed' })]);
  });
});

describe('a timeout the client\'s own request size caused (issue 29)', () => {
  it('does not open the breaker: other clerks still get answers', async () => {
    // healthy but slow: a long answer asked for (maxChars 2000) cannot finish within the timeout
    up.set({ text: '请各单位高度重视，认真组织实施。'.repeat(40), chunkChars: 2, chunkDelayMs: 40 });
    const { app } = await service({ preset: 'vllm' }, { upstreamTimeoutMs: 300 });
    for (let i = 0; i < FAILURES_TO_OPEN + 1; i++) {
      const res = await ask(app, { maxChars: 2000 });
      expect(res.json()).toMatchObject({ finishReason: 'length' }); // the whole clauses that came
    }
    expect(app.readiness.report().upstreams.m).toEqual([expect.objectContaining({ state: 'closed' })]);
    up.set({ text: ANSWER, chunkDelayMs: 0, chunkChars: 4 });
    expect((await ask(app)).json().text).toBe(ANSWER);
  });
});

describe('mode: complete (base models)', () => {
  it('continues the header and the text before the cursor on /completions, with no suffix', async () => {
    up.set({ rejectSuffix: true, text: '请各单位高度重视。' });
    const { app } = await service({ preset: 'vllm', mode: 'complete', model: 'Qwen/Qwen3-8B-Base' });
    const res = await ask(app);
    expect(res.json().text).toBe('请各单位高度重视。');
    const rec = up.requests[0];
    expect(rec.path).toBe('/v1/completions');
    expect(rec.body).not.toHaveProperty('suffix');
    expect(rec.body).not.toHaveProperty('messages');
    expect(rec.body!.prompt).toBe('关于开展安全生产检查的通知\n现将有关事项通知如下：');
  });

  it('puts the organisation\'s passages in front as earlier text, with no instructions', async () => {
    up.set({ text: '落实防汛责任。' });
    const { app } = await service({ preset: 'vllm', mode: 'complete', model: 'Qwen/Qwen3-8B-Base' }, {
      corpus: path.join(__dirname, '../fixtures/corpus'), corpusCache: fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-corpus-')),
    });
    await app.inject({ method: 'POST', url: '/v1/completions', payload: completionBody('m', { title: '关于做好防汛工作的通知', before: '各街道要压实防汛责任，逐级签订防汛', after: '' }) });
    const prompt = String(up.requests[0].body!.prompt);
    expect(prompt).toContain('逐级签订防汛责任书'); // a passage of tests/fixtures/corpus
    expect(prompt).not.toContain('本单位以往公文'); // no instruction header for a base model
    expect(prompt.endsWith('关于做好防汛工作的通知\n各街道要压实防汛责任，逐级签订防汛')).toBe(true);
  });

  it('is refused in config where the preset has no /completions', () => {
    expect(() => resolveConfig({ models: [{ id: 'g', preset: 'glm', mode: 'complete' }] })).toThrow(/complete/);
  });
});

describe('when a model server is down the log names the replica and the cause; the audit counts what went upstream', () => {
  it.each([
    ['refused', async () => `http://127.0.0.1:${await freePort()}/v1`, {}],
    ['http_status', async () => up.baseUrl, { mode: 'error500' }],
    ['timeout', async () => up.baseUrl, { mode: 'hang' }],
    ['bad_body', async () => up.baseUrl, { mode: 'brokenSse', chunkChars: 2 }],
  ] as const)('%s', async (cause, url, mode) => {
    up.set(mode as Record<string, unknown>);
    const baseUrl = await url();
    const { app, logs, audit } = await service({ preset: 'generic', model: 'x', baseUrl }, { upstreamTimeoutMs: 400, firstAnswerMs: 0 });
    await ask(app);
    const line = logs.find((l) => l.msg === 'upstream failed');
    expect(line).toMatchObject({ model: 'm', cause, replica: new URL(baseUrl).host });
    if (cause === 'refused') expect(audit[0].charsSent).toBe(0); // nothing went upstream
    else expect(audit[0].charsSent).toBeGreaterThan(0);
  });
});
