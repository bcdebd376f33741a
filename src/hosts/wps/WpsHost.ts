// DocumentHost over the WPS Writer JS API. The ghost is real text: inserted after the caret through
// a Range, grey + italic, covered by the bookmark `banxie_ghost`, removed before every save/close.
//
// The WPS API is synchronous (no batching as in Office.js), so every operation here runs to the
// end inside one call; the async signatures are the DocumentHost contract. Sources for each WPS
// behaviour relied on: shared HOST-API-NOTES §9 (tagged [DOC]/[CODE]/[UNCONFIRMED]). This file shows, trims
// and accepts the ghost; WpsGhostKeeper.ts finds and removes it, WpsBase.ts writes and watches.

import { findTextFor, FIND_TEXT_MAX, type AigcAccept, type DocumentHost, type HostCapabilities, type HostContext, type HostDiagnostics, type GhostShown, type TextTarget } from '../../core/DocumentHost';
import type { AigcLabelInput } from '../../core/aigc';
import { writeWpsAigcProperty } from './aigcProperty';
import { WD_COLOR_AUTOMATIC, WD_FIND_STOP, WD_NO_PROTECTION, type WpsDocument, type WpsRange } from './wpsApi';
import { GHOST_BOOKMARK, GHOST_COLOR, WD_COLOR_BLACK, abortIfNeeded, toPlain as toPlainText, type Cb } from './WpsBase';
import { WpsGhostKeeper } from './WpsGhostKeeper';

export { GHOST_BOOKMARK, GHOST_COLOR, WPS_SWITCHES, type WpsHostOptions } from './WpsBase';

export class WpsHost extends WpsGhostKeeper implements DocumentHost {
  readonly name = 'wps' as const;

  // ---- DocumentHost --------------------------------------------------------
  async init(signal?: AbortSignal): Promise<void> {
    abortIfNeeded(signal);
    const doc = this.app.ActiveDocument;
    this.self.setFacts(this.readFacts(doc));
    // UndoRecord is feature-detected ([CODE] §9): an observation as good as any
    this.self.sawSwitch('undoRecord', !!this.app.UndoRecord);
    // (stalePaint stays 'unknown': Selection.Range.Select() after writes is for the screen, which no API reads back)
    if (doc) this.sweep(doc);
  }

  diagnostics(): HostDiagnostics {
    const doc = this.app.ActiveDocument;
    if (doc) this.self.setFacts({ trackChanges: !!doc.TrackRevisions });
    return this.self.diagnostics();
  }

  configureSelfCheck(options: { failureLimit: number }): void {
    this.self.setLimit(options.failureLimit);
  }

  async capabilities(): Promise<HostCapabilities> {
    const doc = this.app.ActiveDocument;
    const trackChanges = !!doc?.TrackRevisions;
    const protectedDoc = !!doc && doc.ProtectionType !== undefined && doc.ProtectionType !== WD_NO_PROTECTION;
    let reason: string | undefined;
    if (!doc) reason = 'host.noDocument';
    else if (trackChanges) reason = 'host.trackChanges'; // our writes would become revisions
    else if (protectedDoc) reason = 'host.protected';
    else if (this.self.paneOnlyReason) reason = this.self.paneOnlyReason;
    return {
      inlineGhost: reason === undefined,
      ...(reason ? { inlineGhostOffReason: reason } : {}),
      trackChanges,
      // WPS JS add-ins have no documented keyboard-shortcut API; the ribbon buttons stand in.
      keyboardShortcuts: false,
    };
  }

  async readContext(signal?: AbortSignal): Promise<HostContext> {
    abortIfNeeded(signal);
    const t0 = Date.now();
    try {
      return this.readSync();
    } finally {
      this.self.recordMs(Date.now() - t0);
    }
  }

