// Every way to accept goes through one adapter (src/commands/accept.ts) into the session — the pane's
// buttons and keys, Word's ribbon and keyboard commands in a shared runtime — or, where no session runs
// (Word's FunctionFile runtime, the WPS add-in page), keeps the ghost's text and writes the GB 45438
// label itself from what the pane published. Each path: the text goes in, and the AIGC property names the
// model, once. The real pane wiring (wirePane), the simulators and a local HTTP service.
import { readShownGhost, SHOWN_GHOST_KEY, type SharedStorage } from '../../../src/commands/shownRecord';
import { registerCommands } from '../../../src/commands/commandHandlers';
import { getCommandTarget, setCommandTarget } from '../../../src/commands/commandTarget';
import { SHORTCUTS } from '../../../src/commands/shortcuts';
import { axiosTransport } from '../../../src/core/client/axiosTransport';
import { parseAigcLabel } from '../../../src/core/aigc';
import { nextUnit } from '../../../src/core/text';
import type { DocumentHost } from '../../../src/core/DocumentHost';
import type { ModelInfo } from '../../../src/core/protocol';
import { DEFAULT_SETTINGS, MemorySettingsStore, type Settings } from '../../../src/core/settings';
import { CONTROLS, ghostCommand, pluginStorage } from '../../../src/hosts/wps/addin/main';
import { WordHost } from '../../../src/hosts/word/WordHost';
import { WpsHost } from '../../../src/hosts/wps/WpsHost';
import { createWordSimulator } from '../../../src/simulators/word/WordSimulator';
import type { WordVersion } from '../../../src/simulators/word/versions';
import { createWpsSimulator } from '../../../src/simulators/wps/WpsSimulator';
import { loadPaneSettings, wirePane, type WiredPane } from '../../../src/taskpane/wirePane';
import { startFakeService, type FakeService } from '../taskpane/fakeService';

const PRODUCER = '东江省大数据管理局';
const ANSWER = '各单位要高度重视。';
const DEEPSEEK: ModelInfo = {
  id: 'deepseek', label: 'DeepSeek', residency: 'intranet', provider: 'openai-compatible', acceptsClassified: true, needsConsent: false,
  aigcLabel: { producer: PRODUCER },
};
const BUILTIN: ModelInfo = { id: 'builtin', label: '内置引擎', residency: 'builtin', provider: 'builtin', acceptsClassified: true, needsConsent: false };
const START = '关于开展安全生产检查的通知\n各科室：\n';

/** localStorage as two runtimes of one origin share it */
class MapStorage implements SharedStorage {
  readonly items = new Map<string, string>();
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}

async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

let svc: FakeService;
const open: { pane: WiredPane; host: DocumentHost }[] = [];
beforeAll(async () => {
  svc = await startFakeService([BUILTIN, DEEPSEEK], { version: 'v1', text: { 'zh-CN': '说明', en: 'Notice' } }, (body) => [
    200, { text: ANSWER, model: body.model, finishReason: 'stop', latencyMs: 1 },
  ]);
});
afterAll(() => svc.close());
afterEach(() => {
  for (const o of open.splice(0)) {
    o.pane.dispose();
    o.host.dispose();
  }
  setCommandTarget(null);
});

/** the pane, wired as in production, on `host`, started (`settings` over the defaults: the deepseek model) */
async function startedPane(host: DocumentHost, sharedStorage: SharedStorage | null, settings: Partial<Settings> = {}, pane?: 'lite') {
  const store = new MemorySettingsStore({ ...DEFAULT_SETTINGS, model: 'deepseek', debounceMs: 150, ...settings });
  const deps = { host, settingsStore: store, serviceUrl: svc.baseUrl, sharedStorage };
  const wired = wirePane(deps, await loadPaneSettings(deps), { transport: axiosTransport, onLanguage: () => undefined, ...(pane ? { pane } : {}) });
  open.push({ pane: wired, host });
  await wired.start();
  return wired;
}

/** the pane on `host`; resolves once a suggestion for what `type` typed shows — as ghost, or (`inline` false) in
 *  the pane only */
async function paneShowing(host: DocumentHost, type: (t: string) => void, sharedStorage: SharedStorage | null, inline = true) {
  const pane = await startedPane(host, sharedStorage, {}, inline ? undefined : 'lite');
  type('现将有关事项通知如下：');
  await waitFor(() => pane.session.state.kind === 'showing');
  expect(pane.session.state).toMatchObject({ inline });
  return pane;
}

