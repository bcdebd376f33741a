// Proxy objects of the fake Word API (Range, Paragraph, ContentControl, Font, Body,
// Document and their collections). Each method queues work that runs at context.sync().
// Semantics follow https://learn.microsoft.com/javascript/api/word and HOST-API-NOTES §1–§6.

import { Ctx, SimError, SimObject, SimResult } from './context';
import { SimDocumentProperties } from './customProperties';
import { Span } from './model';
import type { Fmt } from './model';
import { findNeedle } from '../findText';

/** controls made on a collapsed range and not yet written into (for `partialContentControl`, #1771) */
const fresh = new Set<number>();

type Loc = 'Whole' | 'Start' | 'End' | 'Before' | 'After' | 'Content';
type InsertLoc = 'Before' | 'After' | 'Start' | 'End' | 'Replace';

/** Word on Windows reports paragraph marks as '\r' in Range.text [UNCONFIRMED per platform] */
const PARA_SEP = '\r';

const normColor = (c: string): string => {
  const named: Record<string, string> = { gray: '#808080', grey: '#808080', black: '#000000', red: '#FF0000' };
  const v = named[c.toLowerCase()] ?? c;
  if (!/^#[0-9a-f]{6}$/i.test(v)) throw new SimError('InvalidArgument', `bad colour ${c}`);
  return v.toUpperCase();
};

// ---- Font ---------------------------------------------------------------------

export class SimFont extends SimObject {
  constructor(ctx: Ctx, private readonly span: () => Span) {
    super(ctx);
  }
  protected scalars(): string[] {
    return ['color', 'italic'];
  }
  /** a collapsed range reports what typed text would get (previous character, §2);
   *  a mixed range reports null like Word; automatic colour reads as #000000 */
  protected read(name: string): unknown {
    const sp = this.span();
    const fmts: Fmt[] = [];
    for (let i = sp.start; i < sp.end; i++) {
      const it = this.model.items[i];
      if (it.t === 'c' && it.ch !== '\n') fmts.push(it.fmt);
    }
    if (!fmts.length) fmts.push(this.model.fmtAt(sp.start));
    const vals = fmts.map((f) => (name === 'color' ? f.color ?? '#000000' : f.italic ?? false));
    return vals.every((v) => v === vals[0]) ? vals[0] : null;
  }
  get color(): string {
    return this.prop('color');
  }
  set color(v: string) {
    const c = normColor(v);
    this.context.enqueue({ write: true, run: () => { const s = this.span(); this.model.setFmt(s.start, s.end, { color: c }); } });
  }
  get italic(): boolean {
    return this.prop('italic');
  }
  set italic(v: boolean) {
    this.context.enqueue({ write: true, run: () => { const s = this.span(); this.model.setFmt(s.start, s.end, { italic: v }); } });
  }
}

// ---- Range ----------------------------------------------------------------------

export class SimRange extends SimObject {
  private sp?: Span;
  readonly isNullObject = false;

  /** a range whose position is computed at its point in the queue */
  static queued(ctx: Ctx, resolve: () => Span, need13 = true): SimRange {
    const r = new SimRange(ctx);
    ctx.enqueue({ write: false, run: () => { if (need13) ctx.need('WordApi', 1.3); r.sp = ctx.keep(resolve()); } });
    return r;
  }

  /** a range over a known span (a search match) */
  static at(ctx: Ctx, span: Span): SimRange {
    const r = new SimRange(ctx);
    r.sp = ctx.keep(span);
    return r;
  }

  span(): Span {
    if (!this.sp) throw new SimError('GeneralException', 'range used before it was resolved');
    return this.sp;
  }

  protected scalars(): string[] {
    return ['text', 'isEmpty', 'style'];
  }
  protected read(name: string): unknown {
    const s = this.span();
    if (name === 'text') {
      const t = this.model.textOf(s.start, s.end, PARA_SEP);
      this.env.stats.charsRead += t.length;
      return t;
    }
    if (name === 'isEmpty') return this.model.textOf(s.start, s.end) === '';
    if (name === 'style') return 'Normal';
    throw new SimError('InvalidArgument', `Range has no property ${name}`);
  }
  protected override child(name: string): SimObject | null {
    return name === 'font' ? this.font : null;
  }
  get text(): string {
    return this.prop('text');
  }
  get isEmpty(): boolean {
    return this.prop('isEmpty');
  }
  private fontProxy?: SimFont;
  get font(): SimFont {
    return (this.fontProxy ??= new SimFont(this.context, () => this.span()));
  }

  getRange(loc: Loc = 'Whole'): SimRange {
    return SimRange.queued(this.context, () => {
      const s = this.span();
      if (loc === 'Start' || loc === 'Before') return new Span(s.start, s.start);
      if (loc === 'End' || loc === 'After') return new Span(s.end, s.end);
      return new Span(s.start, s.end);
    });
  }

  expandTo(other: SimRange): SimRange {
    const r = SimRange.queued(this.context, () => {
      const a = this.span();
      const b = other.span();
      return new Span(Math.min(a.start, b.start), Math.max(a.end, b.end));
    });
    // §6 #5715/#2720: on the web expandTo pushes an undo entry though it changes nothing
    // "the undo stack gets populated with one item, per call to .expandTo" (#5715): one entry per call, not per sync
    if (this.env.expandToAddsUndo) this.context.enqueue({ write: false, run: () => this.model.emptyCheckpoint() });
    return r;
  }

  /** Word.LocationRelation of this range to another; positions compared, not offsets (§1 #6793) */
  compareLocationWith(other: SimRange): SimResult<string> {
    const res = new SimResult<string>();
    this.context.enqueue({
      write: false,
      run: () => {
        this.context.need('WordApi', 1.3);
        const a = this.span();
        const b = other.span();
        let rel: string;
        if (a.start === b.start && a.end === b.end) rel = 'Equal';
        else if (a.end <= b.start) rel = a.end === b.start ? 'AdjacentBefore' : 'Before';
        else if (a.start >= b.end) rel = a.start === b.end ? 'AdjacentAfter' : 'After';
        else if (a.start <= b.start && a.end >= b.end) rel = a.start === b.start ? 'ContainsStart' : a.end === b.end ? 'ContainsEnd' : 'Contains';
        else if (a.start >= b.start && a.end <= b.end) rel = a.start === b.start ? 'InsideStart' : a.end === b.end ? 'InsideEnd' : 'Inside';
        else rel = a.start < b.start ? 'OverlapsBefore' : 'OverlapsAfter';
        res.fill(this.context, rel);
      },
    });
    return res;
  }

  /** §1: Before/After put text outside the target, Start/End inside (target grows);
   *  returns the new range. The new text takes neighbouring formatting (§2 #4276). */
  insertText(text: string, loc: InsertLoc): SimRange {
    const result = new SimRange(this.context);
    this.context.enqueue({
      write: true,
      run: () => {
        result.sp = this.context.keep(insertAt(this.context, this.span(), text, loc));
      },
    });
    return result;
  }

  insertContentControl(): SimContentControl {
    const cc = new SimContentControl(this.context);
    this.context.enqueue({
      write: true,
      run: () => {
        // #1169: insertContentControl throws where the range crosses another control; `contentControlFails` makes it throw
        if (this.env.contentControlFails) throw new SimError('InvalidArgument', 'Cannot insert a content control here.');
        const s = this.span();
        // §2 #1771: sometimes only part of a just-inserted range gets wrapped
        const from = this.env.partialContentControl && s.end - s.start > 1 ? s.start + 1 : s.start;
        const sel = this.model.selection;
        const caretHere = s.start === s.end && sel.start === s.start && sel.end === s.start;
        cc.id0 = this.model.insertMarkers(from, s.end, { tag: '', title: '', appearance: 'BoundingBox', cannotEdit: false, cannotDelete: false });
        if (s.start === s.end) fresh.add(cc.id0);
        // §1 [UNCONFIRMED], `caretAfterInsert`: a control put at the caret takes the caret in, so what goes into
        // the control next lands before the caret — the caret ends after the ghost
        if (caretHere && this.env.caretAfterInsert === 'after') sel.start = sel.end = s.start + 1;
      },
    });
    return cc;
  }

  delete(): void {
    this.context.enqueue({ write: true, run: () => { const s = this.span(); this.model.deleteRange(s.start, s.end); } });
  }

  /** select('Start'|'End') collapses the caret; select() selects the range (§1) */
  select(mode: 'Select' | 'Start' | 'End' = 'Select'): void {
    this.context.enqueue({
      write: false,
      moves: true,
      run: () => {
        // §1: select() "navigates the Word UI to the range" — each call can scroll the clerk's view
        this.env.stats.selects = (this.env.stats.selects ?? 0) + 1;
        if (this.env.selectIgnored) return; // §1 #1323: Word 2016 MSI ignores select()
        const s = this.span();
        const sel = this.model.selection;
        sel.start = mode === 'End' ? s.end : s.start;
        sel.end = mode === 'Start' ? s.start : s.end;
        this.env.onAddinSelect?.();
      },
    });
  }

  get paragraphs(): SimParagraphCollection {
    return new SimParagraphCollection(this.context, () => { const s = this.span(); return this.model.paragraphsIn(s.start, s.end); });
  }

  get contentControls(): SimContentControlCollection {
    return SimContentControlCollection.queued(this.context, () => { const s = this.span(); return this.model.controlsIn(s.start, s.end); });
  }

  /** WordApi 1.1: the matches of `text` inside this range (see searchSpans) */
  search(text: string, options?: SearchOptions): SimRangeCollection {
    return SimRangeCollection.queued(this.context, () => { const s = this.span(); return searchSpans(this.context, s.start, s.end, text, options); });
  }

  /** WordApi 1.3: the innermost control containing the range's start */
  get parentContentControlOrNullObject(): SimContentControl {
    const cc = new SimContentControl(this.context, true);
    this.context.enqueue({ write: false, run: () => { this.context.need('WordApi', 1.3); cc.id0 = this.model.controlAt(this.span().start); } });
    return cc;
  }
}

/** shared by Range and ContentControl insertText */
function insertAt(ctx: Ctx, target: Span, text: string, loc: InsertLoc): Span {
  const { model, caretAfterInsert, caretKeepsOffset } = ctx.env;
  let p: number;
  if (loc === 'Replace') {
    model.deleteRange(target.start, target.end);
    p = target.start;
  } else p = loc === 'Before' || loc === 'Start' ? target.start : target.end;
  // §2 #4276: with `replacedFormatSticks`, text put where text was just deleted takes the deleted text's look
  const sticky = ctx.env.replacedFormatSticks && model.replacedFmt?.at === p ? model.replacedFmt.fmt : null;
  const fmt = sticky ? { ...sticky } : model.fmtAt(p);
  const sel = model.selection;
  const caretBefore = [sel.start, sel.end] as const;
  // §1 [UNCONFIRMED]: whether a caret at the insertion point ends before or after the text
  const pushed: Span[] = [];
  if (caretAfterInsert === 'after' && sel.start === p && sel.end === p) pushed.push(sel);
  if (loc === 'Before') pushed.push(target);
  const added = model.insert(p, text, fmt, pushed);
  if (loc === 'End' || loc === 'Replace' || (loc === 'Start' && target.end === target.start)) target.end = Math.max(target.end, added.end);
  // §1 #1794: the 2021 regression left the caret at the same offset after inserting before it
  if (caretKeepsOffset && p < caretBefore[0]) {
    sel.start = caretBefore[0];
    sel.end = caretBefore[1];
  }
  return added;
}

// ---- Paragraphs -------------------------------------------------------------------

export class SimParagraph extends SimObject {
  constructor(ctx: Ctx, private readonly sp: () => Span) {
    super(ctx);
  }
  protected scalars(): string[] {
    return ['text', 'style'];
  }
  protected read(name: string): unknown {
    const s = this.sp();
    if (name === 'text') {
      const t = this.model.textOf(s.start, s.end, PARA_SEP);
      this.env.stats.charsRead += t.length;
      return t;
    }
    if (name === 'style') return 'Normal';
    throw new SimError('InvalidArgument', `Paragraph has no property ${name}`);
  }
  get text(): string {
    return this.prop('text');
  }
  /** 'End' is before the paragraph mark; 'After' after it (Word.RangeLocation docs) */
  getRange(loc: Loc = 'Whole'): SimRange {
    return SimRange.queued(this.context, () => {
      const s = this.sp();
      if (loc === 'Start') return new Span(s.start, s.start);
      if (loc === 'End') return new Span(s.end, s.end);
      if (loc === 'After') { const a = Math.min(s.end + 1, this.model.items.length); return new Span(a, a); }
      return new Span(s.start, s.end);
    });
  }
}

abstract class SimCollection<T extends SimObject, K> extends SimObject {
  protected list?: K[];
  private itemProxies?: T[];
  constructor(ctx: Ctx, private readonly resolveList: () => K[]) {
    super(ctx);
  }
  protected abstract make(key: K): T;
  protected keys(): K[] {
    return (this.list ??= this.resolveList());
  }
  protected scalars(): string[] {
    return [];
  }
  protected read(): unknown {
    return undefined;
  }
  /** load('items/text') or load('text') both load the items' properties */
  override loadNow(list: string[]): void {
    const keys = this.keys();
    const items = keys.map((k) => this.make(k));
    const sub = list.map((p) => p.replace(/^items\/?/, '')).filter(Boolean);
    for (const it of items) it.loadNow(sub.length ? sub : (it as unknown as { scalars(): string[] }).scalars());
    this.context.stage(() => {
      this.itemProxies = items;
    });
  }
  get items(): T[] {
    if (!this.itemProxies) throw new SimError('PropertyNotLoaded', "The property 'items' is not available. Call load() and context.sync() first.");
    return this.itemProxies;
  }
}

/** A collection whose keys are worked out in the batch, in queue order (as Word resolves a query at sync), and
 *  frozen then: what the document does afterwards does not change them. */
function queuedKeys<K, C>(ctx: Ctx, resolve: () => K[], make: (keys: () => K[]) => C): C {
  let frozen: K[] | undefined;
  ctx.enqueue({ write: false, run: () => { frozen = resolve(); } });
  return make(() => frozen ?? []);
}

export class SimParagraphCollection extends SimCollection<SimParagraph, Span> {
  protected make(s: Span): SimParagraph {
    const tracked = this.context.keep(new Span(s.start, s.end));
    return new SimParagraph(this.context, () => tracked);
  }
  private pick(which: 'first' | 'last', orNull: boolean): SimParagraph {
    let chosen: Span | undefined;
    const p = new SimParagraph(this.context, () => {
      if (!chosen) throw new SimError('ItemNotFound', 'The requested paragraph does not exist.');
      return chosen;
    });
    this.context.enqueue({
      write: false,
      run: () => {
        const k = this.keys();
        const s = which === 'first' ? k[0] : k[k.length - 1];
        if (!s && !orNull) throw new SimError('ItemNotFound', 'The collection is empty.');
        if (s) chosen = this.context.keep(new Span(s.start, s.end));
      },
    });
    return p;
  }
  getFirst(): SimParagraph {
    return this.pick('first', false);
  }
  getLast(): SimParagraph {
    return this.pick('last', false);
  }
}

// ---- Content controls ---------------------------------------------------------------

export class SimContentControl extends SimObject {
  /** resolved control id; null = a null object */
  id0?: number | null;
  constructor(ctx: Ctx, private readonly orNull = false) {
    super(ctx);
  }
  private m(): { open: number; close: number } {
    const id = this.id0;
    const m = id == null ? null : this.model.markers(id);
    if (!m) throw new SimError('ItemNotFound', 'The content control does not exist (deleted or null object).');
    return m;
  }
  protected scalars(): string[] {
    return ['id', 'tag', 'title', 'appearance', 'text', 'cannotEdit', 'cannotDelete'];
  }
  override loadNow(list: string[]): void {
    if (this.orNull && this.id0 == null) {
      this.context.stage(() => this.loaded.set('isNullObject', true));
      return;
    }
    if (this.orNull) this.context.stage(() => this.loaded.set('isNullObject', false));
    super.loadNow(list.filter((p) => p !== 'isNullObject'));
  }
  protected read(name: string): unknown {
    const m = this.m();
    const info = this.model.controls.get(this.id0 as number);
    if (!info) throw new SimError('ItemNotFound', 'content control gone');
    if (name === 'text') {
      const t = this.model.textOf(m.open + 1, m.close, PARA_SEP);
      this.env.stats.charsRead += t.length;
      return t;
    }
    if (name in info) return info[name as keyof typeof info];
    throw new SimError('InvalidArgument', `ContentControl has no property ${name}`);
  }
  protected override child(name: string): SimObject | null {
    return name === 'font' ? this.font : null;
  }
  get isNullObject(): boolean {
    return this.orNull ? this.prop('isNullObject') : false;
  }
  get id(): number { return this.prop('id'); }
  get text(): string { return this.prop('text'); }
  get cannotEdit(): boolean { return this.prop('cannotEdit'); }
  get cannotDelete(): boolean { return this.prop('cannotDelete'); }
  get tag(): string { return this.prop('tag'); }
  set tag(v: string) { this.setInfo('tag', v); }
  get title(): string { return this.prop('title'); }
  set title(v: string) { this.setInfo('title', v); }
  get appearance(): string { return this.prop('appearance'); }
  set appearance(v: string) { this.setInfo('appearance', v); }

  private setInfo(key: 'tag' | 'title' | 'appearance', v: string): void {
    this.context.enqueue({
      write: true,
      run: () => {
        this.m();
        const info = this.model.controls.get(this.id0 as number);
        if (info) (info as unknown as Record<string, string>)[key] = v;
      },
    });
  }

  private fontProxy?: SimFont;
  get font(): SimFont {
    return (this.fontProxy ??= new SimFont(this.context, () => { const m = this.m(); return new Span(m.open + 1, m.close); }));
  }

  /** Office.js: delete(true) keeps the content; COM/WPS use the opposite flag (§2) */
  delete(keepContent: boolean): void {
    this.context.enqueue({
      write: true,
      run: () => {
        this.m();
        const info = this.model.controls.get(this.id0 as number);
        if (info?.cannotDelete) throw new SimError('AccessDenied', 'The content control cannot be deleted.');
        this.model.deleteControl(this.id0 as number, keepContent || this.env.controlDeleteKeepsText);
      },
    });
  }

  /** Start = after the opening tag, Before = before it (Word.RangeLocation docs) */
  getRange(loc: Loc = 'Whole'): SimRange {
    return SimRange.queued(this.context, () => {
      const m = this.m();
      switch (loc) {
        case 'Before': return new Span(m.open, m.open);
        case 'Start': return new Span(m.open + 1, m.open + 1);
        case 'End': return new Span(m.close, m.close);
        case 'After': return new Span(m.close + 1, m.close + 1);
        case 'Content': return new Span(m.open + 1, m.close);
        default: return new Span(m.open, m.close + 1);
      }
    });
  }

  insertText(text: string, loc: InsertLoc): SimRange {
    const result = new SimRange(this.context);
    this.context.enqueue({
      write: true,
      run: () => {
        const m = this.m();
        const info = this.model.controls.get(this.id0 as number);
        const inside = loc !== 'Before' && loc !== 'After';
        if (inside && info?.cannotEdit) throw new SimError('AccessDenied', 'The content control cannot be edited.');
        let target = loc === 'Before' ? new Span(m.open, m.open) : loc === 'After' ? new Span(m.close + 1, m.close + 1) : new Span(m.open + 1, m.close);
        let where = inside ? loc : 'After';
        // §2 #1771 with the control inserted first: the text put into a just-made empty control is wrapped only
        // in part — its first character lands before the control
        if (this.env.partialContentControl && inside && fresh.has(this.id0 as number) && m.close === m.open + 1 && text.length > 1) {
          fresh.delete(this.id0 as number);
          insertAt(this.context, new Span(m.open, m.open), text[0], 'Before');
          const m2 = this.m();
          target = new Span(m2.open + 1, m2.close);
          where = 'Replace';
          text = text.slice(1);
        }
        fresh.delete(this.id0 as number);
        // result lands in tracked Span; tracked target keeps positions valid during the insert
        this.context.keep(target);
        (result as unknown as { sp: Span }).sp = this.context.keep(insertAt(this.context, target, text, where as InsertLoc));
      },
    });
    return result;
  }
}

export class SimContentControlCollection extends SimCollection<SimContentControl, number> {
  static queued(ctx: Ctx, resolve: () => number[]): SimContentControlCollection {
    return queuedKeys(ctx, resolve, (keys) => new SimContentControlCollection(ctx, keys));
  }
  protected make(id: number): SimContentControl {
    const cc = new SimContentControl(this.context);
    cc.id0 = id;
    return cc;
  }
  getByTag(tag: string): SimContentControlCollection {
    return SimContentControlCollection.queued(this.context, () => this.keys().filter((id) => this.model.controls.get(id)?.tag === tag));
  }
  private pick(orNull: boolean): SimContentControl {
    const cc = new SimContentControl(this.context, orNull);
    this.context.enqueue({
      write: false,
      run: () => {
        const first = this.keys()[0];
        if (first === undefined && !orNull) throw new SimError('ItemNotFound', 'The collection is empty.');
        cc.id0 = first ?? null;
      },
    });
    return cc;
  }
  getFirst(): SimContentControl {
    return this.pick(false);
  }
  getFirstOrNullObject(): SimContentControl {
    return this.pick(true);
  }
  /** ContentControlCollection.getById (WordApi 1.1) / getByIdOrNullObject (1.3): one control by the id Word gave it;
   *  an undo restores a control with its id (the model keeps it), a paste makes a new one */
  private byId(id: number, orNull: boolean): SimContentControl {
    const cc = new SimContentControl(this.context, orNull);
    this.context.enqueue({
      write: false,
      run: () => {
        if (orNull) this.context.need('WordApi', 1.3);
        const found = this.keys().includes(id) ? id : null;
        if (found === null && !orNull) throw new SimError('ItemNotFound', `No content control with id ${id}.`);
        cc.id0 = found;
      },
    });
    return cc;
  }
  getById(id: number): SimContentControl {
    return this.byId(id, false);
  }
  getByIdOrNullObject(id: number): SimContentControl {
    return this.byId(id, true);
  }
}

// ---- Search (WordApi 1.1) ----------------------------------------------------------

export interface SearchOptions {
  matchCase?: boolean;
  matchWildcards?: boolean;
}

/**
 * Body.search / Range.search as documented (https://learn.microsoft.com/javascript/api/word/word.body#word-word-body-search-member(1)):
 * "The search results are a collection of Range objects"; searchText "Can be a maximum of 255 characters" (longer:
 * Word.ErrorCodes.searchStringInvalidOrTooLong); SearchOptions.matchCase "The default is false". Matches are found
 * left to right and do not overlap, as Word's Find and Replace finds them. Without wildcards `^` starts one of Word's
 * special characters: `^^` a caret, `^p` a paragraph mark, `^t` a tab; any other `^x` is refused here (we model only
 * what the add-in uses). Wildcards are not modelled. Width: matched exactly (whether Word folds full- and half-width
 * forms is [UNCONFIRMED]; the host reads each match back, so either way is safe).
 */
function searchSpans(ctx: Ctx, start: number, end: number, query: string, options: SearchOptions = {}): Span[] {
  if (options.matchWildcards) throw new SimError('NotImplemented', 'wildcard search is not modelled');
  if (!query || query.length > 255) throw new SimError('SearchStringInvalidOrTooLong', 'The search string is invalid or too long.');
  const needle = findNeedle(query, '\n', (special) => new SimError('SearchStringInvalidOrTooLong', `special character ${special} is not modelled`));
  const model = ctx.env.model;
  // the visible characters of the range with their positions
  const pos: number[] = [];
  let text = '';
  for (let i = start; i < end; i++) {
    const it = model.items[i];
    if (it.t === 'c' && model.isChar(i)) { pos.push(i); text += it.ch; }
  }
  const fold = (t: string) => (options.matchCase ? t : t.toLowerCase());
  const hay = fold(text);
  const pin = fold(needle);
  const out: Span[] = [];
  for (let at = hay.indexOf(pin); at >= 0; at = hay.indexOf(pin, at + pin.length)) {
    out.push(new Span(pos[at], pos[at + pin.length - 1] + 1));
  }
  return out;
}

export class SimRangeCollection extends SimCollection<SimRange, Span> {
  static queued(ctx: Ctx, resolve: () => Span[]): SimRangeCollection {
    return queuedKeys(ctx, resolve, (keys) => new SimRangeCollection(ctx, keys));
  }
  protected make(s: Span): SimRange {
    return SimRange.at(this.context, new Span(s.start, s.end));
  }
}

// ---- Body and Document -------------------------------------------------------------

export class SimBody extends SimObject {
  protected scalars(): string[] {
    return ['text'];
  }
  protected read(name: string): unknown {
    if (name !== 'text') throw new SimError('InvalidArgument', `Body has no property ${name}`);
    const t = this.model.textOf(0, this.model.items.length, PARA_SEP);
    this.env.stats.charsRead += t.length;
    return t;
  }
  get text(): string {
    return this.prop('text');
  }
  getRange(loc: 'Whole' | 'Start' | 'End' | 'After' | 'Content' = 'Whole'): SimRange {
    return SimRange.queued(this.context, () => {
      const n = this.model.items.length;
      if (loc === 'Start') return new Span(0, 0);
      if (loc === 'End' || loc === 'After') return new Span(n, n);
      return new Span(0, n);
    });
  }
  get paragraphs(): SimParagraphCollection {
    return new SimParagraphCollection(this.context, () => this.model.paragraphsIn(0, this.model.items.length));
  }
  /** WordApi 1.1 (see searchSpans) */
  search(text: string, options?: SearchOptions): SimRangeCollection {
    return SimRangeCollection.queued(this.context, () => searchSpans(this.context, 0, this.model.items.length, text, options));
  }
  get contentControls(): SimContentControlCollection {
    return SimContentControlCollection.queued(this.context, () => this.model.controlsIn(0, this.model.items.length));
  }
}

/** A header's Body (read only here). Source: Word.Section.getHeader(type) → Word.Body, WordApi 1.1;
 * 'Primary' is the header "on all pages of a section, but excludes the first page or even pages if
 * they are different" (https://learn.microsoft.com/javascript/api/word/word.headerfootertype).
 * Its text costs a return trip like any loaded text (§4). */
export class SimHeaderBody extends SimObject {
  constructor(ctx: Ctx, private readonly type: 'Primary' | 'FirstPage' | 'EvenPages') {
    super(ctx);
  }
  protected scalars(): string[] {
    return ['text'];
  }
  protected read(name: string): unknown {
    if (name !== 'text') throw new SimError('InvalidArgument', `Body has no property ${name}`);
    const t = this.model.headers[this.type].replace(/\n/g, PARA_SEP);
    this.env.stats.charsRead += t.length;
    this.env.stats.headerReads = (this.env.stats.headerReads ?? 0) + 1;
    return t;
  }
  get text(): string {
    return this.prop('text');
  }
}

/** Word.Section (WordApi 1.1): only getHeader is modelled; the simulated document has one section. */
export class SimSection extends SimObject {
  protected scalars(): string[] {
    return [];
  }
  protected read(name: string): unknown {
    throw new SimError('InvalidArgument', `Section has no property ${name}`);
  }
  getHeader(type: 'Primary' | 'FirstPage' | 'EvenPages' | string): SimHeaderBody {
    if (type !== 'Primary' && type !== 'FirstPage' && type !== 'EvenPages') throw new SimError('InvalidArgument', `bad header type ${type}`);
    return new SimHeaderBody(this.context, type);
  }
}

export class SimSectionCollection {
  constructor(private readonly ctx: Ctx) {}
  getFirst(): SimSection {
    return new SimSection(this.ctx);
  }
}

export class SimDocument extends SimObject {
  readonly body = new SimBody(this.context);
  /** WordApi 1.1 */
  get sections(): SimSectionCollection {
    return new SimSectionCollection(this.context);
  }
  protected scalars(): string[] {
    return [];
  }
  protected read(name: string): unknown {
    if (name === 'changeTrackingMode') {
      this.context.need('WordApi', 1.4); // §5: changeTrackingMode arrived in WordApi 1.4
      return this.model.trackMode;
    }
    throw new SimError('InvalidArgument', `Document has no property ${name}`);
  }
  get changeTrackingMode(): string {
    return this.prop('changeTrackingMode');
  }
  set changeTrackingMode(v: string) {
    this.context.enqueue({ write: false, run: () => { this.context.need('WordApi', 1.4); this.model.trackMode = v as 'Off'; } });
  }
  /** a snapshot range of the selection at this point of the batch */
  getSelection(): SimRange {
    return SimRange.queued(this.context, () => new Span(this.model.selection.start, this.model.selection.end), false);
  }
  get contentControls(): SimContentControlCollection {
    return this.body.contentControls;
  }
  /** WordApi 1.3: custom properties (customProperties.ts) */
  get properties(): SimDocumentProperties {
    return new SimDocumentProperties(this.context);
  }
  /** WordApi 1.6 (§3): fired for the add-in's own edits too, late, merged, lost in fast edits */
  get onParagraphChanged(): SimEventSlot {
    return new SimEventSlot(this.context);
  }
  get onParagraphAdded(): SimEventSlot {
    return new SimEventSlot(this.context);
  }
  get onParagraphDeleted(): SimEventSlot {
    return new SimEventSlot(this.context);
  }
}

type ParaHandler = (e: { type: string; source?: string }) => void;

/** OfficeExtension.EventHandlers: add() takes effect at sync; handlers die with the add-in */
export class SimEventSlot {
  constructor(private readonly ctx: Ctx) {}
  add(handler: ParaHandler): { remove(): void } {
    this.ctx.enqueue({ write: false, run: () => { this.ctx.need('WordApi', 1.6); this.ctx.env.paragraphEvents.add(handler); } });
    return {
      remove: () => this.ctx.enqueue({ write: false, run: () => this.ctx.env.paragraphEvents.remove(handler) }),
    };
  }
}
