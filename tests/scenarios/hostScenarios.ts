// One scenario suite for every host (Word, WPS, ...): a real SuggestionSession over the host,
// the person typing into the host's simulator, a fake completion service. Documents are
// annotated strings: `|` caret, `[...]` ghost. Jest fake timers drive debounce, events, polls.
import { SuggestionSession, type SuggestionSessionInit } from '../../src/core/session';
import type { DocumentHost } from '../../src/core/DocumentHost';
import type { SimulatedDocument } from '../../src/simulators/SimulatedDocument';
import { FakeService } from './FakeService';

export interface ScenarioHost {
  host: DocumentHost;
  doc: SimulatedDocument;
  /** a fresh host over the same document, as when the pane loads again after a crash */
  reopen?(): DocumentHost;
  /** the person switches change tracking on or off; omit for hosts without it */
  setTrackChanges?(on: boolean): void;
  dispose?(): void;
  /** session options this host needs to show ghosts at all (Word on the web: the clerk's cloud opt-in) */
  sessionInit?: Partial<SuggestionSessionInit>;
}

/** What the host under test has; scenarios needing something it lacks are skipped, by name. */
export interface HostFeatures {
  /** the host hears of a save before it happens (WPS DocumentBeforeSave); Office.js has no such event */
  saveEvent?: boolean;
  /** the factory's setTrackChanges works */
  trackChanges?: boolean;
  /** the factory's reopen works */
  reopen?: boolean;
}

export const SCENARIO_DEBOUNCE_MS = 400;
/** how long the fake clock may run while waiting for something to show up (events, polls, debounce) */
const PATIENCE_MS = 5000;

/** The document as an annotated string, read from the person's side (ghost marked by the simulator). */
export function renderAnnotated(doc: SimulatedDocument): string {
  const snap = doc.snapshot();
  const esc = (s: string) => s.replace(/[|[\]\\]/g, (c) => '\\' + c);
  let out = '';
  let pos = 0;
  let inGhost = false;
  const caret = snap.selection.start;
  snap.paragraphs.forEach((runs, i) => {
    const chunks = i === 0 ? runs : [{ text: '\n', ghost: false }, ...runs];
    for (const run of chunks) {
      for (const ch of run.text) {
        if (pos === caret && !(inGhost && run.ghost)) out += '|';
        if (run.ghost && !inGhost) out += '[';
        if (!run.ghost && inGhost) out += ']';
        inGhost = run.ghost;
        out += esc(ch);
        pos += ch.length;
      }
    }
  });
  if (inGhost) out += ']';
  if (pos === caret) out += '|';
  return out;
}

/** Load `annotated` (caret only, no ghost) as the person's document. */
/** Runs the fake clock until `pred` holds (or gives up after `maxMs`); true when it held. */
export async function until(pred: () => boolean, maxMs = PATIENCE_MS): Promise<boolean> {
  for (let waited = 0; waited <= maxMs; waited += 10) {
    if (pred()) return true;
    await jest.advanceTimersByTimeAsync(10);
  }
  return pred();
}

export function loadAnnotated(doc: SimulatedDocument, annotated: string): void {
  const caret = annotated.indexOf('|');
  const text = annotated.replace('|', '');
  doc.user.load(text);
  doc.user.select(caret < 0 ? text.length : caret);
}

