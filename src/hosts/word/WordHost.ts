// DocumentHost over Office.js for Word. The same code runs on real Word (pass the globals)
// and on the simulator (pass sim.Word / sim.Office). Core path uses WordApi 1.3 only.
// Ghost = text in a content control tagged banxie-ghost right after the caret (DESIGN).

import { GHOST_TAG } from '../../core/protocol';
import type { AigcAccept, DocumentHost, HostCapabilities, HostChange, HostContext, HostDiagnostics, HostFacts, GhostShown } from '../../core/DocumentHost';
import type { AigcLabelInput } from '../../core/aigc';
import { WordAigcProperty } from './aigcProperty';
import { DEFAULT_SELF_CHECK_LIMIT, SELF_CHECK_FAILED, createSelfCheck, type SelfCheck } from '../selfCheck';
import { cutGhosts, fingerprintOf, isCloudUrl, normalizeWordText } from './wordText';

export interface WordHostOptions {
  Word: typeof Word;
  Office: typeof Office;
  /** 'paneOnly' = the user chose never to write ghosts into the document */
  inline?: 'auto' | 'paneOnly';
  /** cheap poll while the pane is visible; 0 = no poll */
  pollMs?: number;
  /** the user opted in to inline ghosts in a cloud (AutoSaved, co-authored) document */
  cloudInline?: boolean;
  /** Word below WordApi 1.4 cannot tell whether change tracking is on (§5): 'paneOnly' (default)
   *  stays safe; 'inline' is the user's or admin's statement that they do not track changes */
  trackingUnknown?: 'paneOnly' | 'inline';
  /** how old the page header's text may be before a context read loads it again (it rides the
   *  read's own sync, so it costs no round trip); 0 = every read, Infinity = never read it */
  headerRefreshMs?: number;
  /** failed self-checks (caret, read-back, formatting, removal) before inline ghosts are off for the
   *  rest of the session (issue 16 §1); settings.selfCheckLimit, default 2 */
  selfCheckLimit?: number;
}

/** grey italic, as DESIGN says; colour as Word reports it */
export const GHOST_COLOR = '#808080';
const GHOST_TITLE = 'Banxie';

type Ctx = Word.RequestContext;
const SAFETY_FRESH_MS = 1000;
const PREFETCH_FRESH_MS = 30;

/** the ghost's look as read back: grey and italic (a mixed range reads null) */
const hasGhostLook = (font: { color: string | null; italic: boolean | null }): boolean =>
  String(font.color).toUpperCase() === GHOST_COLOR && font.italic === true;

/** text as read back equals text as written; how Word stores a '\r\n' or '\v' is not ours to judge, so a run of
 *  line breaks counts as one */
const lineBreaksAsOne = (s: string): string => s.replace(/[\r\n\v]+/g, '\n');

/** the error showGhost throws when it will not (or could not safely) leave a ghost in the document */
function inlineUnavailable(reason: string): Error {
  return Object.assign(new Error(`inline ghost unavailable: ${reason}`), { code: 'host.inlineUnavailable', reason });
}

/** a page header longer than this is not a marking line: read no more of it */
const HEADER_MAX = 200;
const DEFAULT_HEADER_REFRESH_MS = 0;

function hostContext(text: string, cursor: number, selectionEmpty: boolean, header?: string): HostContext {
  const ctx: HostContext = { text, cursor, selectionEmpty, fingerprint: fingerprintOf(text, cursor, selectionEmpty) };
  if (header) ctx.header = header;
  return ctx;
}

const isCode = (e: unknown, code: string) => typeof e === 'object' && e !== null && (e as { code?: unknown }).code === code;

function abortIfNeeded(signal?: AbortSignal): void {
  if (signal?.aborted) {
    const err = new Error('aborted');
    err.name = 'AbortError';
    throw err;
  }
}

/** what the poll compares: paragraph text, caret offset in it, selection, ghost texts */
interface Signature {
  key: string;
  ghosts: string[];
}

