// WPS-shaped objects over WpsModel: Application, Document, Range, Selection, Font, Bookmarks,
// ApiEvent, UndoRecord, task panes and PluginStorage — only the members WpsApi declares.
// Range objects hold plain offsets; the host must not keep one across the person's edits
// (real WPS ranges probably move with edits like Word's; never relying on either is safe).

import { findNeedle } from '../findText';
import {
  MSO_CTP_DOCK_RIGHT,
  WD_COLOR_AUTOMATIC,
  WD_UNDEFINED,
  type WdColor,
  type WpsApiEvent,
  type WpsApplication,
  type WpsBookmark,
  type WpsBookmarks,
  type WpsCancel,
  type WpsDocument,
  type WpsDocumentProperties,
  type WpsEventHandler,
  type WpsEventName,
  type WpsFind,
  type WpsFont,
  type WpsPluginStorage,
  type WpsRange,
  type WpsRibbonUI,
  type WpsSelection,
  type WpsTaskPane,
  type WpsUndoRecord,
} from '../../hosts/wps/wpsApi';
import type { WpsModel } from './model';

class SimFont implements WpsFont {
  constructor(private m: WpsModel, private r: SimRange) {}

  private values<T>(pick: (i: number) => T): T | typeof WD_UNDEFINED {
    const { Start: a, End: b } = this.r;
    if (a === b) return pick(-1);
    const first = pick(a);
    for (let i = a + 1; i < b; i++) if (pick(i) !== first) return WD_UNDEFINED; // mixed: wdUndefined (Word VBA Font)
    return first;
  }

  get Color(): WdColor {
    return this.values((i) => (i < 0 ? this.m.formatAt(this.r.Start).color : this.m.chars[i].color)) as number;
  }

  set Color(c: WdColor) {
    this.write({ color: c });
  }

  get Italic(): number {
    const v = this.values((i) => (i < 0 ? this.m.formatAt(this.r.Start).italic : this.m.chars[i].italic));
    return v === WD_UNDEFINED ? WD_UNDEFINED : v ? 1 : 0;
  }

  set Italic(v: number) {
    this.write({ italic: Boolean(v) });
  }

  private write(patch: { color?: number; italic?: boolean }): void {
    const { Start: a, End: b } = this.r;
    if (a === b) return;
    if (this.m.opt.fontWritesIgnored) return;
    if (this.m.opt.automaticColorIgnored && patch.color === WD_COLOR_AUTOMATIC) return;
    this.m.beginWrite('api', 'font');
    this.m.format(a, b, patch);
    this.m.fire('ContentChange', [this.r.doc, this.r, 1], 'api');
    this.m.changed();
  }
}

export class SimRange implements WpsRange {
  private start: number;
  private end: number;

  constructor(private m: WpsModel, readonly doc: WpsDocument, start: number, end: number) {
    this.start = m.clamp(Math.min(start, end));
    this.end = m.clamp(Math.max(start, end));
  }

  get Start(): number {
    return this.start;
  }
  set Start(v: number) {
    this.start = this.m.clamp(v);
    if (this.end < this.start) this.end = this.start;
  }
  get End(): number {
    return this.end;
  }
  set End(v: number) {
    this.end = this.m.clamp(v);
    if (this.start > this.end) this.start = this.end;
  }

  SetRange(start: number, end: number): void {
    this.start = this.m.clamp(Math.min(start, end));
    this.end = this.m.clamp(Math.max(start, end));
  }

  get Font(): WpsFont {
    return new SimFont(this.m, this);
  }

  /** '\r' ends a paragraph (Word/WPS object model) */
  get Text(): string {
    return this.m.rawText(this.start, this.end);
  }

  /**
   * Replaces the range's text; the range then spans the new text (Word VBA Range.Text).
   * Drops bookmarks inside it when `rangeTextDropsBookmark` ([CODE] §9, see model options).
   */
  set Text(t: string) {
    const m = this.m;
    m.beginWrite('api', 'text');
    const covered: string[] = [];
    for (const [name, b] of [...m.marks]) {
      if (b.start < b.end && this.start <= b.start && b.end <= this.end) {
        m.marks.delete(name);
        if (!m.opt.rangeTextDropsBookmark) covered.push(name);
      }
    }
    const fmt = this.start < this.end ? pickFmt(m, this.start) : m.formatAt(this.start);
    m.remove(this.start, this.end);
    const n = m.insert(this.start, t, fmt, 'api');
    this.end = this.start + n;
    // Without the drop, a bookmark the text replaced spans the new text.
    for (const name of covered) m.marks.set(name, { start: this.start, end: this.end });
    this.after();
  }