  async showGhost(text: string, signal?: AbortSignal): Promise<GhostShown> {
    abortIfNeeded(signal);
    const doc = this.app.ActiveDocument;
    const extended = await this.extend(text);
    if (extended) return extended;
    this.clearSync();
    if (!text) return { inline: true, text: '' };
    if (!doc) return { inline: false, reason: 'host.noDocument' };
    this.sweep(doc); // a stray ghost nobody holds (see lost()) must not outlive a new one
    const caps = await this.capabilities();
    // the port says what was rendered: a refusal is a reason, never a silent no-op (issue 32 §1)
    if (!caps.inlineGhost) return { inline: false, reason: caps.inlineGhostOffReason ?? 'host.inlineUnavailable' };
    const sel = this.app.Selection;
    const c = sel.Start;
    if (sel.End !== c) return { inline: false, reason: 'host.selectionNotEmpty' }; // no suggestion over a selection
    const t = text.replace(/\r\n|\n/g, '\r');
    const savedBefore = doc.Saved;
    const contentBefore = doc.Content.Text;
    const endBefore = doc.Content.End;
    this.write(() => {
      // Through a Range, not the Selection: Selection.InsertAfter would select the ghost ([DOC] §9).
      const r = doc.Range(c, c);
      r.InsertAfter(t); // the range grows over the new text ([DOC] §9)
      // §6 caretAfterRangeInsert, seen: where did the caret go? (we put it back below either way)
      const caret = this.app.Selection.Start;
      if (caret === c + t.length || caret === c) this.self.sawSwitch('caretAfterRangeInsert', caret !== c);
      const g = doc.Range(c, c + t.length);
      g.Font.Color = GHOST_COLOR; // inserted text inherits the neighbour's look (§2): set it explicitly
      g.Font.Italic = 1;
      doc.Bookmarks.Add(GHOST_BOOKMARK, g);
      this.caretTo(c);
    });
    // Self-check, reads only: the caret before the ghost, and the ghost exactly our text, grey italic, bookmarked.
    const sel2 = this.app.Selection;
    const placed = sel2.Start === c && sel2.End === c;
    const end = c + t.length;
    const readBack = doc.Range(c, end).Text === t && this.isGhostLook(doc, c, end) && this.bookmarkSpans(doc, c, end);
    this.self.observe('caretBeforeGhost', placed);
    this.self.observe('ghostReadBack', readBack);
    if (placed && readBack) {
      this.ghost = { doc, start: c, text: t, savedBefore, contentBefore, contentAfterWrite: doc.Content.Text };
      return { inline: true, text };
    }
    // A ghost the person would type into, or one that does not look like one: take out all we put in.
    const added = doc.Content.End - endBefore;
    this.write(() => {
      if (added > 0) this.removeSpan(doc, c, c + added, doc.Range(c, c + added).Text);
      this.dropBookmark(doc);
      this.caretTo(c);
    });
    if (savedBefore && doc.Content.Text === contentBefore) doc.Saved = true;
    return { inline: false, reason: this.self.paneOnlyReason ?? 'host.selfCheckFailed' };
  }

  /** The ghost shown now is a prefix of `text`: write only the rest, once, at its end (a streaming ghost extends
   *  itself once). null when it cannot (no ghost, not ours any more, inline no longer safe): show afresh. */
  private async extend(text: string): Promise<GhostShown | null> {
    const g = this.ghost;
    const t = text.replace(/\r\n|\n/g, '\r');
    if (!g || !this.state.extends(t) || g.doc !== this.app.ActiveDocument) return null;
    if (!(await this.capabilities()).inlineGhost) return null;
    const span = this.locate();
    if (!span) return null;
    const rest = t.slice(g.text.length);
    const doc = g.doc;
    this.write(() => {
      doc.Range(span.end, span.end).InsertAfter(rest);
      const r = doc.Range(span.end, span.end + rest.length);
      r.Font.Color = GHOST_COLOR;
      r.Font.Italic = 1;
      doc.Bookmarks.Add(GHOST_BOOKMARK, doc.Range(span.start, span.end + rest.length));
      this.caretTo(span.start);
    });
    const end = span.start + t.length;
    const ok = doc.Range(span.start, end).Text === t && this.isGhostLook(doc, span.start, end) && this.bookmarkSpans(doc, span.start, end);
    this.self.observe('ghostReadBack', ok);
    this.ghost = { ...g, start: span.start, text: t, contentAfterWrite: doc.Content.Text };
    return ok ? { inline: true, text } : null;
  }

  async trimGhost(typedChars: number, signal?: AbortSignal): Promise<void> {
    abortIfNeeded(signal);
    const g = this.ghost;
    if (!g || typedChars <= 0) return;
    const span = this.locate();
    if (!span) return this.lost();
    const n = Math.min(typedChars, g.text.length);
    if (n >= g.text.length) return this.clearSync();
    const caret = this.app.Selection.Start;
    this.write(() => {
      g.doc.Range(span.start, span.start + n).Delete();
      g.doc.Bookmarks.Add(GHOST_BOOKMARK, g.doc.Range(span.start, span.end - n));
      if (this.app.Selection.Start !== caret) this.caretTo(Math.min(caret, span.start));
    });
    this.ghost = { ...g, start: span.start, text: g.text.slice(n), contentAfterWrite: g.doc.Content.Text };
  }

