// DocumentHost over the WPS Writer JS API. The ghost is real text: inserted after the caret through
// a Range, grey + italic, covered by the bookmark `banxie_ghost`, removed before every save/close.
//
// The WPS API is synchronous (no batching as in Office.js), so every operation here runs to the
// end inside one call; the async signatures are the DocumentHost contract. Sources for each WPS
// behaviour relied on: shared HOST-API-NOTES §9 (tagged [DOC]/[CODE]/[UNCONFIRMED]).

import type { AigcAccept, DocumentHost, HostCapabilities, HostChange, HostContext, HostDiagnostics, HostFacts, GhostShown } from '../../core/DocumentHost';
import type { AigcLabelInput } from '../../core/aigc';
import { writeWpsAigcProperty } from './aigcProperty';
import { DEFAULT_SELF_CHECK_LIMIT, createSelfCheck, type SelfCheck } from '../selfCheck';
import { GhostState } from '../GhostState';
import {
  WD_COLOR_AUTOMATIC,
  WD_COLOR_GRAY50,
  WD_NO_PROTECTION,
  WD_PROTECTION_NAMES,
  WD_UNDEFINED,
  type WpsApplication,
  type WpsCancel,
  type WpsDocument,
  type WpsEventHandler,
  type WpsEventName,
} from './wpsApi';

/** the bookmark over the ghost: how a ghost left by a crash is found again */
export const GHOST_BOOKMARK = 'banxie_ghost';
export const GHOST_COLOR = WD_COLOR_GRAY50;
/** wdColorBlack: what accepted text gets when this WPS will not take wdColorAutomatic (self-check) */
const WD_COLOR_BLACK = 0;

/**
 * The unconfirmed behaviours of docs/WPS.md §6, as diagnostics().switches names them. Each is observed
 * in real cycles where the API lets us see it; the host keeps its safe way of working whatever is seen
 * (each costs a call or two), so an observation never makes it riskier.
 */
export const WPS_SWITCHES = ['ownEditEvents', 'userEvents', 'rangeTextDropsBookmark', 'bookmarkGrowsAtStart', 'caretAfterRangeInsert', 'stalePaint', 'undoRecord'] as const;
/** writes without an event (during or right after them) before "own edits fire no events" is believed */
const QUIET_WRITES = 3;
/** changes the poll found before any event did, before "the person's edits fire no events" is believed */
const POLL_FIRST = 3;
/** an event this soon after our write that finds nothing changed is that write's own ([UNCONFIRMED] §9) */
const ECHO_MS = 250;

export interface WpsHostOptions {
  /** `window.Application` in WPS, or a simulator's */
  Application: WpsApplication;
  /** cheap poll of selection/length in ms, for changes WPS does not report; 0 = off. Default 400. */
  pollMs?: number;
  /** call `Selection.Range.Select()` after each write ([CODE] §9 stale-paint workaround). Default true. */
  repaint?: boolean;
  /** the name of our entry in WPS's undo list (already translated by the pane). */
  undoLabel?: string;
  /** how old the page header's text may be before a context read reads it again; 0 = every read */
  headerRefreshMs?: number;
  /** failed self-checks before inline ghosts are off for the session (issue 16 §1); default 2 */
  selfCheckLimit?: number;
}

interface Ghost {
  doc: WpsDocument;
  /** recorded start, updated whenever the ghost is found again */
  start: number;
  text: string;
  /** Document.Saved before we inserted it, and the text then: to undo the "dirty" mark we caused */
  savedBefore: boolean;
  contentBefore: string;
  /** the whole text right after our last write: while it is unchanged, the ghost's text is ours */
  contentAfterWrite?: string;
}

interface Span {
  start: number;
  end: number;
}

type Cb = (change: HostChange) => void;

function abortIfNeeded(signal?: AbortSignal): void {
  if (signal?.aborted) throw signal.reason ?? new DOMException('Aborted', 'AbortError');
}

/** paragraph, line-break, cell and page marks all become '\n', one character for one (offsets stay aligned) */
function toPlain(s: string): string {
  return s.replace(/[\r\v\x07\f]/g, '\n');
}

function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