  /** [DOC] §9: "Range.InsertAfter … the range grows to include the new text" */
  InsertAfter(text: string): void {
    const m = this.m;
    m.beginWrite('api', 'insert');
    const n = m.insert(this.end, text, m.formatAt(this.end), 'api');
    this.end += n;
    this.after();
  }

  /** [DOC] §9: InsertBefore grows the range too */
  InsertBefore(text: string): void {
    const m = this.m;
    m.beginWrite('api', 'insert');
    const n = m.insert(this.start, text, m.formatAt(this.start), 'api');
    this.end += n;
    this.after();
  }

  Delete(): number {
    if (this.start === this.end) return 0;
    this.m.beginWrite('api', 'delete');
    const keepLast = this.m.opt.deleteLeavesLastChar && this.end - this.start > 1 ? 1 : 0;
    const n = this.m.remove(this.start, this.end - keepLast);
    this.end = this.start;
    this.after();
    return n;
  }

  /** Range.Find: a new Find object over this range each time, as Word's object model hands one out */
  get Find(): WpsFind {
    return new SimFind(this.m, this);
  }

  /** selects the range; also the documented way to force a repaint ([CODE] §9) */
  Select(): void {
    const m = this.m;
    m.sel = { start: Math.min(this.start, m.maxCaret), end: Math.min(this.end, m.maxCaret) };
    m.repaint();
    m.fire('WindowSelectionChange', [selectionOf(m, this.doc)], 'api');
    m.changed();
  }

  private after(): void {
    this.m.fire('ContentChange', [this.doc, this, 0], 'api');
    this.m.changed();
  }
}

/**
 * Find.Execute as Word VBA documents it and WPS copies (wps-jsapi-declare lib.wps.d.ts `Find`;
 * https://learn.microsoft.com/office/vba/api/word.find.execute): returns True when found, and "if the find operation
 * is successful, the range … is redefined" to the match; not found, the range is unchanged. MatchCase defaults to
 * False (case-blind). Searches forward inside the range only (Wrap wdFindStop; other wraps are not modelled).
 * FindText longer than 255 characters fails (Word VBA run-time error 5854 "String parameter too long"). Without
 * wildcards `^^` is a caret, `^p` a paragraph mark, `^t` a tab; other `^` codes are not modelled and refused.
 * Width: matched exactly (MatchByte behaviour per build [UNCONFIRMED]; the host reads each match back).
 */
class SimFind implements WpsFind {
  private found = false;
  constructor(private m: WpsModel, private r: SimRange) {}
  get Found(): boolean {
    return this.found;
  }
  ClearFormatting(): void {
    /* no formatting criteria are modelled */
  }
  Execute(findText?: string, matchCase?: boolean, _w?: boolean, matchWildcards?: boolean, _s?: boolean, _a?: boolean, forward?: boolean, wrap?: number): boolean {
    const q = String(findText ?? '');
    if (q.length > 255) throw new Error('String parameter too long (5854)');
    if (matchWildcards || forward === false || (wrap !== undefined && wrap !== 0)) throw new Error('Find: only a forward, wdFindStop, non-wildcard search is modelled');
    const needle = findNeedle(q, '\r', (special) => new Error(`Find: special character ${special} is not modelled`));
    const fold = (t: string) => (matchCase ? t : t.toLowerCase());
    const start = this.r.Start;
    const at = needle ? fold(this.m.rawText(start, this.r.End)).indexOf(fold(needle)) : -1;
    this.found = at >= 0;
    if (this.found) this.r.SetRange(start + at, start + at + needle.length);
    return this.found;
  }
}

function pickFmt(m: WpsModel, i: number): { color: number; italic: boolean } {
  const c = m.chars[i];
  return { color: c.color, italic: c.italic };
}

