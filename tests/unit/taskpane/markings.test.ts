// Every row of the marking table in docs/PRIVACY.md, through the pane's controller: with an external
// model chosen (and consent given), a marked document is refused before anything is sent, the page
// header counts like the first lines, and an unmarked one goes out.
import { CompletionClient, CompletionError } from '../../../src/core/client/CompletionClient';
import { axiosTransport } from '../../../src/core/client/axiosTransport';
import { digestOf } from '../../../src/core/digest';
import type { ModelInfo } from '../../../src/core/protocol';
import { DEFAULT_SETTINGS, MemorySettingsStore } from '../../../src/core/settings';
import type { HostContext } from '../../../src/core/DocumentHost';
import { PaneController } from '../../../src/taskpane/PaneController';
import { markingRows, NOTICE_BODY } from '../../markingRows';
import { startFakeService, type FakeService } from './fakeService';

const MODELS: ModelInfo[] = [
  { id: 'builtin', label: '内置引擎', residency: 'builtin', provider: 'builtin', acceptsClassified: true, needsConsent: false },
  { id: 'deepseek', label: 'DeepSeek', residency: 'external', provider: 'openai-compatible', acceptsClassified: false, needsConsent: true },
];

let svc: FakeService;
let c: PaneController;
beforeAll(async () => {
  svc = await startFakeService(MODELS, { version: 'v1', text: { 'zh-CN': '说明', en: 'Notice' } },
    (b) => [200, { text: '特此通知。', model: b.model, finishReason: 'stop', latencyMs: 1 }]);
  const store = new MemorySettingsStore({ ...DEFAULT_SETTINGS, model: 'deepseek', consent: { deepseek: 'v1' } });
  c = new PaneController({
    client: new CompletionClient({ transport: axiosTransport, baseUrl: svc.baseUrl, timeoutMs: 2000 }),
    store,
    initialSettings: await store.load(),
    digest: (ctx) => digestOf(ctx),
  });
  await c.init();
});
afterAll(async () => { c.dispose(); await svc.close(); });
beforeEach(() => { svc.requests.length = 0; });

function context(body: string, header?: string): HostContext {
  return { text: body, cursor: body.length, selectionEmpty: true, ...(header ? { header } : {}) };
}

test.each(markingRows('zh').map((r) => [r.id, r.form, r] as const))('%s %s', async (_id, _form, row) => {
  expect(c.currentModel().id).toBe('deepseek');
  const ctx = row.inHeader ? context(NOTICE_BODY, row.example) : context(`${row.example}\n${NOTICE_BODY}`);
  const p = c.fetchSuggestion(ctx, new AbortController().signal);
  if (row.expected) {
    await expect(p).rejects.toBeInstanceOf(CompletionError);
    await expect(p).rejects.toMatchObject({ code: 'classified_blocked' });
    expect(c.snapshot.classification).toEqual({ marking: row.expected });
    expect(svc.requests).toHaveLength(0);
  } else {
    await expect(p).resolves.toMatchObject({ text: '特此通知。' });
    expect(c.snapshot.classification).toBeNull();
    expect(svc.requests).toHaveLength(1);
  }
});

test('a restricted (内部) document goes where the admin lets restricted documents go', async () => {
  const models: ModelInfo[] = [MODELS[0], { ...MODELS[1], acceptsRestricted: true }];
  const svc2 = await startFakeService(models, { version: 'v1', text: { 'zh-CN': '说明', en: 'Notice' } },
    (b) => [200, { text: '特此通知。', model: b.model, finishReason: 'stop', latencyMs: 1 }]);
  const store = new MemorySettingsStore({ ...DEFAULT_SETTINGS, model: 'deepseek', consent: { deepseek: 'v1' } });
  const c2 = new PaneController({
    client: new CompletionClient({ transport: axiosTransport, baseUrl: svc2.baseUrl, timeoutMs: 2000 }), store, initialSettings: await store.load(),
    digest: (ctx) => digestOf(ctx),
  });
  try {
    await c2.init();
    await expect(c2.fetchSuggestion(context(`内部资料\n${NOTICE_BODY}`), new AbortController().signal)).resolves.toMatchObject({ text: '特此通知。' });
    expect(svc2.requests[0].digest.classification).toBe('内部');
    await expect(c2.fetchSuggestion(context(`秘密★1年\n${NOTICE_BODY}`), new AbortController().signal)).rejects.toMatchObject({ code: 'classified_blocked' });
  } finally {
    c2.dispose();
    await svc2.close();
  }
});
