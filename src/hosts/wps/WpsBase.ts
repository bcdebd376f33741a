// WpsHost's foundation: its state, one undo entry per write where WPS groups them, our own writes told apart
// from the person's, the events and the poll that notice changes, and the facts WPS gives about itself.
// WpsGhostKeeper (finding, checking and removing the ghost) and WpsHost (the DocumentHost) build on it.
// Sources for each WPS behaviour relied on: shared HOST-API-NOTES §9 (tagged [DOC]/[CODE]/[UNCONFIRMED]).

import type { HostChange, HostFacts } from '../../core/DocumentHost';
import { DEFAULT_SELF_CHECK_LIMIT, createSelfCheck, type SelfCheck } from '../selfCheck';
import { GhostState } from '../GhostState';
import {
  WD_COLOR_GRAY50,
  WD_PROTECTION_NAMES,
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
export const WD_COLOR_BLACK = 0;

/**
 * The unconfirmed behaviours of docs/WPS.md §6, as diagnostics().switches names them. Each is observed
 * in real cycles where the API lets us see it; the host keeps its safe way of working whatever is seen
 * (each costs a call or two), so an observation never makes it riskier.
 */
export const WPS_SWITCHES = ['ownEditEvents', 'userEvents', 'rangeTextDropsBookmark', 'bookmarkGrowsAtStart', 'caretAfterRangeInsert', 'stalePaint', 'undoRecord'] as const;
/** writes without an event (during or right after them) before "own edits fire no events" is believed */
export const QUIET_WRITES = 3;
/** changes the poll found before any event did, before "the person's edits fire no events" is believed */
export const POLL_FIRST = 3;
/** an event this soon after our write that finds nothing changed is that write's own ([UNCONFIRMED] §9) */
export const ECHO_MS = 250;

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

export interface Ghost {
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

export interface Span {
  start: number;
  end: number;
}

export type Cb = (change: HostChange) => void;

export function abortIfNeeded(signal?: AbortSignal): void {
  if (signal?.aborted) throw signal.reason ?? new DOMException('Aborted', 'AbortError');
}

/** paragraph, line-break, cell and page marks all become '\n', one character for one (offsets stay aligned) */
export function toPlain(s: string): string {
  return s.replace(/[\r\v\x07\f]/g, '\n');
}

export abstract class WpsBase {
  protected readonly app: WpsApplication;

  protected readonly opt: Required<Omit<WpsHostOptions, 'Application' | 'selfCheckLimit'>>;

  /** the ghost's text and our own writes' time, as WordHost keeps them (GhostState, issue 32 §1); `record` holds
   *  where the ghost is and what the document was before it */
  protected readonly state = new GhostState<WpsDocument>();

  protected record: Ghost | null = null;

  protected get ghost(): Ghost | null {
    return this.record;
  }

  protected set ghost(g: Ghost | null) {
    this.record = g;
    if (g) this.state.set(g.doc, g.text);
    else this.state.clear();
  }

  protected listeners = new Set<Cb>();

  protected writing = 0;

  protected baseline = '';

  protected timer: ReturnType<typeof setInterval> | null = null;

  protected handlers: Array<[WpsEventName, WpsEventHandler]> = [];

  protected disposed = false;

  protected header = '';

  protected headerReadAt = -Infinity;

  protected headerDoc: WpsDocument | null = null;

  /** facts, checks, call times and §6 switches for diagnostics(); the pane-only switch after failed checks */
  protected readonly self: SelfCheck;

  /** §6 ownEditEvents: did an event come during or right after our last write; writes in a row without one */
  protected echoed = true;

  protected quietWrites = 0;

  /** §6 userEvents: changes the poll saw before any event did */
  protected pollFirst = 0;

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

  /**
   * What WPS says about itself and the document (issue 16 §1); names per wps-jsapi-declare
   * (lib.wps.d.ts), each read in a try: older builds may lack one.
   * - platform: Application.System.OperatingSystem; version: Application.Build, else Application.Version;
   * - trackChanges: Document.TrackRevisions; readOnly: Document.ReadOnly (opened read-only);
   * - protection: Document.ProtectionType, named after WdProtectionType (Word VBA, which WPS mirrors);
   * - cloudDocument: Document.FullName — an http(s) address is a cloud document, a local path is not
   *   [UNCONFIRMED: WPS 云文档 may sync through a local folder that a path cannot tell apart].
   */
  protected readFacts(doc: WpsDocument | null): Partial<HostFacts> {
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

  /** put the caret at p and read it back ([ISSUE] §1: the caret may not stay where expected) */
  protected caretTo(p: number): void {
    const sel = this.app.Selection;
    sel.SetRange(p, p);
    if (sel.Start !== p || sel.End !== p) this.app.Selection.SetRange(p, p);
  }

  /** one undo entry for the whole write where WPS offers UndoRecord ([CODE] §9); events from it ignored */
  protected write(fn: () => void): void {
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
  protected listen(name: WpsEventName, fn: WpsEventHandler): void {
    try {
      this.app.ApiEvent.AddApiEventListener(name, fn);
      this.handlers.push([name, fn]);
    } catch {
      /* an event this build lacks: the poll covers it */
    }
  }

  /** cheap: no document text, only positions and length */
  protected signature(): string {
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
  protected check(hint: 'selection' | 'content', fromEvent: boolean): void {
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

  protected sawOwnEvent(): void {
    this.echoed = true;
    this.self.sawSwitch('ownEditEvents', true);
  }

  /**
   * §6 bookmarkGrowsAtStart, seen when the person typed right where the caret sits, at the ghost's start:
   * did the bookmark take the typed text in, or move on past it? (locate() copes with either.)
   */
  protected observeBookmarkStart(prev: string, now: string): void {
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

  protected emit(change: HostChange): void {
    for (const cb of [...this.listeners]) {
      try {
        cb(change);
      } catch {
        /* a listener's error is not the document's problem */
      }
    }
  }

  protected sameDoc(a: WpsDocument, b: WpsDocument): boolean {
    if (a === b) return true;
    try {
      return a.FullName === b.FullName;
    } catch {
      return false;
    }
  }

  protected abstract beforeSave(doc: WpsDocument): void;
  protected abstract locate(): Span | null;
  protected abstract dropIfUndone(g: Ghost): boolean;
  protected abstract lost(): void;
  protected abstract beforeClose(doc: WpsDocument, cancel?: WpsCancel): void;
  protected abstract sweep(doc: WpsDocument): void;
}
