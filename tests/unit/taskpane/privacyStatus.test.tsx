/** @jest-environment jsdom */
// The mounted pane tells the clerk what the privacy guard did: "已隐去 2 项个人信息后发送" when the
// service masked personal data (kinds in the tooltip), nothing when it did not; and a marking printed
// only in the page header refuses the external model like one in the body.
import { act, screen } from '@testing-library/react';
import type { ModelInfo } from '../../../src/core/protocol';
import type { Settings } from '../../../src/core/settings';
import type { WordSimulation } from '../../../src/simulators/word/WordSimulator';
import { startFakeService, type FakeService } from './fakeService';
import { mountPaneOnSimulator, unmountPane } from './paneOnSimulator';

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

let sim: WordSimulation;
afterEach(() => {
  unmountPane();
  svc.requests.length = 0;
});

async function mount(stored: Partial<Settings>, header = '', lite = false): Promise<void> {
  ({ sim } = await mountPaneOnSimulator(svc, {
    doc: '关于开展安全生产检查的通知\n各科室：\n联系人：李××，联系电话：010-6601××××。\n',
    stored: { model: 'deepseek', consent: { deepseek: 'v7' }, ...stored }, header, lite,
  }));
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
  await mount({ language: language as Settings['language'] }, '', lite);
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