/** the AIGC custom properties a document holds (any case of the name), and the first one read */
function aigcOf(props: Record<string, unknown>) {
  const keys = Object.keys(props).filter((k) => k.toLowerCase() === 'aigc');
  return { count: keys.length, label: keys.length ? parseAigcLabel(props[keys[0]!]) : null };
}

/** a Word simulator (Microsoft 365 unless said) holding `text` (START), its host, and what the tests do with it */
function wordDoc(version: WordVersion = '365', opts: { url?: string; text?: string } = {}) {
  const sim = createWordSimulator({ version, ...(opts.url ? { url: opts.url } : {}) });
  sim.user.load(opts.text ?? START);
  const host = new WordHost({ Word: sim.Word, Office: sim.Office, pollMs: 10 });
  const type = (t: string) => {
    sim.user.select(sim.text().length);
    sim.user.type(t);
  };
  const label = () => aigcOf(sim.customProperties());
  /** Office calls a registered command the way a ribbon button or a keyboard shortcut does */
  const invoke = async (name: string) => {
    let completed = 0;
    await (sim.actions.get(name) as (e: { completed(): void }) => Promise<void>)({ completed: () => completed++ });
    expect(completed).toBe(1);
  };
  return { sim, host, type, label, invoke };
}

test('pane buttons and keys: the pane\'s accept goes into the session, which labels with the shown model', async () => {
  const d = wordDoc();
  const pane = await paneShowing(d.host, d.type, null);
  await pane.controller.accept('next');
  await pane.controller.accept('all');
  await pane.session.settled();
  expect(d.sim.text()).toContain(`现将有关事项通知如下：${ANSWER}`);
  expect(d.label()).toMatchObject({ count: 1, label: { models: ['deepseek'], chars: ANSWER.length } });
  expect(pane.controller.snapshot.aigcLabelled).toBe(true);
});

test('Word, shared runtime: the ribbon button and the keyboard shortcut run the session\'s accept (one label, the shown model)', async () => {
  const d = wordDoc();
  registerCommands({ Word: d.sim.Word, Office: d.sim.Office, getTarget: getCommandTarget, storage: null }, {});
  const pane = await paneShowing(d.host, d.type, null);
  const byKey = SHORTCUTS.shortcuts.find((s) => s.key.default === 'Ctrl+Alt+Shift+N')!.action;
  await d.invoke(byKey); // accept next, from the keyboard
  await d.invoke('banxieAccept'); // the rest, from the ribbon
  await pane.session.settled();
  expect(d.sim.text()).toContain(`现将有关事项通知如下：${ANSWER}`);
  expect(pane.session.counters.accepts).toBe(2);
  expect(d.label()).toMatchObject({ count: 1, label: { models: ['deepseek'], chars: ANSWER.length } });
});

test('Word without a shared runtime: the command keeps the ghost\'s text and writes the label itself, from what the pane published', async () => {
  const d = wordDoc();
  const shared = new MapStorage();
  await paneShowing(d.host, d.type, shared);
  expect(readShownGhost(shared)).toEqual({ ghost: ANSWER, model: 'deepseek', requestId: expect.any(String), producer: PRODUCER });
  // the FunctionFile's own runtime: no session registered there, the same origin's storage
  registerCommands({ Word: d.sim.Word, Office: d.sim.Office, getTarget: () => null, storage: shared }, {});
  await d.invoke('banxieAcceptNext');
  expect(readShownGhost(shared)?.ghost).toBe(ANSWER.slice(nextUnit(ANSWER).length));
  await d.invoke('banxieAccept');
  expect(d.sim.text()).toContain(`现将有关事项通知如下：${ANSWER}`);
  expect(d.label()).toMatchObject({ count: 1, label: { models: ['deepseek'], chars: ANSWER.length } });
  expect(readShownGhost(shared)).toBeNull(); // all taken: nothing left to label
});

test('Word without a shared runtime: a ghost the pane did not publish (a stale record) is accepted but not labelled with a guess', async () => {
  const d = wordDoc();
  const shared = new MapStorage();
  await paneShowing(d.host, d.type, null);
  shared.setItem(SHOWN_GHOST_KEY, JSON.stringify({ ghost: '别的建议', model: 'deepseek', requestId: 'old', producer: PRODUCER }));
  registerCommands({ Word: d.sim.Word, Office: d.sim.Office, getTarget: () => null, storage: shared }, {});
  await d.invoke('banxieAccept');
  expect(d.sim.text()).toContain(`现将有关事项通知如下：${ANSWER}`);
  expect(d.label().count).toBe(0);
});

