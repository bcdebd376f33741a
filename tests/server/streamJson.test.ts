// JSON and SSE replies come out of one pipeline: for the same upstream answer the JSON text, the SSE
// `done` text and the SSE deltas put together are the same. (Before, SSE post-processed on its own:
// no paragraph break, no drop rules — deltas the `done` event then contradicted.)
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app';
import { startFakeUpstream, type FakeUpstream } from './fakeUpstream';
import { completionBody, upstreamConfig } from './helpers';

let up: FakeUpstream;
let app: FastifyInstance;
beforeAll(async () => {
  up = await startFakeUpstream();
  app = await buildApp(upstreamConfig(up.baseUrl));
});
afterAll(async () => { await app.close(); await up.close(); });

async function both(text: string, digest: Record<string, string>): Promise<{ json: string; done: string; deltas: string }> {
  up.set({ mode: 'ok', text, chunkChars: 2 });
  const payload = completionBody('lan', digest, { consent: { version: (await app.inject('/v1/privacy')).json().version } });
  const json = (await app.inject({ method: 'POST', url: '/v1/completions', payload })).json() as { text: string };
  const sse = await app.inject({ method: 'POST', url: '/v1/completions', payload: { ...payload, stream: true } });
  const events = sse.body.trim().split('\n\n').map((b) => {
    const [ev, data] = b.split('\n');
    return { event: ev.slice(7), text: (JSON.parse(data.slice(6)) as { text: string }).text };
  });
  return { json: json.text, done: events.find((e) => e.event === 'done')!.text, deltas: events.filter((e) => e.event === 'delta').map((e) => e.text).join('') };
}

it.each([
  ['an answer that opens the next paragraph', '\n一、总体要求。', { before: '现将有关事项通知如下：', after: '' }, '\n一、总体要求。'],
  ['an answer that repeats the text after the cursor', '请各单位高度重视，认真组织实施。', { before: '现将有关事项通知如下：', after: '请各单位高度重视，认真组织实施。' }, ''],
  ['an answer the document already says', '为切实做好安全生产工作，', { before: '为切实做好安全生产工作，现将有关事项通知如下：', after: '' }, ''],
  ['trailing chatter', '请认真落实。希望以上内容对您有所帮助！', { before: '现将有关事项通知如下：', after: '' }, '请认真落实。'],
  ['a thought in tags', '<think>嗯，用户</think>请认真落实。', { before: '现将有关事项通知如下：', after: '' }, '请认真落实。'],
])('%s: JSON = SSE done = SSE deltas', async (_name, text, digest, want) => {
  const r = await both(text, digest);
  expect(r).toEqual({ json: want, done: want, deltas: want });
});
