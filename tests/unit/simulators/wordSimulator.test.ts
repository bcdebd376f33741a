import { GHOST_TAG } from '../../../src/core/protocol';
import { createWordSimulator } from '../../../src/simulators/word/WordSimulator';

type Ctx = Word.RequestContext;

describe('Word simulator: load/sync batching', () => {
  it('reading a property that was not loaded throws PropertyNotLoaded, even after sync', async () => {
    const sim = createWordSimulator({ doc: '特此通知|' });
    await sim.Word.run(async (ctx: Ctx) => {
      const body = ctx.document.body;
      expect(() => body.text).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      body.load('text');
      expect(() => body.text).toThrow(/not available/); // loaded only after sync
      await ctx.sync();
      expect(body.text).toBe('特此通知');
      const sel = ctx.document.getSelection();
      sel.load('isEmpty');
      await ctx.sync();
      expect(sel.isEmpty).toBe(true);
      expect(() => sel.text).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    });
  });

  it('queues writes until sync, counts syncs, and one writing sync is one undo entry', async () => {
    const sim = createWordSimulator({ doc: '现将有关事项通知如下：|' });
    await sim.Word.run(async (ctx: Ctx) => {
      const sel = ctx.document.getSelection();
      sel.insertText('一、', 'After');
      sel.insertText('（', 'Before');
      expect(sim.text()).toBe('现将有关事项通知如下：'); // nothing happens before sync
      await ctx.sync();
    });
    expect(sim.text()).toBe('现将有关事项通知如下：（一、'); // the selection range stayed before '一、'
    expect(sim.stats.syncs).toBe(1);
    expect(sim.stats.writes).toBe(2);
    expect(sim.stats.undoEntries).toBe(1);
    sim.user.undo();
    expect(sim.text()).toBe('现将有关事项通知如下：');
  });

  it('Word.run syncs what is still queued when the batch returns', async () => {
    const sim = createWordSimulator({ doc: 'a|' });
    await sim.Word.run(async (ctx: Ctx) => {
      ctx.document.getSelection().insertText('b', 'After');
    });
    expect(sim.text()).toBe('ab');
  });

  it('Start/End grow the target, Before/After do not (§1 InsertLocation)', async () => {
    const sim = createWordSimulator({ doc: '通知|' });
    await sim.Word.run(async (ctx: Ctx) => {
      const whole = ctx.document.body.getRange('Whole');
      whole.insertText('》', 'End');
      whole.insertText('《', 'Start');
      const after = whole.insertText('。', 'After');
      whole.load('text');
      after.load('text');
      await ctx.sync();
      expect(whole.text).toBe('《通知》');
      expect(after.text).toBe('。');
    });
  });

  it('paragraph marks come back as \\r in Range.text', async () => {
    const sim = createWordSimulator({ doc: '一、总体要求\n二、|' });
    await sim.Word.run(async (ctx: Ctx) => {
      const paras = ctx.document.body.paragraphs;
      paras.load('items/text');
      const b = ctx.document.body;
      b.load('text');
      await ctx.sync();
      expect(paras.items.map((p) => p.text)).toEqual(['一、总体要求', '二、']);
      expect(b.text).toBe('一、总体要求\r二、');
    });
  });

  it('methods beyond the version\'s API set fail at sync with ApiNotFound', async () => {
    const sim = createWordSimulator({ version: '2021', doc: 'a|' });
    await expect(sim.Word.run(async (ctx: Ctx) => {
      ctx.document.load('changeTrackingMode');
      await ctx.sync();
    })).rejects.toMatchObject({ code: 'ApiNotFound' });
    const s365 = createWordSimulator({ version: '365', trackChanges: 'TrackAll' });
    const mode = await s365.Word.run(async (ctx: Ctx) => {
      ctx.document.load('changeTrackingMode');
      await ctx.sync();
      return ctx.document.changeTrackingMode;
    });
    expect(mode).toBe('TrackAll');
  });
});

