/** @jest-environment jsdom */
// A model that is temporarily unavailable (every replica failing or full): the pane says 模型暂时不可用,
// and says so too when the service answered with the built-in engine instead (the admin allowed it).
import { act, screen } from '@testing-library/react';
import type { ModelInfo } from '../../../src/core/protocol';
import { DEFAULT_SETTINGS, MemorySettingsStore } from '../../../src/core/settings';
import { WordHost } from '../../../src/hosts/word/WordHost';
import { createWordSimulator } from '../../../src/simulators/word/WordSimulator';
import { mountTaskpane, type MountedPane } from '../../../src/taskpane/mount';
import { startFakeService, type FakeService } from './fakeService';

const MODELS: ModelInfo[] = [
  { id: 'lan', label: '本地千问', residency: 'local', provider: 'openai-compatible', acceptsClassified: true, needsConsent: false },
];
let answer: [number, unknown] = [200, {}];
let svc: FakeService;
beforeAll(async () => {
  svc = await startFakeService(MODELS, { version: 'v1', text: { 'zh-CN': '说明', en: 'notice' } }, () => answer);
});
afterAll(() => svc.close());
let pane: MountedPane | null = null;
afterEach(() => {
  act(() => pane?.unmount());
  pane = null;
  document.body.innerHTML = '';
});

async function ask(language: 'zh-CN' | 'en'): Promise<void> {
  const sim = createWordSimulator();
  sim.user.load('关于开展安全生产检查的通知\n各科室：\n');
  const host = new WordHost({ Word: sim.Word, Office: sim.Office, pollMs: 20 });
  const store = new MemorySettingsStore({ ...DEFAULT_SETTINGS, debounceMs: 150, model: 'lan', language });
  const el = document.createElement('div');
  document.body.appendChild(el);
  await act(async () => {
    pane = mountTaskpane(el, { host, settingsStore: store, serviceUrl: svc.baseUrl, theme: 'light' });
    await pane.ready;
  });
  await screen.findByText(/服务已连接|Service connected/);
  act(() => {
    sim.user.select(sim.text().length);
    sim.user.type('现将有关事项通知如下：');
  });
}

test.each([
  ['upstream_unavailable', 'zh-CN', '模型暂时不可用'],
  ['upstream_busy', 'zh-CN', '模型暂时不可用'],
  ['upstream_unavailable', 'en', 'The model is temporarily unavailable'],
] as const)('%s in %s: the pane says %s', async (code, language, title) => {
  answer = [503, { error: { code, message: 'x' } }];
  await ask(language);
  const bar = await screen.findByTestId('problem-upstream_unavailable', {}, { timeout: 10_000 });
  expect(bar.textContent).toContain(title);
});

test('an answer from the built-in engine in its stead is shown, with the reason', async () => {
  answer = [200, { text: '各单位要高度重视。', model: 'lan', finishReason: 'stop', latencyMs: 1, fallback: 'builtin' }];
  await ask('zh-CN');
  expect((await screen.findByTestId('suggestion-text', {}, { timeout: 10_000 })).textContent).toBe('各单位要高度重视。');
  const note = await screen.findByTestId('model-fallback');
  expect(note.textContent).toContain('模型暂时不可用');
  expect(note.textContent).toContain('内置引擎');
});
