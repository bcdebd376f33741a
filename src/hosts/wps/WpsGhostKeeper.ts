// WpsHost's ghost keeping: reading the document without the ghost, finding our ghost again and checking it
// is still exactly ours, removing only what is provably ours when it is not (the person typed into it, undid
// it), sweeping a ghost a crash left, and taking the ghost out before every save and close.

import type { HostContext } from '../../core/DocumentHost';
import { WD_COLOR_AUTOMATIC, WD_UNDEFINED, type WpsCancel, type WpsDocument } from './wpsApi';
import { GHOST_BOOKMARK, GHOST_COLOR, WpsBase, toPlain, type Ghost, type Span } from './WpsBase';

export abstract class WpsGhostKeeper extends WpsBase {
  // ---- reading -------------------------------------------------------------
  protected readSync(): HostContext {
    const doc = this.app.ActiveDocument;
    if (!doc) return { text: '', cursor: 0, selectionEmpty: true };
    let raw = doc.Content.Text;
    if (raw.endsWith('\r')) raw = raw.slice(0, -1); // the final paragraph mark
    let start = this.app.Selection.Start;
    let end = this.app.Selection.End;
    // Our ghost no longer looks like ours (an undo, an edit inside it): reconcile before reading.
    if (this.ghost && this.sameDoc(this.ghost.doc, doc) && !this.locate()) {
      this.lost();
      raw = doc.Content.Text;
      if (raw.endsWith('\r')) raw = raw.slice(0, -1);
      start = this.app.Selection.Start;
      end = this.app.Selection.End;
    }
    let text = toPlain(raw);
    // Ghost text is never part of the context: cut it out and map the selection around it.
    for (const s of this.ghostSpans(doc).sort((a, b) => b.start - a.start)) {
      const len = s.end - s.start;
      text = text.slice(0, s.start) + text.slice(s.end);
      const map = (x: number): number => (x <= s.start ? x : x < s.end ? s.start : x - len);
      start = map(start);
      end = map(end);
    }
    start = Math.min(start, text.length);
    end = Math.min(end, text.length);
    const ctx: HostContext = { text, cursor: end, selectionEmpty: start === end };
    const header = this.pageHeader(doc);
    if (header) ctx.header = header;
    return ctx;
  }

  /** The first section's primary header, where some templates print the 密级; '' when WPS cannot
   * say (an older build without Sections, a document without a header). Cached headerRefreshMs. */
  protected pageHeader(doc: WpsDocument): string {
    if (this.opt.headerRefreshMs === Infinity) return '';
    if (Date.now() - this.headerReadAt < this.opt.headerRefreshMs && this.headerDoc !== null && this.sameDoc(this.headerDoc, doc)) return this.header;
    let text = '';
    try {
      text = doc.Sections?.Item(1).Headers.Item(1).Range.Text ?? '';
    } catch {
      text = ''; // no header story: nothing to read
    }
    // an empty header reads as a lone paragraph mark (VBA: `.Range.Text = vbCr`); a marking line is short
    this.header = toPlain(text.slice(0, 200)).trim();
    this.headerReadAt = Date.now();
    this.headerDoc = doc;
    return this.header;
  }

  /** where ghost text is in `doc`: ours if we know it, else anything grey+italic inside the bookmark */
  protected ghostSpans(doc: WpsDocument): Span[] {
    if (this.ghost && this.sameDoc(this.ghost.doc, doc)) {
      const s = this.locate();
      if (s) return [s];
    }
    if (!doc.Bookmarks.Exists(GHOST_BOOKMARK)) return [];
    const r = doc.Bookmarks.Item(GHOST_BOOKMARK).Range;
    return this.ghostRuns(doc, r.Start, r.End);
  }

  /** maximal runs of ghost-formatted characters in [a, b) */
  protected ghostRuns(doc: WpsDocument, a: number, b: number): Span[] {
    if (a >= b) return [];
    if (this.isGhostLook(doc, a, b)) return [{ start: a, end: b }];
    const runs: Span[] = [];
    let runStart = -1;
    for (let i = a; i <= b; i++) {
      const g = i < b && this.isGhostLook(doc, i, i + 1);
      if (g && runStart < 0) runStart = i;
      if (!g && runStart >= 0) {
        runs.push({ start: runStart, end: i });
        runStart = -1;
      }
    }
    return runs;
  }

  /**
   * Not one character changed since our last write and the text is all still grey: only the
   * italic or the bookmark went, which is what one undo does where WPS has no undo grouping
   * (§9 UndoRecord). The person undid the suggestion, so the rest of it goes too. Recoloured text
   * (accepted by the person or another page) is theirs and stays.
   */
  protected dropIfUndone(g: Ghost): boolean {
    const doc = g.doc;
    const end = g.start + g.text.length;
    const unchanged = g.contentAfterWrite !== undefined && doc.Content.Text === g.contentAfterWrite && doc.Range(g.start, end).Text === g.text;
    if (!unchanged || !this.allGrey(doc, g.start, end)) return false;
    this.write(() => {
      doc.Range(g.start, end).Delete();
      this.dropBookmark(doc);
    });
    this.ghost = null;
    this.restoreSaved(g);
    return true;
  }

