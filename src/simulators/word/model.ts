// The document state behind the Word simulator: characters, content-control markers,
// the selection, undo history and tracked revisions. No Office.js shapes here (see api/).
//
// Positions are gaps between items (0..items.length). A content control is a pair of
// markers, so "before the opening tag" and "after the opening tag" are different
// positions, as in Word's RangeLocation 'Before' vs 'Start' (typings of Word.RangeLocation).

export interface Fmt {
  /** '#rrggbb'; undefined = automatic */
  color?: string;
  italic?: boolean;
}

export type Item =
  | { t: 'c'; ch: string; fmt: Fmt; rev?: 'ins' | 'del' }
  | { t: 'o'; id: number }
  | { t: 'x'; id: number };

export interface ControlInfo {
  id: number;
  tag: string;
  title: string;
  appearance: 'BoundingBox' | 'Tags' | 'Hidden';
  cannotEdit: boolean;
  cannotDelete: boolean;
}

/** a live range: the model moves it as text is inserted or removed before it */
export class Span {
  constructor(public start: number, public end: number) {}
}

export type TrackMode = 'Off' | 'TrackAll' | 'TrackMineOnly';

interface Saved {
  items: Item[];
  controls: Map<number, ControlInfo>;
  sel: [number, number];
}

export class WordModel {
  items: Item[] = [];
  controls = new Map<number, ControlInfo>();
  readonly selection = new Span(0, 0);
  trackMode: TrackMode = 'Off';
  /** the first section's page headers by HeaderFooterType ('\n' between paragraphs); where some
   * templates print the 密级. Plain text: the add-in only reads them. */
  headers: Record<'Primary' | 'FirstPage' | 'EvenPages', string> = { Primary: '', FirstPage: '', EvenPages: '' };
  /** Word on the web shows tracked deletions in paragraph text (HOST-API-NOTES §5, #1267) */
  deletedTextVisible = false;
  private live = new Set<Span>();
  private undoStack: Saved[] = [];
  private nextId = 1;
  revisions = 0;
  undoEntries = 0;
  /** where text was last deleted in this sync and its formatting (for `replacedFormatSticks`, #4276) */
  replacedFmt: { at: number; fmt: Fmt } | null = null;

  // ---- reading -------------------------------------------------------------

  isChar(i: number): boolean {
    const it = this.items[i];
    return it !== undefined && it.t === 'c' && (it.rev !== 'del' || this.deletedTextVisible);
  }

  /** text between two positions, paragraph marks as `sep` */
  textOf(start: number, end: number, sep = '\n'): string {
    let s = '';
    for (let i = start; i < end; i++) {
      const it = this.items[i];
      if (it.t === 'c' && this.isChar(i)) s += it.ch === '\n' ? sep : it.ch;
    }
    return s;
  }

  /** the person's view: all visible text, '\n' between paragraphs */
  text(): string {
    return this.textOf(0, this.items.length);
  }

  /** number of visible characters before a position */
  posToText(p: number): number {
    let n = 0;
    for (let i = 0; i < p; i++) if (this.isChar(i)) n++;
    return n;
  }

  /** gap right after the k-th visible character, past any closing tags but not opening tags:
   *  a caret put right after a control is outside it, a caret right before one is outside too */
  textToPos(k: number): number {
    let i = 0;
    let n = 0;
    while (n < k && i < this.items.length) {
      if (this.isChar(i)) n++;
      i++;
    }
    if (n < k) throw new RangeError(`offset ${k} beyond text length ${n}`);
    while (i < this.items.length && this.items[i].t === 'x') i++;
    return i;
  }

  markers(id: number): { open: number; close: number } | null {
    let open = -1;
    for (let i = 0; i < this.items.length; i++) {
      const it = this.items[i];
      if (it.t === 'o' && it.id === id) open = i;
      if (it.t === 'x' && it.id === id) return open >= 0 ? { open, close: i } : null;
    }
    return null;
  }

