// The WPS simulator's rules, each as documented (HOST-API-NOTES §9) or as its switch says.
import { WD_COLOR_AUTOMATIC, WD_COLOR_GRAY50, WD_UNDEFINED, type WpsCancel } from '../../../src/hosts/wps/wpsApi';
import { createWpsSimulator, wdColorToCss } from '../../../src/simulators/wps/WpsSimulator';
import { simFrom } from '../hosts/wps/helpers';

describe('WPS simulator: text and positions', () => {
  test('Content.Text uses \\r between paragraphs and ends with the final paragraph mark', () => {
    const sim = createWpsSimulator({ text: '关于开展检查的通知\n各单位：' });
    const doc = sim.Application.ActiveDocument!;
    expect(doc.Content.Text).toBe('关于开展检查的通知\r各单位：\r');
    expect(doc.Content.End).toBe(15);
    expect(sim.text()).toBe('关于开展检查的通知\n各单位：');
    expect(sim.snapshot().paragraphs.map((p) => p.map((r) => r.text).join(''))).toEqual(['关于开展检查的通知', '各单位：']);
  });

  test('the final paragraph mark cannot be deleted and the caret stops before it', () => {
    const sim = createWpsSimulator({ text: '通知' });
    const doc = sim.Application.ActiveDocument!;
    doc.Content.Delete();
    expect(doc.Content.Text).toBe('\r');
    sim.Application.Selection.SetRange(10, 10);
    expect(sim.Application.Selection.Start).toBe(0);
  });

  test('Range.InsertAfter grows the range over the new text ([DOC] §9)', () => {
    const sim = simFrom('特此|');
    const r = sim.Application.ActiveDocument!.Range(2, 2);
    r.InsertAfter('通知');
    expect([r.Start, r.End, r.Text]).toEqual([2, 4, '通知']);
    r.InsertBefore('，');
    expect([r.Start, r.End, r.Text]).toEqual([2, 5, '，通知']);
  });

  test('Selection.InsertAfter grows the selection, so inserted text ends up selected ([DOC] §9)', () => {
    const sim = simFrom('特此|');
    sim.Application.Selection.InsertAfter('通知');
    expect([sim.Application.Selection.Start, sim.Application.Selection.End]).toEqual([2, 4]);
  });

  test('inserted and typed text take the previous character\'s formatting', () => {
    const sim = simFrom('特此|');
    const doc = sim.Application.ActiveDocument!;
    doc.Range(0, 2).Font.Color = 255; // wdColorRed in BGR
    doc.Range(2, 2).InsertAfter('通');
    sim.user.select(3);
    sim.user.type('知');
    expect(doc.Range(2, 4).Font.Color).toBe(255);
    expect(sim.snapshot().paragraphs[0][0]).toMatchObject({ text: '特此通知', color: '#ff0000' });
  });

  test('Font reports wdUndefined for mixed ranges; colours are BGR ([DOC] §9)', () => {
    const sim = simFrom('特此通知|');
    const doc = sim.Application.ActiveDocument!;
    doc.Range(0, 2).Font.Color = 16711680; // wdColorBlue
    doc.Range(0, 1).Font.Italic = 1;
    expect(doc.Range(0, 4).Font.Color).toBe(WD_UNDEFINED);
    expect(doc.Range(0, 4).Font.Italic).toBe(WD_UNDEFINED);
    expect(doc.Range(2, 4).Font.Color).toBe(WD_COLOR_AUTOMATIC);
    expect(wdColorToCss(16711680)).toBe('#0000ff');
    expect(wdColorToCss(128)).toBe('#800000'); // wdColorDarkRed
    expect(wdColorToCss(WD_COLOR_GRAY50)).toBe('#808080');
    expect(wdColorToCss(WD_COLOR_AUTOMATIC)).toBeUndefined();
  });
});

