/** @jest-environment jsdom */
// The mounted pane tells the clerk what the privacy guard did: "已隐去 2 项个人信息后发送" when the
// service masked personal data (kinds in the tooltip), nothing when it did not; and a marking printed
// only in the page header refuses the external model like one in the body.
import { act, screen } from '@testing-library/react';
import type { ModelInfo } from '../../../src/core/protocol';
import { DEFAULT_SETTINGS, MemorySettingsStore } from '../../../src/core/settings';
import { WordHost } from '../../../src/hosts/word/WordHost';
import { createWordSimulator, type WordSimulation } from '../../../src/simulators/word/WordSimulator';
import { mountTaskpane, type MountedPane } from '../../../src/taskpane/mount';
import { mountLitePane } from '../../../src/taskpane-lite/mount';
import { startFakeService, type FakeService } from './fakeService';

const MODELS: ModelInfo[] = [
  { id: 'builtin', label: '内置引擎', residency: 'builtin', provider: 'builtin', acceptsClassified: true, needsConsent: false },
  { id: 'deepseek', label: 'DeepSeek', residency: 'external', provider: 'openai-compatible', acceptsClassified: false, needsConsent: true },
];
let svc: FakeService;
let masked: Record<string, number> | undefined;
beforeAll(async () => {
  svc = await startFakeService(MODELS, { version: 'v7', text: { 'zh-CN': '说明', en: 'Notice' } }, (body) =>
    [200, { text: '各单位要高度重视。', model: body.model, finishReason: 'stop', latencyMs: 1, ...(masked ? { masked } : {}) }]);
});
afterAll(() => svc.close());

let pane: MountedPane | null = null;
let sim: WordSimulation;
afterEach(() => {
  act(() => pane?.unmount());
  pane = null;
  document.body.innerHTML = '';
  svc.requests.length = 0;
});

async function mount(stored: object, header = '', lite = false): Promise<void> {
  sim = createWordSimulator({ header });
  sim.user.load('关于开展安全生产检查的通知\n各科室：\n联系人：李××，联系电话：010-6601××××。\n');
  const host = new WordHost({ Word: sim.Word, Office: sim.Office, pollMs: 20 });
  const store = new MemorySettingsStore({ ...DEFAULT_SETTINGS, debounceMs: 150, model: 'deepseek', consent: { deepseek: 'v7' }, ...stored });
  const el = document.createElement('div');
  document.body.appendChild(el);
  await act(async () => {
    const deps = { host, settingsStore: store, serviceUrl: svc.baseUrl, theme: 'light' as const };
    pane = lite ? mountLitePane(el, deps) : mountTaskpane(el, deps);
    await pane.ready;
  });
  await screen.findByTestId('status-connection');
  await act(async () => {
    await new Promise((r) => setTimeout(r, 50));
  });
  act(() => {
    sim.user.select(sim.text().length);
    sim.user.type('现将有关事项通知如下：');
  });
}

test.each([
  ['full', 'zh-CN', '已隐去 2 项个人信息后发送', '隐去的内容：电话号码 1、联系人姓名 1'],
  ['full', 'en', '2 personal items masked before sending', 'Masked: phone number 1, contact name 1'],
  ['lite', 'zh-CN', '已隐去 2 项个人信息后发送', '隐去的内容：电话号码 1、联系人姓名 1'],
])('%s pane, %s: the status line says how many personal items were masked, the kinds in its tooltip', async (which, language, line, kinds) => {
  const lite = which === 'lite';
  masked = { PHONE: 1, NAME: 1 };
  await mount({ language }, '', lite);
  const note = await screen.findByTestId('status-masked', {}, { timeout: 10_000 });
  expect(note.textContent).toBe(line);
  expect(note.getAttribute('title')).toBe(kinds);
});

test('nothing masked: no such line', async () => {
  masked = undefined;
  await mount({});
  await screen.findByTestId('suggestion-text', {}, { timeout: 10_000 });
  expect(screen.queryByTestId('status-masked')).toBeNull();
});

test('a marking only in the page header refuses the external model and sends nothing', async () => {
  masked = undefined;
  await mount({}, '秘密★1年');
  const problem = await screen.findByTestId('problem-classified_blocked', {}, { timeout: 10_000 });
  expect(problem.textContent).toContain('秘密');
  expect(svc.requests).toHaveLength(0);
});
