// PII masking as the user and the IT department meet it (issue 15): the contact line of a 通知 leaves
// with neither the name nor the number, the answer comes back with them, the reply says how many
// items of each kind were masked, the audit line counts them (never the values), the notice lists the
// kinds, and a placeholder the model made up never reaches the document.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app';
import { startFakeUpstream, type FakeUpstream } from './fakeUpstream';
import { auditLines, completionBody, upstreamConfig } from './helpers';

const KEY = 'sk-test-secret-value-123456';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-masking-'));
const auditFile = path.join(tmp, 'audit.jsonl');
const CONTACT = '请于3月15日前报送。\n联系人：李××，联系电话：010-6601××××。\n联系人：欧阳小明，手机：13912345678，邮箱：oyxm@example.gov.cn。\n';

let up: FakeUpstream;
let app: FastifyInstance;
let version: string;
beforeAll(async () => {
  process.env.BANXIE_TEST_KEY = KEY;
  up = await startFakeUpstream();
  app = await buildApp(upstreamConfig(up.baseUrl, { audit: { file: auditFile, salt: 's' } }));
  version = (await app.inject('/v1/privacy')).json().version;
});
afterAll(async () => {
  await app.close();
  await up.close();
  delete process.env.BANXIE_TEST_KEY;
  fs.rmSync(tmp, { recursive: true, force: true });
});
beforeEach(() => { up.requests.length = 0; });

const post = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/v1/completions', payload });

function sse(body: string): { event: string; data: Record<string, unknown> }[] {
  return body.trim().split('\n\n').map((block) => {
    const [ev, data] = block.split('\n');
    return { event: ev.replace('event: ', ''), data: JSON.parse(data.replace('data: ', '')) as Record<string, unknown> };
  });
}

test('the contact line leaves masked, the answer comes back restored, and the reply counts by kind', async () => {
  up.set({ mode: 'ok', text: '如有疑问请联系[NAME_1]（[PHONE_1]）。' });
  const res = await post(completionBody('ext', { before: CONTACT }, { consent: { version } }));
  expect(res.statusCode).toBe(200);
  expect(res.json()).toMatchObject({ text: '如有疑问请联系李××（010-6601××××）。', masked: { NAME: 2, PHONE: 2, EMAIL: 1 } });
  const sent = up.requests[0].rawBody;
  for (const v of ['李××', '6601', '欧阳小明', '13912345678', 'oyxm@']) expect(sent).not.toContain(v);
  expect(sent).toContain('联系人：[NAME_1]，联系电话：[PHONE_1]');
});

test('streamed: deltas are restored, and the done event carries the counts', async () => {
  up.set({ mode: 'ok', text: '请与[NAME_2]联系，电话[PHONE_2]。', chunkChars: 3, chunkDelayMs: 1 });
  const res = await post(completionBody('ext', { before: CONTACT }, { consent: { version }, stream: true }));
  const events = sse(res.body);
  const done = events.find((e) => e.event === 'done')!;
  expect(done.data).toMatchObject({ text: '请与欧阳小明联系，电话13912345678。', masked: { NAME: 2, PHONE: 2, EMAIL: 1 } });
  const deltas = events.filter((e) => e.event === 'delta').map((e) => e.data.text).join('');
  expect('请与欧阳小明联系，电话13912345678。'.startsWith(deltas)).toBe(true);
  expect(deltas).not.toMatch(/NAME|PHONE/);
});

test.each([false, true])('a placeholder the model invented is never shown (stream: %s)', async (stream) => {
  up.set({ mode: 'ok', text: '请与[PHONE_7]联系，并抄送[EMAIL_3]。', chunkChars: 4, chunkDelayMs: 1 });
  const res = await post(completionBody('ext', { before: CONTACT }, { consent: { version }, stream }));
  const shown = stream ? sse(res.body).filter((e) => e.event !== 'error').map((e) => String(e.data.text ?? '')).join('') : res.json().text;
  expect(shown).not.toMatch(/PHONE|EMAIL|\[/);
  const final = stream ? sse(res.body).find((e) => e.event === 'done')!.data : res.json();
  expect(final).toMatchObject({ text: '', finishReason: 'filtered' });
});

test('nothing is masked for a local model, and the reply says nothing about masking', async () => {
  up.set({ mode: 'ok', text: '特此通知。' });
  const res = await post(completionBody('lan', { before: CONTACT }, { consent: { version } }));
  expect(res.json().masked).toBeUndefined();
  expect(up.requests[0].rawBody).toContain('13912345678');
});

test('a request near the body limit full of short values still goes out', async () => {
  up.set({ mode: 'ok', text: '特此通知。' });
  const unit = '联系人：李四，a@b.cn；'; // each placeholder is longer than its value
  const before = unit.repeat(Math.floor(19_990 / unit.length));
  const payload = completionBody('ext', { before, after: '请各单位认真贯彻落实。'.repeat(600) }, { consent: { version } });
  expect(Buffer.byteLength(JSON.stringify(payload))).toBeGreaterThan(60 * 1024);
  expect(Buffer.byteLength(JSON.stringify(payload))).toBeLessThan(64 * 1024);
  const res = await post(payload);
  expect(res.statusCode).toBe(200);
  expect(res.json().masked).toMatchObject({ NAME: 1, EMAIL: 1 });
  expect(up.requests[0].rawBody).not.toContain('a@b.cn');
});

test('the audit line counts masked items by kind and holds none of the values', async () => {
  up.set({ mode: 'ok', text: '特此通知。' });
  await post(completionBody('ext', { before: CONTACT }, { consent: { version }, requestId: 'audit-me' }));
  await app.close(); // flushes the audit stream
  const lines = auditLines(tmp);
  const line = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((r) => r.requestId === 'audit-me')!;
  expect(line.piiMasked).toEqual({ NAME: 2, PHONE: 2, EMAIL: 1 });
  const raw = lines.join('\n');
  for (const v of ['李××', '6601', '欧阳小明', '13912345678', 'oyxm']) expect(raw).not.toContain(v);
  app = await buildApp(upstreamConfig(up.baseUrl));
});

test('the privacy notice lists every kind masked, in both languages', async () => {
  const notice = (await app.inject('/v1/privacy')).json() as { text: { 'zh-CN': string; en: string } };
  for (const w of ['身份证号', '电话号码', '固定电话', '银行卡号', '电子邮箱', '护照号', '联系人']) expect(notice.text['zh-CN']).toContain(w);
  for (const w of ['ID numbers', 'phone numbers', 'landline', 'bank card', 'e-mail', 'passport', 'contact persons']) expect(notice.text.en).toContain(w);
});