describe('WPS simulator: bookmarks', () => {
  test('InsertAfter on a bookmark\'s range does not grow the bookmark ([DOC] §9)', () => {
    const sim = simFrom('特此通知|');
    const doc = sim.Application.ActiveDocument!;
    const bm = doc.Bookmarks.Add('b1', doc.Range(2, 4));
    bm.Range.InsertAfter('。');
    expect([bm.Start, bm.End]).toEqual([2, 4]);
    expect(doc.Content.Text).toBe('特此通知。\r');
  });

  test('text before a bookmark shifts it; text at its start shifts it unless bookmarkGrowsAtStart', () => {
    for (const grows of [false, true]) {
      const sim = simFrom('特此|', { bookmarkGrowsAtStart: grows });
      const doc = sim.Application.ActiveDocument!;
      doc.Range(2, 2).InsertAfter('通知');
      doc.Bookmarks.Add('g', doc.Range(2, 4));
      sim.user.select(2);
      sim.user.type('，');
      const bm = doc.Bookmarks.Item('g');
      expect([bm.Start, bm.End]).toEqual(grows ? [2, 5] : [3, 5]);
      sim.user.select(0);
      sim.user.type('现');
      expect(doc.Bookmarks.Item('g').Start).toBe(grows ? 3 : 4);
    }
  });

  test('setting Range.Text over a bookmark removes it when rangeTextDropsBookmark ([CODE] §9)', () => {
    for (const drops of [true, false]) {
      const sim = simFrom('特此通知|', { rangeTextDropsBookmark: drops });
      const doc = sim.Application.ActiveDocument!;
      doc.Bookmarks.Add('g', doc.Range(2, 4));
      doc.Bookmarks.Item('g').Range.Text = '报告';
      expect(doc.Bookmarks.Exists('g')).toBe(!drops);
      expect(doc.Content.Text).toBe('特此报告\r');
    }
  });

  test('deleting all of a bookmark\'s text removes the bookmark; deleting part shrinks it', () => {
    const sim = simFrom('特此通知|');
    const doc = sim.Application.ActiveDocument!;
    doc.Bookmarks.Add('g', doc.Range(1, 4));
    doc.Range(1, 2).Delete();
    expect([doc.Bookmarks.Item('g').Start, doc.Bookmarks.Item('g').End]).toEqual([1, 3]);
    doc.Range(0, 3).Delete();
    expect(doc.Bookmarks.Exists('g')).toBe(false);
  });

  test('Bookmarks.Add with an existing name moves it; names must start with a letter', () => {
    const sim = simFrom('特此通知|');
    const doc = sim.Application.ActiveDocument!;
    doc.Bookmarks.Add('g', doc.Range(0, 1));
    doc.Bookmarks.Add('g', doc.Range(2, 4));
    expect(doc.Bookmarks.Count).toBe(1);
    expect(doc.Bookmarks.Item('g').Range.Text).toBe('通知');
    expect(() => doc.Bookmarks.Add('_hidden', doc.Range(0, 1))).toThrow();
  });
});

describe('WPS simulator: caret, paint, undo', () => {
  test('caretAfterRangeInsert decides where a caret at the insertion point ends up', () => {
    for (const after of [true, false]) {
      const sim = simFrom('特此|', { caretAfterRangeInsert: after });
      sim.Application.ActiveDocument!.Range(2, 2).InsertAfter('通知');
      expect(sim.Application.Selection.Start).toBe(after ? 4 : 2);
    }
  });

  test('stalePaint: the screen keeps the old text until Range.Select() ([CODE] §9)', () => {
    const sim = simFrom('特此|', { stalePaint: true });
    sim.Application.ActiveDocument!.Range(2, 2).InsertAfter('通知');
    expect(sim.text()).toBe('特此通知');
    expect(sim.stale).toBe(true);
    expect(sim.snapshot().paragraphs[0].map((r) => r.text).join('')).toBe('特此');
    sim.Application.Selection.SetRange(4, 4); // moving the selection does not repaint
    expect(sim.stale).toBe(true);
    sim.Application.Selection.Range.Select();
    expect(sim.stale).toBe(false);
    expect(sim.snapshot().paragraphs[0].map((r) => r.text).join('')).toBe('特此通知');
  });

  test('each API write is one undo entry, a custom record groups them ([CODE] §9)', () => {
    const sim = simFrom('特此|');
    const app = sim.Application;
    const doc = app.ActiveDocument!;
    doc.Range(2, 2).InsertAfter('通知');
    doc.Range(2, 4).Font.Color = WD_COLOR_GRAY50;
    expect(sim.undoDepth()).toBe(2);
    app.UndoRecord!.StartCustomRecord('伴写');
    doc.Range(4, 4).InsertAfter('。');
    doc.Range(4, 5).Font.Italic = 1;
    app.UndoRecord!.EndCustomRecord();
    expect(sim.undoDepth()).toBe(3);
    sim.user.undo();
    expect(sim.text()).toBe('特此通知');
    sim.user.undo();
    sim.user.undo();
    expect(sim.text()).toBe('特此');
  });

  test('undoRecord: false models a build without Application.UndoRecord', () => {
    expect(createWpsSimulator({ undoRecord: false }).Application.UndoRecord).toBeUndefined();
  });
});

