// Policy enforced by the service, checked where it matters: at a real upstream on a loopback socket.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app';
import { startFakeUpstream, type FakeUpstream } from './fakeUpstream';
import { card, completionBody, residentId, upstreamConfig } from './helpers';

const KEY = 'sk-test-secret-value-123456';

describe('policy', () => {
  let up: FakeUpstream;
  let app: FastifyInstance;
  let version: string;
  beforeAll(async () => {
    process.env.BANXIE_TEST_KEY = KEY;
    up = await startFakeUpstream();
    app = await buildApp(upstreamConfig(up.baseUrl));
    version = (await app.inject('/v1/privacy')).json().version;
  });
  afterAll(async () => { await app.close(); await up.close(); delete process.env.BANXIE_TEST_KEY; });
  beforeEach(() => { up.requests.length = 0; up.set({ mode: 'ok', text: '请各单位高度重视，认真组织实施。' }); });

  const post = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/v1/completions', payload, headers });

  describe('consent', () => {
    it('answers 403 consent_required without consent, or with an old version, and sends nothing', async () => {
      for (const consent of [undefined, null, { version: 'old' }]) {
        const res = await post(completionBody('ext', {}, { consent }));
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe('consent_required');
      }
      expect(up.requests).toHaveLength(0);
    });

    it('passes with the current notice version', async () => {
      const res = await post(completionBody('ext', {}, { consent: { version } }));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ text: '请各单位高度重视，认真组织实施。', model: 'ext', finishReason: 'stop' });
    });

    it('the built-in model needs no consent', async () => {
      expect((await post(completionBody('builtin'))).statusCode).toBe(200);
    });
  });

  describe('classification', () => {
    it('blocks a digest marked classified from external models (403) and sends nothing', async () => {
      const res = await post(completionBody('ext', { classification: '秘密' }, { consent: { version } }));
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('classified_blocked');
      expect(up.requests).toHaveLength(0);
    });

    it('finds a marking the pane did not declare', async () => {
      const res = await post(completionBody('ext', { classification: null, before: '000123\n机密★5年\n特急\n\n某市人民政府文件\n' }, { consent: { version } }));
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('classified_blocked');
      expect(up.requests).toHaveLength(0);
    });

    it('does not mistake the word in a sentence for a marking', async () => {
      const res = await post(completionBody('ext', { before: '要严格遵守保密纪律，做好秘密载体管理工作，' }, { consent: { version } }));
      expect(res.statusCode).toBe(200);
    });

    it('lets classified text go to local models and the built-in engine by default', async () => {
      expect((await post(completionBody('lan', { classification: '机密' }, { consent: { version } }))).statusCode).toBe(200);
      expect((await post(completionBody('builtin', { classification: '机密' }))).statusCode).toBe(200);
    });

    it('follows the admin: classifiedResidencies [builtin] blocks local models too', async () => {
      const strict = await buildApp(upstreamConfig(up.baseUrl, { policy: { classifiedResidencies: ['builtin'] } }));
      const v = (await strict.inject('/v1/privacy')).json().version;
      const res = await strict.inject({ method: 'POST', url: '/v1/completions', payload: completionBody('lan', { classification: '秘密' }, { consent: { version: v } }) });
      expect(res.json().error.code).toBe('classified_blocked');
      const models = (await strict.inject('/v1/models')).json().models as Array<{ id: string; acceptsClassified: boolean }>;
      expect(models.find((m) => m.id === 'lan')?.acceptsClassified).toBe(false);
      await strict.close();
    });
  });

  describe('PII', () => {
    const id = residentId('110101', '19850615', '042');
    const phone = '13912345678';
    const cardNo = card('622202123456789012');
    const email = 'wang.fang@example.gov.cn';
    const before = `经办人王芳，身份证号${id}，手机${phone}，报销款请转入${cardNo}，邮箱${email}。请`;

    it('masks every value before it reaches an external upstream, and restores the answer', async () => {
      up.set({ text: '与[PHONE_1]联系，材料发送至[EMAIL_1]。' });
      const res = await post(completionBody('ext', { before, title: `关于${phone}的通知`, facts: { dates: [], orgs: [], amounts: [], names: [id], attachments: [] } }, { consent: { version } }));
      expect(res.statusCode).toBe(200);
      expect(res.json().text).toBe(`与${phone}联系，材料发送至${email}。`);
      const sent = up.requests[0].rawBody;
      for (const v of [id, phone, cardNo, email]) expect(sent).not.toContain(v);
      expect(sent).toContain('[ID_1]');
      expect(sent).toContain('[CARD_1]');
    });

    it('does not mask for local models (the text stays in the building)', async () => {
      await post(completionBody('lan', { before }, { consent: { version } }));
      expect(up.requests[0].rawBody).toContain(phone);
    });
  });

  describe('upstream call', () => {
    it('sends the key from the environment to the upstream, never to clients', async () => {
      await post(completionBody('ext', {}, { consent: { version } }));
      expect(up.requests[0].headers.authorization).toBe(`Bearer ${KEY}`);
      for (const url of ['/v1/models', '/v1/privacy', '/health']) {
        const body = (await app.inject(url)).body;
        expect(body).not.toContain(KEY);
        expect(body).not.toContain('BANXIE_TEST_KEY');
        expect(body).not.toContain(up.baseUrl);
      }
    });

    it('chat mode: server-side prompt with the digest, streamed', async () => {
      await post(completionBody('ext', { before: '现将有关事项通知如下：' }, { consent: { version } }));
      const r = up.requests[0];
      expect(r.path).toBe('/v1/chat/completions');
      const body = r.body as { model: string; stream: boolean; messages: Array<{ role: string; content: string }> };
      expect(body).toMatchObject({ model: 'fake-chat', stream: true });
      expect(body.messages[0]).toMatchObject({ role: 'system', content: expect.stringContaining('公文') });
      expect(body.messages[1].content).toContain('现将有关事项通知如下：');
      expect(body.messages[1].content).toContain('关于开展安全生产检查的通知');
    });

    it('FIM mode: prefix and suffix at /completions', async () => {
      up.set({ text: '认真组织实施。' });
      const res = await post(completionBody('ext-fim', { before: '请各单位', after: '\n特此通知。' }, { consent: { version } }));
      expect(res.json().text).toBe('认真组织实施。');
      const r = up.requests[0];
      expect(r.path).toBe('/v1/completions');
      expect(r.body).toMatchObject({ model: 'fake-fim', suffix: '\n特此通知。', prompt: expect.stringMatching(/请各单位$/) });
    });

    it('works with an upstream that ignores stream:true and answers JSON', async () => {
      up.set({ forceJson: true, text: '请认真贯彻落实。' });
      const res = await post(completionBody('ext', {}, { consent: { version } }));
      expect(res.json().text).toBe('请认真贯彻落实。');
      up.set({ forceJson: false });
    });

    it('post-processes upstream chatter', async () => {
      up.set({ text: '好的，以下是续写内容：\n“请各单位高度重视。”' });
      const res = await post(completionBody('ext', {}, { consent: { version } }));
      expect(res.json().text).toBe('请各单位高度重视。');
    });

    it('drops an answer that repeats the text after the cursor', async () => {
      up.set({ text: '特此通知。' });
      const res = await post(completionBody('ext', { after: '特此通知。' }, { consent: { version } }));
      expect(res.json()).toMatchObject({ text: '', finishReason: 'filtered' });
    });
  });
});

describe('an injected fetch', () => {
  it('is used instead of node:http to reach the upstream', async () => {
    const up = await startFakeUpstream({ text: '请认真贯彻落实。' });
    const calls: string[] = [];
    const spy: typeof fetch = (input, init) => { calls.push(String(input)); return fetch(input, init); };
    const app = await buildApp(upstreamConfig(up.baseUrl), { fetch: spy });
    const version = (await app.inject('/v1/privacy')).json().version;
    for (const stream of [false, true]) {
      const res = await app.inject({ method: 'POST', url: '/v1/completions', payload: completionBody('lan', {}, { consent: { version }, stream }) });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('请认真贯彻落实。');
    }
    expect(calls).toEqual([`${up.baseUrl}/chat/completions`, `${up.baseUrl}/chat/completions`]);
    await app.close();
    await up.close();
  });
});