export class WordHost implements DocumentHost {
  readonly name = 'word' as const;
  private readonly W: typeof Word;
  private readonly O: typeof Office;
  private readonly opts: WordHostOptions;
  /** the ghost we believe is in the document ('' = none) */
  private ghostText = '';
  private baseline: Signature | null = null;
  private listeners = new Set<(c: HostChange) => void>();
  private chain: Promise<unknown> = Promise.resolve();
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  private checkQueued = false;
  private selectionHandler: (() => void) | null = null;
  private lastInsideUserControl = false;
  /** true/false from changeTrackingMode (WordApi 1.4+); null = unknown; undefined = not read yet */
  private lastTracking: boolean | null | undefined = undefined;
  /** facts, checks and round trips for diagnostics(); the pane-only switch after failed checks */
  private readonly self: SelfCheck;
  /** removals read the removed control's range back (removeClean); off if this Word refuses that */
  private readRemovedRange = true;
  /** until then, capabilities() trusts the tracking/control facts the last context read loaded */
  private safetyFreshUntil = 0;
  /** the context the last change check read in its own sync, for the read that follows it */
  private prefetched: HostContext | null = null;
  private prefetchedAt = 0;
  private lastCheckAt = 0;
  private disposed = false;
  /** the first section's primary header as last read, and when (-Infinity = never) */
  private header = '';
  private headerReadAt = -Infinity;

  constructor(opts: WordHostOptions) {
    this.W = opts.Word;
    this.O = opts.Office;
    this.opts = opts;
    this.self = createSelfCheck(
      { host: 'word', platform: '', version: '', apiSets: {}, trackChanges: 'unknown', readOnly: 'unknown', cloudDocument: 'unknown', protection: 'unknown' },
      opts.selfCheckLimit ?? DEFAULT_SELF_CHECK_LIMIT,
    );
  }

  // ---- plumbing ----------------------------------------------------------------------

  /** one Word.run at a time: our writes never interleave with the poll */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private run<T>(batch: (ctx: Ctx) => Promise<T>): Promise<T> {
    this.prefetched = null; // any batch may write, and a context read before it is history
    // each batch timed for diagnostics: its round trips to Word (one sync, a few two; §4)
    const t0 = Date.now();
    const done = () => this.self.recordMs(Date.now() - t0);
    const p = this.W.run(batch);
    p.then(done, done);
    return p;
  }

  private supports(set: string, version: string): boolean {
    try {
      return this.O.context.requirements.isSetSupported(set, version);
    } catch {
      return false;
    }
  }

  private emit(kind: HostChange['kind']): void {
    for (const l of [...this.listeners]) l({ kind });
  }

  /** queue the poll's signature reads in a batch; call the result after sync */
  private queueSignature(ctx: Ctx): () => Signature {
    const sel = ctx.document.getSelection();
    sel.load('isEmpty');
    const para = sel.paragraphs.getFirst();
    para.load('text');
    const pre = para.getRange('Start').expandTo(sel.getRange('Start'));
    pre.load('text');
    const ghosts = ctx.document.contentControls.getByTag(GHOST_TAG);
    ghosts.load('items/text');
    return () => {
      const g = ghosts.items.map((c) => c.text);
      return { key: JSON.stringify([sel.isEmpty, pre.text.length, para.text, g]), ghosts: g };
    };
  }

  // ---- DocumentHost -----------------------------------------------------------------

  async init(signal?: AbortSignal): Promise<void> {
    abortIfNeeded(signal);
    this.self.setFacts(this.readFacts());
    await this.exclusive(() => this.sweep());
    if (!this.selectionHandler) {
      this.selectionHandler = () => this.scheduleCheck();
      try {
        this.O.context.document.addHandlerAsync(this.O.EventType.DocumentSelectionChanged, this.selectionHandler);
      } catch {
        this.selectionHandler = null; // no event support: the poll still runs
      }
      if (this.supports('WordApi', '1.6')) await this.listenToParagraphs();
    }
  }

  /** WordApi 1.6 paragraph events (§3): another "look now" hint, never trusted alone — they
   *  are lost in fast edits (#4874) and skip undo on the web (#5089). Handlers die with the
   *  add-in, so no removal on dispose: `disposed` makes them inert. */
  private async listenToParagraphs(): Promise<void> {
    const hint = async () => this.scheduleCheck();
    try {
      await this.run(async (ctx) => {
        ctx.document.onParagraphChanged.add(hint);
        ctx.document.onParagraphAdded.add(hint);
        ctx.document.onParagraphDeleted.add(hint);
        await ctx.sync();
      });
    } catch {
      /* not available on this build: selection events and the poll remain */
    }
  }