test('WPS ribbon (its own page, no session): accept next, then accept, label the document from PluginStorage', async () => {
  const sim = createWpsSimulator({ text: START });
  const host = new WpsHost({ Application: sim.Application, pollMs: 10 });
  const type = (t: string) => {
    sim.user.select(sim.text().length);
    sim.user.type(t);
  };
  await paneShowing(host, type, pluginStorage(sim.Application as never));
  await ghostCommand(sim.Application as never, CONTROLS.acceptNext);
  await ghostCommand(sim.Application as never, CONTROLS.accept);
  expect(sim.text()).toContain(`现将有关事项通知如下：${ANSWER}`);
  expect(aigcOf(sim.customProperties())).toMatchObject({ count: 1, label: { models: ['deepseek'], chars: ANSWER.length } });
});

describe('Word below WordApi 1.4 (the suggestion in the pane only), without a shared runtime', () => {
  test('the ribbon puts the pane\'s suggestion in at the caret — next word, then the rest — labels once, and the pane lets it go', async () => {
    const d = wordDoc('2021');
    const shared = new MapStorage();
    const pane = await paneShowing(d.host, d.type, shared, false);
    expect(readShownGhost(shared)).toEqual({ ghost: ANSWER, model: 'deepseek', requestId: expect.any(String), producer: PRODUCER, paneOnly: { before: expect.stringMatching(/现将有关事项通知如下：$/) } });
    registerCommands({ Word: d.sim.Word, Office: d.sim.Office, getTarget: () => null, storage: shared }, {});
    await d.invoke('banxieAcceptNext');
    const next = nextUnit(ANSWER);
    expect(d.sim.text()).toBe(`${START}现将有关事项通知如下：${next}`);
    expect(readShownGhost(shared)?.ghost).toBe(ANSWER.slice(next.length));
    await d.invoke('banxieAccept');
    expect(d.sim.text()).toBe(`${START}现将有关事项通知如下：${ANSWER}`);
    expect(d.label()).toMatchObject({ count: 1, label: { models: ['deepseek'], chars: ANSWER.length } });
    // the pane sees its suggestion typed through: it shows nothing more of it, and the record is gone
    await waitFor(() => pane.session.state.kind !== 'showing');
    expect(readShownGhost(shared)).toBeNull();
  });

  test('a clerk who typed on before the pane noticed gets nothing put in: the record is for another caret', async () => {
    const d = wordDoc('2021');
    const shared = new MapStorage();
    await paneShowing(d.host, d.type, shared, false);
    registerCommands({ Word: d.sim.Word, Office: d.sim.Office, getTarget: () => null, storage: shared }, {});
    d.type('请');
    await d.invoke('banxieAccept');
    expect(d.sim.text()).toBe(`${START}现将有关事项通知如下：请`);
  });
});

test('WPS ribbon with the suggestion in the pane only (the clerk chose 仅在任务窗格中显示): accept puts it in at the caret and labels it', async () => {
  const sim = createWpsSimulator({ text: START });
  const host = new WpsHost({ Application: sim.Application, pollMs: 10 });
  const pane = await startedPane(host, pluginStorage(sim.Application as never), { display: 'paneOnly' });
  sim.user.select(sim.text().length);
  sim.user.type('现将有关事项通知如下：');
  await waitFor(() => pane.session.state.kind === 'showing');
  expect(pane.session.state).toMatchObject({ inline: false });
  expect(sim.text()).toBe(`${START}现将有关事项通知如下：`);
  await ghostCommand(sim.Application as never, CONTROLS.accept);
  expect(sim.text()).toBe(`${START}现将有关事项通知如下：${ANSWER}`);
  expect(aigcOf(sim.customProperties())).toMatchObject({ count: 1, label: { models: ['deepseek'], chars: ANSWER.length } });
  await waitFor(() => pane.session.state.kind !== 'showing');
});

test('Word on the web, a cloud document (pane-only), inside a paragraph after 重新建议: the ribbon measures the caret as 重新建议 did and puts the suggestion in there', async () => {
  const d = wordDoc('web', { url: 'https://contoso.sharepoint.com/sites/x/通知.docx', text: `${START}现将有关事项通知如下：特此通知。` });
  const shared = new MapStorage();
  const pane = await startedPane(d.host, shared);
  d.sim.user.select(`${START}现将有关事项通知如下：`.length); // inside the last paragraph, before 特此通知。
  await pane.session.askAgain();
  await waitFor(() => pane.session.state.kind === 'showing');
  expect(pane.session.state).toMatchObject({ inline: false });
  registerCommands({ Word: d.sim.Word, Office: d.sim.Office, getTarget: () => null, storage: shared }, {});
  await d.invoke('banxieAccept');
  expect(d.sim.text()).toBe(`${START}现将有关事项通知如下：${ANSWER}特此通知。`);
});
