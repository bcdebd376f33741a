/** @jest-environment jsdom */
// The mounted pane in jsdom, on the Word simulator, talking over real HTTP (jsdom's XHR) to a local
// fake service: first run → consent → suggestion → accept; keyboard; language switch; classified list.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ModelInfo } from '../../../src/core/protocol';
import { validateSettings, type MemorySettingsStore, type Settings } from '../../../src/core/settings';
import type { WordSimulation } from '../../../src/simulators/word/WordSimulator';
import { startFakeService, type FakeService } from './fakeService';
import { mountPaneOnSimulator, unmountPane } from './paneOnSimulator';

const MODELS: ModelInfo[] = [
  { id: 'builtin', label: '内置引擎', residency: 'builtin', provider: 'builtin', acceptsClassified: true, needsConsent: false },
  { id: 'deepseek', label: 'DeepSeek', description: '外部 API', residency: 'external', provider: 'openai-compatible', acceptsClassified: false, needsConsent: true },
];
let svc: FakeService;
beforeAll(async () => {
  svc = await startFakeService(MODELS, { version: 'v7', text: { 'zh-CN': '我们会发送光标前后的文字。', en: 'We send the text around the cursor.' } }, (body) =>
    [200, { text: '各单位要高度重视。', model: body.model, finishReason: 'stop', latencyMs: 1 }]);
});
afterAll(() => svc.close());
/** What the pane sent, in the fields these tests check. */
const sent = (): { model: string; consent: unknown }[] => svc.requests.map((b) => ({ model: b.model, consent: b.consent }));

let sim: WordSimulation;
afterEach(() => {
  unmountPane();
  svc.requests.length = 0;
});

async function mount(stored: Partial<Settings> = {}, doc = '关于开展安全生产检查的通知\n各科室：\n'): Promise<MemorySettingsStore> {
  const mounted = await mountPaneOnSimulator(svc, { doc, stored });
  sim = mounted.sim;
  return mounted.store;
}

async function typeAndWaitForSuggestion(): Promise<HTMLElement> {
  await screen.findByText(/服务已连接|Service connected/);
  act(() => {
    sim.user.select(sim.text().length);
    sim.user.type('现将有关事项通知如下：');
  });
  return screen.findByTestId('suggestion-text', {}, { timeout: 10_000 }); // generous: CI shares 2 cores
}

test('first run in zh-CN: built-in model, badge 内置, suggestion shown and accepted into the document', async () => {
  await mount();
  expect(await screen.findByText('服务已连接')).toBeTruthy();
  expect(screen.getByTestId('status-model').textContent).toContain('内置引擎');
  expect(screen.getByTestId('residency-builtin').textContent).toBe('内置');
  const text = await typeAndWaitForSuggestion();
  expect(text.textContent).toBe('各单位要高度重视。');
  await act(async () => {
    fireEvent.click(screen.getByTestId('suggestion-accept'));
  });
  await waitFor(() => expect(sim.text()).toContain('现将有关事项通知如下：各单位要高度重视。'));
  expect(sent()[0]).toEqual({ model: 'builtin', consent: null });
});

test('Tab on the suggestion card accepts; Esc in the pane dismisses', async () => {
  await mount();
  await typeAndWaitForSuggestion();
  const card = screen.getByTestId('suggestion-card');
  await act(async () => {
    fireEvent.keyDown(card, { key: 'Escape' });
  });
  await waitFor(() => expect(screen.queryByTestId('suggestion-text')).toBeNull());
  expect(sim.text()).not.toContain('各单位要高度重视');

  await act(async () => {
    fireEvent.click(screen.getByTestId('suggestion-ask-again'));
  });
  await screen.findByTestId('suggestion-text', {}, { timeout: 4000 });
  await act(async () => {
    fireEvent.keyDown(screen.getByTestId('suggestion-card'), { key: 'Tab' });
  });
  await waitFor(() => expect(sim.text()).toContain('通知如下：各单位要高度重视。'));
});

test('choosing the external model in Settings shows the notice first; accepting stores its version and uses it', async () => {
  const store = await mount();
  await screen.findByText('服务已连接');
  fireEvent.click(screen.getByTestId('tab-settings'));
  const list = await screen.findByTestId('model-list');
  expect(within(list).getByText('外部 API')).toBeTruthy();
  expect(within(list).getByTestId('residency-external').textContent).toBe('外部');
  await act(async () => {
    fireEvent.click(screen.getByTestId("model-deepseek"));
  });
  const notice = await screen.findByTestId('consent-notice');
  expect(notice.textContent).toBe('我们会发送光标前后的文字。');
  expect(document.activeElement?.id).toBe('banxie-consent-heading');
  await act(async () => {
    fireEvent.click(screen.getByTestId('consent-accept'));
  });
  expect(validateSettings(store.raw)).toMatchObject({ model: 'deepseek', consent: { deepseek: 'v7' } });
  fireEvent.click(screen.getByTestId('tab-main'));
  expect(screen.getByTestId('status-consent').textContent).toBe('已同意隐私说明'); // no version code for the clerk (issue 31 §5)
  await typeAndWaitForSuggestion();
  expect(sent().at(-1)).toEqual({ model: 'deepseek', consent: { version: 'v7' } });

  // withdraw in Settings → back to built-in
  fireEvent.click(screen.getByTestId('tab-settings'));
  await act(async () => {
    fireEvent.click(await screen.findByTestId('withdraw-deepseek'));
  });
  expect(validateSettings(store.raw)).toMatchObject({ model: 'builtin', consent: {} });
  expect(screen.getByTestId('flash').textContent).toBe('已撤回同意，已改回内置模型。');
});

test('switching the language to English re-renders the pane and is saved', async () => {
  const store = await mount();
  fireEvent.click(screen.getByTestId('tab-settings'));
  await act(async () => {
    fireEvent.change(screen.getByTestId('language'), { target: { value: 'en' } });
  });
  expect(await screen.findByText('Suggestion length')).toBeTruthy();
  expect(screen.getByTestId('tab-main').textContent).toContain('Suggestion');
  expect(validateSettings(store.raw).language).toBe('en');
});

test('a classified document disables the external model in the list and says why', async () => {
  await mount({}, '秘密★1年\n关于开展安全生产检查的通知\n各科室：\n');
  await typeAndWaitForSuggestion();
  fireEvent.click(screen.getByTestId('tab-settings'));
  expect(await screen.findByTestId('classified-note')).toBeTruthy();
  const radio = screen.getByTestId("model-deepseek") as HTMLInputElement;
  expect(radio.disabled).toBe(true);
  expect(screen.getByText('涉密文档不可用')).toBeTruthy();
});

test('a document marked only 内部, where the admin lets restricted documents go to every model, disables nothing and warns of nothing', async () => {
  MODELS[1].acceptsRestricted = true; // the service's list, as /v1/models serves it with policy.restrictedAsClassified: false
  try {
    await mount({}, '内部\n关于开展安全生产检查的通知\n各科室：\n');
    await typeAndWaitForSuggestion();
    fireEvent.click(screen.getByTestId('tab-settings'));
    const radio = (await screen.findByTestId('model-deepseek')) as HTMLInputElement;
    expect(radio.disabled).toBe(false);
    expect(screen.queryByTestId('classified-note')).toBeNull();
  } finally {
    delete MODELS[1].acceptsRestricted;
  }
});