  /**
   * What Office.js says about this Word without a round trip (issue 16 §1). Each reading follows:
   * - platform, version: Office.context.diagnostics (Office.ContextInformation, Common API: "the
   *   platform / the version of Office on which the add-in is running"; Windows: 16.0.<build>.<revision>);
   * - apiSets: Office.context.requirements.isSetSupported(name, version), WordApi 1.1–1.9 and WordApiDesktop 1.1–1.4;
   * - readOnly: Office.context.document.mode (Office.DocumentMode: ReadOnly | ReadWrite), 'unknown' if absent;
   * - cloudDocument: Office.context.document.url ("null if the URL is unavailable" → 'unknown'): an https
   *   URL is OneDrive/SharePoint (DESIGN, cloud documents);
   * - protection: no Word JavaScript API up to WordApi 1.9 reports document protection → 'unknown';
   * - trackChanges: Document.changeTrackingMode (WordApi 1.4, HOST-API-NOTES §5), as capabilities() and every
   *   context read already load it (no round trip of its own); 'unknown' until the first of those.
   */
  private readFacts(): Partial<HostFacts> {
    const c = this.O.context as unknown as { diagnostics?: { platform: unknown; version: unknown }; document?: { mode?: unknown; url?: unknown } };
    const apiSets: Record<string, boolean> = {};
    for (let v = 1; v <= 9; v++) {
      apiSets['WordApi 1.' + v] = this.supports('WordApi', '1.' + v);
      if (v <= 4) apiSets['WordApiDesktop 1.' + v] = this.supports('WordApiDesktop', '1.' + v);
    }
    const d = c.diagnostics;
    const { mode, url } = c.document || {};
    return {
      platform: d ? String(d.platform) : '',
      version: d ? String(d.version) : '',
      apiSets,
      readOnly: mode == null ? 'unknown' : mode === this.O.DocumentMode.ReadOnly,
      cloudDocument: typeof url === 'string' ? isCloudUrl(url) : 'unknown',
    };
  }

  diagnostics(): HostDiagnostics {
    if (this.lastTracking !== undefined) this.self.setFacts({ trackChanges: this.lastTracking === null ? 'unknown' : this.lastTracking });
    return this.self.diagnostics();
  }

  configureSelfCheck(options: { failureLimit: number }): void {
    this.self.setLimit(options.failureLimit);
  }

  /**
   * Delete every banxie-ghost control with its text (a crash or a reload left it), and take
   * the baseline the change checks compare with: without one, the first check could only
   * adopt what it saw, and a keystroke made before it would never be reported.
   */
  private async sweep(): Promise<void> {
    await this.run(async (ctx) => {
      const ghosts = ctx.document.contentControls.getByTag(GHOST_TAG);
      ghosts.load('items/id');
      let sig = this.queueSignature(ctx);
      await ctx.sync();
      if (ghosts.items.length > 0) {
        for (const g of ghosts.items) g.delete(false);
        sig = this.queueSignature(ctx);
        await ctx.sync();
      }
      this.baseline = sig();
    });
    this.ghostText = '';
  }

  async capabilities(): Promise<HostCapabilities> {
    // a context read moments ago already loaded the same facts in its own sync
    if (this.supports('WordApi', '1.3') && Date.now() > this.safetyFreshUntil) await this.exclusive(() => this.readSafety());
    return this.decide();
  }