export class WpsHost implements DocumentHost {
  readonly name = 'wps' as const;
  private readonly app: WpsApplication;
  private readonly opt: Required<Omit<WpsHostOptions, 'Application' | 'selfCheckLimit'>>;
  /** the ghost's text and our own writes' time, as WordHost keeps them (GhostState, issue 32 §1); `record` holds
   *  where the ghost is and what the document was before it */
  private readonly state = new GhostState<WpsDocument>();
  private record: Ghost | null = null;
  private get ghost(): Ghost | null {
    return this.record;
  }
  private set ghost(g: Ghost | null) {
    this.record = g;
    if (g) this.state.set(g.doc, g.text);
    else this.state.clear();
  }
  private listeners = new Set<Cb>();
  private writing = 0;
  private baseline = '';
  private timer: ReturnType<typeof setInterval> | null = null;
  private handlers: Array<[WpsEventName, WpsEventHandler]> = [];
  private disposed = false;
  private header = '';
  private headerReadAt = -Infinity;
  private headerDoc: WpsDocument | null = null;
  /** facts, checks, call times and §6 switches for diagnostics(); the pane-only switch after failed checks */
  private readonly self: SelfCheck;
  /** §6 ownEditEvents: did an event come during or right after our last write; writes in a row without one */
  private echoed = true;
  private quietWrites = 0;
  /** §6 userEvents: changes the poll saw before any event did */
  private pollFirst = 0;

  constructor(options: WpsHostOptions) {
    this.app = options.Application;
    this.self = createSelfCheck(
      { host: 'wps', platform: '', version: '', apiSets: {}, trackChanges: 'unknown', readOnly: 'unknown', cloudDocument: 'unknown', protection: 'unknown' },
      options.selfCheckLimit ?? DEFAULT_SELF_CHECK_LIMIT,
      WPS_SWITCHES,
    );
    this.opt = {
      pollMs: options.pollMs ?? 400,
      repaint: options.repaint ?? true,
      undoLabel: options.undoLabel ?? '伴写 Banxie',
      headerRefreshMs: options.headerRefreshMs ?? 0,
    };
    this.listen('DocumentBeforeSave', ((doc: WpsDocument) => this.beforeSave(doc)) as WpsEventHandler);
    this.listen('DocumentBeforeClose', ((doc: WpsDocument, cancel?: WpsCancel) => this.beforeClose(doc, cancel)) as WpsEventHandler);
    this.listen('DocumentOpen', ((doc: WpsDocument) => this.sweep(doc)) as WpsEventHandler);
    this.listen('WindowSelectionChange', (() => this.check('selection', true)) as WpsEventHandler);
    this.listen('ContentChange', (() => this.check('content', true)) as WpsEventHandler);
    this.baseline = this.signature();
    if (this.opt.pollMs > 0) {
      this.timer = setInterval(() => this.check('selection', false), this.opt.pollMs);
      (this.timer as { unref?: () => void }).unref?.();
    }
  }

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

