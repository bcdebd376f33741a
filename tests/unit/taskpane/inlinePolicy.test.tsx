/** @jest-environment jsdom */
// Both panes draw "pane-only, because …" from the session's one InlinePolicy (issue 32 §4), never from
// their own reading of the settings and the capabilities: a host that refused the ghost gives its reason,
// the admin's pane-only and the lite pane give theirs, and nothing is written into the document.
import { act, screen, waitFor } from '@testing-library/react';
import type { ModelInfo } from '../../../src/core/protocol';
import { DEFAULT_SETTINGS, MemorySettingsStore } from '../../../src/core/settings';
import { mountTaskpane, type MountedPane } from '../../../src/taskpane/mount';
import { mountLitePane } from '../../../src/taskpane-lite/mount';
import { MemoryHost } from '../session/MemoryHost';
import { startFakeService, type FakeService } from './fakeService';

const MODELS: ModelInfo[] = [{ id: 'builtin', label: '内置引擎', residency: 'builtin', provider: 'builtin', acceptsClassified: true, needsConsent: false }];
let svc: FakeService;
beforeAll(async () => {
  svc = await startFakeService(MODELS, { version: 'v1', text: { 'zh-CN': '说明', en: 'Notice' } }, (body) => [
    200, { text: '各单位要高度重视。', model: body.model, finishReason: 'stop', latencyMs: 1 },
  ]);
});
afterAll(() => svc.close());

let mounted: MountedPane | null = null;
afterEach(() => {
  act(() => mounted?.unmount());
  mounted = null;
  document.body.innerHTML = '';
});

async function mount(host: MemoryHost, o: { lite?: boolean; paneOnly?: boolean } = {}): Promise<void> {
  const el = document.createElement('div');
  document.body.appendChild(el);
  const deps = { host, settingsStore: new MemorySettingsStore({ ...DEFAULT_SETTINGS, debounceMs: 150 }), serviceUrl: svc.baseUrl, theme: 'light' as const, ...(o.paneOnly ? { paneOnly: true } : {}) };
  await act(async () => {
    mounted = o.lite ? mountLitePane(el, deps) : mountTaskpane(el, deps);
    await mounted.ready;
  });
}

async function typeAndWait(host: MemoryHost): Promise<void> {
  act(() => host.type('现将有关事项通知如下：'));
  await screen.findByTestId('suggestion-text', {}, { timeout: 10_000 });
}

const note = () => screen.getByTestId('pane-only-note').textContent;

test('full pane: a host that refused the ghost (capabilities said it could) — the note gives the host\'s reason', async () => {
  const host = new MemoryHost('关于开展安全生产检查的通知\n|');
  host.refuseInline = 'host.selectionNotEmpty';
  await mount(host);
  await typeAndWait(host);
  await waitFor(() => expect(note()).toBe('仅在任务窗格中显示（已选中文字，灰色提示不会覆盖选中内容）：接受后插入到光标处。'));
});

test('full pane, the admin made it pane-only: no ghost is written, and the note says whose setting it is', async () => {
  const host = new MemoryHost('关于开展安全生产检查的通知\n|');
  await mount(host, { paneOnly: true });
  await typeAndWait(host);
  expect(host.callsOf('showGhost')).toEqual([]);
  expect(note()).toBe('仅在任务窗格中显示（按单位管理员的设置）：接受后插入到光标处。');
});

test('lite pane: pane-only with its own reason; no ghost is written', async () => {
  const host = new MemoryHost('关于开展安全生产检查的通知\n|');
  await mount(host, { lite: true });
  await typeAndWait(host);
  expect(host.callsOf('showGhost')).toEqual([]);
  expect(note()).toBe('仅在任务窗格中显示（此版本 Word 的加载项窗口无法在文档内安全显示）：接受后插入到光标处。');
});