  async acceptGhost(chars?: number, signal?: AbortSignal): Promise<void> {
    abortIfNeeded(signal);
    this.adopt();
    const g = this.ghost;
    if (!g) return;
    const span = this.locate();
    if (!span) return this.lost();
    const n = Math.max(0, Math.min(chars ?? g.text.length, g.text.length));
    if (n === 0) return;
    const doc = g.doc;
    const look = this.neighbourLook(doc, span.start);
    this.write(() => {
      const r = doc.Range(span.start, span.start + n);
      r.Font.Color = look.color; // accepted text looks like the text before it, or automatic
      r.Font.Italic = look.italic;
      if (n < g.text.length) doc.Bookmarks.Add(GHOST_BOOKMARK, doc.Range(span.start + n, span.end));
      else this.dropBookmark(doc);
      this.caretTo(span.start + n);
    });
    // Self-check: the accepted text lost the ghost's grey and italic (unless the text before it has them).
    const f = doc.Range(span.start, span.start + n).Font;
    const stuck = (f.Color === GHOST_COLOR && look.color !== GHOST_COLOR) || (f.Italic !== 0 && !look.italic);
    this.self.observe('formatInherited', !stuck);
    if (stuck) {
      // this WPS would not take the colour given (wdColorAutomatic, say): name one it takes
      this.write(() => {
        const r = doc.Range(span.start, span.start + n);
        r.Font.Color = look.color === WD_COLOR_AUTOMATIC ? WD_COLOR_BLACK : look.color;
        r.Font.Italic = look.italic;
      });
    }
    this.ghost = n < g.text.length ? { ...g, start: span.start + n, text: g.text.slice(n), savedBefore: false } : null;
    if (this.ghost) {
      const sel = this.app.Selection;
      this.self.observe('caretBeforeGhost', sel.Start === span.start + n && sel.End === span.start + n);
    }
  }

  /** the ghost text now shown ('' for none), adopting one another page of the add-in showed */
  peekGhost(): string {
    this.adopt();
    return this.ghost && this.locate() ? this.ghost.text : '';
  }

  async clearGhost(signal?: AbortSignal): Promise<void> {
    abortIfNeeded(signal);
    this.adopt();
    this.clearSync();
  }

  async insertAtCursor(text: string, signal?: AbortSignal): Promise<void> {
    abortIfNeeded(signal);
    const doc = this.app.ActiveDocument;
    this.clearSync();
    if (!doc || !text) return;
    const at = this.app.Selection.End; // never over the person's selection
    const t = text.replace(/\r\n|\n/g, '\r');
    this.write(() => {
      doc.Range(at, at).InsertAfter(t);
      this.caretTo(at + t.length);
    });
  }

  /** 规范 定位 (issue 26): Find the target, then Range.Select() on it ([CODE] §9: real add-ins select through a Range) */
  async selectText(target: TextTarget, signal?: AbortSignal): Promise<boolean> {
    abortIfNeeded(signal);
    const doc = this.app.ActiveDocument;
    const r = doc ? this.findTarget(doc, target) : null;
    if (!r) return false;
    r.Select();
    this.emit({ kind: 'selection' });
    return true;
  }

  /** 规范 修正: the match's Range.Text replaced inside one UndoRecord (one undo step, as an accept) */
  async replaceText(target: TextTarget, replacement: string, signal?: AbortSignal): Promise<boolean> {
    abortIfNeeded(signal);
    const doc = this.app.ActiveDocument;
    const r = doc ? this.findTarget(doc, target) : null;
    if (!doc || !r) return false;
    this.write(() => {
      r.Text = replacement.replace(/\r\n|\n/g, '\r');
    });
    // write() takes what it left as the baseline (our own edit); the clerk asked for this one: checks must see it
    this.emit({ kind: 'content' });
    return true;
  }

  /**
   * The target's range: Find.Execute from where the last match ended, to the end of the document (wdFindStop), with
   * MatchCase; a match is redefined onto the range (Word VBA Find.Execute, which WPS's Find copies). Only exact
   * matches count (whether Find folds full- and half-width forms depends on MatchByte and the build [UNCONFIRMED]).
   */
  private findTarget(doc: WpsDocument, target: TextTarget): WpsRange | null {
    const query = findTextFor(target.needle);
    if (!target.needle || target.occurrence < 0 || query.length > FIND_TEXT_MAX) return null;
    const end = doc.Content.End;
    let from = doc.Content.Start;
    let seen = 0;
    while (from < end) {
      const r = doc.Range(from, end);
      const find = r.Find;
      if (!find) return null; // a build without Find: nothing to select
      find.ClearFormatting();
      if (!find.Execute(query, true, false, false, false, false, true, WD_FIND_STOP)) return null;
      if (r.End <= from) return null; // a find that does not move on would loop
      if (toPlainText(r.Text) === target.needle) {
        if (seen === target.occurrence) return r;
        seen++;
      }
      from = r.End;
    }
    return null;
  }

  /** GB 45438-2025: the document's AIGC custom property (aigcProperty.ts) */
  async labelAiContent(accept: AigcAccept, label: AigcLabelInput, signal?: AbortSignal): Promise<void> {
    abortIfNeeded(signal);
    writeWpsAigcProperty(this.app.ActiveDocument, accept, label);
  }

  onChange(cb: Cb): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const [name, fn] of this.handlers) {
      try {
        this.app.ApiEvent.RemoveApiEventListener(name, fn);
      } catch {
        /* the application may be gone */
      }
    }
    this.handlers = [];
    this.listeners.clear();
  }
}