  /**
   * What WPS says about itself and the document (issue 16 §1); names per wps-jsapi-declare
   * (lib.wps.d.ts), each read in a try: older builds may lack one.
   * - platform: Application.System.OperatingSystem; version: Application.Build, else Application.Version;
   * - trackChanges: Document.TrackRevisions; readOnly: Document.ReadOnly (opened read-only);
   * - protection: Document.ProtectionType, named after WdProtectionType (Word VBA, which WPS mirrors);
   * - cloudDocument: Document.FullName — an http(s) address is a cloud document, a local path is not
   *   [UNCONFIRMED: WPS 云文档 may sync through a local folder that a path cannot tell apart].
   */
  private readFacts(doc: WpsDocument | null): Partial<HostFacts> {
    const get = <T>(read: () => T): T | undefined => {
      try {
        return read();
      } catch {
        return undefined;
      }
    };
    const facts: Partial<HostFacts> = {
      platform: get(() => this.app.System?.OperatingSystem) ?? '',
      version: get(() => this.app.Build || this.app.Version) ?? '',
    };
    if (!doc) return facts;
    const track = get(() => doc.TrackRevisions);
    const ro = get(() => doc.ReadOnly);
    const prot = get(() => doc.ProtectionType);
    const name = get(() => doc.FullName) ?? '';
    return {
      ...facts,
      trackChanges: typeof track === 'boolean' ? track : 'unknown',
      readOnly: typeof ro === 'boolean' ? ro : 'unknown',
      protection: typeof prot === 'number' ? WD_PROTECTION_NAMES[prot] ?? String(prot) : 'unknown',
      cloudDocument: /^https?:\/\//i.test(name) ? true : /^(\/|[a-z]:[\\/]|\\\\)/i.test(name) ? false : 'unknown',
    };
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

  /** the ghost bookmark covers exactly [a, b) */
  private bookmarkSpans(doc: WpsDocument, a: number, b: number): boolean {
    if (!doc.Bookmarks.Exists(GHOST_BOOKMARK)) return false;
    const r = doc.Bookmarks.Item(GHOST_BOOKMARK).Range;
    return r.Start === a && r.End === b;
  }

  /**
   * Deletes [a, b), which holds `text`, and checks the story shrank by exactly that much (self-check
   * removeClean). What Delete() left — only if it is a piece of `text` — goes by another call, Range.Text = ''.
   */
  private removeSpan(doc: WpsDocument, a: number, b: number, text: string): boolean {
    const endBefore = doc.Content.End;
    doc.Range(a, b).Delete();
    const left = b - a - (endBefore - doc.Content.End);
    if (left <= 0) return true;
    const rest = doc.Range(a, a + left);
    const restText = rest.Text;
    if (restText && (text.endsWith(restText) || text.startsWith(restText))) rest.Text = '';
    return false;
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

  // ---- reading -------------------------------------------------------------

  private readSync(): HostContext {
    const doc = this.app.ActiveDocument;
    if (!doc) return { text: '', cursor: 0, selectionEmpty: true, fingerprint: 'no-document' };
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
    const ctx: HostContext = { text, cursor: end, selectionEmpty: start === end, fingerprint: `${text.length}:${hash(text)}:${start}:${end}` };
    const header = this.pageHeader(doc);
    if (header) ctx.header = header;
    return ctx;
  }

  /** The first section's primary header, where some templates print the 密级; '' when WPS cannot
   * say (an older build without Sections, a document without a header). Cached headerRefreshMs. */
  private pageHeader(doc: WpsDocument): string {
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
  private ghostSpans(doc: WpsDocument): Span[] {
    if (this.ghost && this.sameDoc(this.ghost.doc, doc)) {
      const s = this.locate();
      if (s) return [s];
    }
    if (!doc.Bookmarks.Exists(GHOST_BOOKMARK)) return [];
    const r = doc.Bookmarks.Item(GHOST_BOOKMARK).Range;
    return this.ghostRuns(doc, r.Start, r.End);
  }

  /** maximal runs of ghost-formatted characters in [a, b) */
  private ghostRuns(doc: WpsDocument, a: number, b: number): Span[] {
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
  private dropIfUndone(g: Ghost): boolean {
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
  private allGrey(doc: WpsDocument, a: number, b: number): boolean {
    for (let i = a; i < b; i++) if (doc.Range(i, i + 1).Font.Color !== GHOST_COLOR) return false;
    return b > a;
  }

  private isGhostLook(doc: WpsDocument, a: number, b: number): boolean {
    const f = doc.Range(a, b).Font;
    const italic = f.Italic;
    return f.Color === GHOST_COLOR && italic !== 0 && italic !== WD_UNDEFINED;
  }

  /**
   * Finds our ghost again and checks it is still exactly our text before anything deletes it.
   * Order: the bookmark (moves with the person's edits), then the recorded range, then the
   * nearest grey-italic copy of the text near it (the bookmark may be gone: §9 [UNCONFIRMED]).
   */
  private locate(): Span | null {
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
  private adopt(): void {
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
  private clearSync(): void {
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
  private lost(): void {
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
  private sweep(doc: WpsDocument): void {
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

  private beforeSave(doc: WpsDocument): void {
    // Runs synchronously inside WPS's save: the file is written after we return ([DOC] §9).
    if (this.ghost && this.sameDoc(this.ghost.doc, doc)) this.clearSync();
    else this.sweep(doc);
    this.emit({ kind: 'save' });
  }

  private beforeClose(doc: WpsDocument, _cancel?: WpsCancel): void {
    // Before WPS asks "save changes?": with the ghost gone and nothing else changed, it will not ask.
    if (this.ghost && this.sameDoc(this.ghost.doc, doc)) {
      this.clearSync();
      this.emit({ kind: 'ghostLost' });
    } else this.sweep(doc);
  }

  /** the document was clean before our ghost and the person changed nothing since: clean again */
  private restoreSaved(g: Ghost): void {
    if (!g.savedBefore) return;
    try {
      if (g.doc.Content.Text === g.contentBefore) g.doc.Saved = true;
    } catch {
      /* document closed */
    }
  }

  private neighbourLook(doc: WpsDocument, at: number): { color: number; italic: number } {
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

  private dropBookmark(doc: WpsDocument): void {
    if (doc.Bookmarks.Exists(GHOST_BOOKMARK)) doc.Bookmarks.Item(GHOST_BOOKMARK).Delete();
  }

  /** put the caret at p and read it back ([ISSUE] §1: the caret may not stay where expected) */
  private caretTo(p: number): void {
    const sel = this.app.Selection;
    sel.SetRange(p, p);
    if (sel.Start !== p || sel.End !== p) this.app.Selection.SetRange(p, p);
  }

  /** one undo entry for the whole write where WPS offers UndoRecord ([CODE] §9); events from it ignored */
  private write(fn: () => void): void {
    const undo = this.app.UndoRecord;
    // §6 ownEditEvents: the last write brought no event, during it or right after (see check())
    if (this.echoed) this.quietWrites = 0;
    else if (++this.quietWrites >= QUIET_WRITES && this.self.switches.ownEditEvents !== true) this.self.sawSwitch('ownEditEvents', false);
    this.echoed = false;
    const t0 = Date.now();
    this.writing++;
    try {
      try {
        undo?.StartCustomRecord(this.opt.undoLabel);
      } catch {
        /* older builds: one entry per call */
      }
      try {
        fn();
      } finally {
        try {
          undo?.EndCustomRecord();
        } catch {
          /* see above */
        }
      }
      // WPS may leave the view unrepainted after Range writes ([CODE] §9).
      if (this.opt.repaint) this.app.Selection.Range.Select();
    } finally {
      this.writing--;
      this.baseline = this.signature();
      this.state.markOwnWrite();
      this.self.recordMs(Date.now() - t0);
    }
  }

  // ---- change detection ----------------------------------------------------

  private listen(name: WpsEventName, fn: WpsEventHandler): void {
    try {
      this.app.ApiEvent.AddApiEventListener(name, fn);
      this.handlers.push([name, fn]);
    } catch {
      /* an event this build lacks: the poll covers it */
    }
  }

  /** cheap: no document text, only positions and length */
  private signature(): string {
    try {
      const doc = this.app.ActiveDocument;
      if (!doc) return 'none';
      const sel = this.app.Selection;
      return `${doc.FullName}|${doc.Content.End}|${sel.Start}|${sel.End}`;
    } catch {
      return 'error';
    }
  }

  /**
   * Called by WindowSelectionChange, ContentChange and the poll. Our own writes are ignored twice
   * over: while writing, and afterwards by comparing with the state we left (their events may
   * arrive late: §9 [UNCONFIRMED]).
   */
  private check(hint: 'selection' | 'content', fromEvent: boolean): void {
    if (this.disposed) return;
    const echo = fromEvent && this.state.ownEcho(Date.now(), ECHO_MS);
    if (this.writing > 0) {
      if (fromEvent) this.sawOwnEvent();
      return;
    }
    const sig = this.signature();
    if (sig === this.baseline) {
      if (echo) this.sawOwnEvent(); // nothing changed, just after our write: that write's own event
      // Same length and caret, yet WPS says the content changed: formatting only, e.g. one undo step
      // of our ghost where there is no undo grouping (§9 UndoRecord). Reconcile if it is not ours any more.
      const g = this.ghost;
      if (hint === 'content' && g && !this.locate() && this.dropIfUndone(g)) this.emit({ kind: 'ghostLost' });
      return;
    }
    const lenChanged = sig.split('|')[1] !== this.baseline.split('|')[1];
    // §6 userEvents: the person's change reached us by an event, or the poll found it first
    if (fromEvent && !echo) this.self.sawSwitch('userEvents', true);
    else if (!fromEvent && this.self.switches.userEvents !== true && ++this.pollFirst >= POLL_FIRST) this.self.sawSwitch('userEvents', false);
    if (this.ghost && lenChanged) this.observeBookmarkStart(this.baseline, sig);
    this.baseline = sig;
    if (this.ghost && lenChanged && !this.locate()) {
      this.lost();
      this.baseline = this.signature();
      return;
    }
    this.emit({ kind: lenChanged || hint === 'content' ? 'content' : 'selection' });
  }

  private sawOwnEvent(): void {
    this.echoed = true;
    this.self.sawSwitch('ownEditEvents', true);
  }

  /**
   * §6 bookmarkGrowsAtStart, seen when the person typed right where the caret sits, at the ghost's start:
   * did the bookmark take the typed text in, or move on past it? (locate() copes with either.)
   */
  private observeBookmarkStart(prev: string, now: string): void {
    const g = this.ghost;
    if (!g || !this.sameDoc(g.doc, this.app.ActiveDocument ?? g.doc)) return;
    const [end0, caret0] = prev.split('|').slice(-3).map(Number);
    const [end1, caret1] = now.split('|').slice(-3).map(Number);
    const typed = end1 - end0;
    if (typed <= 0 || caret0 !== g.start || caret1 !== g.start + typed || !g.doc.Bookmarks.Exists(GHOST_BOOKMARK)) return;
    const r = g.doc.Bookmarks.Item(GHOST_BOOKMARK).Range;
    const len = g.text.length;
    if (r.Start === g.start && r.End - r.Start === len + typed) this.self.sawSwitch('bookmarkGrowsAtStart', true);
    else if (r.Start === g.start + typed && r.End - r.Start === len) this.self.sawSwitch('bookmarkGrowsAtStart', false);
  }

  private emit(change: HostChange): void {
    for (const cb of [...this.listeners]) {
      try {
        cb(change);
      } catch {
        /* a listener's error is not the document's problem */
      }
    }
  }

  private sameDoc(a: WpsDocument, b: WpsDocument): boolean {
    if (a === b) return true;
    try {
      return a.FullName === b.FullName;
    } catch {
      return false;
    }
  }
}
