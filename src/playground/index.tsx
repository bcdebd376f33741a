// The playground: a simulated Word or WPS document beside the real task pane (Script Lab style —
// the same pane bundle that runs in Office, mounted on a simulator host). Query parameters:
// ?host=word|wps  &doc=blank|tongzhi|classified  &version=365|2021|2016|web  &lang=zh-CN|en
// &lite=1: the lite pane (the ES5 bundle Word's Trident webview gets), which the page then loads first.
import { createWordSimulator } from '../simulators/word/WordSimulator';
import { WordHost } from '../hosts/word/WordHost';
import { createWpsSimulator } from '../simulators/wps/WpsSimulator';
import { WpsHost } from '../hosts/wps/WpsHost';
import type { DocumentHost } from '../core/DocumentHost';
import type { SimulatedDocument } from '../simulators/SimulatedDocument';
import { mountTaskpane } from '../taskpane/mount';
import { createCommandHandlers } from '../commands/commandHandlers';
import type { SharedStorage } from '../commands/shownRecord';
import { CONTROLS, ghostCommand } from '../hosts/wps/addin/commands';
import { pluginStorage } from '../hosts/wps/pluginStorage';
import { rt } from '../hosts/wps/addin/strings';
import type { WpsApplication } from '../hosts/wps/wpsApi';
import { adminPolicyFromUrl } from '../taskpane/detectHost';
import { LocalStorageSettingsStore } from '../taskpane/settingsStores';
import { mountDocumentView } from './DocumentView';
import { mountFocusModel, type FocusModel } from './focus';
import { SAMPLES } from './samples';
import { t, type Lang } from './strings';

type HostName = 'word' | 'wps';
type WordVersion = '365' | '2021' | '2016' | 'web';

interface PlaygroundOptions {
  host: HostName;
  doc: string;
  version: WordVersion;
  lang: Lang;
}

function readOptions(): PlaygroundOptions {
  const q = new URLSearchParams(location.search);
  const host: HostName = q.get('host') === 'wps' ? 'wps' : 'word';
  const doc = q.get('doc') ?? 'tongzhi';
  const v = q.get('version');
  const version: WordVersion = v === '2016' || v === '2021' || v === 'web' ? v : '365';
  const lang: Lang = q.get('lang') === 'en' ? 'en' : 'zh-CN';
  return { host, doc: doc in SAMPLES ? doc : 'blank', version, lang };
}

type RibbonCommand = 'accept' | 'acceptNext' | 'dismiss';

interface PlaygroundHost {
  doc: SimulatedDocument;
  host: DocumentHost;
  /** what the host's ribbon buttons run: Word's function commands (manifest.xml, no session in their runtime) or
   *  the WPS add-in page's ribbon callbacks — the very handlers the real hosts call */
  ribbon(command: RibbonCommand): Promise<void>;
  /** the storage the pane shares with that ribbon's runtime */
  sharedStorage: SharedStorage | null;
}

function createHost(opts: PlaygroundOptions, onAddinSelect: () => void): PlaygroundHost {
  if (opts.host === 'wps') {
    const sim = createWpsSimulator();
    const app = sim.Application as unknown as WpsApplication;
    return { doc: sim, host: new WpsHost({ Application: sim.Application }), ribbon: (c) => ghostCommand(app, CONTROLS[c]), sharedStorage: pluginStorage(app) };
  }
  const sim = createWordSimulator({ version: opts.version, onAddinSelect });
  const handlers = createCommandHandlers({ Word: sim.Word, Office: sim.Office, getTarget: () => null, log: (name, e) => console.error(`[banxie] command ${name} failed`, e) });
  const names = { accept: 'banxieAccept', acceptNext: 'banxieAcceptNext', dismiss: 'banxieDismiss' } as const;
  return { doc: sim, host: new WordHost({ Word: sim.Word, Office: sim.Office }), ribbon: (c) => handlers[names[c]](), sharedStorage: localStorage };
}

function select(label: string, name: string, value: string, options: Array<[string, string]>): HTMLLabelElement {
  const wrap = document.createElement('label');
  wrap.textContent = label;
  const sel = document.createElement('select');
  sel.name = name;
  sel.dataset.testid = `playground-${name}`;
  for (const [v, text] of options) {
    const o = document.createElement('option');
    o.value = v;
    o.textContent = text;
    o.selected = v === value;
    sel.appendChild(o);
  }
  sel.addEventListener('change', () => {
    const q = new URLSearchParams(location.search);
    q.set(name, sel.value);
    location.search = q.toString();
  });
  wrap.appendChild(sel);
  return wrap;
}

