import fc from 'fast-check';
import { GHOST_TAG } from '../../../../src/core/protocol';
import { WordHost } from '../../../../src/hosts/word/WordHost';
import { annotated, setup } from './helpers';

describe('WordHost ghost text', () => {
  it.each(['before', 'after'] as const)('shows a grey italic ghost control after the caret, caret stays before it (caretAfterInsert=%s)', async (where) => {
    const { sim, host } = setup('现将有关事项通知如下|', { caretAfterInsert: where });
    await host.init();
    await host.showGhost('：');
    expect(annotated(sim)).toBe('现将有关事项通知如下|[：]');
    const runs = sim.snapshot().paragraphs[0];
    expect(runs[runs.length - 1]).toEqual({ text: '：', ghost: true, color: '#808080', italic: true });
    expect(sim.ghostControls()).toBe(1);
    // the person's next keystroke lands before the ghost, in their own formatting
    sim.user.type('：');
    expect(annotated(sim)).toBe('现将有关事项通知如下：|[：]');
    expect(sim.snapshot().paragraphs[0][0]).toEqual({ text: '现将有关事项通知如下：', ghost: false, color: undefined, italic: undefined });
  });

  it('readContext never contains ghost text and needs at most 2 syncs', async () => {
    const { sim, host } = setup('关于做好安全生产工作的通知\n各单位：\n为切实|做好', {});
    const plain = await host.readContext();
    expect(plain).toMatchObject({ text: '关于做好安全生产工作的通知\n各单位：\n为切实做好', cursor: 22, selectionEmpty: true });
    await host.showGhost('加强');
    const s0 = sim.stats.syncs;
    const ctx = await host.readContext();
    expect(sim.stats.syncs - s0).toBeLessThanOrEqual(2);
    expect(ctx.text).toBe(plain.text);
    expect(ctx.cursor).toBe(plain.cursor);
    const s1 = sim.stats.syncs;
    await host.clearGhost();
    await host.readContext();
    expect(sim.stats.syncs - s1 - 1).toBe(1); // no ghost: one sync
  });

  it('masks a ghost that is not at the caret (caret moved away) and keeps the offset right', async () => {
    const { sim, host } = setup('一、总体要求|\n二、', {});
    await host.showGhost('和目标');
    sim.user.select(sim.text().length); // end of '二、', after the ghost paragraph
    const ctx = await host.readContext();
    expect(ctx.text).toBe('一、总体要求\n二、');
    expect(ctx.cursor).toBe(9);
  });

  it('removes a ghost the caret has left, and gives text typed after it its own formatting back', async () => {
    const { sim, host } = setup('经市人民政府同意，|', {});
    const changes: string[] = [];
    host.onChange((c) => changes.push(c.kind));
    await host.showGhost('各单位要高度重视');
    // the person clicks past the ghost and types before any poll notices: Word gives the typed
    // text the previous character's formatting, i.e. the ghost's grey italic (§2 #6448)
    sim.user.select(sim.text().length);
    sim.user.type('现将');
    expect(sim.snapshot().paragraphs[0][2]).toMatchObject({ text: '现将', color: '#808080', italic: true });
    const ctx = await host.readContext();
    expect(ctx).toMatchObject({ text: '经市人民政府同意，现将', cursor: 11 });
    expect(annotated(sim)).toBe('经市人民政府同意，现将|');
    expect(sim.ghostControls()).toBe(0);
    expect(changes).toContain('ghostLost');
    const typed = sim.snapshot().paragraphs[0].find((r) => r.text.includes('现将'));
    expect(typed?.color).not.toBe('#808080');
    expect(typed?.italic).toBeFalsy();
  });

  it('accept all keeps the text in the surrounding formatting and puts the caret after it', async () => {
    const { sim, host } = setup('特此|', {});
    await host.showGhost('通知。');
    const undo0 = sim.stats.undoEntries;
    await host.acceptGhost();
    expect(annotated(sim)).toBe('特此通知。|');
    expect(sim.snapshot().paragraphs[0]).toEqual([{ text: '特此通知。', ghost: false, color: undefined, italic: undefined }]);
    expect(sim.ghostControls()).toBe(0);
    expect(sim.stats.undoEntries - undo0).toBe(1);
  });

  it('partial accept twice keeps the rest as ghost', async () => {
    const { sim, host } = setup('请各单位|', {});
    await host.showGhost('认真贯彻落实。');
    await host.acceptGhost(2);
    expect(annotated(sim)).toBe('请各单位认真|[贯彻落实。]');
    await host.acceptGhost(4);
    expect(annotated(sim)).toBe('请各单位认真贯彻落实|[。]');
    const runs = sim.snapshot().paragraphs[0];
    expect(runs[0]).toEqual({ text: '请各单位认真贯彻落实', ghost: false, color: undefined, italic: undefined });
    expect(runs[1]).toMatchObject({ text: '。', ghost: true, color: '#808080', italic: true });
  });

  it('keeps coloured neighbouring text coloured on accept', async () => {
    const { sim, host } = setup('|', {});
    await sim.Word.run(async (ctx: Word.RequestContext) => {
      const r = ctx.document.getSelection().insertText('紧急', 'After');
      r.font.color = '#FF0000';
      r.getRange('End').select('Start');
      await ctx.sync();
    });
    await host.showGhost('通知');
    await host.acceptGhost();
    expect(sim.snapshot().paragraphs[0]).toEqual([{ text: '紧急通知', ghost: false, color: '#FF0000', italic: undefined }]);
  });

  it('dismiss leaves the document exactly as before', async () => {
    const { sim, host } = setup('一、总体要求\n（一）|\n二、', {});
    const before = annotated(sim);
    const snap = JSON.stringify(sim.snapshot());
    await host.showGhost('指导思想');
    expect(annotated(sim)).toBe('一、总体要求\n（一）|[指导思想]\n二、');
    await host.clearGhost();
    expect(annotated(sim)).toBe(before);
    expect(JSON.stringify(sim.snapshot())).toBe(snap);
  });

  it('typing the start of the ghost then trimGhost keeps the rest', async () => {
    const { sim, host } = setup('特此|', {});
    await host.showGhost('通知。');
    sim.user.type('通');
    expect(annotated(sim)).toBe('特此通|[通知。]');
    await host.trimGhost(1);
    expect(annotated(sim)).toBe('特此通|[知。]');
    sim.user.type('知。');
    await host.trimGhost(3);
    expect(annotated(sim)).toBe('特此通知。|');
    expect(sim.ghostControls()).toBe(0);
  });

  it('a crash leaves a ghost; a new WordHost sweeps it on init', async () => {
    const { sim, host } = setup('此复|', {});
    await host.showGhost('。');
    host.dispose(); // the pane died without clearing
    expect(sim.user.save()).toBe('此复。'); // no save event in Office.js: a ghost left behind is saved
    const next = new WordHost({ Word: sim.Word, Office: sim.Office, pollMs: 0 });
    await next.init();
    expect(sim.ghostControls()).toBe(0);
    expect(annotated(sim)).toBe('此复|');
  });

  it('user undo removes the ghost: no error, ghostLost reported, next operations are fine', async () => {
    const { sim, host } = setup('特此|', {});
    const changes: string[] = [];
    host.onChange((c) => changes.push(c.kind));
    await host.init();
    await host.showGhost('通知');
    sim.user.undo();
    expect(annotated(sim)).toBe('特此|');
    await host.checkNow();
    expect(changes).toContain('ghostLost');
    await expect(host.acceptGhost()).resolves.toBeUndefined();
    await expect(host.clearGhost()).resolves.toBeUndefined();
    expect(annotated(sim)).toBe('特此|');
  });

  it('accept after the ghost vanished reports ghostLost instead of throwing', async () => {
    const { sim, host } = setup('特此|', {});
    const changes: string[] = [];
    host.onChange((c) => changes.push(c.kind));
    await host.showGhost('通知');
    sim.user.undo();
    await host.acceptGhost();
    expect(changes).toEqual(['ghostLost']);
    expect(sim.text()).toBe('特此');
  });

  it('an emptied ghost control is removed and reported', async () => {
    const { sim, host } = setup('特此|', {});
    const changes: string[] = [];
    host.onChange((c) => changes.push(c.kind));
    await host.showGhost('通知');
    sim.user.select(2, 4); // the person selects the grey text and deletes it
    sim.user.backspace();
    await host.checkNow();
    expect(changes).toContain('ghostLost');
    expect(sim.ghostControls()).toBe(0);
  });

  it('ignores change events caused by its own writes, reports the user\'s', async () => {
    jest.useFakeTimers();
    try {
      const { sim, host } = setup('特此|', { selectionEventDelayMs: 30 });
      await host.init();
      const changes: string[] = [];
      host.onChange((c) => changes.push(c.kind));
      await host.checkNow();
      await host.showGhost('通知');
      await host.acceptGhost(1);
      await jest.advanceTimersByTimeAsync(100);
      expect(changes).toEqual([]);
      sim.user.type('知');
      await jest.advanceTimersByTimeAsync(100);
      expect(changes).toEqual(['content']);
      sim.user.select(0);
      await jest.advanceTimersByTimeAsync(100);
      expect(changes).toEqual(['content', 'selection']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('a ghost write\'s own echo costs no second look, and a keystroke in its wake is still reported', async () => {
    // the write read the change signature in its own sync; the selection and paragraph events that follow it are
    // its echo (§3) — looking again would only cost a sync (issue 24: a streaming ghost writes twice)
    jest.useFakeTimers();
    try {
      const { sim, host } = setup('特此|', { version: '365', selectionEventDelayMs: 30 }, { pollMs: 750 });
      await host.init();
      const changes: string[] = [];
      host.onChange((c) => changes.push(c.kind));
      await host.checkNow();
      const events = sim.stats.selectionEvents;
      await host.showGhost('通知');
      const afterWrite = sim.stats.syncs;
      await jest.advanceTimersByTimeAsync(120);
      expect(sim.stats.selectionEvents).toBeGreaterThan(events); // the echo came…
      expect(sim.stats.syncs).toBe(afterWrite); // …and cost no look
      expect(changes).toEqual([]);
      // the clerk types inside the echo window: its event is taken for the echo, the poll still reports it
      sim.user.type('各');
      await jest.advanceTimersByTimeAsync(900);
      expect(changes).toContain('content');
      expect(annotated(sim)).toMatch(/^特此各/);
    } finally {
      jest.useRealTimers();
    }
  });

  it('reports a keystroke made right after start, before any change check ran', async () => {
    // The pane starts, the clerk types at once: the first check must compare with the
    // document as init() found it, not adopt the typed text as the starting point.
    const { sim, host } = setup('特此|', {});
    await host.init();
    const changes: string[] = [];
    host.onChange((c) => changes.push(c.kind));
    sim.user.type('通');
    await host.checkNow();
    expect(changes).toEqual(['content']);
  });

  it('the poll catches changes when selection events are dropped', async () => {
    jest.useFakeTimers();
    try {
      const { sim, host } = setup('特此|', { selectionEventDrop: 1 }, { pollMs: 200 });
      await host.init();
      const changes: string[] = [];
      host.onChange((c) => changes.push(c.kind));
      await jest.advanceTimersByTimeAsync(250);
      sim.user.type('通');
      await jest.advanceTimersByTimeAsync(250);
      expect(changes).toEqual(['content']);
      host.dispose();
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('WordHost capabilities', () => {
  it('inline on Microsoft 365 with tracking off, keyboard shortcuts available', async () => {
    const { host } = setup('a|');
    expect(await host.capabilities()).toEqual({ inlineGhost: true, trackChanges: false, keyboardShortcuts: true });
  });

  it('track changes on → pane-only, and showGhost refuses to write', async () => {
    const { sim, host } = setup('a|', { trackChanges: 'TrackAll' });
    expect(await host.capabilities()).toMatchObject({ inlineGhost: false, inlineGhostOffReason: 'host.trackChanges', trackChanges: true });
    await expect(host.showGhost('b')).resolves.toMatchObject({ inline: false });
    expect(sim.stats.writes).toBe(0);
  });

  it('Word 2021 cannot tell whether tracking is on → pane-only by default (§5)', async () => {
    const { host } = setup('a|', { version: '2021' });
    expect(await host.capabilities()).toMatchObject({ inlineGhost: false, inlineGhostOffReason: 'host.trackChangesUnknown', keyboardShortcuts: false });
  });

  it('Word 2021: the user may state they do not track changes, then inline works', async () => {
    const { sim, host } = setup('特此|', { version: '2021' }, { trackingUnknown: 'inline' });
    expect(await host.capabilities()).toMatchObject({ inlineGhost: true, keyboardShortcuts: false });
    await host.showGhost('通知');
    expect(annotated(sim)).toBe('特此|[通知]');
  });

  it('Word 2021 by default refuses to write a ghost even when asked without capabilities()', async () => {
    const { sim, host } = setup('特此|', { version: '2021' });
    await expect(host.showGhost('通知')).resolves.toEqual({ inline: false, reason: 'host.trackChangesUnknown' });
    expect(sim.stats.writes).toBe(0);
  });

  it('tracking switched on after capabilities(): the next readContext notices and showGhost refuses', async () => {
    const { sim, host } = setup('特此|');
    expect(await host.capabilities()).toMatchObject({ inlineGhost: true });
    sim.setTrackChanges('TrackAll');
    await host.readContext();
    await expect(host.showGhost('通知')).resolves.toMatchObject({ inline: false });
    expect(sim.text()).toBe('特此');
  });

  it('Word 2016 MSI (WordApi 1.1) → api too old', async () => {
    const { host } = setup('a|', { version: '2016-msi' });
    expect(await host.capabilities()).toMatchObject({ inlineGhost: false, inlineGhostOffReason: 'host.apiTooOld' });
  });

  it('cloud document → a fact the host reports (the InlinePolicy weighs the clerk\'s opt-in), not a refusal', async () => {
    const url = 'https://contoso.sharepoint.com/sites/ban/Shared%20Documents/tz.docx';
    const cloud = setup('a|', { url }).host;
    await cloud.init();
    expect(cloud.diagnostics().facts.cloudDocument).toBe(true);
    expect(await cloud.capabilities()).toMatchObject({ inlineGhost: true });
    const local = setup('a|', { url: 'C:\\docs\\tz.docx' }).host;
    await local.init();
    expect(local.diagnostics().facts.cloudDocument).toBe(false);
  });

  it('caret inside a user\'s content control → pane-only', async () => {
    const { sim, host } = setup('甲乙丙|');
    sim.addUserControl(1, 3, 'contract-party');
    sim.user.select(2);
    expect(await host.capabilities()).toMatchObject({ inlineGhost: false, inlineGhostOffReason: 'host.insideContentControl' });
    await expect(host.showGhost('x')).resolves.toMatchObject({ inline: false });
  });

  // the user's pane-only choice is the session's (one InlinePolicy, issue 32 §4): the host does not hear of it
  it('read-only document', async () => {
    expect(await setup('a|', { readOnly: true }).host.capabilities()).toMatchObject({ inlineGhost: false, inlineGhostOffReason: 'host.readOnly' });
  });

  it('select() ignored (Word 2016 MSI #1323): the ghost is removed rather than left where the user types; twice → pane-only', async () => {
    const { sim, host } = setup('特此|', { caretAfterInsert: 'after', selectIgnored: true });
    await expect(host.showGhost('通知')).resolves.toMatchObject({ inline: false });
    expect(sim.ghostControls()).toBe(0);
    expect(sim.text()).toBe('特此');
    expect(await host.capabilities()).toMatchObject({ inlineGhost: true }); // one failed check is not yet a verdict
    sim.user.select(2);
    await expect(host.showGhost('通知')).resolves.toMatchObject({ inline: false });
    expect(sim.text()).toBe('特此');
    expect(await host.capabilities()).toMatchObject({ inlineGhost: false, inlineGhostOffReason: 'host.selfCheckFailed' });
    expect(host.diagnostics().checks.caretBeforeGhost).toEqual({ ok: 0, failed: 2 });
  });

  it('pane-only insertAtCursor inserts plain text and moves the caret after it', async () => {
    const { sim, host } = setup('特此|', { trackChanges: 'TrackAll' });
    await host.insertAtCursor('通知。');
    expect(annotated(sim)).toBe('特此通知。|');
  });
});

it('sweep finds only banxie-ghost controls', async () => {
  const { sim, host } = setup('甲乙|');
  sim.addUserControl(0, 1, 'mine');
  await host.showGhost('丙');
  await new WordHost({ Word: sim.Word, Office: sim.Office, pollMs: 0 }).init();
  expect(sim.text()).toBe('甲乙');
  await sim.Word.run(async (ctx: Word.RequestContext) => {
    const all = ctx.document.contentControls;
    all.load('items/tag');
    await ctx.sync();
    expect(all.items.map((c) => c.tag)).toEqual(['mine']);
    expect(GHOST_TAG).toBe('banxie-ghost');
  });
});

describe('WordHost paragraph events (WordApi 1.6)', () => {
  it('a paragraph event alone (selection events dropped, no poll) is enough to report a user edit', async () => {
    jest.useFakeTimers();
    try {
      const { sim, host } = setup('特此|', { selectionEventDrop: 1, selectionEventDelayMs: 20 });
      await host.init();
      const changes: string[] = [];
      host.onChange((c) => changes.push(c.kind));
      await host.checkNow();
      sim.user.type('通知');
      await jest.advanceTimersByTimeAsync(100);
      expect(sim.stats.paragraphEvents).toBe(1);
      expect(changes).toEqual(['content']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('Word 2021 has no paragraph events: registering fails with ApiNotFound, WordHost.init does not', async () => {
    const { sim, host } = setup('特此|', { version: '2021' });
    await expect(sim.Word.run(async (ctx: Word.RequestContext) => {
      ctx.document.onParagraphChanged.add(async () => undefined);
      await ctx.sync();
    })).rejects.toMatchObject({ code: 'ApiNotFound' });
    await expect(host.init()).resolves.toBeUndefined();
  });
});

describe('issue 28 §2: a read before any check keeps what the clerk typed into the ghost', () => {
  it.each(['365', 'web', '2021'] as const)('Word %s: typed inside the ghost, read at once: their characters stay and are in the context', async (version) => {
    const { sim, host } = setup('各单位：特此|', { version }, version === '2021' ? { trackingUnknown: 'inline' } : {});
    await host.init();
    await host.showGhost('通知。');
    sim.user.select(7); // a click between 通 and 知: inside the control (#6448)
    sim.user.type('关于');
    const ctx = await host.readContext(); // the session's check before it asks, ahead of any event
    expect(ctx.text).toBe('各单位：特此关于');
    expect(sim.text()).toBe('各单位：特此关于');
    expect(sim.ghostControls()).toBe(0);
  });

  it('Word on the web: no read adds an undo entry — at the paragraph\'s end (with the ghost) the caret is exact; inside a paragraph the text is read and no suggestion is asked for', async () => {
    const { sim, host } = setup('第一段\n各单位：特此|\n第三段', { version: 'web' });
    await host.init();
    await host.showGhost('通知。');
    let undo = sim.stats.undoEntries;
    expect(await host.readContext()).toEqual({ text: '第一段\n各单位：特此\n第三段', cursor: 10, selectionEmpty: true });
    expect(sim.stats.undoEntries - undo).toBe(0);
    await host.clearGhost();
    sim.user.select(7);
    undo = sim.stats.undoEntries;
    // the text (for the marking and the 规范 checks), the paragraph's start for the caret, and why no suggestion
    expect(await host.readContext()).toEqual({ text: '第一段\n各单位：特此\n第三段', cursor: 4, selectionEmpty: true, noSuggestion: 'suggestion.webMidParagraph' });
    sim.user.select(4, 6);
    expect(await host.readContext()).toMatchObject({ text: '第一段\n各单位：特此\n第三段', selectionEmpty: false });
    expect(sim.stats.undoEntries - undo).toBe(0);
    // asked here and now (重新建议): measured, once — one Undo step
    sim.user.select(7);
    expect(await host.readContext(undefined, { exact: true })).toEqual({ text: '第一段\n各单位：特此\n第三段', cursor: 7, selectionEmpty: true });
    expect(sim.stats.undoEntries - undo).toBe(1);
  });

  it.each([
    ['another paragraph', 2],
    ['the same paragraph, before the ghost', 6],
    ['just after the ghost', 12],
    ['the next paragraph', 15],
  ])('Word on the web: the caret clicked to %s drops the ghost; the reads add no undo entry, only the drop (a write) does', async (_where, at) => {
    const { sim, host } = setup('第一段\n各单位：特此|\n第三段', { version: 'web' });
    await host.init();
    await host.showGhost('通知');
    sim.user.select(at);
    const undo = sim.stats.undoEntries;
    const ctx = await host.readContext();
    expect(sim.ghostControls()).toBe(0);
    expect(ctx.text).toBe('第一段\n各单位：特此\n第三段');
    expect(sim.stats.undoEntries - undo).toBe(1);
  });

  it('Word on the web: typed just after the ghost, then read — the ghost goes, what was typed stays in the clerk\'s look', async () => {
    const { sim, host } = setup('第一段\n各单位：特此|\n第三段', { version: 'web' });
    await host.init();
    await host.showGhost('通知');
    sim.user.select(12);
    sim.user.type('函');
    const ctx = await host.readContext();
    expect(sim.ghostControls()).toBe(0);
    expect(ctx).toMatchObject({ text: '第一段\n各单位：特此函\n第三段', cursor: 11, selectionEmpty: true });
    expect(ctx.noSuggestion).toBeUndefined();
    expect(sim.snapshot().paragraphs.flat().some((r) => r.italic)).toBe(false);
  });

  it('Word on the web: at a paragraph\'s end the read finds the caret among repeated paragraphs, as the desktop read does, with no undo entry', async () => {
    const paragraph = fc.constantFrom('', '特此通知。', '各单位：', '一、');
    await fc.assert(
      fc.asyncProperty(fc.array(paragraph, { minLength: 1, maxLength: 6 }), fc.nat(), async (paras, pick) => {
        const at = pick % paras.length;
        const doc = paras.map((p, i) => (i === at ? `${p}|` : p)).join('\n');
        const web = setup(doc, { version: 'web' });
        const desk = setup(doc, { version: '365' });
        await web.host.init();
        await desk.host.init();
        const undo = web.sim.stats.undoEntries;
        const got = await web.host.readContext();
        expect(got).toEqual(await desk.host.readContext());
        expect(web.sim.stats.undoEntries - undo).toBe(0);
        web.host.dispose();
        desk.host.dispose();
      }),
      { numRuns: 40 },
    );
  });
});
