/** @jest-environment jsdom */
// The mounted pane on both simulators (issue 32 §6): the same clerk's path in Word and in WPS — a
// suggestion shown as grey text, accepted from the pane's button or with Tab on the card, the model's
// text labelled in the document's AIGC property once; dismissed with Esc, nothing left behind.
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { parseAigcLabel } from '../../../src/core/aigc';
import type { ModelInfo } from '../../../src/core/protocol';
import { startFakeService, type FakeService } from './fakeService';
import { mountPaneOn, unmountPane, type SimDoc } from './paneOnSimulator';

const ANSWER = '各单位要高度重视。';
const MODELS: ModelInfo[] = [
  { id: 'builtin', label: '内置引擎', residency: 'builtin', provider: 'builtin', acceptsClassified: true, needsConsent: false, aigcLabel: { producer: '东江省大数据管理局' } },
];
let svc: FakeService;
beforeAll(async () => {
  svc = await startFakeService(MODELS, { version: 'v1', text: { 'zh-CN': '说明', en: 'Notice' } }, (body) => [
    200, { text: ANSWER, model: body.model, finishReason: 'stop', latencyMs: 1 },
  ]);
});
afterAll(() => svc.close());
afterEach(() => unmountPane());

async function suggestionFor(doc: SimDoc): Promise<void> {
  await screen.findByText('服务已连接');
  act(() => doc.typeAtEnd('现将有关事项通知如下：'));
  await screen.findByTestId('suggestion-text', {}, { timeout: 10_000 });
}

describe.each(['word', 'wps'] as const)('%s', (kind) => {
  test('accept from the pane\'s button: the text goes in and the AIGC label names the model once', async () => {
    const { doc } = await mountPaneOn(kind, svc, { doc: '关于开展安全生产检查的通知\n各科室：\n' });
    await suggestionFor(doc);
    await act(async () => {
      fireEvent.click(screen.getByTestId('suggestion-accept'));
    });
    await waitFor(() => expect(doc.text()).toContain(`现将有关事项通知如下：${ANSWER}`));
    await waitFor(() => expect(parseAigcLabel(doc.customProperties().AIGC)).toMatchObject({ models: ['builtin'], chars: ANSWER.length }));
  });

  test('Tab on the card accepts; Esc dismisses and leaves nothing in the document', async () => {
    const { doc } = await mountPaneOn(kind, svc, { doc: '关于开展安全生产检查的通知\n各科室：\n' });
    await suggestionFor(doc);
    await act(async () => {
      fireEvent.keyDown(screen.getByTestId('suggestion-card'), { key: 'Escape' });
    });
    await waitFor(() => expect(screen.queryByTestId('suggestion-text')).toBeNull());
    expect(doc.text()).not.toContain(ANSWER);
    await act(async () => {
      fireEvent.click(screen.getByTestId('suggestion-ask-again'));
    });
    await screen.findByTestId('suggestion-text', {}, { timeout: 4000 });
    await act(async () => {
      fireEvent.keyDown(screen.getByTestId('suggestion-card'), { key: 'Tab' });
    });
    await waitFor(() => expect(doc.text()).toContain(`现将有关事项通知如下：${ANSWER}`));
  });
});
