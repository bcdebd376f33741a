// The setup the mounted-pane tests share: a fresh Word simulator holding `doc`, the full or lite pane
// mounted on it in jsdom with settings in memory, talking over real HTTP to a FakeService.
// Call unmountPane() in afterEach (and before mounting a second pane in one test).
import { act } from '@testing-library/react';
import { DEFAULT_SETTINGS, MemorySettingsStore, type Settings } from '../../../src/core/settings';
import { WordHost } from '../../../src/hosts/word/WordHost';
import { createWordSimulator, type WordSimulation } from '../../../src/simulators/word/WordSimulator';
import { WpsHost } from '../../../src/hosts/wps/WpsHost';
import { createWpsSimulator } from '../../../src/simulators/wps/WpsSimulator';
import type { DocumentHost } from '../../../src/core/DocumentHost';
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

/** The person's side of either simulator, as the mounted-pane tests drive it. */
export interface SimDoc {
  /** type at the end of the document */
  typeAtEnd(text: string): void;
  text(): string;
  customProperties(): Record<string, unknown>;
}

/** The full pane mounted on the Word or the WPS simulator (issue 32 §6: mounted-pane tests on both). */
export async function mountPaneOn(
  kind: 'word' | 'wps',
  svc: FakeService,
  opts: { doc: string; stored?: Partial<Settings> },
): Promise<{ doc: SimDoc; store: MemorySettingsStore; pane: MountedPane }> {
  let host: DocumentHost;
  let doc: SimDoc;
  if (kind === 'word') {
    const sim = createWordSimulator({});
    sim.user.load(opts.doc);
    host = new WordHost({ Word: sim.Word, Office: sim.Office, pollMs: 20 });
    doc = { typeAtEnd: (t) => (sim.user.select(sim.text().length), sim.user.type(t)), text: () => sim.text(), customProperties: () => sim.customProperties() };
  } else {
    const sim = createWpsSimulator({ text: opts.doc });
    host = new WpsHost({ Application: sim.Application, pollMs: 20 });
    doc = { typeAtEnd: (t) => (sim.user.select(sim.text().length), sim.user.type(t)), text: () => sim.text(), customProperties: () => sim.customProperties() };
  }
  const store = new MemorySettingsStore({ ...DEFAULT_SETTINGS, debounceMs: 150, ...opts.stored });
  const el = document.createElement('div');
  document.body.appendChild(el);
  let pane!: MountedPane;
  await act(async () => {
    pane = mountTaskpane(el, { host, settingsStore: store, serviceUrl: svc.baseUrl, theme: 'light' as const });
    mounted = pane;
    await pane.ready;
  });
  return { doc, store, pane };
}