  /** controls whose content lies within [start,end], in document order */
  controlsIn(start: number, end: number): number[] {
    const out: number[] = [];
    for (let i = start; i < end; i++) {
      const it = this.items[i];
      if (it.t === 'o') {
        const m = this.markers(it.id);
        if (m && m.close < end) out.push(it.id);
      }
    }
    return out;
  }

  /** innermost control containing position p (p strictly inside its tags) */
  controlAt(p: number): number | null {
    const stack: number[] = [];
    for (let i = 0; i < p && i < this.items.length; i++) {
      const it = this.items[i];
      if (it.t === 'o') stack.push(it.id);
      else if (it.t === 'x') stack.splice(stack.lastIndexOf(it.id), 1);
    }
    return stack.length ? stack[stack.length - 1] : null;
  }

  /** controls enclosing item i, outermost first */
  enclosing(i: number): number[] {
    const stack: number[] = [];
    for (let j = 0; j < i; j++) {
      const it = this.items[j];
      if (it.t === 'o') stack.push(it.id);
      else if (it.t === 'x') stack.splice(stack.lastIndexOf(it.id), 1);
    }
    return stack;
  }

  /** paragraph containing position p: [start of its first char, position of its mark (or end)] */
  paragraphAt(p: number): { start: number; end: number } {
    let start = p;
    while (start > 0) {
      const it = this.items[start - 1];
      if (it.t === 'c' && it.ch === '\n') break;
      start--;
    }
    let end = p;
    while (end < this.items.length) {
      const it = this.items[end];
      if (it.t === 'c' && it.ch === '\n') break;
      end++;
    }
    return { start, end };
  }

  /** paragraphs overlapping [start,end] */
  paragraphsIn(start: number, end: number): { start: number; end: number }[] {
    const out: { start: number; end: number }[] = [];
    let p = this.paragraphAt(start);
    for (;;) {
      out.push(p);
      if (p.end >= end || p.end >= this.items.length) return out;
      p = this.paragraphAt(p.end + 1);
    }
  }

  /** formatting new text at p takes: the previous character's, even across a control
   *  boundary (HOST-API-NOTES §2: office-js #6448 by design, #4276 insertText inherits) */
  fmtAt(p: number): Fmt {
    for (let i = p - 1; i >= 0; i--) {
      const it = this.items[i];
      if (it.t === 'c') return { ...it.fmt };
    }
    for (let i = p; i < this.items.length; i++) {
      const it = this.items[i];
      if (it.t === 'c') return { ...it.fmt };
    }
    return {};
  }

  // ---- live ranges -----------------------------------------------------------

  track(s: Span): Span {
    this.live.add(s);
    return s;
  }

  untrack(s: Span): void {
    this.live.delete(s);
  }

  // ---- writing -------------------------------------------------------------

  /** one undo entry: HOST-API-NOTES §6 — every sync that writes adds one, no grouping (#1827) */
  checkpoint(): void {
    this.undoStack.push({
      items: this.items.map((it) => (it.t === 'c' ? { ...it, fmt: { ...it.fmt } } : { ...it })),
      controls: new Map([...this.controls].map(([k, v]) => [k, { ...v }])),
      sel: [this.selection.start, this.selection.end],
    });
    this.undoEntries++;
  }

  /** no-op entries (e.g. expandTo on the web, §6 #5715) still take an undo step */
  emptyCheckpoint(): void {
    this.checkpoint();
  }

  undo(): boolean {
    const s = this.undoStack.pop();
    if (!s) return false;
    this.items = s.items;
    this.controls = s.controls;
    // live ranges cannot survive a restore meaningfully; clamp them
    for (const sp of this.live) {
      sp.start = Math.min(sp.start, this.items.length);
      sp.end = Math.min(sp.end, this.items.length);
    }
    this.selection.start = s.sel[0];
    this.selection.end = s.sel[1];
    return true;
  }

  get undoDepth(): number {
    return this.undoStack.length;
  }

