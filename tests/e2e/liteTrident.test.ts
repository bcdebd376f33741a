// The lite pane bundle in a window shaped like Internet Explorer 11's (Trident): no Promise, no fetch, no
// AbortController, no URLSearchParams, a URL that cannot be constructed, no Intl.Segmenter, no Symbol, and a Map
// and Set of IE11's kind (webpack.config.js CORE_JS_LITE_NATIVE). The built ES5
// bundle (from globalSetup's build) must bring what it needs, talk to the real service over XMLHttpRequest,
// and accept the next word by the character-class rule.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { WordHost } from '../../src/hosts/word/WordHost';
import { createWordSimulator } from '../../src/simulators/word/WordSimulator';
import { MemorySettingsStore } from '../../src/core/settings';
import { nextUnit } from '../../src/core/text';
import { resetSegmenterForTests } from '../../src/core/text/units';
import { SAMPLES } from '../../src/playground/samples';
import { E2E_DIST } from './globalSetup';
import { baseUrl } from './helpers';
import { startInstance } from '../realServers';

type LiteWindow = Window & typeof globalThis & { banxieLite?: { mount(el: HTMLElement, deps: object): { ready: Promise<void>; unmount(): void } } };

/** A window with only what Trident offers the pane's code (what matters here, at least). */
function tridentWindow(origin = baseUrl()): LiteWindow {
  const dom = new JSDOM('<!doctype html><html><head></head><body><div id="pane"></div></body></html>', { url: `${origin}/taskpane.html`, runScripts: 'outside-only' });
  const w = dom.window as unknown as LiteWindow & Record<string, unknown>;
  for (const name of ['Promise', 'fetch', 'AbortController', 'AbortSignal', 'URLSearchParams', 'queueMicrotask']) delete w[name];
  // IE11's URL is an object with createObjectURL, not a constructor.
  w.URL = { createObjectURL: () => '' } as never;
  delete (w.Intl as unknown as Record<string, unknown>).Segmenter;
  // IE11's own Map and Set: constructors that ignore their argument, set() and add() that return undefined, no
  // iterators; and no Symbol
  w.eval(`(function () {
    function ie11(Native, methods) {
      function Collection() { this.all = new Native(); }
      methods.forEach(function (name) {
        Collection.prototype[name] = function (a, b) {
          var r = this.all[name](a, b);
          return name === 'set' || name === 'add' ? undefined : r;
        };
      });
      Collection.prototype.forEach = function (f, that) {
        var self = this;
        this.all.forEach(function (v, k) { f.call(that, v, k, self); });
      };
      Object.defineProperty(Collection.prototype, 'size', { get: function () { return this.all.size; } });
      return Collection;
    }
    window.Map = ie11(Map, ['get', 'set', 'has', 'delete', 'clear']);
    window.Set = ie11(Set, ['add', 'has', 'delete', 'clear']);
    delete window.Symbol;
  })()`);
  return w;
}

/** What this realm's code answers when Intl.Segmenter is missing, as in the Trident window. */
function withoutSegmenter<T>(f: () => T): T {
  const intl = Intl as unknown as { Segmenter?: unknown };
  const native = intl.Segmenter;
  delete intl.Segmenter;
  resetSegmenterForTests();
  try {
    return f();
  } finally {
    intl.Segmenter = native;
    resetSegmenterForTests();
  }
}