  /** the verdict from what we last read; reasons are i18n keys, first match wins */
  private decide(): HostCapabilities {
    const keyboardShortcuts = this.supports('SharedRuntime', '1.1') && this.supports('KeyboardShortcuts', '1.1');
    const off = (reason: string, trackChanges = false): HostCapabilities => ({ inlineGhost: false, inlineGhostOffReason: reason, trackChanges, keyboardShortcuts });
    if (!this.supports('WordApi', '1.3')) return off('host.apiTooOld');
    if (this.lastTracking === true) return off('host.trackChanges', true);
    if (this.opts.inline === 'paneOnly') return off('host.paneOnlyChosen');
    if (this.self.paneOnlyReason) return off(this.self.paneOnlyReason);
    if (this.O.context.document.mode === this.O.DocumentMode.ReadOnly) return off('host.readOnly');
    if (isCloudUrl(this.O.context.document.url) && !this.opts.cloudInline) return off('host.cloudDocument');
    // §5 [UNCONFIRMED]: no way to read tracking before WordApi 1.4 → do not risk revisions
    if (this.lastTracking === null && this.opts.trackingUnknown !== 'inline') return off('host.trackChangesUnknown');
    if (this.lastInsideUserControl) return off('host.insideContentControl');
    return { inlineGhost: true, trackChanges: false, keyboardShortcuts };
  }

  /** one sync: tracking mode (WordApi 1.4+, else null = unknown) and whether the caret is in a user's control */
  private async readSafety(): Promise<boolean | null> {
    const canTrack = this.supports('WordApi', '1.4');
    return this.run(async (ctx) => {
      if (canTrack) ctx.document.load('changeTrackingMode');
      const parent = ctx.document.getSelection().parentContentControlOrNullObject;
      parent.load('tag,cannotEdit');
      await ctx.sync();
      this.lastInsideUserControl = !parent.isNullObject && parent.tag !== GHOST_TAG;
      this.lastTracking = canTrack ? ctx.document.changeTrackingMode !== 'Off' : null;
      return this.lastTracking;
    });
  }

  async readContext(signal?: AbortSignal): Promise<HostContext> {
    abortIfNeeded(signal);
    return this.exclusive(async () => {
      // a check that just saw the change already read the context; nothing happened since
      // (only moments old: a read meant to catch keystrokes whose events are late must go to Word)
      const ready = this.prefetched && Date.now() - this.prefetchedAt <= PREFETCH_FRESH_MS ? this.prefetched : null;
      this.prefetched = null;
      return ready ?? this.readNow();
    });
  }

  /** readNow's loads, queued in a batch; call the result after sync. Also refreshes the safety facts. */
  private queueContextRead(ctx: Ctx): () => { full: string; cursor: number; selectionEmpty: boolean; ghosts: Word.ContentControlCollection } {
    const { body } = ctx.document;
    const sel = ctx.document.getSelection();
    sel.load('isEmpty,text');
    const before = body.getRange('Start').expandTo(sel.getRange('Start'));
    before.load('text');
    const after = sel.getRange('End').expandTo(body.getRange('End'));
    after.load('text');
    const ghosts = ctx.document.contentControls.getByTag(GHOST_TAG);
    ghosts.load('items/text');
    const parent = sel.parentContentControlOrNullObject;
    parent.load('tag');
    // keep the safety verdict fresh at no extra sync: the person may switch tracking on
    const canTrack = this.supports('WordApi', '1.4');
    if (canTrack) ctx.document.load('changeTrackingMode');
    // Some templates print the 密级 in the page header: WordApi 1.1 Section.getHeader('Primary'),
    // loaded in this same batch when the copy we hold is older than headerRefreshMs.
    const refresh = this.opts.headerRefreshMs ?? DEFAULT_HEADER_REFRESH_MS;
    const headerDue = refresh !== Infinity && Date.now() - this.headerReadAt >= refresh && this.supports('WordApi', '1.1');
    const header = headerDue ? ctx.document.sections.getFirst().getHeader('Primary') : null;
    header?.load('text');
    return () => {
      if (header) {
        this.header = normalizeWordText(header.text.length > HEADER_MAX ? header.text.slice(0, HEADER_MAX) : header.text).trim();
        this.headerReadAt = Date.now();
      }
      this.lastInsideUserControl = !parent.isNullObject && parent.tag !== GHOST_TAG;
      this.lastTracking = canTrack ? ctx.document.changeTrackingMode !== 'Off' : null;
      this.safetyFreshUntil = Date.now() + SAFETY_FRESH_MS;
      const selText = sel.isEmpty ? '' : sel.text;
      return { full: normalizeWordText(before.text + selText + after.text), cursor: before.text.length, selectionEmpty: sel.isEmpty, ghosts };
    };
  }