function renderToolbar(bar: HTMLElement, opts: PlaygroundOptions, doc: SimulatedDocument): void {
  const L = opts.lang;
  const title = document.createElement('span');
  title.className = 'title';
  title.textContent = t(L, 'title');
  const status = document.createElement('span');
  status.dataset.testid = 'playground-status';
  status.setAttribute('role', 'status');
  const save = document.createElement('button');
  save.type = 'button';
  save.textContent = t(L, 'save');
  save.dataset.testid = 'playground-save';
  save.addEventListener('click', () => {
    // what matters to the user: does the saved file hold exactly their text, without the suggestion?
    const userText = doc.snapshot().paragraphs.map((p) => p.filter((r) => !r.ghost).map((r) => r.text).join('')).join('\n');
    const saved = doc.user.save();
    status.textContent = t(L, saved === userText ? 'saved' : 'savedWithGhost', { n: saved.length });
  });
  bar.replaceChildren(
    title,
    select(t(L, 'host'), 'host', opts.host, [['word', t(L, 'word')], ['wps', t(L, 'wps')]]),
    ...(opts.host === 'word'
      ? [select(t(L, 'version'), 'version', opts.version, [['365', 'Microsoft 365'], ['2021', 'Word 2021'], ['2016', 'Word 2016'], ['web', 'Word 网页版 / on the web']])]
      : []),
    select(t(L, 'sample'), 'doc', opts.doc, [['tongzhi', t(L, 'tongzhi')], ['classified', t(L, 'classified')], ['blank', t(L, 'blank')]]),
    save,
    status,
  );
}

/**
 * The host's ribbon group — Word's 开始 as manifest.xml puts it (function commands in a runtime of their own, with no
 * session, as Word 2016/2021's FunctionFile), WPS's 伴写 tab — running the same handlers the host calls. A ribbon
 * click leaves the keyboard where it was (pointerdown does not take focus), as the hosts' own ribbons do.
 */
function renderRibbon(bar: HTMLElement, opts: PlaygroundOptions, run: PlaygroundHost['ribbon']): void {
  const lang = opts.lang;
  const label = document.createElement('span');
  label.textContent = t(lang, opts.host === 'wps' ? 'ribbonWps' : 'ribbon');
  const buttons = ([
    ['accept', 'banxieAccept', 'ribbonAccept', 'wps.ribbon.accept'],
    ['acceptNext', 'banxieAcceptNext', 'ribbonAcceptNext', 'wps.ribbon.acceptNext'],
    ['dismiss', 'banxieDismiss', 'ribbonDismiss', 'wps.ribbon.dismiss'],
  ] as const).map(([command, name, key, wpsKey]) => {
    const b = document.createElement('button');
    b.type = 'button';
    // each host's own words: Word's manifest labels, the WPS ribbon.xml's (its page's strings)
    b.textContent = opts.host === 'wps' ? rt(lang, wpsKey) : t(lang, key);
    b.dataset.testid = `ribbon-${name}`;
    b.addEventListener('pointerdown', (e) => e.preventDefault());
    b.addEventListener('mousedown', (e) => e.preventDefault());
    b.addEventListener('click', () => void run(command).catch((e: unknown) => console.error('[banxie] ribbon', e)));
    return b;
  });
  bar.replaceChildren(label, ...buttons);
  bar.hidden = false;
}

function main(): void {
  const opts = readOptions();
  document.documentElement.lang = opts.lang;
  let focus: FocusModel | null = null;
  const { doc, host, ribbon, sharedStorage } = createHost(opts, () => focus?.addinSelected());
  doc.user.load(SAMPLES[opts.doc] ?? '');
  renderToolbar(document.getElementById('toolbar')!, opts, doc);
  renderRibbon(document.getElementById('ribbon')!, opts, ribbon);
  const docEl = document.getElementById('sim-doc')!;
  const paneEl = document.getElementById('pane')!;
  const note = document.getElementById('keys-note')!;
  note.textContent = t(opts.lang, 'keysInPane');
  // WPS's pane is a webview of its own too: keys follow the click there as in desktop Word
  focus = mountFocusModel({
    docEl,
    paneEl,
    webReturnsFocus: opts.host === 'word' && opts.version === 'web',
    onOwner: (owner) => { note.hidden = owner !== 'pane'; },
  });
  mountDocumentView(docEl, doc);
  // the playground's settings live apart from a real install's, and a language in the URL wins
  const settingsStore = new LocalStorageSettingsStore('banxie.playground.settings');
  // The API lives next to the page (…/banxie/playground.html → …/banxie/v1/…), as for the task pane:
  // under a sub-path the origin alone would name the portal's own /v1, not this service.
  // The admin's access policy from the page address, as the task pane reads it (?token=, ?userToken=1)
  const { token, userTokenAllowed } = adminPolicyFromUrl(location.search);
  // the pane publishes what it shows where the ribbon's commands (a runtime without the session) read it
  const deps = { host, settingsStore, serviceUrl: new URL('.', location.href).href, language: opts.lang, token, userTokenAllowed, sharedStorage };
  const lite = (window as unknown as { banxieLite?: { mount: typeof mountTaskpane } }).banxieLite;
  if (new URLSearchParams(location.search).get('lite') === '1' && lite) lite.mount(paneEl, deps);
  else mountTaskpane(paneEl, deps);
  docEl.focus();
  // tests and developers can reach the simulated document
  (window as unknown as { banxiePlayground: unknown }).banxiePlayground = { doc, host, keys: () => focus?.owner };
}

main();
