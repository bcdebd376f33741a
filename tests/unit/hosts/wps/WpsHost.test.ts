// WpsHost on the WPS simulator: ghost text that never reaches the context, a save or the person's text.
import type { HostChange } from '../../../../src/core/DocumentHost';
import { GHOST_BOOKMARK, WpsHost } from '../../../../src/hosts/wps/WpsHost';
import { WD_COLOR_AUTOMATIC, WD_COLOR_GRAY50 } from '../../../../src/hosts/wps/wpsApi';
import type { WpsSimOptions, WpsSimulator } from '../../../../src/simulators/wps/WpsSimulator';
import { simFrom, view } from './helpers';

const hosts: WpsHost[] = [];
afterEach(() => hosts.splice(0).forEach((h) => h.dispose()));

function setup(annotated: string, options: WpsSimOptions = {}, hostOpts: { pollMs?: number; repaint?: boolean } = {}) {
  const sim = simFrom(annotated, options);
  const host = new WpsHost({ Application: sim.Application, pollMs: 0, ...hostOpts });
  hosts.push(host);
  const changes: HostChange['kind'][] = [];
  host.onChange((c) => changes.push(c.kind));
  return { sim, host, changes, doc: sim.Application.ActiveDocument! };
}

const SWITCHES: Array<[string, WpsSimOptions]> = [
  ['defaults', {}],
  ['caret stays, bookmark grows at start, deferred own events', { caretAfterRangeInsert: false, bookmarkGrowsAtStart: true, ownEditEvents: 'deferred' }],
  ['no UndoRecord, stale paint, no own events', { undoRecord: false, stalePaint: true, ownEditEvents: 'none' }],
];