async function until(what: string | (() => string), check: () => boolean, ms = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

test('without Promise, fetch, AbortController, URL or Intl.Segmenter: connects, suggests, accepts the next character, then the rest', async () => {
  const w = tridentWindow();
  expect([typeof w.Promise, typeof w.fetch, typeof w.AbortController, typeof (w.Intl as unknown as Record<string, unknown>).Segmenter, typeof w.Symbol]).toEqual(['undefined', 'undefined', 'undefined', 'undefined', 'undefined']);
  // the name carries the content hash (taskpane-lite.<hash>.js)
  const bundle = fs.readdirSync(E2E_DIST).find((f) => /^taskpane-lite(\.[0-9a-f]{20})?\.js$/.test(f))!;
  w.eval(fs.readFileSync(path.join(E2E_DIST, bundle), 'utf8'));
  // core-js brought a Promise, the lite pane its own AbortController; nothing brought fetch, Symbol, or another Map.
  expect([typeof w.Promise, typeof w.AbortController, typeof w.fetch, typeof w.Symbol]).toEqual(['function', 'function', 'undefined', 'undefined']);
  expect(typeof (new w.Map() as unknown as Record<string, unknown>).keys).toBe('undefined');
  expect(typeof w.banxieLite?.mount).toBe('function');

  const sim = createWordSimulator();
  sim.user.load(SAMPLES.tongzhi!);
  const host = new WordHost({ Word: sim.Word, Office: sim.Office });
  const el = w.document.getElementById('pane')!;
  // The fake external model answers 各单位要高度重视，…: words a dictionary would keep whole. Consent is already given.
  const notice = (await (await fetch(`${baseUrl()}/v1/privacy`)).json()) as { version: string };
  const settingsStore = new MemorySettingsStore({ debounceMs: 150, model: 'deepseek-external', consent: { 'deepseek-external': notice.version } });
  const pane = w.banxieLite!.mount(el, { host, settingsStore, serviceUrl: baseUrl() });
  const q = (id: string): HTMLElement | null => el.querySelector(`[data-testid="${id}"]`);
  try {
    await pane.ready;
    await host.checkNow(); // the host has taken its first look: what is typed from now on is a change
    await until('the service', () => q('status-connection')?.getAttribute('data-connection') === 'online');
    const before = sim.text();
    sim.user.type('现将有关事项通知如下：');
    await until(`a suggestion (the card says ${q('suggestion-card')?.getAttribute('data-state')})`, () => !!q('suggestion-text'), 15_000);
    const suggestion = q('suggestion-text')!.textContent!.replace(/（另起一段）/g, ''); // the pane says （另起一段） where a new paragraph starts
    expect(suggestion.length).toBeGreaterThan(1);
    // Pane-only: nothing of the suggestion is in the document yet.
    expect(sim.text()).toBe(before + '现将有关事项通知如下：');

    (q('suggestion-accept-next') as HTMLButtonElement).click();
    // No Intl.Segmenter in that window: the character-class rule (tests/unit/text) decides what "next word" is.
    const unit = withoutSegmenter(() => nextUnit(suggestion));
    expect(suggestion.startsWith('各单位要高度重视')).toBe(true);
    expect(unit).toBe('各');
    await until('the next word in the document', () => sim.text() === before + '现将有关事项通知如下：' + unit);
    await until(() => `the rest still suggested (${JSON.stringify([suggestion, unit])} → ${q('suggestion-card')?.getAttribute('data-state')} ${JSON.stringify(q('suggestion-text')?.textContent)})`, () => q('suggestion-text')?.textContent?.replace(/（另起一段）/g, '') === suggestion.slice(unit.length));

    (q('suggestion-accept') as HTMLButtonElement).click();
    await until('the whole suggestion in the document', () => sim.text() === before + '现将有关事项通知如下：' + suggestion);
  } finally {
    pane.unmount();
    sim.dispose();
    w.close();
  }
});

test('without fetch keepalive: the last outcome events leave with the page — a synchronous request on pagehide', async () => {
  // a service in a process of its own: the synchronous request blocks this one (as it blocks IE11's page)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-lite-events-'));
  const svc = await startInstance({ logLevel: 'warn', rateLimit: { max: 100_000, windowMs: 60_000 } }, dir, 'lite-events');
  const w = tridentWindow(svc.url);
  const bundle = fs.readdirSync(E2E_DIST).find((f) => /^taskpane-lite(\.[0-9a-f]{20})?\.js$/.test(f))!;
  w.eval(fs.readFileSync(path.join(E2E_DIST, bundle), 'utf8'));
  const sim = createWordSimulator();
  sim.user.load(SAMPLES.tongzhi!);
  const host = new WordHost({ Word: sim.Word, Office: sim.Office });
  const el = w.document.getElementById('pane')!;
  const settingsStore = new MemorySettingsStore({ debounceMs: 150, model: 'builtin' });
  const expired = async (): Promise<number> => {
    const text = await (await fetch(`${svc.url}/metrics`)).text();
    const m = /^banxie_suggestion_outcomes_total\{model="builtin",outcome="expired"\} (\d+)$/m.exec(text);
    return m ? Number(m[1]) : 0;
  };
  const pane = w.banxieLite!.mount(el, { host, settingsStore, serviceUrl: svc.url });
  const q = (id: string): HTMLElement | null => el.querySelector(`[data-testid="${id}"]`);
  try {
    await pane.ready;
    await host.checkNow();
    await until('the service', () => q('status-connection')?.getAttribute('data-connection') === 'online');
    sim.user.type('现将有关事项通知如下：');
    await until('a suggestion', () => !!q('suggestion-text'), 15_000);
    // the pane goes away: what was on screen ends now, and its event leaves before the page does
    w.dispatchEvent(new w.Event('pagehide'));
    pane.unmount();
    w.close();
    let now = 0;
    for (let waited = 0; now === 0 && waited < 3000; waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
      now = await expired();
    }
    expect(now).toBe(1);
  } finally {
    sim.dispose();
    await svc.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
