// The guard re-checks every digest field that reaches a prompt, and the most severe marking binds:
// a hand-made (or mistaken) digest that carries a marking anywhere gets nothing sent to an external
// model, whatever it declares. The fake upstream records every request, so "nothing sent" is observed.
import type { FastifyInstance } from 'fastify';
import { mayReceive, policyOf } from '../../src/core/policy';
import type { ContextDigest, ModelList } from '../../src/core/protocol';
import { buildApp } from '../../src/server/app';
import { startFakeUpstream, type FakeUpstream } from './fakeUpstream';
import { makeDigest, upstreamConfig } from './helpers';

let up: FakeUpstream;
let app: FastifyInstance;
let lenient: FastifyInstance;
let version: string;
beforeAll(async () => {
  process.env.BANXIE_TEST_KEY = 'sk-test-secret-value-123456';
  up = await startFakeUpstream();
  app = await buildApp(upstreamConfig(up.baseUrl));
  // 内部 may go out here: only a more severe marking may stop the request
  lenient = await buildApp(upstreamConfig(up.baseUrl, { policy: { classifiedResidencies: ['builtin', 'local'], restrictedAsClassified: false } }));
  version = (await app.inject('/v1/privacy')).json().version;
});
afterAll(async () => { await app.close(); await lenient.close(); await up.close(); delete process.env.BANXIE_TEST_KEY; });
beforeEach(() => { up.requests.length = 0; up.set({ mode: 'ok', text: '请各单位高度重视，认真组织实施。' }); });

const post = (target: FastifyInstance, digest: Partial<ContextDigest>) =>
  target.inject({
    method: 'POST', url: '/v1/completions',
    payload: { requestId: 'r1', model: 'ext', digest: makeDigest(digest), maxChars: 40, consent: { version } },
  });

const MARK = '秘密★1年';
const h = (text: string, ordinal = '一、') => ({ level: 1, ordinal, text });
const noFacts = { dates: [], orgs: [], amounts: [], names: [], attachments: [] };

const FIELDS: Array<[string, Partial<ContextDigest>]> = [
  ['title', { title: MARK }],
  ['issuer', { issuer: MARK }],
  ['recipients', { recipients: MARK }],
  ['docNumber', { docNumber: MARK }],
  ['signer', { signer: MARK }],
  ['cc', { cc: MARK }],
  ['classificationPeriod', { classificationPeriod: MARK }],
  ['outline', { outline: [h('总体要求'), h(MARK, '')] }],
  ['outline, split between ordinal and text', { outline: [h('密★1年', '秘')] }],
  ['section', { section: [h(MARK, '')] }],
  ['nextOrdinals', { nextOrdinals: { 1: MARK } }],
  ['facts.dates', { facts: { ...noFacts, dates: [MARK] } }],
  ['facts.orgs', { facts: { ...noFacts, orgs: [MARK] } }],
  ['facts.amounts', { facts: { ...noFacts, amounts: [MARK] } }],
  ['facts.names', { facts: { ...noFacts, names: [MARK] } }],
  ['facts.attachments', { facts: { ...noFacts, attachments: [MARK] } }],
  ['after', { before: '', after: `${MARK}\n关于开展检查的通知\n` }],
  ['split by the cursor', { before: '秘', after: '密★1年\n关于开展检查的通知\n' }],
  ['below many blank lines', { before: `${'\n'.repeat(100)}${MARK}\n关于开展检查的通知\n` }],
  ['with a zero-width space', { before: `秘\u200b密★1年\n关于开展检查的通知\n` }],
  ['on a long line with spaces', { before: `${MARK}${' '.repeat(60)}特急\n关于开展检查的通知\n` }],
  ['after 份号 and 保密期限 labels', { before: '份号：000123 保密期限：10年 密级：机密\n关于开展检查的通知\n' }],
];

test.each(FIELDS)('a marking in %s is refused and nothing is sent', async (_field, digest) => {
  const res = await post(app, { classification: null, ...digest });
  expect(res.statusCode).toBe(403);
  expect(res.json().error.code).toBe('classified_blocked');
  expect(up.requests).toHaveLength(0);
});

test('the same digest without the marking goes out (the fields themselves are not what is refused)', async () => {
  const res = await post(app, { outline: [h('总体要求')], section: [h('总体要求')], nextOrdinals: { 1: '二、' }, facts: { ...noFacts, dates: ['2025年3月1日'] } });
  expect(res.statusCode).toBe(200);
  expect(up.requests).toHaveLength(1);
});

test('a declared 内部 does not switch the scan off: 机密 in the text binds', async () => {
  expect((await post(lenient, { classification: '内部', before: '内部\n关于开展检查的通知\n' })).statusCode).toBe(200);
  expect(up.requests).toHaveLength(1);
  const res = await post(lenient, { classification: '内部', before: '机密★10年\n关于开展检查的通知\n' });
  expect(res.statusCode).toBe(403);
  expect(up.requests).toHaveLength(1);
});

test('the most severe marking wins: 内部 above 机密★10年 is 机密', async () => {
  const res = await post(lenient, { classification: null, before: '内部\n机密★10年\n关于开展检查的通知\n' });
  expect(res.statusCode).toBe(403);
  expect(up.requests).toHaveLength(0);
});

test('/v1/models publishes verdicts and a policy that give, through mayReceive, exactly what the guard does', async () => {
  const { models, policy } = (await lenient.inject('/v1/models')).json() as ModelList;
  for (const level of ['内部', '秘密'] as const) {
    for (const m of models.filter((x) => x.id !== 'ext-fim')) {
      const pane = mayReceive(m, makeDigest({ classification: level }), policyOf({ models, policy }));
      const res = await lenient.inject({
        method: 'POST', url: '/v1/completions',
        payload: { requestId: 'r1', model: m.id, digest: makeDigest({ classification: level }), maxChars: 40, consent: { version } },
      });
      expect([m.id, level, res.statusCode]).toEqual([m.id, level, pane ? 200 : 403]);
    }
  }
});