class SimSelection implements WpsSelection {
  constructor(private m: WpsModel, private doc: WpsDocument) {}
  get Start(): number {
    return this.m.sel.start;
  }
  set Start(v: number) {
    this.SetRange(v, Math.max(v, this.m.sel.end));
  }
  get End(): number {
    return this.m.sel.end;
  }
  set End(v: number) {
    this.SetRange(Math.min(v, this.m.sel.start), v);
  }
  get Range(): WpsRange {
    return new SimRange(this.m, this.doc, this.m.sel.start, this.m.sel.end);
  }
  /** moves the selection; does not repaint (only Select() does, [CODE] §9) */
  SetRange(start: number, end: number): void {
    const m = this.m;
    if (m.opt.setRangeIgnored) return;
    const a = m.clamp(Math.min(start, end), m.maxCaret);
    const b = m.clamp(Math.max(start, end), m.maxCaret);
    if (a === m.sel.start && b === m.sel.end) return;
    m.sel = { start: a, end: b };
    m.fire('WindowSelectionChange', [this], 'api');
    m.changed();
  }
  /** [DOC] §9: Selection.InsertAfter grows the *selection* over the new text */
  InsertAfter(text: string): void {
    const m = this.m;
    m.beginWrite('api', 'insert');
    const start = m.sel.start;
    const end = m.sel.end;
    const n = m.insert(end, text, m.formatAt(end), 'api');
    m.sel = { start, end: end + n };
    m.fire('ContentChange', [this.doc, this.Range, 0], 'api');
    m.fire('WindowSelectionChange', [this], 'api');
    m.changed();
  }
}

function selectionOf(m: WpsModel, doc: WpsDocument): WpsSelection {
  return new SimSelection(m, doc);
}

class SimBookmark implements WpsBookmark {
  constructor(private m: WpsModel, private doc: WpsDocument, readonly Name: string) {}
  private mark() {
    const b = this.m.marks.get(this.Name);
    if (!b) throw new Error(`WPS: bookmark ${this.Name} no longer exists`);
    return b;
  }
  get Range(): WpsRange {
    const b = this.mark();
    return new SimRange(this.m, this.doc, b.start, b.end);
  }
  get Start(): number {
    return this.mark().start;
  }
  set Start(v: number) {
    this.mark().start = this.m.clamp(v);
  }
  get End(): number {
    return this.mark().end;
  }
  set End(v: number) {
    this.mark().end = this.m.clamp(v);
  }
  Delete(): void {
    this.m.marks.delete(this.Name);
    this.m.changed();
  }
}

/** Bookmarks.Add(name, range) (§9); adding an existing name moves it (Word VBA Bookmarks.Add). */
class SimBookmarks implements WpsBookmarks {
  constructor(private m: WpsModel, private doc: WpsDocument) {}
  get Count(): number {
    return this.m.marks.size;
  }
  Add(name: string, range?: WpsRange): WpsBookmark {
    // Word/WPS bookmark names: a letter first, then letters, digits or '_', at most 40 characters.
    if (!/^[\p{L}][\p{L}\p{N}_]{0,39}$/u.test(name)) throw new Error(`WPS: invalid bookmark name ${name}`);
    const r = range ?? this.doc.Range(this.m.sel.start, this.m.sel.end);
    this.m.marks.set(name, { start: r.Start, end: r.End });
    this.m.changed();
    return new SimBookmark(this.m, this.doc, name);
  }
  Exists(name: string): boolean {
    return this.m.marks.has(name);
  }
  Item(index: string | number): WpsBookmark {
    const name = typeof index === 'number' ? [...this.m.marks.keys()][index - 1] : index;
    if (name === undefined || !this.m.marks.has(name)) throw new Error(`WPS: no bookmark ${String(index)}`);
    return new SimBookmark(this.m, this.doc, name);
  }
}

export class SimDocument implements WpsDocument {
  readonly Bookmarks: WpsBookmarks;
  /** set by createWpsSimulator (customProperties.ts); absent on a build without it */
  CustomDocumentProperties?: WpsDocumentProperties;
  constructor(private m: WpsModel) {
    this.Bookmarks = new SimBookmarks(m, this);
  }
  get Name(): string {
    return this.m.opt.fullName.split(/[\\/]/).pop() ?? '';
  }
  get FullName(): string {
    return this.m.opt.fullName;
  }
  get Content(): WpsRange {
    return new SimRange(this.m, this, 0, this.m.length);
  }
  get Saved(): boolean {
    return this.m.saved;
  }
  set Saved(v: boolean) {
    this.m.saved = v;
  }
  get TrackRevisions(): boolean {
    return this.m.trackRevisions;
  }
  set TrackRevisions(v: boolean) {
    this.m.trackRevisions = v;
  }
  get ProtectionType(): number {
    return this.m.protectionType;
  }
  get ReadOnly(): boolean {
    return this.m.opt.readOnly;
  }
  Range(start = 0, end = this.m.length): WpsRange {
    return new SimRange(this.m, this, start, end);
  }
  /** Sections.Item(1).Headers.Item(1).Range.Text: the primary header (wdHeaderFooterPrimary = 1), per
   * https://solution.wps.cn/docs/client/api/Word/HeadersFooters.html. Like Word (VBA HeadersFooters:
   * an empty header's Range.Text is vbCr) the text ends with a paragraph mark. One section here. */
  get Sections(): NonNullable<WpsDocument['Sections']> {
    const m = this.m;
    const header = {
      get Range() {
        return {
          get Text(): string {
            m.headerReads++;
            return `${m.header.replace(/\n/g, '\r')}\r`;
          },
        };
      },
    };
    return {
      Item: (i: number) => {
        if (i !== 1) throw new Error(`WPS: no section ${i}`);
        return { Headers: { Item: (k: number) => { if (k < 1 || k > 3) throw new Error(`WPS: bad header index ${k}`); return k === 1 ? header : { Range: { Text: '\r' } }; } } };
      },
    };
  }
}