  /** insert text at p; spans listed in `pushed` that sit exactly at p move after the new text */
  insert(p: number, text: string, fmt: Fmt, pushed: Span[] = []): Span {
    const tracked = this.trackMode !== 'Off';
    const items: Item[] = [...text].map((ch) => ({ t: 'c' as const, ch, fmt: { ...fmt }, ...(tracked ? { rev: 'ins' as const } : {}) }));
    if (tracked && items.length) this.revisions++;
    this.items.splice(p, 0, ...items);
    const n = items.length;
    const shift = (sp: Span, force: boolean) => {
      if (sp.start > p || (force && sp.start === p)) sp.start += n;
      if (sp.end > p || (force && sp.end === p)) sp.end += n;
    };
    for (const sp of this.live) shift(sp, pushed.includes(sp));
    shift(this.selection, pushed.includes(this.selection));
    return new Span(p, p + n);
  }

  insertMarkers(start: number, end: number, info: Omit<ControlInfo, 'id'>): number {
    const id = this.nextId++;
    this.controls.set(id, { id, ...info });
    this.items.splice(end, 0, { t: 'x', id });
    this.items.splice(start, 0, { t: 'o', id });
    // positions at or before the start stay outside (before the opening tag); positions at
    // or after the end move past the closing tag; positions strictly inside move in by one
    const adj = (q: number) => (q <= start ? q : q >= end ? q + 2 : q + 1);
    for (const sp of [...this.live, this.selection]) {
      sp.start = adj(sp.start);
      sp.end = adj(sp.end);
    }
    return id;
  }

  /** remove items at the given indices and move live ranges accordingly */
  private removeIndices(idx: number[]): void {
    if (!idx.length) return;
    const set = new Set(idx);
    this.items = this.items.filter((_, i) => !set.has(i));
    const sorted = [...set].sort((a, b) => a - b);
    const map = (q: number) => {
      let k = 0;
      while (k < sorted.length && sorted[k] < q) k++;
      return q - k;
    };
    for (const sp of [...this.live, this.selection]) {
      sp.start = map(sp.start);
      sp.end = map(sp.end);
    }
  }

  /** delete text in [start,end). Controls wholly inside go too; a lone tag stays, so a
   *  control can be left empty (§6). With tracking on, others' text becomes a deletion
   *  revision and our own tracked insertion vanishes without trace (§5, Q&A 4885990). */
  deleteRange(start: number, end: number): void {
    const idx: number[] = [];
    const whole = new Set(this.controlsIn(start, end));
    const tracked = this.trackMode !== 'Off';
    let marked = false;
    for (let i = start; i < end; i++) {
      const it = this.items[i];
      if (it.t === 'c') {
        if (tracked && it.rev !== 'ins') {
          if (it.rev !== 'del') {
            it.rev = 'del';
            marked = true;
          }
        } else idx.push(i);
      } else if (whole.has(it.id) && !tracked) idx.push(i);
    }
    if (marked) this.revisions++;
    if (!tracked) for (const id of whole) this.controls.delete(id);
    const first = idx.map((i) => this.items[i]).find((it) => it.t === 'c');
    this.removeIndices(idx);
    if (first?.t === 'c') this.replacedFmt = { at: start, fmt: { ...first.fmt } };
  }

  /** ContentControl.delete(keepContent) — Office.js meaning: true keeps the text (§2) */
  deleteControl(id: number, keepContent: boolean): void {
    const m = this.markers(id);
    if (!m) return;
    if (keepContent) {
      this.removeIndices([m.open, m.close]);
    } else {
      this.deleteRange(m.open + 1, m.close);
      const m2 = this.markers(id);
      if (m2) this.removeIndices([m2.open, m2.close]);
      if (this.replacedFmt) this.replacedFmt.at = m.open; // the content sat where the opening tag was
    }
    this.controls.delete(id);
  }

  setFmt(start: number, end: number, patch: Fmt): void {
    for (let i = start; i < end; i++) {
      const it = this.items[i];
      if (it.t === 'c') Object.assign(it.fmt, patch);
    }
  }

  load(text: string): void {
    this.items = [...text].map((ch) => ({ t: 'c' as const, ch, fmt: {} }));
    this.controls.clear();
    this.undoStack = [];
    this.selection.start = this.selection.end = this.items.length;
  }
}