  /** every character in [a, b) still in the ghost's grey (a mixed range's Font.Color says nothing) */
  protected allGrey(doc: WpsDocument, a: number, b: number): boolean {
    for (let i = a; i < b; i++) if (doc.Range(i, i + 1).Font.Color !== GHOST_COLOR) return false;
    return b > a;
  }

  protected isGhostLook(doc: WpsDocument, a: number, b: number): boolean {
    const f = doc.Range(a, b).Font;
    const italic = f.Italic;
    return f.Color === GHOST_COLOR && italic !== 0 && italic !== WD_UNDEFINED;
  }

  /**
   * Finds our ghost again and checks it is still exactly our text before anything deletes it.
   * Order: the bookmark (moves with the person's edits), then the recorded range, then the
   * nearest grey-italic copy of the text near it (the bookmark may be gone: §9 [UNCONFIRMED]).
   */
  protected locate(): Span | null {
    const g = this.ghost;
    if (!g) return null;
    const doc = g.doc;
    const len = g.text.length;
    let found: Span | null = null;
    if (doc.Bookmarks.Exists(GHOST_BOOKMARK)) {
      const r = doc.Bookmarks.Item(GHOST_BOOKMARK).Range;
      const e = r.End;
      let s = r.Start;
      // Text typed at the bookmark's start may have gone inside it ([UNCONFIRMED] §9): skip it.
      if (e - s > len) s = e - len;
      if (e - s === len && doc.Range(s, e).Text === g.text && this.isGhostLook(doc, s, e)) found = { start: s, end: e };
      else return null; // the bookmark says the ghost changed: do not go looking elsewhere
    } else {
      const r = doc.Range(g.start, g.start + len);
      if (r.Text === g.text && this.isGhostLook(doc, g.start, g.start + len)) found = { start: g.start, end: g.start + len };
      else {
        const from = Math.max(0, g.start - 2000);
        const hay = doc.Range(from, g.start + len + 2000).Text;
        let best: Span | null = null;
        for (let i = hay.indexOf(g.text); i >= 0; i = hay.indexOf(g.text, i + 1)) {
          const s = from + i;
          if (!this.isGhostLook(doc, s, s + len)) continue;
          if (!best || Math.abs(s - g.start) < Math.abs(best.start - g.start)) best = { start: s, end: s + len };
        }
        found = best;
      }
    }
    if (found) g.start = found.start;
    return found;
  }

  /** a ghost in the document we do not hold in memory (the ribbon page acts on the pane's ghost) */
  protected adopt(): void {
    if (this.ghost) return;
    const doc = this.app.ActiveDocument;
    if (!doc || !doc.Bookmarks.Exists(GHOST_BOOKMARK)) return;
    const r = doc.Bookmarks.Item(GHOST_BOOKMARK).Range;
    const runs = this.ghostRuns(doc, r.Start, r.End);
    if (runs.length !== 1) return;
    const s = runs[0];
    const text = doc.Range(s.start, s.end).Text;
    this.ghost = { doc, start: s.start, text, savedBefore: false, contentBefore: '' };
    doc.Bookmarks.Add(GHOST_BOOKMARK, doc.Range(s.start, s.end));
  }

  // ---- writing -------------------------------------------------------------
  /** removes our ghost if it is still exactly ours; otherwise reconciles without touching the person's text */
  protected clearSync(): void {
    const g = this.ghost;
    if (!g) return;
    const span = this.locate();
    if (!span) return this.lost();
    const caret = this.app.Selection.Start;
    let clean = true;
    this.write(() => {
      clean = this.removeSpan(g.doc, span.start, span.end, g.text);
      this.dropBookmark(g.doc);
      if (caret > span.start && caret <= span.end) this.caretTo(span.start);
    });
    this.self.observe('removeClean', clean);
    this.ghost = null;
    this.restoreSaved(g);
  }