describe('Word simulator: content controls', () => {
  async function wrapGhost(sim: ReturnType<typeof createWordSimulator>, text: string) {
    await sim.Word.run(async (ctx: Ctx) => {
      const r = ctx.document.getSelection().insertText(text, 'After');
      const cc = r.insertContentControl();
      cc.tag = GHOST_TAG;
      cc.font.color = '#808080';
      cc.font.italic = true;
      await ctx.sync();
    });
  }

  it('getByTag finds tagged controls; delete(true) keeps the text, delete(false) removes it (§2)', async () => {
    for (const keep of [true, false]) {
      const sim = createWordSimulator({ doc: '特此通知|' });
      await wrapGhost(sim, '。');
      expect(sim.ghostControls()).toBe(1);
      await sim.Word.run(async (ctx: Ctx) => {
        const ccs = ctx.document.contentControls.getByTag(GHOST_TAG);
        ccs.load('items/text,items/tag');
        await ctx.sync();
        expect(ccs.items.map((c) => [c.tag, c.text])).toEqual([[GHOST_TAG, '。']]);
        ccs.items[0].delete(keep);
        await ctx.sync();
      });
      expect(sim.ghostControls()).toBe(0);
      expect(sim.text()).toBe(keep ? '特此通知。' : '特此通知');
    }
  });

  it('getFirstOrNullObject gives a null object when nothing matches', async () => {
    const sim = createWordSimulator({ doc: 'a|' });
    await sim.Word.run(async (ctx: Ctx) => {
      const cc = ctx.document.contentControls.getByTag(GHOST_TAG).getFirstOrNullObject();
      cc.load('text');
      await ctx.sync();
      expect(cc.isNullObject).toBe(true);
    });
  });

  it('text typed right after a grey control takes its formatting (§2 #6448); typed before it does not', async () => {
    const sim = createWordSimulator({ doc: '特此通知|' });
    await wrapGhost(sim, '。');
    sim.user.type('如'); // caret stayed before the ghost (caretAfterInsert 'before')
    sim.user.select(sim.text().length);
    sim.user.type('X');
    const runs = sim.snapshot().paragraphs[0];
    expect(runs).toEqual([
      { text: '特此通知如', ghost: false, color: undefined, italic: undefined },
      { text: '。', ghost: true, color: '#808080', italic: true },
      { text: 'X', ghost: false, color: '#808080', italic: true },
    ]);
  });

  it('caretAfterInsert decides where the caret lands after insertText at it (§1 UNCONFIRMED)', async () => {
    for (const where of ['before', 'after'] as const) {
      const sim = createWordSimulator({ doc: '特此通知|', caretAfterInsert: where });
      await wrapGhost(sim, '。');
      expect(sim.snapshot().selection.start).toBe(where === 'before' ? 4 : 5);
    }
  });

  it('user undo removes the add-in\'s last write, ghost control included (§6)', async () => {
    const sim = createWordSimulator({ doc: '特此通知|' });
    sim.user.type('如下');
    await wrapGhost(sim, '：');
    sim.user.undo();
    expect(sim.text()).toBe('特此通知如下');
    expect(sim.ghostControls()).toBe(0);
    sim.user.undo();
    expect(sim.text()).toBe('特此通知');
  });

  it('with track changes on, our insert is a revision (§5)', async () => {
    const sim = createWordSimulator({ doc: 'a|', trackChanges: 'TrackAll' });
    await wrapGhost(sim, 'b');
    expect(sim.stats.revisions).toBe(1);
  });
});