export function runHostScenarios(hostName: string, make: () => ScenarioHost, has: HostFeatures = {}): void {
  const itIf = (cond: boolean | undefined) => (cond ? it : it.skip);
  describe(`${hostName}: suggestion scenarios`, () => {
    let t: ScenarioHost;
    let svc: FakeService;
    let session: SuggestionSession;
    let extraHosts: DocumentHost[];

    const elapse = (ms: number) => jest.advanceTimersByTimeAsync(ms);
    const doc = () => renderAnnotated(t.doc);

    async function open(annotated: string, init: Partial<SuggestionSessionInit> = {}, host: DocumentHost = t.host): Promise<SuggestionSession> {
      const s = new SuggestionSession({ host, fetchSuggestion: svc.fetch, debounceMs: SCENARIO_DEBOUNCE_MS, minContextChars: 2, ...t.sessionInit, ...init });
      if (annotated) loadAnnotated(t.doc, annotated);
      await s.start();
      await elapse(100); // let the events of loading arrive before the person starts
      return s;
    }

    /** type, pause, and wait until the ghost is up */
    async function typeAndPause(text: string, expected: string): Promise<void> {
      t.doc.user.type(text);
      await until(() => doc() === expected);
      expect(doc()).toBe(expected);
    }

    beforeEach(() => {
      jest.useFakeTimers();
      t = make();
      svc = new FakeService();
      extraHosts = [];
    });

    afterEach(async () => {
      session?.dispose();
      for (const h of extraHosts) h.dispose();
      t.host.dispose();
      t.dispose?.();
      await jest.runOnlyPendingTimersAsync();
      jest.useRealTimers();
    });

    it('pause → ghost: a pause after typing shows the suggestion at the caret, caret before it', async () => {
      svc.reply = (c) => (c.text.slice(0, c.cursor).endsWith('特此') ? '通知。' : '');
      session = await open('各单位：\n|');
      t.doc.user.type('特此');
      await elapse(SCENARIO_DEBOUNCE_MS / 2);
      expect(svc.count).toBe(0); // not while typing
      await until(() => doc() === '各单位：\n特此|[通知。]');
      expect(doc()).toBe('各单位：\n特此|[通知。]');
      expect(svc.count).toBe(1);
      expect(svc.requests[0]!.ctx).toMatchObject({ text: '各单位：\n特此', cursor: 7, selectionEmpty: true });
      expect(session.state).toMatchObject({ kind: 'showing', text: '通知。', inline: true });
    });

    it('type-through: typing the start of the ghost shrinks it, asks nothing, never reads the ghost back', async () => {
      svc.reply = (c) => (c.text.endsWith('现将有关事项') ? '通知如下：' : '');
      session = await open('为做好安全生产工作，|');
      await typeAndPause('现将有关事项', '为做好安全生产工作，现将有关事项|[通知如下：]');
      t.doc.user.type('通');
      await until(() => doc() === '为做好安全生产工作，现将有关事项通|[知如下：]');
      t.doc.user.type('知');
      await until(() => doc() === '为做好安全生产工作，现将有关事项通知|[如下：]');
      await elapse(2000);
      expect(doc()).toBe('为做好安全生产工作，现将有关事项通知|[如下：]');
      expect(svc.count).toBe(1);
      expect(session.counters.typeThroughs).toBeGreaterThanOrEqual(1);
      expect(svc.requests.every((r) => !r.ctx.text.includes('如下'))).toBe(true);
    });

    it('type-other: typing something else clears the ghost', async () => {
      svc.reply = (c) => (c.text.endsWith('特此') ? '通知。' : '');
      session = await open('各单位：|');
      await typeAndPause('特此', '各单位：特此|[通知。]');
      t.doc.user.type('函');
      await until(() => doc() === '各单位：特此函|');
      expect(doc()).toBe('各单位：特此函|');
    });

    it('moving the caret away clears the ghost', async () => {
      svc.reply = (c) => (c.text.slice(0, c.cursor).endsWith('特此') ? '通知。' : '');
      session = await open('各单位：|');
      await typeAndPause('特此', '各单位：特此|[通知。]');
      t.doc.user.select(2);
      await until(() => doc() === '各单|位：特此');
      expect(doc()).toBe('各单|位：特此');
    });

    it('coming back to the same place shows the suggestion again at once, without asking', async () => {
      svc.reply = (c) => (c.text.slice(0, c.cursor).endsWith('特此') ? '通知。' : '');
      session = await open('各单位：|');
      await typeAndPause('特此', '各单位：特此|[通知。]');
      t.doc.user.select(2);
      await until(() => doc() === '各单|位：特此');
      t.doc.user.select(6);
      // as soon as the host notices the move (a poll-only host takes a poll period): the cache, not a request
      await until(() => doc() === '各单位：特此|[通知。]');
      expect(doc()).toBe('各单位：特此|[通知。]');
      expect(svc.count).toBe(1);
      expect(session.counters.cacheHits).toBe(1);
    });

    it('accept all: the ghost becomes ordinary text, caret after it', async () => {
      svc.reply = (c) => (c.text.endsWith('各区人民政府，') ? '市政府各委、办、局：' : '');
      session = await open('|');
      await typeAndPause('各区人民政府，', '各区人民政府，|[市政府各委、办、局：]');
      await session.acceptAll();
      await until(() => doc() === '各区人民政府，市政府各委、办、局：|');
      expect(doc()).toBe('各区人民政府，市政府各委、办、局：|');
      const runs = t.doc.snapshot().paragraphs.flat();
      expect(runs.some((r) => r.ghost)).toBe(false);
      expect(runs.some((r) => r.italic)).toBe(false); // no grey italic left behind
    });

    it('accept next unit twice: a word with its punctuation each time, the rest stays ghost', async () => {
      svc.reply = (c) => (c.text.endsWith('各区人民政府，') ? '市政府各委、办、局：' : '');
      session = await open('|');
      await typeAndPause('各区人民政府，', '各区人民政府，|[市政府各委、办、局：]');
      await session.acceptNext();
      await until(() => doc() === '各区人民政府，市政府|[各委、办、局：]');
      expect(doc()).toBe('各区人民政府，市政府|[各委、办、局：]');
      await session.acceptNext();
      await until(() => doc() === '各区人民政府，市政府各委、|[办、局：]');
      expect(doc()).toBe('各区人民政府，市政府各委、|[办、局：]');
      await elapse(2000);
      expect(svc.count).toBe(1);
    });

    it('dismiss removes the ghost and leaves the text as typed', async () => {
      svc.reply = (c) => (c.text.endsWith('特此') ? '通知。' : '');
      session = await open('各单位：|');
      await typeAndPause('特此', '各单位：特此|[通知。]');
      await session.dismiss();
      await until(() => doc() === '各单位：特此|');
      expect(doc()).toBe('各单位：特此|');
      await elapse(2000);
      expect(doc()).toBe('各单位：特此|');
    });

    // Office.js tells an add-in nothing before a save: in Word what protects the file is the
    // tagged control swept on the next load (next scenario) and pane-only for cloud documents.
    itIf(has.saveEvent)('save with a ghost shown: the saved text has no ghost', async () => {
      svc.reply = (c) => (c.text.endsWith('特此') ? '通知。' : '');
      session = await open('各单位：|');
      await typeAndPause('特此', '各单位：特此|[通知。]');
      const saved = t.doc.user.save();
      expect(saved).toBe('各单位：特此');
    });

    itIf(has.reopen)('a crash leaves a ghost behind: the next load sweeps it', async () => {
      svc.reply = (c) => (c.text.endsWith('特此') ? '通知。' : '');
      session = await open('各单位：|');
      await typeAndPause('特此', '各单位：特此|[通知。]');
      // crash: the pane dies without cleaning up; only its event subscriptions go with it
      t.host.dispose();
      const second = t.reopen!();
      extraHosts.push(second);
      const after = await open('', {}, second);
      await until(() => !doc().includes('['));
      expect(doc()).toBe('各单位：特此|');
      expect(t.doc.text()).toBe('各单位：特此');
      after.dispose();
    });

    itIf(has.trackChanges)('track changes on: the suggestion stays in the pane and goes in on accept', async () => {
      svc.reply = (c) => (c.text.endsWith('特此') ? '通知。' : '');
      session = await open('各单位：|');
      t.setTrackChanges!(true);
      t.doc.user.type('特此');
      await until(() => session.state.kind === 'showing');
      expect(session.state).toMatchObject({ kind: 'showing', text: '通知。', inline: false });
      expect(doc()).toBe('各单位：特此|');
      await session.acceptAll();
      await until(() => doc() === '各单位：特此通知。|');
      expect(doc()).toBe('各单位：特此通知。|');
    });

    it('the person undoes the ghost: it is gone, no error, nothing asked again', async () => {
      svc.reply = (c) => (c.text.endsWith('特此') ? '通知。' : '');
      session = await open('各单位：|');
      await typeAndPause('特此', '各单位：特此|[通知。]');
      t.doc.user.undo();
      await until(() => !doc().includes('[') && session.state.kind !== 'showing');
      await elapse(2000);
      expect(doc()).toBe('各单位：特此|');
      expect(session.state.kind).toBe('idle');
      expect(session.counters.errors).toBe(0);
      expect(svc.count).toBe(1);
    });

    it('selecting text while a ghost shows clears it and asks nothing', async () => {
      svc.reply = (c) => (c.text.endsWith('特此') ? '通知。' : '');
      session = await open('各单位：|');
      await typeAndPause('特此', '各单位：特此|[通知。]');
      t.doc.user.select(0, 3);
      await until(() => !doc().includes('['));
      await elapse(2000);
      expect(doc()).toBe('|各单位：特此');
      expect(svc.count).toBe(1);
    });

    it('pane-only by choice: nothing is written until accept, then the text goes in at the caret', async () => {
      svc.reply = (c) => (c.text.endsWith('特此') ? '通知。' : '');
      session = await open('各单位：|', { inline: false });
      t.doc.user.type('特此');
      await until(() => session.state.kind === 'showing');
      expect(session.state).toMatchObject({ kind: 'showing', text: '通知。', inline: false });
      expect(doc()).toBe('各单位：特此|');
      await session.acceptNext();
      await until(() => doc() === '各单位：特此通知。|');
      expect(doc()).toBe('各单位：特此通知。|');
    });

    it('two quick pauses, then a real one: one request', async () => {
      svc.reply = () => '';
      session = await open('为深入贯彻|');
      for (const ch of '落实党中央') {
        t.doc.user.type(ch);
        await elapse(SCENARIO_DEBOUNCE_MS / 4);
      }
      t.doc.user.type('决策');
      await elapse(SCENARIO_DEBOUNCE_MS / 4);
      t.doc.user.type('部署');
      await until(() => svc.count > 0);
      await elapse(2000);
      expect(svc.count).toBe(1);
      expect(svc.requests[0]!.ctx.text).toBe('为深入贯彻落实党中央决策部署');
    });

    it('a late answer for text the user already changed is dropped, never shown', async () => {
      session = await open('各单位：|');
      t.doc.user.type('特此');
      await until(() => svc.count === 1);
      t.doc.user.type('函告');
      await until(() => session.state.kind === 'debouncing');
      svc.release('通知。', 0); // the service answers the old context anyway
      await until(() => svc.count === 2);
      svc.release('。', 1);
      await until(() => doc() === '各单位：特此函告|[。]');
      expect(doc()).toBe('各单位：特此函告|[。]');
      expect(svc.requests[0]!.signal.aborted).toBe(true);
      expect(session.counters.lastDropReason).toBe('context-changed');
    });
  });
}
