/** @jest-environment jsdom */
// The mounted pane tells the clerk that accepted model text is labelled in the document's properties
// (GB 45438-2025), and after an accept that it was; no note when the service says this model is not
// labelled. On the Word simulator, over real HTTP to a local fake service.
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import type { ModelInfo } from '../../../src/core/protocol';
import { parseAigcLabel } from '../../../src/core/aigc';
import type { WordSimulation } from '../../../src/simulators/word/WordSimulator';
import { startFakeService, type FakeService } from './fakeService';
import { mountPaneOnSimulator, unmountPane } from './paneOnSimulator';

const MODELS: ModelInfo[] = [
  { id: 'builtin', label: '内置引擎', residency: 'builtin', provider: 'builtin', acceptsClassified: true, needsConsent: false },
  { id: 'intra', label: '内网模型', residency: 'intranet', provider: 'openai-compatible', acceptsClassified: false, needsConsent: false, aigcLabel: { producer: '东江省大数据管理局' } },
];
let svc: FakeService;
beforeAll(async () => {
  svc = await startFakeService(MODELS, { version: 'v1', text: { 'zh-CN': '说明', en: 'Notice' } }, (body) =>
    [200, { text: '各单位要高度重视。', model: body.model, finishReason: 'stop', latencyMs: 1 }]);
});
afterAll(() => svc.close());

let sim: WordSimulation;
afterEach(unmountPane);

async function mount(model: string, language: 'zh-CN' | 'en' = 'zh-CN'): Promise<void> {
  ({ sim } = await mountPaneOnSimulator(svc, { doc: '关于开展安全生产检查的通知\n各科室：\n', stored: { model, language } }));
}

test('a labelled model: the status line says accepted text will be labelled, then that it was', async () => {
  await mount('intra');
  const note = await screen.findByTestId('status-aigc');
  expect(note.textContent).toBe('接受的模型文字会按国家标准在文件属性里注明为人工智能生成，正文不变。');
  act(() => {
    sim.user.select(sim.text().length);
    sim.user.type('现将有关事项通知如下：');
  });
  await screen.findByTestId('suggestion-text', {}, { timeout: 10_000 });
  await act(async () => {
    fireEvent.click(screen.getByTestId('suggestion-accept'));
  });
  await waitFor(() => expect(screen.getByTestId('status-aigc').textContent).toBe('已按国家标准在文件属性里注明含人工智能生成内容，正文不变。'));
  expect(parseAigcLabel(sim.customProperties().AIGC)).toMatchObject({ models: ['intra'], chars: 9 });
});

test('in English too; and no note for a model the service does not label', async () => {
  await mount('intra', 'en');
  expect((await screen.findByTestId('status-aigc')).textContent).toBe("Model text you accept is noted in this file's properties as AI-generated, as a national standard requires; your text is unchanged.");
  unmountPane();
  await mount('builtin');
  await screen.findByText('服务已连接');
  expect(screen.queryByTestId('status-aigc')).toBeNull();
});