  /** ≤ 2 syncs: the text before and after the caret and the ghosts; a second sync only
   *  when a ghost is in the document, to find where to cut it out */
  private async readNow(): Promise<HostContext> {
    let detached: { ghostEnd: number; caret: number } | null = null;
    const context = await this.run(async (ctx) => {
      const { body } = ctx.document;
      const read = this.queueContextRead(ctx);
      await ctx.sync();
      const { full, selectionEmpty, ghosts } = read();
      let { cursor } = read();
      let text = full;
      if (ghosts.items.length) {
        const starts = ghosts.items.map((g) => {
          const pre = body.getRange('Start').expandTo(g.getRange('Before'));
          pre.load('text');
          return pre;
        });
        await ctx.sync();
        const cut = cutGhosts(full, cursor, starts.map((p, i) => ({ at: p.text.length, length: ghosts.items[i].text.length })));
        // The caret belongs just before the ghost. Anywhere else (the user clicked past it, or
        // moved away) what they type lands next to or inside it (§2): the ghost must go.
        const at = starts[0].text.length;
        if (this.ghostText && cursor !== at) detached = { ghostEnd: at + ghosts.items[0].text.length, caret: cursor };
        text = cut.text;
        cursor = cut.cursor;
      }
      return hostContext(text, cursor, selectionEmpty, this.header);
    });
    if (detached) {
      await this.dropDetachedGhost(detached);
      this.emit('ghostLost');
    }
    return context;
  }

  /**
   * Removes a ghost the caret has left. Text the user typed right after it took the ghost's
   * grey italic (typed text inherits the previous character's formatting, §2 #6448), so that
   * text gets the formatting of the paragraph text before the ghost back.
   */
  private async dropDetachedGhost(where: { ghostEnd: number; caret: number }): Promise<void> {
    try {
      await this.run(async (ctx) => {
        const cc = ctx.document.contentControls.getByTag(GHOST_TAG).getFirst();
        const typedAfter = where.caret > where.ghostEnd;
        if (typedAfter) {
          const sel = ctx.document.getSelection();
          const typed = cc.getRange('After').expandTo(sel.getRange('Start'));
          typed.load('text');
          typed.font.load('color,italic');
          const lead = cc.getRange('Whole').paragraphs.getFirst().getRange('Start').expandTo(cc.getRange('Before'));
          lead.load('text');
          lead.font.load('color,italic');
          await ctx.sync();
          const inherited = typed.font.color?.toUpperCase() === GHOST_COLOR.toUpperCase() && typed.font.italic === true;
          if (inherited && !typed.text.includes('\r') && !typed.text.includes('\n')) {
            typed.font.color = lead.text && lead.font.color ? lead.font.color : '#000000';
            typed.font.italic = lead.text ? lead.font.italic === true : false;
          }
        }
        cc.delete(false);
        const sig = this.queueSignature(ctx);
        await ctx.sync();
        this.baseline = sig();
      });
    } catch (e) {
      if (!isCode(e, 'ItemNotFound')) throw e;
    }
    this.ghostText = '';
  }