describe.each(SWITCHES)('WpsHost (%s)', (_name, options) => {
  test('showGhost: grey italic text after the caret, bookmarked, caret before it, not selected', async () => {
    const { sim, host, doc } = setup('为切实做好安全生产工作，|', options);
    await host.showGhost('现将有关事项通知如下：');
    expect(view(sim)).toBe('为切实做好安全生产工作，|[现将有关事项通知如下：]');
    const sel = sim.Application.Selection;
    expect([sel.Start, sel.End]).toEqual([12, 12]);
    const g = doc.Bookmarks.Item(GHOST_BOOKMARK).Range;
    expect([g.Start, g.End, g.Font.Color, g.Font.Italic]).toEqual([12, 23, WD_COLOR_GRAY50, 1]);
    expect(sim.stale).toBe(false); // repainted with Selection.Range.Select()
  });

  test('readContext never includes the ghost, and showing one does not change the fingerprint', async () => {
    const { host } = setup('特此|\n二〇二五年三月一日', options);
    const before = await host.readContext();
    await host.showGhost('通知。');
    const ctx = await host.readContext();
    expect(ctx).toEqual(before);
    expect(ctx).toMatchObject({ text: '特此\n二〇二五年三月一日', cursor: 2, selectionEmpty: true });
  });

  test('type-through: the person types the ghost\'s first characters, trimGhost keeps the rest', async () => {
    const { sim, host } = setup('特此|', options);
    await host.showGhost('通知。');
    sim.user.type('通');
    expect(view(sim)).toBe('特此通|[通知。]');
    await host.trimGhost(1);
    expect(view(sim)).toBe('特此通|[知。]');
    sim.user.type('知');
    await host.trimGhost(1);
    expect(view(sim)).toBe('特此通知|[。]');
    expect((await host.readContext()).text).toBe('特此通知');
  });

  test('acceptGhost(n) makes the first n characters normal text, the rest stays ghost', async () => {
    const { sim, host, doc } = setup('特此|', options);
    doc.Range(0, 2).Font.Color = 128; // the clerk's own dark red (BGR wdColorDarkRed)
    await host.showGhost('通知。');
    await host.acceptGhost(2);
    expect(view(sim)).toBe('特此通知|[。]');
    expect([doc.Range(2, 4).Font.Color, doc.Range(2, 4).Font.Italic]).toEqual([128, 0]);
    await host.acceptGhost();
    expect(view(sim)).toBe('特此通知。|');
    expect(doc.Bookmarks.Exists(GHOST_BOOKMARK)).toBe(false);
    expect((await host.readContext()).text).toBe('特此通知。');
  });

  test('accept at the start of a paragraph restores automatic colour, not italic', async () => {
    const { sim, host, doc } = setup('一、总体要求\n|', options);
    await host.showGhost('（一）指导思想');
    await host.acceptGhost();
    expect(view(sim)).toBe('一、总体要求\n（一）指导思想|');
    expect([doc.Range(7, 14).Font.Color, doc.Range(7, 14).Font.Italic]).toEqual([WD_COLOR_AUTOMATIC, 0]);
  });

  test('clearGhost removes only the ghost; a clean document is clean again', async () => {
    const { sim, host, doc } = setup('特此|', options);
    expect(doc.Saved).toBe(true);
    await host.showGhost('通知。');
    expect(doc.Saved).toBe(false);
    await host.clearGhost();
    expect(view(sim)).toBe('特此|');
    expect(doc.Saved).toBe(true);
  });

  test('save with a ghost showing: DocumentBeforeSave removes it, the file has no ghost', async () => {
    const { sim, host, changes } = setup('特此|', options);
    await host.showGhost('通知。');
    expect(sim.user.save()).toBe('特此');
    expect(changes).toContain('save');
    expect(view(sim)).toBe('特此|');
  });

  test('close with a ghost showing: removed before close, no "save changes?" prompt for it', async () => {
    const { sim, host } = setup('特此|', options);
    await host.showGhost('通知。');
    expect(sim.user.close()).toEqual({ closed: true, prompted: false, saved: null });
    expect(sim.text()).toBe('特此');
  });

  test('crash: a ghost left behind is swept by the next host\'s init, the person\'s text kept', async () => {
    const { sim, host } = setup('特此|', options);
    await host.showGhost('通知。');
    sim.user.type('，'); // typed right before the ghost (maybe inside the bookmark)
    // the pane dies without dispose(); the recovered document is opened again
    sim.user.reopen();
    const next = new WpsHost({ Application: sim.Application, pollMs: 0 });
    hosts.push(next);
    await next.init();
    expect(sim.text()).toBe('特此，');
    expect(sim.Application.ActiveDocument!.Bookmarks.Exists(GHOST_BOOKMARK)).toBe(false);
  });

  test('the person types inside the ghost: clearing keeps what they typed', async () => {
    const { sim, host, changes } = setup('特此|', options);
    await host.showGhost('通知。');
    sim.user.select(3); // between 通 and 知
    sim.user.type('报告');
    await host.clearGhost();
    expect(sim.text()).toBe('特此报告');
    expect(changes).toContain('ghostLost');
  });

  test('the person undoes the ghost: the host lets go without deleting anything', async () => {
    const { sim, host } = setup('特此|', options);
    sim.user.type('通知');
    await host.showGhost('如下：');
    // Grouped by UndoRecord: one Ctrl+Z. Without it: insert, colour, italic are three entries.
    const steps = options.undoRecord === false ? 3 : 1;
    for (let i = 0; i < steps; i++) sim.user.undo();
    expect(sim.text()).toBe('特此通知');
    await host.clearGhost();
    await host.showGhost('。');
    await host.acceptGhost();
    expect(sim.text()).toBe('特此通知。');
  });

  test('own writes produce no change notifications; the person\'s do', async () => {
    const { sim, host, changes } = setup('特此|', options);
    await host.showGhost('通知。');
    await host.acceptGhost(1);
    await host.clearGhost();
    await new Promise((r) => setTimeout(r, 5)); // deferred events
    expect(changes).toEqual([]);
    sim.user.type('通知');
    sim.user.select(0);
    await new Promise((r) => setTimeout(r, 5));
    expect(changes).toEqual(['content', 'selection']);
  });

  test('insertAtCursor inserts normal text and puts the caret after it', async () => {
    const { sim, host, doc } = setup('特此|', options);
    await host.insertAtCursor('通知。');
    expect(view(sim)).toBe('特此通知。|');
    expect(doc.Range(2, 5).Font.Color).toBe(WD_COLOR_AUTOMATIC);
  });
});