  /**
   * The ghost is not where and what we left it (the person typed into it, undid it, deleted part of
   * it). Remove only what is provably ours — the ghost's own text at the ends of the bookmark, in
   * ghost formatting — and leave everything else, then say so.
   */
  protected lost(): void {
    const g = this.ghost;
    this.ghost = null;
    if (g) {
      const doc = g.doc;
      if (this.dropIfUndone(g)) {
        this.emit({ kind: 'ghostLost' });
        return;
      }
      if (doc.Bookmarks.Exists(GHOST_BOOKMARK)) {
        const r = doc.Bookmarks.Item(GHOST_BOOKMARK).Range;
        const a = r.Start;
        const b = r.End;
        const have = doc.Range(a, b).Text;
        const want = g.text;
        // What is left is our text's tail, still grey: the person deleted its head (Delete key) or
        // another page (the ribbon) accepted part of it. Leave it; the next show/save/close sweeps it.
        if (have && want.endsWith(have) && this.isGhostLook(doc, a, b)) {
          this.emit({ kind: 'ghostLost' });
          return;
        }
        let p = 0;
        while (p < have.length && p < want.length && have[p] === want[p]) p++;
        let q = 0;
        const qMax = Math.min(have.length - p, want.length - p);
        while (q < qMax && have[have.length - 1 - q] === want[want.length - 1 - q]) q++;
        // A prefix or suffix counts as ours only in ghost formatting.
        while (p > 0 && !this.isGhostLook(doc, a, a + p)) p--;
        while (q > 0 && !this.isGhostLook(doc, b - q, b)) q--;
        this.write(() => {
          if (q > 0) doc.Range(b - q, b).Delete();
          if (p > 0) doc.Range(a, a + p).Delete();
          this.dropBookmark(doc);
        });
      }
    }
    this.emit({ kind: 'ghostLost' });
  }

  /** start-up and DocumentOpen: a ghost left by a crash is grey italic text inside our bookmark */
  protected sweep(doc: WpsDocument): void {
    if (this.ghost && this.sameDoc(this.ghost.doc, doc)) return;
    if (!doc.Bookmarks.Exists(GHOST_BOOKMARK)) return;
    const r = doc.Bookmarks.Item(GHOST_BOOKMARK).Range;
    const runs = this.ghostRuns(doc, r.Start, r.End);
    const wasSaved = doc.Saved;
    this.write(() => {
      for (const s of runs.sort((x, y) => y.start - x.start)) doc.Range(s.start, s.end).Delete();
      this.dropBookmark(doc);
    });
    // A freshly opened file that only lost our leftovers is not the person's unsaved work.
    if (wasSaved) doc.Saved = true;
  }

  protected beforeSave(doc: WpsDocument): void {
    // Runs synchronously inside WPS's save: the file is written after we return ([DOC] §9).
    if (this.ghost && this.sameDoc(this.ghost.doc, doc)) this.clearSync();
    else this.sweep(doc);
    this.emit({ kind: 'save' });
  }

  protected beforeClose(doc: WpsDocument, _cancel?: WpsCancel): void {
    // Before WPS asks "save changes?": with the ghost gone and nothing else changed, it will not ask.
    if (this.ghost && this.sameDoc(this.ghost.doc, doc)) {
      this.clearSync();
      this.emit({ kind: 'ghostLost' });
    } else this.sweep(doc);
  }

  /** the document was clean before our ghost and the person changed nothing since: clean again */
  protected restoreSaved(g: Ghost): void {
    if (!g.savedBefore) return;
    try {
      if (g.doc.Content.Text === g.contentBefore) g.doc.Saved = true;
    } catch {
      /* document closed */
    }
  }

  protected neighbourLook(doc: WpsDocument, at: number): { color: number; italic: number } {
    if (at > 0) {
      const prev = doc.Range(at - 1, at);
      const ch = prev.Text;
      if (ch && !/[\r\v\x07\f]/.test(ch)) {
        const f = prev.Font;
        const italic = f.Italic;
        if (!(f.Color === GHOST_COLOR && italic)) return { color: f.Color, italic: italic ? 1 : 0 };
      }
    }
    return { color: WD_COLOR_AUTOMATIC, italic: 0 };
  }

  protected dropBookmark(doc: WpsDocument): void {
    if (doc.Bookmarks.Exists(GHOST_BOOKMARK)) doc.Bookmarks.Item(GHOST_BOOKMARK).Delete();
  }

  /** the ghost bookmark covers exactly [a, b) */
  protected bookmarkSpans(doc: WpsDocument, a: number, b: number): boolean {
    if (!doc.Bookmarks.Exists(GHOST_BOOKMARK)) return false;
    const r = doc.Bookmarks.Item(GHOST_BOOKMARK).Range;
    return r.Start === a && r.End === b;
  }

  /**
   * Deletes [a, b), which holds `text`, and checks the story shrank by exactly that much (self-check
   * removeClean). What Delete() left — only if it is a piece of `text` — goes by another call, Range.Text = ''.
   */
  protected removeSpan(doc: WpsDocument, a: number, b: number, text: string): boolean {
    const endBefore = doc.Content.End;
    doc.Range(a, b).Delete();
    const left = b - a - (endBefore - doc.Content.End);
    if (left <= 0) return true;
    const rest = doc.Range(a, a + left);
    const restText = rest.Text;
    if (restText && (text.endsWith(restText) || text.startsWith(restText))) rest.Text = '';
    return false;
  }
}