  async showGhost(text: string, signal?: AbortSignal): Promise<GhostShown> {
    abortIfNeeded(signal);
    if (!text) {
      await this.clearGhost(signal);
      return { inline: true, text: '' };
    }
    return this.exclusive(async (): Promise<GhostShown> => {
      abortIfNeeded(signal);
      // never write a ghost where capabilities() would say no (a caller may skip asking)
      if (this.lastTracking === undefined && this.supports('WordApi', '1.3')) await this.readSafety();
      const verdict = this.decide();
      if (!verdict.inlineGhost) return { inline: false, reason: verdict.inlineGhostOffReason || 'host.inlineUnavailable' };
      if (this.ghostText) await this.deleteGhost();
      const seen = await this.run(async (ctx) => {
        const sel = ctx.document.getSelection();
        sel.load('isEmpty');
        const at = sel.getRange('End').insertText(text, 'After');
        const cc = at.insertContentControl();
        this.styleGhost(cc);
        // Self-check, read in the caret's own sync: is the ghost exactly our text, grey italic?
        // (§2 #1771: insertContentControl may wrap only part of a just-inserted range)
        cc.load('text');
        cc.font.load('color,italic');
        const placed = await this.placeCaretBefore(ctx, cc);
        const readBack = lineBreaksAsOne(cc.text) === lineBreaksAsOne(text) && hasGhostLook(cc.font);
        if (!placed || !readBack) {
          // a ghost the person would type into, or one that is not (all) ours: remove all we inserted
          at.delete();
          const sig = this.queueSignature(ctx);
          await ctx.sync();
          this.baseline = sig();
        }
        return { placed, readBack };
      });
      this.self.observe('caretBeforeGhost', seen.placed);
      this.self.observe('ghostReadBack', seen.readBack);
      if (!seen.placed || !seen.readBack) return { inline: false, reason: this.self.paneOnlyReason || SELF_CHECK_FAILED };
      this.ghostText = text;
      return { inline: true, text };
    });
  }

  /** tag, hidden chrome, grey italic: §2 says inserted text inherits neighbouring
   *  formatting (#4276), so the colour is always set explicitly */
  private styleGhost(cc: Word.ContentControl): void {
    cc.tag = GHOST_TAG;
    cc.title = GHOST_TITLE;
    cc.appearance = 'Hidden';
    cc.font.color = GHOST_COLOR;
    cc.font.italic = true;
  }

  /** put the caret just before the control and read it back (§1: where the caret lands
   *  after an insert is not guaranteed). Syncs; retries once. */
  private async placeCaretBefore(ctx: Ctx, cc: Word.ContentControl): Promise<boolean> {
    for (let attempt = 0; attempt < 2; attempt++) {
      cc.getRange('Before').select('Start');
      const rel = cc.getRange('Before').compareLocationWith(ctx.document.getSelection());
      const sig = this.queueSignature(ctx);
      await ctx.sync();
      this.baseline = sig();
      if (rel.value === 'Equal') return true;
    }
    return false;
  }

  /** the caret cannot be put back (e.g. select() ignored, §1 #1323): a ghost the user would
   *  type into is worse than none — remove it; enough of these and the session is pane-only */
  private async caretFailed(): Promise<void> {
    this.self.observe('caretBeforeGhost', false);
    await this.deleteGhost();
  }

  async trimGhost(typedChars: number, signal?: AbortSignal): Promise<void> {
    abortIfNeeded(signal);
    await this.exclusive(async () => {
      if (!this.ghostText) return;
      const rest = this.ghostText.slice(Math.max(0, typedChars));
      if (!rest) return this.deleteGhost();
      const ok = await this.withGhost(async (ctx, cc) => {
        cc.insertText(rest, 'Replace');
        this.styleGhost(cc);
        return this.placeCaretBefore(ctx, cc);
      });
      if (ok === null) return;
      this.ghostText = rest;
      if (ok) this.self.observe('caretBeforeGhost', true);
      else {
        await this.caretFailed();
        throw inlineUnavailable(this.self.paneOnlyReason || SELF_CHECK_FAILED);
      }
    });
  }