class SimApiEvent implements WpsApiEvent {
  constructor(private m: WpsModel) {}
  AddApiEventListener(name: WpsEventName, handler: WpsEventHandler): void {
    this.m.addListener(name, handler as (...args: unknown[]) => void);
  }
  RemoveApiEventListener(name: WpsEventName, handler?: WpsEventHandler): void {
    this.m.removeListener(name, handler as ((...args: unknown[]) => void) | undefined);
  }
}

/** [CODE] §9: UndoRecord.StartCustomRecord(name) … EndCustomRecord() groups writes into one undo entry */
class SimUndoRecord implements WpsUndoRecord {
  constructor(private m: WpsModel) {}
  StartCustomRecord(name?: string): void {
    this.m.startCustomRecord(name ?? '');
  }
  EndCustomRecord(): void {
    this.m.endCustomRecord();
  }
}

export class SimTaskPane implements WpsTaskPane {
  Visible = false;
  DockPosition = MSO_CTP_DOCK_RIGHT;
  Width = 320;
  deleted = false;
  constructor(readonly ID: number, public url: string, readonly title: string | undefined) {}
  Navigate(url: string): void {
    this.url = url;
  }
  Delete(): void {
    this.deleted = true;
  }
}

/** [DOC] addon.wps: PluginStorage is shared by the add-in's pages, not persisted; values kept as given */
class SimPluginStorage implements WpsPluginStorage {
  items = new Map<string, string | number | boolean>();
  setItem(key: string, value: string | number | boolean): void {
    this.items.set(key, value);
  }
  getItem(key: string): string | number | boolean | null {
    return this.items.has(key) ? (this.items.get(key) as string | number | boolean) : null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

export class SimRibbonUI implements WpsRibbonUI {
  invalidated: string[] = [];
  Invalidate(): void {
    this.invalidated.push('*');
  }
  InvalidateControl(id: string): void {
    this.invalidated.push(id);
  }
}

export class SimApplication implements WpsApplication {
  readonly document: SimDocument;
  readonly ApiEvent: WpsApiEvent;
  readonly UndoRecord?: WpsUndoRecord;
  readonly PluginStorage = new SimPluginStorage();
  readonly taskPanes: SimTaskPane[] = [];
  ribbonUI?: WpsRibbonUI;
  private nextPaneId = 1;

  constructor(private m: WpsModel) {
    this.document = new SimDocument(m);
    this.ApiEvent = new SimApiEvent(m);
    if (m.opt.undoRecord) this.UndoRecord = new SimUndoRecord(m);
  }
  get Version(): string {
    return this.m.opt.version;
  }
  get Build(): string {
    return this.m.opt.build;
  }
  get System(): { readonly OperatingSystem: string } {
    return { OperatingSystem: this.m.opt.os };
  }
  get ActiveDocument(): WpsDocument | null {
    return this.m.open ? this.document : null;
  }
  get Selection(): WpsSelection {
    return new SimSelection(this.m, this.document);
  }
  /** [CODE] §9: CreateTaskPane(url) returns a pane (.ID, .Visible, .DockPosition); hidden until Visible = true */
  CreateTaskPane(url: string, title?: string): WpsTaskPane {
    const pane = new SimTaskPane(this.nextPaneId++, url, title);
    this.taskPanes.push(pane);
    return pane;
  }
  /** [CODE] §9: GetTaskPane(id) finds it again; ids come back from PluginStorage as given */
  GetTaskPane(id: number): WpsTaskPane | null {
    return this.taskPanes.find((p) => p.ID === Number(id) && !p.deleted) ?? null;
  }
}

export type { WpsCancel };
