// PII in normal typing: the model reads the text before and after the cursor as one, so a number the
// cursor splits leaves as one placeholder, never as two unmasked halves; and while a number is being
// typed after a label (电话, 手机, 身份证, 卡号, 账号, 护照), the digits so far are the number it is
// becoming. Checked on the masker and on what a recording fake upstream receives.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app';
import { createMasker, findPii, maskDigest } from '../../src/server/policy/pii';
import { startFakeUpstream, type FakeUpstream } from './fakeUpstream';
import { completionBody, makeDigest, residentId, upstreamConfig } from './helpers';

const ID = residentId('110101', '19491231', '002');

let up: FakeUpstream;
let app: FastifyInstance;
let version: string;
beforeAll(async () => {
  process.env.BANXIE_TEST_KEY = 'sk-test-secret-value-123456';
  up = await startFakeUpstream();
  app = await buildApp(upstreamConfig(up.baseUrl));
  version = (await app.inject('/v1/privacy')).json().version;
});
afterAll(async () => { await app.close(); await up.close(); delete process.env.BANXIE_TEST_KEY; });
beforeEach(() => { up.requests.length = 0; up.set({ mode: 'ok', text: '请准时参加。' }); });

/** What the upstream received for a digest with this text around the cursor. */
async function sent(before: string, after = ''): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/v1/completions', payload: completionBody('ext', { before, after }, { consent: { version } }) });
  expect(res.statusCode).toBe(200);
  expect(up.requests).toHaveLength(1);
  return up.requests[0].rawBody;
}

describe('a number split by the cursor', () => {
  test.each([
    ['a mobile', '会议联系电话：138001', '38000，请准时参加。', ['138001', '38000']],
    ['a mobile without a label', '请与张同志（13800', '138000）联系。', ['13800', '138000']],
    ['an ID number', `身份证号：${ID.slice(0, 9)}`, `${ID.slice(9)}。`, [ID.slice(0, 9), ID.slice(9)]],
    ['an e-mail address', '邮箱：zhang.san@exa', 'mple.gov.cn，', ['zhang.san', 'mple.gov']],
  ])('%s leaves as one placeholder, neither half in clear', async (_what, before, after, halves) => {
    const body = await sent(before, after);
    for (const h of halves) expect(body).not.toContain(h);
    expect(body).toMatch(/\[(PHONE|ID|EMAIL)_1\]/);
  });

  test('the placeholder goes before the cursor, and the answer is restored whole', () => {
    const m = createMasker();
    const { digest } = maskDigest(makeDigest({ before: '联系电话：138001', after: '38000，请准时参加。' }), m);
    expect(digest.before).toBe('联系电话：[PHONE_1]');
    expect(digest.after).toBe('，请准时参加。');
    expect(m.restore('[PHONE_1]')).toBe('13800138000');
    // checks on the answer see the text as it was sent, and count nothing twice
    expect(m.mask('联系电话：138001')).toBe('联系电话：[PHONE_1]');
    expect(m.counts()).toEqual({ PHONE: 1 });
  });
});

describe('a number being typed after a label', () => {
  test.each([
    ['a 10-digit mobile prefix', '联系电话：1380013800', '1380013800'],
    ['a mobile typed in groups', '手机：138 0013', '138 0013'],
    ['a 17-digit ID prefix', `身份证号码：${ID.slice(0, 17)}`, ID.slice(0, 17)],
    ['a card number half typed', '收款账户：6222 0212 3456', '6222 0212 3456'],
    ['an account number', '账号：62220212345', '62220212345'],
    ['a passport number', '护照号码：E1234', 'E1234'],
    ['an area code and its dash', '传真：0871-', '0871'],
    ['a card number up to a group space', '卡号：6222 0212 ', '6222 0212'],
  ])('%s is masked', async (_what, before, partial) => {
    expect(await sent(before)).not.toContain(partial);
  });

  test('digits typed on after the cursor join the number', () => {
    const { digest } = maskDigest(makeDigest({ before: '联系电话：138', after: '00138000\n二、' }));
    expect(digest.before).toBe('联系电话：[PHONE_1]');
    expect(digest.after).toBe('\n二、');
  });

  test('only at the cursor: a short number after a label elsewhere, and numbers without a label, stay', () => {
    expect(findPii('值班电话：12345。\n今天', 13)).toEqual([]);
    expect(findPii('预算资金1380013800', 14)).toEqual([]);
    expect(findPii('文号：东政发〔2025〕12', 16)).toEqual([]);
  });
});