  async acceptGhost(chars?: number, signal?: AbortSignal): Promise<void> {
    abortIfNeeded(signal);
    await this.exclusive(async () => {
      const ghost = this.ghostText;
      if (!ghost) return;
      const n = chars === undefined ? ghost.length : Math.max(0, Math.min(chars, ghost.length));
      const taken = ghost.slice(0, n);
      const rest = ghost.slice(n);
      // Delete the ghost and insert its text afresh where it was: new text takes the
      // neighbouring (the user's) formatting (§2 #4276), so nothing grey or italic remains
      // and automatic colour stays automatic. One sync, one undo entry (§6).
      const done = await this.withGhost(async (ctx, cc) => {
        const spot = cc.getRange('Before');
        // self-check: the accepted text must not keep the ghost's grey italic (§2 #4276: inserted text
        // takes the replaced or neighbouring range's formatting); the look before it is the reference
        spot.font.load('color,italic');
        // and the ghost's own text must be gone with its control (removeClean, as in deleteGhost)
        const old = this.readRemovedRange ? cc.getRange('Content') : null;
        cc.delete(false);
        old?.load('text');
        const kept = spot.insertText(taken, 'After');
        kept.font.load('color,italic');
        let placed: boolean;
        if (rest) {
          const next = kept.getRange('End').insertText(rest, 'After').insertContentControl();
          this.styleGhost(next);
          placed = await this.placeCaretBefore(ctx, next);
        } else {
          kept.getRange('End').select('Start');
          const rel = kept.getRange('End').compareLocationWith(ctx.document.getSelection());
          const sig = this.queueSignature(ctx);
          await ctx.sync();
          this.baseline = sig();
          placed = rel.value === 'Equal';
        }
        const inherited = hasGhostLook(kept.font) && !hasGhostLook(spot.font);
        if (inherited) {
          // give it the look of the text before it (an automatic colour reads as black, §2)
          kept.font.color = spot.font.color || '#000000';
          kept.font.italic = spot.font.italic === true;
        }
        const leftover = old !== null && old.text !== '';
        if (leftover) old.delete(); // the old ghost's text stayed behind the accepted copy: take it out
        if (inherited || leftover) await ctx.sync();
        return { placed, inherited, leftover };
      });
      if (done === null) return;
      this.ghostText = rest;
      this.self.observe('formatInherited', !done.inherited);
      if (this.readRemovedRange) this.self.observe('removeClean', !done.leftover);
      if (!rest) return;
      if (done.placed) this.self.observe('caretBeforeGhost', true);
      else {
        await this.caretFailed();
        this.emit('ghostLost'); // the rest is gone from the document: the session stops showing it
      }
    });
  }

  /** take over a ghost already in the document (shown by the pane's runtime, when a ribbon
   *  command runs in its own runtime without a shared one); returns its text, '' if none */
  async adoptGhost(signal?: AbortSignal): Promise<string> {
    abortIfNeeded(signal);
    return this.exclusive(() =>
      this.run(async (ctx) => {
        const cc = ctx.document.contentControls.getByTag(GHOST_TAG).getFirstOrNullObject();
        cc.load('text');
        await ctx.sync();
        this.ghostText = cc.isNullObject ? '' : normalizeWordText(cc.text);
        return this.ghostText;
      }),
    );
  }

  /** GB 45438-2025: the document's AIGC custom property (aigcProperty.ts); one Word.run at a time like our other writes */
  private readonly aigc = new WordAigcProperty((batch) => this.W.run(batch), (set, v) => this.supports(set, v));
  labelAiContent(accept: AigcAccept, label: AigcLabelInput, signal?: AbortSignal): Promise<void> {
    return this.exclusive(() => this.aigc.write(accept, label, signal));
  }

  async clearGhost(signal?: AbortSignal): Promise<void> {
    abortIfNeeded(signal);
    await this.exclusive(() => this.deleteGhost());
  }

  async insertAtCursor(text: string, signal?: AbortSignal): Promise<void> {
    abortIfNeeded(signal);
    await this.exclusive(() =>
      this.run(async (ctx) => {
        const r = ctx.document.getSelection().insertText(text, 'Replace');
        r.getRange('End').select('Start');
        const sig = this.queueSignature(ctx);
        await ctx.sync();
        this.baseline = sig();
      }),
    );
  }

  /** run an edit on our ghost; null when it is gone (the user undid or deleted it: not an error) */
  private async withGhost<T>(edit: (ctx: Ctx, cc: Word.ContentControl) => Promise<T>): Promise<T | null> {
    try {
      return await this.run(async (ctx) => edit(ctx, ctx.document.contentControls.getByTag(GHOST_TAG).getFirst()));
    } catch (e) {
      if (!isCode(e, 'ItemNotFound')) throw e;
      this.ghostText = '';
      this.emit('ghostLost');
      return null;
    }
  }

