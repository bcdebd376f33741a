// The setup the mounted-pane tests share: a fresh Word simulator holding `doc`, the full or lite pane
// mounted on it in jsdom with settings in memory, talking over real HTTP to a FakeService.
// Call unmountPane() in afterEach (and before mounting a second pane in one test).
import { act } from '@testing-library/react';
import { DEFAULT_SETTINGS, MemorySettingsStore, type Settings } from '../../../src/core/settings';
import { WordHost } from '../../../src/hosts/word/WordHost';
import { createWordSimulator, type WordSimulation } from '../../../src/simulators/word/WordSimulator';
import { mountTaskpane, type MountedPane } from '../../../src/taskpane/mount';
import { mountLitePane } from '../../../src/taskpane-lite/mount';
import type { FakeService } from './fakeService';

export interface PaneOnSimulator {
  sim: WordSimulation;
  store: MemorySettingsStore;
  pane: MountedPane;
}

let mounted: MountedPane | null = null;

export async function mountPaneOnSimulator(
  svc: FakeService,
  opts: { doc: string; stored?: Partial<Settings>; header?: string; lite?: boolean },
): Promise<PaneOnSimulator> {
  const sim = createWordSimulator(opts.header !== undefined ? { header: opts.header } : {});
  sim.user.load(opts.doc);
  const host = new WordHost({ Word: sim.Word, Office: sim.Office, pollMs: 20 });
  const store = new MemorySettingsStore({ ...DEFAULT_SETTINGS, debounceMs: 150, ...opts.stored });
  const el = document.createElement('div');
  document.body.appendChild(el);
  let pane!: MountedPane;
  await act(async () => {
    const deps = { host, settingsStore: store, serviceUrl: svc.baseUrl, theme: 'light' as const };
    pane = opts.lite ? mountLitePane(el, deps) : mountTaskpane(el, deps);
    mounted = pane;
    await pane.ready;
  });
  return { sim, store, pane };
}

export function unmountPane(): void {
  act(() => mounted?.unmount());
  mounted = null;
  document.body.innerHTML = '';
}