describe('Word simulator: Office namespace', () => {
  it('isSetSupported answers per version', () => {
    const v = (version: '2016-msi' | '2016' | '2021' | '365' | 'web', set: string, ver: string) =>
      createWordSimulator({ version }).Office.context.requirements.isSetSupported(set, ver);
    expect(v('2016-msi', 'WordApi', '1.1')).toBe(true);
    expect(v('2016-msi', 'WordApi', '1.3')).toBe(false);
    expect(v('2016', 'WordApi', '1.3')).toBe(true);
    expect(v('2021', 'WordApi', '1.4')).toBe(false);
    expect(v('2021', 'SharedRuntime', '1.1')).toBe(false);
    expect(v('365', 'WordApi', '1.6')).toBe(true);
    expect(v('365', 'SharedRuntime', '1.1')).toBe(true);
    expect(v('web', 'WordApiDesktop', '1.1')).toBe(false);
  });

  it('selection events are delayed, merged, fired for the add-in\'s own edits, and can be dropped (§3)', async () => {
    jest.useFakeTimers();
    try {
      const sim = createWordSimulator({ doc: 'a|', selectionEventDelayMs: 100 });
      const seen: number[] = [];
      sim.Office.context.document.addHandlerAsync(sim.Office.EventType.DocumentSelectionChanged, () => seen.push(Date.now()));
      sim.user.type('b');
      sim.user.type('c');
      jest.advanceTimersByTime(99);
      expect(seen).toHaveLength(0); // late
      jest.advanceTimersByTime(1);
      expect(seen).toHaveLength(1); // two keystrokes, one event
      await sim.Word.run(async (ctx: Ctx) => {
        ctx.document.getSelection().insertText('d', 'After');
        await ctx.sync();
      });
      jest.advanceTimersByTime(100);
      expect(seen).toHaveLength(2); // our own edit fires too

      const lossy = createWordSimulator({ doc: 'a|', selectionEventDelayMs: 10, selectionEventDrop: 0.5, seed: 7 });
      let n = 0;
      lossy.Office.context.document.addHandlerAsync(lossy.Office.EventType.DocumentSelectionChanged, () => n++);
      for (let i = 0; i < 40; i++) {
        lossy.user.type('x');
        jest.advanceTimersByTime(20);
      }
      expect(n).toBeGreaterThan(5);
      expect(n).toBeLessThan(35);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('Word simulator: caret quirks', () => {
  it('caretKeepsOffset: inserting before the caret leaves it at the same offset, inside other text (§1 #1794)', async () => {
    for (const quirk of [false, true]) {
      const sim = createWordSimulator({ doc: '特此通知|', caretKeepsOffset: quirk });
      await sim.Word.run(async (ctx: Ctx) => {
        ctx.document.body.getRange('Start').insertText('关于', 'Before');
        await ctx.sync();
      });
      expect(sim.snapshot().selection.start).toBe(quirk ? 4 : 6);
    }
  });

  it('select() is ignored where the host ignores it (§1 #1323)', async () => {
    const sim = createWordSimulator({ doc: '特此通知|', selectIgnored: true });
    await sim.Word.run(async (ctx: Ctx) => {
      ctx.document.body.getRange('Start').select('Start');
      await ctx.sync();
    });
    expect(sim.snapshot().selection.start).toBe(4);
  });

  it('expandTo adds an undo entry on the web (§6 #5715) and not on desktop', async () => {
    for (const version of ['web', '365'] as const) {
      const sim = createWordSimulator({ doc: '特此|通知', version });
      await sim.Word.run(async (ctx: Ctx) => {
        const r = ctx.document.body.getRange('Start').expandTo(ctx.document.getSelection());
        r.load('text');
        await ctx.sync();
        expect(r.text).toBe('特此');
      });
      expect(sim.stats.undoEntries).toBe(version === 'web' ? 1 : 0);
    }
  });

  it('a read-only document refuses writes', async () => {
    const sim = createWordSimulator({ doc: 'a|', readOnly: true });
    await expect(sim.Word.run(async (ctx: Ctx) => {
      ctx.document.getSelection().insertText('b', 'After');
      await ctx.sync();
    })).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(sim.text()).toBe('a');
  });
});
