// Organisation-corpus passages in LLM prompts, against a fake upstream that records what it gets:
// sent to a residency in policy.corpusResidencies (chat and FIM), never to one outside it; the
// audit line counts the passages and carries none of their text.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app';
import { startFakeUpstream, type FakeUpstream } from './fakeUpstream';
import { auditLines, completionBody, upstreamConfig } from './helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-corpus-'));
const corpusDir = path.join(__dirname, '../fixtures/corpus');
// A sentence of the fixture corpus (qinghe-baogao.txt) that the request below should retrieve.
const PASSAGE = '逐级签订防汛责任书';

describe('corpus passages in LLM prompts', () => {
  let up: FakeUpstream;
  let app: FastifyInstance;
  let version: string;
  const auditFile = path.join(tmp, 'audit.jsonl');

  beforeAll(async () => {
    up = await startFakeUpstream({ text: '落实防汛责任。' });
    app = await buildApp(upstreamConfig(up.baseUrl, {
      corpus: corpusDir, corpusCache: path.join(tmp, 'cache'), audit: { file: auditFile, salt: 's' },
      models: [
        { id: 'builtin', provider: 'builtin' },
        { id: 'ext', preset: 'generic', baseUrl: up.baseUrl, model: 'fake-chat', residency: 'external' },
        { id: 'lan', preset: 'generic', baseUrl: up.baseUrl, model: 'fake-chat', residency: 'local' },
        { id: 'lan-fim', preset: 'generic', baseUrl: up.baseUrl, model: 'fake-fim', residency: 'intranet', mode: 'fim' },
      ],
    }));
    version = (await app.inject({ method: 'GET', url: '/v1/privacy' })).json<{ version: string }>().version;
  });
  afterAll(async () => { await app.close(); await up.close(); });
  beforeEach(() => { up.requests.length = 0; });

  const ask = (model: string) => app.inject({
    method: 'POST', url: '/v1/completions',
    payload: completionBody(model, { title: '关于做好2024年防汛工作的通知', before: '各街道要压实防汛责任，逐级签订防汛', after: '' }, { consent: { version } }),
  });

  it('puts similar passages into the chat prompt of an allowed (local) model', async () => {
    expect((await ask('lan')).statusCode).toBe(200);
    expect(up.requests).toHaveLength(1);
    const messages = up.requests[0].body!.messages as Array<{ content: string }>;
    expect(messages[1].content).toContain('本单位以往公文中的相似段落');
    expect(messages[1].content).toContain(PASSAGE);
  });

  it('puts them before the document in a FIM prompt', async () => {
    expect((await ask('lan-fim')).statusCode).toBe(200);
    const prompt = String(up.requests[0].body!.prompt);
    expect(prompt).toContain(PASSAGE);
    expect(prompt.indexOf(PASSAGE)).toBeLessThan(prompt.indexOf('各街道要压实防汛责任'));
  });

  it('sends no corpus text to a residency outside policy.corpusResidencies (external by default)', async () => {
    expect((await ask('ext')).statusCode).toBe(200);
    expect(up.requests).toHaveLength(1);
    expect(up.requests[0].rawBody).not.toContain(PASSAGE);
    expect(up.requests[0].rawBody).not.toContain('相似段落');
  });

  it('audits how many passages were sent, never their text', async () => {
    await ask('lan');
    await ask('ext');
    await app.close();
    const lines = auditLines(tmp);
    const recs = lines.map((l) => JSON.parse(l) as { model: string; corpusPassages?: number });
    expect(recs.filter((r) => r.model === 'lan').every((r) => (r.corpusPassages ?? 0) > 0)).toBe(true);
    expect(recs.filter((r) => r.model === 'ext').every((r) => r.corpusPassages === 0)).toBe(true);
    for (const l of lines) expect(l).not.toContain('防汛责任书');
  });
});

describe('policy.corpusResidencies', () => {
  it('can allow an external model when the admin says so', async () => {
    const up = await startFakeUpstream({ text: '落实。' });
    const app = await buildApp(upstreamConfig(up.baseUrl, { corpus: corpusDir, corpusCache: path.join(tmp, 'cache'), policy: { corpusResidencies: ['external'] } }));
    const version = (await app.inject({ method: 'GET', url: '/v1/privacy' })).json<{ version: string }>().version;
    const res = await app.inject({
      method: 'POST', url: '/v1/completions',
      payload: completionBody('ext', { before: '各街道要压实防汛责任，逐级签订防汛', after: '' }, { consent: { version } }),
    });
    expect(res.statusCode).toBe(200);
    expect(up.requests[0].rawBody).toContain(PASSAGE);
    await app.close();
    await up.close();
  });
});