describe('WpsHost: specifics', () => {
  test('one undo entry per ghost operation where UndoRecord exists', async () => {
    const { sim, host } = setup('特此|');
    const d0 = sim.undoDepth();
    await host.showGhost('通知。');
    expect(sim.undoDepth()).toBe(d0 + 1);
    sim.user.undo();
    expect(view(sim)).toBe('特此|');
  });

  test('without the stale-paint workaround the screen stays stale (why repaint defaults on)', async () => {
    const { sim, host } = setup('特此|', { stalePaint: true }, { repaint: false });
    await host.showGhost('通知。');
    expect(sim.stale).toBe(true);
    expect(view(sim)).toBe('特此|');
  });

  test('track changes on: pane-only, and showGhost writes nothing and says why (never a silent no-op, issue 32 §1)', async () => {
    const { sim, host } = setup('特此|');
    sim.user.setTrackRevisions(true);
    expect(await host.capabilities()).toEqual({ inlineGhost: false, inlineGhostOffReason: 'host.trackChanges', trackChanges: true, keyboardShortcuts: false });
    expect(await host.showGhost('通知。')).toEqual({ inline: false, reason: 'host.trackChanges' });
    expect(sim.text()).toBe('特此');
  });

  test('showGhost says what it rendered: inline with its text, or not over a selection', async () => {
    const { host } = setup('特此|');
    expect(await host.showGhost('通知。')).toEqual({ inline: true, text: '通知。' });
    await host.clearGhost();
    const sel = setup('特此|');
    sel.sim.user.select(0, 2);
    expect(await sel.host.showGhost('通知。')).toEqual({ inline: false, reason: 'host.selectionNotEmpty' });
    expect(sel.sim.text()).toBe('特此');
  });

  test('a lost bookmark: the ghost is found by its recorded range, or nearby after the person typed', async () => {
    const { sim, host, doc } = setup('特此|');
    await host.showGhost('通知。');
    doc.Bookmarks.Item(GHOST_BOOKMARK).Delete(); // as if Range.Text= had dropped it (§9)
    sim.user.select(0);
    sim.user.type('现');
    await host.clearGhost();
    expect(sim.text()).toBe('现特此');
  });

  test('a grey italic look-alike typed by the person is never taken for the ghost', async () => {
    const { sim, host, doc } = setup('特此|');
    await host.showGhost('通知。');
    doc.Bookmarks.Item(GHOST_BOOKMARK).Delete();
    doc.Range(2, 5).Font.Color = WD_COLOR_AUTOMATIC; // no longer ghost-looking: not ours to delete
    await host.clearGhost();
    expect(sim.text()).toBe('特此通知。');
  });

  test('the poll notices changes when WPS sends no events', async () => {
    jest.useFakeTimers();
    try {
      const sim = simFrom('特此|', { userEvents: 'none' });
      const host = new WpsHost({ Application: sim.Application, pollMs: 200 });
      hosts.push(host);
      const changes: string[] = [];
      host.onChange((c) => changes.push(c.kind));
      sim.user.type('通知');
      expect(changes).toEqual([]);
      jest.advanceTimersByTime(250);
      expect(changes).toEqual(['content']);
      jest.advanceTimersByTime(1000);
      expect(changes).toEqual(['content']);
    } finally {
      jest.useRealTimers();
    }
  });

  test('another page (the ribbon) accepts the pane\'s ghost: the pane host lets go, deletes nothing', async () => {
    const { sim, host, changes } = setup('特此|');
    await host.showGhost('通知。');
    const ribbon = new WpsHost({ Application: sim.Application, pollMs: 0 });
    expect(ribbon.peekGhost()).toBe('通知。');
    await ribbon.acceptGhost(2);
    ribbon.dispose();
    expect(view(sim)).toBe('特此通知|[。]');
    await host.clearGhost(); // the pane's session, out of date
    expect(sim.text()).toBe('特此通知。');
    expect(changes).toContain('ghostLost');
    await host.showGhost('特此通知。'); // a new ghost sweeps the stray tail first
    expect(view(sim)).toBe('特此通知|[特此通知。]');
  });

  test('dispose removes every ApiEvent listener it added', () => {
    const sim = simFrom('特此|');
    const host = new WpsHost({ Application: sim.Application, pollMs: 0 });
    expect(sim.model.listenerCount('DocumentBeforeSave')).toBe(1);
    host.dispose();
    for (const name of ['DocumentBeforeSave', 'DocumentBeforeClose', 'DocumentOpen', 'WindowSelectionChange', 'ContentChange'] as const) {
      expect(sim.model.listenerCount(name)).toBe(0);
    }
  });

  test('an aborted signal writes nothing', async () => {
    const { sim, host } = setup('特此|');
    const ac = new AbortController();
    ac.abort();
    await expect(host.showGhost('通知。', ac.signal)).rejects.toBeDefined();
    expect(sim.text()).toBe('特此');
  });
});

export type { WpsSimulator };