describe('WPS simulator: events', () => {
  test('save fires DocumentBeforeSave(Doc, SaveAsUI, Cancel) first and returns what is written', () => {
    const sim = simFrom('特此通知|');
    const seen: string[] = [];
    sim.Application.ApiEvent.AddApiEventListener('DocumentBeforeSave', ((d: { Content: { Text: string } }, saveAsUI: boolean, cancel: WpsCancel) => {
      seen.push(`${d.Content.Text}|${saveAsUI}|${cancel.Value}`);
      sim.Application.ActiveDocument!.Range(4, 4).InsertAfter('。');
    }) as never);
    expect(sim.user.save()).toBe('特此通知。');
    expect(seen).toEqual(['特此通知\r|false|false']);
    expect(sim.Application.ActiveDocument!.Saved).toBe(true);
  });

  test('Cancel.Value = true cancels the save', () => {
    const sim = simFrom('特此通知|');
    sim.Application.ApiEvent.AddApiEventListener('DocumentBeforeSave', ((_d: unknown, _s: boolean, cancel: WpsCancel) => {
      cancel.Value = true;
    }) as never);
    sim.user.save();
    expect(sim.savedFiles).toEqual([]);
  });

  test('close: DocumentBeforeClose first, then the save prompt only for a dirty document', () => {
    const sim = simFrom('特此通知|');
    const order: string[] = [];
    sim.Application.ApiEvent.AddApiEventListener('DocumentBeforeClose', (() => order.push('beforeClose')) as never);
    sim.Application.ApiEvent.AddApiEventListener('DocumentBeforeSave', (() => order.push('beforeSave')) as never);
    expect(sim.user.close()).toEqual({ closed: true, prompted: false, saved: null });
    sim.user.reopen();
    sim.user.type('。');
    expect(sim.user.close()).toEqual({ closed: true, prompted: true, saved: '特此通知。' });
    expect(order).toEqual(['beforeClose', 'beforeClose', 'beforeSave']);
    expect(sim.Application.ActiveDocument).toBeNull();
  });

  test('ownEditEvents: none, sync or deferred events for the add-in\'s own writes', async () => {
    for (const mode of ['none', 'sync', 'deferred'] as const) {
      const sim = simFrom('特此|', { ownEditEvents: mode });
      let n = 0;
      sim.Application.ApiEvent.AddApiEventListener('WindowSelectionChange', (() => n++) as never);
      sim.Application.Selection.SetRange(0, 0);
      const syncCount = n;
      await new Promise((r) => setTimeout(r, 5));
      expect([syncCount, n]).toEqual(mode === 'none' ? [0, 0] : mode === 'sync' ? [1, 1] : [0, 1]);
    }
  });

  test('the person\'s typing fires ContentChange and WindowSelectionChange; RemoveApiEventListener stops them', () => {
    const sim = simFrom('特此|');
    const seen: string[] = [];
    const onSel = () => seen.push('sel');
    sim.Application.ApiEvent.AddApiEventListener('ContentChange', (() => seen.push('content')) as never);
    sim.Application.ApiEvent.AddApiEventListener('WindowSelectionChange', onSel as never);
    sim.user.type('通');
    sim.Application.ApiEvent.RemoveApiEventListener('WindowSelectionChange', onSel as never);
    sim.user.type('知');
    expect(seen).toEqual(['content', 'sel', 'content']);
  });
});

describe('WPS simulator: add-in plumbing', () => {
  test('CreateTaskPane/GetTaskPane and PluginStorage shared between pages ([CODE] §9)', () => {
    const app = createWpsSimulator().Application;
    const pane = app.CreateTaskPane('http://127.0.0.1:3000/wps/taskpane.html', '伴写');
    expect(pane.Visible).toBe(false);
    app.PluginStorage.setItem('banxie_taskpane_id', pane.ID);
    const again = app.GetTaskPane(app.PluginStorage.getItem('banxie_taskpane_id') as number);
    expect(again).toBe(pane);
    expect(app.PluginStorage.getItem('missing')).toBeNull();
  });

  test('the snapshot marks grey italic text inside the ghost bookmark as ghost, nothing else', () => {
    const sim = simFrom('特此|');
    const doc = sim.Application.ActiveDocument!;
    const r = doc.Range(2, 2);
    r.InsertAfter('通知');
    r.Font.Color = WD_COLOR_GRAY50;
    r.Font.Italic = 1;
    expect(sim.snapshot().paragraphs[0].some((run) => run.ghost)).toBe(false); // no bookmark yet
    doc.Bookmarks.Add('banxie_ghost', r);
    expect(sim.snapshot().paragraphs[0]).toEqual([
      { text: '特此', ghost: false },
      { text: '通知', ghost: true, color: '#808080', italic: true },
    ]);
  });
});