  private async deleteGhost(): Promise<void> {
    try {
      await this.run(async (ctx) => {
        const cc = ctx.document.contentControls.getByTag(GHOST_TAG).getFirst();
        // self-check, in the same sync: the control's content range is empty afterwards (a range
        // whose text is deleted collapses) and no ghost control is left
        const content = this.readRemovedRange ? cc.getRange('Content') : null;
        cc.delete(false);
        content?.load('text');
        let sig = this.queueSignature(ctx);
        await ctx.sync();
        this.baseline = sig();
        if (!content) return;
        const clean = content.text === '' && this.baseline.ghosts.length === 0;
        this.self.observe('removeClean', clean);
        if (clean) return;
        // what stayed goes by another path: the range itself (an empty control left is swept on the next load)
        content.delete();
        sig = this.queueSignature(ctx);
        await ctx.sync();
        this.baseline = sig();
      });
    } catch (e) {
      if (isCode(e, 'ItemNotFound')) {
        // already gone: nothing to clear
      } else if (this.readRemovedRange) {
        // [UNCONFIRMED] that a real Word lets a batch read a deleted control's range: if it will not,
        // removals go unchecked from now on (the control was deleted before the read failed)
        this.readRemovedRange = false;
        return this.deleteGhost();
      } else throw e;
    }
    this.ghostText = '';
  }

  // ---- change detection ---------------------------------------------------------------

  onChange(cb: (change: HostChange) => void): () => void {
    this.listeners.add(cb);
    this.startPoll();
    return () => {
      this.listeners.delete(cb);
      if (!this.listeners.size) this.stopPoll();
    };
  }

  private startPoll(): void {
    const ms = this.opts.pollMs ?? 750;
    if (this.pollTimer || ms <= 0) return;
    this.pollTimer = setInterval(() => {
      const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
      // the poll stands in for missing events: while events keep a check recent, it rests
      const recent = Date.now() - this.lastCheckAt < ms;
      if (!hidden && !recent) this.scheduleCheck();
    }, ms);
  }

  private stopPoll(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
  }

  /** events are late, merged, dropped and fired by our own edits (§3): treat each as
   *  "look now", and compare with the state our own last write left */
  private scheduleCheck(): void {
    this.prefetched = null; // something may have changed since that read
    if (this.checkQueued || this.disposed || !this.listeners.size) return;
    this.checkQueued = true;
    void this.exclusive(async () => {
      this.checkQueued = false;
      if (this.disposed) return;
      await this.check();
    }).catch(() => undefined);
  }

  /** force a check now (tests; the pane on focus) */
  checkNow(): Promise<void> {
    return this.exclusive(() => this.check());
  }

  private async check(): Promise<void> {
    this.lastCheckAt = Date.now();
    // With no ghost in play the same sync also reads the context, which the listener asks for next.
    const withContext = !this.ghostText;
    const { sig, context } = await this.run(async (ctx) => {
      const s = this.queueSignature(ctx);
      const read = withContext ? this.queueContextRead(ctx) : null;
      await ctx.sync();
      const r = read?.();
      const plain = r && r.ghosts.items.length === 0
        ? hostContext(r.full, r.cursor, r.selectionEmpty, this.header)
        : null;
      return { sig: s(), context: plain };
    });
    this.prefetched = context;
    this.prefetchedAt = Date.now();
    const prev = this.baseline;
    this.baseline = sig;
    if (this.ghostText && !sig.ghosts.some((g) => g.length > 0)) {
      // undone or deleted by the user (§6): a new state, not an error; leave no empty control behind
      this.ghostText = '';
      if (sig.ghosts.length) await this.deleteGhost();
      this.emit('ghostLost');
    }
    if (prev?.key === sig.key) return;
    // No baseline (a check before init): nothing says the document is as it was, so say "look".
    const paragraphOf = (k: string) => (JSON.parse(k) as [boolean, number, string])[2];
    this.emit(prev && paragraphOf(prev.key) === paragraphOf(sig.key) ? 'selection' : 'content');
  }

  dispose(): void {
    this.disposed = true;
    this.stopPoll();
    this.listeners.clear();
    if (this.selectionHandler) {
      try {
        this.O.context.document.removeHandlerAsync(this.O.EventType.DocumentSelectionChanged, { handler: this.selectionHandler });
      } catch {
        /* host gone */
      }
      this.selectionHandler = null;
    }
  }
}
