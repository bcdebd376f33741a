// DocumentHost over Office.js for Word. The same code runs on real Word (pass the globals)
// and on the simulator (pass sim.Word / sim.Office). Core path uses WordApi 1.3 only.
// Ghost = text in a content control tagged banxie-ghost right after the caret (DESIGN), known by the id Word
// gave the control (issue 28 §1). This file is the ghost's life; reads.ts reads, watch.ts watches for
// changes, verdict.ts decides whether inline is safe, ghostLook.ts styles the ghost and keeps it out of revisions.

import type { AigcAccept, DocumentHost, HostCapabilities, HostChange, HostContext, HostDiagnostics, GhostShown } from '../../core/DocumentHost';
import type { AigcLabelInput } from '../../core/aigc';
import { WordAigcProperty } from './aigcProperty';
import { DEFAULT_SELF_CHECK_LIMIT, SELF_CHECK_FAILED, createSelfCheck, type SelfCheck } from '../selfCheck';
import { GhostState } from '../GhostState';
import { cutGhosts, splitTyped } from './wordText';
import { decide, readCloud, readFacts } from './verdict';
import { hasGhostLook, lineBreaksAsOne, styleGhost, suspendTracking, trackingNotRestored, type Suspension } from './ghostLook';
import { headOf, queueContextRead, queueHeader, queueSignature, type GhostSeen, type Signature } from './reads';
import { ChangeWatcher } from './watch';

export { GHOST_COLOR } from './ghostLook';

export interface WordHostOptions {
  Word: typeof Word;
  Office: typeof Office;
  /** cheap poll while the pane is visible; 0 = no poll */
  pollMs?: number;
  /** the user opted in to inline ghosts in a cloud (AutoSaved, co-authored) document */
  cloudInline?: boolean;
  /** Word below WordApi 1.4 cannot tell whether change tracking is on (§5): 'paneOnly' (default)
   *  stays safe; 'inline' is the user's or admin's statement that they do not track changes */
  trackingUnknown?: 'paneOnly' | 'inline';
  /** read the page header again when the copy is this old; default: only when the body's first lines change
   *  (issue 28 §8); Infinity = never read it */
  headerRefreshMs?: number;
  /** failed self-checks (caret, read-back, formatting, removal) before inline ghosts are off for the
   *  rest of the session (issue 16 §1); settings.selfCheckLimit, default 2 */
  selfCheckLimit?: number;
  /** a ghost nobody touches for this long is taken out of the document (issue 28 §5: Office.js has no
   *  before-save event, so a ghost must not sit there through an AutoSave or a Ctrl+S); default 30 s */
  ghostIdleMs?: number;
}

type Ctx = Word.RequestContext;
const SAFETY_FRESH_MS = 1000;
const PREFETCH_FRESH_MS = 30;
const DEFAULT_GHOST_IDLE_MS = 30_000;
/** the pane-only reason for a suggestion that starts with a line break (issue 28 §7) */
export const LEADING_LINE_BREAK = 'host.ghostLineBreak';

function inlineUnavailable(reason: string): Error {
  return Object.assign(new Error(`inline ghost unavailable: ${reason}`), { code: 'host.inlineUnavailable', reason });
}

const isCode = (e: unknown, code: string) => typeof e === 'object' && e !== null && (e as { code?: unknown }).code === code;

function abortIfNeeded(signal?: AbortSignal): void {
  if (signal?.aborted) {
    const err = new Error('aborted');
    err.name = 'AbortError';
    throw err;
  }
}

export class WordHost implements DocumentHost {
  readonly name = 'word' as const;
  private readonly W: typeof Word;
  private readonly O: typeof Office;
  private readonly opts: WordHostOptions;
  /** the one ghost we wrote and believe is in the document, by its control's id (issue 28 §1) */
  private readonly ghost = new GhostState<number>();
  private baseline: Signature | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly watch: ChangeWatcher;
  private lastInsideUserControl = false;
  /** true/false from changeTrackingMode (WordApi 1.4+); null = unknown; undefined = not read yet */
  private lastTracking: boolean | null | undefined = undefined;
  private cloud = false;
  private readonly self: SelfCheck;
  /** removals read the removed control's range back (removeClean); off if this Word refuses that */
  private readRemovedRange = true;
  private safetyFreshUntil = 0;
  /** the context the last change check read in its own sync, for the read that follows it */
  private prefetched: HostContext | null = null;
  private prefetchedAt = 0;
  /** the last full read, valid until the watcher sees any change or we write (issue 28 §6: cached by change) */
  private cached: HostContext | null = null;
  /** the body's first lines when the header was last read (issue 28 §8) */
  private head: string | null = null;
  private header = '';
  private headerReadAt = -Infinity;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;

  constructor(opts: WordHostOptions) {
    this.W = opts.Word;
    this.O = opts.Office;
    this.opts = opts;
    this.self = createSelfCheck(
      { host: 'word', platform: '', version: '', apiSets: {}, trackChanges: 'unknown', readOnly: 'unknown', cloudDocument: 'unknown', protection: 'unknown' },
      opts.selfCheckLimit ?? DEFAULT_SELF_CHECK_LIMIT,
    );
    this.watch = new ChangeWatcher({
      O: this.O,
      pollMs: opts.pollMs ?? 750,
      run: (fn) => this.exclusive(fn),
      check: (hinted) => this.check(hinted),
      forget: () => {
        this.prefetched = null;
        this.cached = null;
      },
      hidden: () => void this.exclusive(() => this.dropForSave()).catch(() => undefined),
      ownEcho: () => this.ghost.ownEcho(),
    });
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
    const t0 = Date.now();
    const done = () => this.self.recordMs(Date.now() - t0);
    const p = this.W.run(batch);
    p.then(done, done);
    return p;
  }

  /** a batch that writes: what we knew of the document is history, and our own events are not the clerk's */
  private write<T>(batch: (ctx: Ctx) => Promise<T>): Promise<T> {
    this.cached = null;
    return this.echoing(batch);
  }

  /** Word fires events for an add-in's own writes (§3), and on the web a read that uses expandTo records an undo
   *  step (#5715) that fires one: the events that follow such a batch are its echo, not the clerk's move */
  private echoing<T>(batch: (ctx: Ctx) => Promise<T>): Promise<T> {
    this.ghost.markOwnWrite();
    const p = this.run(batch);
    const mark = () => this.ghost.markOwnWrite();
    p.then(mark, mark);
    return p;
  }

  private supports(set: string, version: string): boolean {
    try {
      return this.O.context.requirements.isSetSupported(set, version);
    } catch {
      return false;
    }
  }

  private get canTrack(): boolean {
    return this.supports('WordApi', '1.4');
  }

  /** Word on the web records expandTo in the undo list (#5715): reads there leave the caret offset out */
  private get web(): boolean {
    const c = this.O.context as unknown as { diagnostics?: { platform?: unknown }; platform?: unknown };
    return String(c.diagnostics?.platform ?? c.platform ?? '') === 'OfficeOnline';
  }

  private emit(kind: HostChange['kind']): void {
    this.watch.emit(kind);
  }

  /** after the sync: the clerk's tracking mode back, or a loud error; a second sync only when it was on */
  private async restoreTracking(ctx: Ctx, sus: Suspension, alsoQueue?: () => void): Promise<boolean> {
    if (!sus.wasOn()) return false;
    this.lastTracking = true;
    alsoQueue?.();
    sus.restore();
    try {
      await ctx.sync();
    } catch (e) {
      throw trackingNotRestored(e);
    }
    return true;
  }

  // ---- DocumentHost -----------------------------------------------------------------

  async init(signal?: AbortSignal): Promise<void> {
    abortIfNeeded(signal);
    this.self.setFacts(readFacts(this.O, (s, v) => this.supports(s, v)));
    await this.refreshCloud();
    await this.exclusive(() => this.sweep());
    await this.watch.start(this.supports('WordApi', '1.6') ? (fn) => this.run(fn) : null);
  }

  private async refreshCloud(): Promise<void> {
    this.cloud = await readCloud(this.O);
    this.self.setFacts({ cloudDocument: this.cloud });
  }

  diagnostics(): HostDiagnostics {
    if (this.lastTracking !== undefined) this.self.setFacts({ trackChanges: this.lastTracking === null ? 'unknown' : this.lastTracking });
    return this.self.diagnostics();
  }

  configureSelfCheck(options: { failureLimit: number }): void {
    this.self.setLimit(options.failureLimit);
  }

  /** Delete every banxie-ghost control with its text (a crash or a reload left it), and take the baseline the
   *  change checks compare with: without one, a keystroke made before the first check would never be reported. */
  private async sweep(): Promise<void> {
    await this.run(async (ctx) => {
      const { ghosts, sig } = this.queueLook(ctx);
      await ctx.sync();
      this.baseline = sig();
      if (ghosts().length) await this.reconcile(ghosts());
    });
    this.ghost.clear();
  }

  /** the change check's reads; on the web the caret is compared with `ghost` (the control a write batch holds;
   *  by default the tracked ghost found by its id) — never with a control the batch itself deleted */
  private queueLook(ctx: Ctx, ghost?: Word.ContentControl | null): { ghosts: () => GhostSeen[]; sig: () => Signature } {
    const id = this.ghost.id;
    const cc = !this.web ? null : ghost !== undefined ? ghost : id !== null ? ctx.document.contentControls.getByIdOrNullObject(id) : null;
    const s = queueSignature(ctx, !this.web, cc);
    let memo: Signature | null = null;
    const sig = () => (memo ??= s());
    return { sig, ghosts: () => sig().ghosts };
  }

  async capabilities(): Promise<HostCapabilities> {
    await this.refreshCloud();
    if (this.supports('WordApi', '1.3') && Date.now() > this.safetyFreshUntil) await this.exclusive(() => this.readSafety());
    return this.verdict();
  }

  private verdict(): HostCapabilities {
    return decide({
      supports: (s, v) => this.supports(s, v),
      tracking: this.lastTracking,
      trackingUnknown: this.opts.trackingUnknown ?? 'paneOnly',
      selfCheckOff: this.self.paneOnlyReason,
      readOnly: this.O.context.document.mode === this.O.DocumentMode.ReadOnly,
      cloud: this.cloud,
      cloudInline: this.opts.cloudInline === true,
      insideUserControl: this.lastInsideUserControl,
    });
  }

  /** one sync: tracking mode (WordApi 1.4+, else null = unknown) and whether the caret is in a user's control */
  private async readSafety(): Promise<void> {
    const canTrack = this.canTrack;
    await this.run(async (ctx) => {
      if (canTrack) ctx.document.load('changeTrackingMode');
      const parent = ctx.document.getSelection().parentContentControlOrNullObject;
      parent.load('tag');
      await ctx.sync();
      this.lastInsideUserControl = !parent.isNullObject && parent.tag !== 'banxie-ghost';
      this.lastTracking = canTrack ? ctx.document.changeTrackingMode !== 'Off' : null;
    });
  }

  async readContext(signal?: AbortSignal): Promise<HostContext> {
    abortIfNeeded(signal);
    return this.exclusive(async () => {
      // a check that just saw the change already read the context; nothing happened since
      const ready = this.prefetched && Date.now() - this.prefetchedAt <= PREFETCH_FRESH_MS ? this.prefetched : null;
      this.prefetched = null;
      if (ready) return ready;
      // nothing seen to change since the last full read (no event, no poll difference, no write of ours)
      const refresh = this.opts.headerRefreshMs;
      const headerFresh = refresh === undefined || refresh === Infinity || Date.now() - this.headerReadAt < refresh;
      if (this.cached && !this.ghost.text && headerFresh) return this.cached;
      return this.readNow();
    });
  }

  /** ≤ 2 syncs: the text before and after the caret and the ghosts; a second sync only when a ghost is in the
   *  document (to cut it out) or the body's first lines changed (to read the page header) */
  private async readNow(): Promise<HostContext> {
    let detached: { ghostEnd: number; caret: number } | null = null;
    const context = await (this.web ? this.echoing.bind(this) : this.run.bind(this))(async (ctx: Ctx) => {
      const { body } = ctx.document;
      const read = queueContextRead(ctx, this.canTrack);
      await ctx.sync();
      const r = read();
      this.lastInsideUserControl = r.insideUserControl;
      this.lastTracking = r.tracking;
      this.safetyFreshUntil = Date.now() + SAFETY_FRESH_MS;
      let { full: text, cursor } = r;
      // with a ghost in the text the first lines cannot be compared yet: the header waits for a ghost-free read
      const header = !r.ghosts.items.length && this.headerDue(text) ? queueHeader(ctx) : null;
      if (r.ghosts.items.length) {
        const starts = r.ghosts.items.map((g) => {
          const pre = body.getRange('Start').expandTo(g.getRange('Before'));
          pre.load('text');
          return pre;
        });
        await ctx.sync();
        const cut = cutGhosts(text, cursor, starts.map((p, i) => ({ at: p.text.length, length: r.ghosts.items[i].text.length })));
        // The caret belongs just before our ghost. Anywhere else what they type lands next to or inside it (§2).
        const mine = r.ghosts.items.findIndex((g) => g.id === this.ghost.id);
        if (this.ghost.text && mine >= 0 && cursor !== starts[mine].text.length) {
          detached = { ghostEnd: starts[mine].text.length + r.ghosts.items[mine].text.length, caret: cursor };
        }
        text = cut.text;
        cursor = cut.cursor;
      } else if (header) await ctx.sync(); // the body's first lines changed: the header too, one more sync
      if (header) this.takeHeader(header(), r.full);
      return this.contextOf(text, cursor, r.selectionEmpty);
    });
    if (detached) {
      await this.dropDetachedGhost(detached);
      this.emit('ghostLost');
    } else if (!this.ghost.text) this.cached = context;
    return context;
  }

  private contextOf(text: string, cursor: number, selectionEmpty: boolean): HostContext {
    const ctx: HostContext = { text, cursor, selectionEmpty };
    if (this.header) ctx.header = this.header;
    return ctx;
  }

  /** the header is read when the body's first lines change (or, with headerRefreshMs, when the copy is that old) */
  private headerDue(full: string): boolean {
    if (!this.supports('WordApi', '1.1')) return false;
    const refresh = this.opts.headerRefreshMs;
    if (refresh === Infinity) return false;
    if (refresh !== undefined) return Date.now() - this.headerReadAt >= refresh;
    return this.head !== headOf(full);
  }

  private takeHeader(header: string, full: string): void {
    this.header = header;
    this.head = headOf(full);
    this.headerReadAt = Date.now();
  }

  /**
   * Removes a ghost the caret has left. Text the user typed right after it took the ghost's grey italic
   * (typed text inherits the previous character's formatting, §2 #6448): that text gets the look of the
   * paragraph text before the ghost back.
   */
  private async dropDetachedGhost(where: { ghostEnd: number; caret: number }): Promise<void> {
    const id = this.ghost.id;
    if (id === null) return;
    try {
      await this.write(async (ctx) => {
        const cc = ctx.document.contentControls.getById(id);
        if (where.caret > where.ghostEnd) {
          const typed = cc.getRange('After').expandTo(ctx.document.getSelection().getRange('Start'));
          typed.load('text');
          typed.font.load('color,italic');
          const lead = cc.getRange('Whole').paragraphs.getFirst().getRange('Start').expandTo(cc.getRange('Before'));
          lead.load('text');
          lead.font.load('color,italic');
          await ctx.sync();
          if (hasGhostLook(typed.font) && !/[\r\n]/.test(typed.text)) {
            typed.font.color = lead.text && lead.font.color ? lead.font.color : '#000000';
            typed.font.italic = lead.text ? lead.font.italic === true : false;
          }
        }
        const sus = suspendTracking(ctx, this.canTrack);
        cc.delete(false);
        const { sig } = this.queueLook(ctx, null);
        await ctx.sync();
        this.baseline = sig();
        await this.restoreTracking(ctx, sus);
      });
    } catch (e) {
      if (!isCode(e, 'ItemNotFound')) throw e;
    }
    this.ghost.clear();
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
      const verdict = this.verdict();
      if (!verdict.inlineGhost) return { inline: false, reason: verdict.inlineGhostOffReason || 'host.inlineUnavailable' };
      // a leading line break would make the control span a paragraph mark (issue 28 §7): that one stays in the pane
      if (/^[\r\n\v]/.test(text)) return { inline: false, reason: LEADING_LINE_BREAK };
      const now = this.ghost.text;
      if (now === text) return { inline: true, text };
      if (now && this.ghost.extends(text)) {
        const extended = await this.extendGhost(text);
        if (extended) return extended;
      }
      if (this.ghost.text) await this.deleteGhost();
      return this.writeGhost(text);
    });
  }

  /**
   * Control first, text second (issue 28 §7): a batch that fails after the control went in leaves an empty
   * tagged control, which the next check sweeps — never untagged AI text. insertContentControl can throw where
   * the range crosses another control (#1169) and may wrap only part of a just-inserted range (#1771); the
   * read-back catches the latter. The tracking mode is read and suspended in the same batch (§4).
   */
  private async writeGhost(text: string): Promise<GhostShown> {
    let seen: { placed: boolean; readBack: boolean; tracked: boolean };
    try {
      seen = await this.write(async (ctx) => {
        const sus = suspendTracking(ctx, this.canTrack);
        const at = ctx.document.getSelection().getRange('End');
        const cc = at.insertContentControl();
        cc.tag = 'banxie-ghost';
        cc.insertText(text, 'Replace');
        styleGhost(cc);
        cc.load('id,text');
        cc.font.load('color,italic');
        const placed = await this.caretBefore(ctx, cc);
        if (await this.restoreTracking(ctx, sus, () => cc.delete(false))) return { placed: true, readBack: true, tracked: true };
        const readBack = lineBreaksAsOne(cc.text) === lineBreaksAsOne(text) && hasGhostLook(cc.font);
        if (placed && readBack) this.ghost.set(cc.id, text);
        else {
          // a ghost the person would type into, or one that is not (all) ours: remove all we inserted, text the
          // control did not wrap included (#1771) — from where the caret was to the control's end is all ours
          at.expandTo(cc.getRange('Whole')).delete(); // the control goes with it
          const { sig } = this.queueLook(ctx, null);
          await ctx.sync();
          this.baseline = sig();
        }
        return { placed, readBack, tracked: false };
      });
    } catch (e) {
      // roll back what a failed batch left (an empty or partial tagged control): the next look sweeps it
      await this.lookAgain().catch(() => undefined);
      throw e;
    }
    if (seen.tracked) return { inline: false, reason: 'host.trackChanges' };
    this.self.observe('caretBeforeGhost', seen.placed);
    this.self.observe('ghostReadBack', seen.readBack);
    if (!seen.placed || !seen.readBack) return { inline: false, reason: this.self.paneOnlyReason || SELF_CHECK_FAILED };
    this.touchGhost();
    return { inline: true, text };
  }

  /** the ghost's text is a prefix of `text`: append only the rest, one write (a streaming ghost extends once) */
  private async extendGhost(text: string): Promise<GhostShown | null> {
    const rest = text.slice(this.ghost.text.length);
    const done = await this.withGhost(async (ctx, cc) => {
      const sus = suspendTracking(ctx, this.canTrack);
      cc.insertText(rest, 'End');
      styleGhost(cc);
      cc.load('text');
      cc.font.load('color,italic');
      const placed = await this.caretBefore(ctx, cc);
      if (await this.restoreTracking(ctx, sus, () => cc.delete(false))) return 'tracked' as const;
      return placed && lineBreaksAsOne(cc.text) === lineBreaksAsOne(text) && hasGhostLook(cc.font);
    });
    if (done === null) return null; // gone: write it afresh
    if (done === 'tracked') {
      this.ghost.clear();
      return { inline: false, reason: 'host.trackChanges' };
    }
    if (!done) {
      await this.deleteGhost();
      return null;
    }
    this.ghost.set(this.ghost.id as number, text);
    this.touchGhost();
    return { inline: true, text };
  }

  /**
   * The caret just before the control, read back (§1: where the caret lands after an insert is not
   * guaranteed). select() "navigates the Word UI to the range" and can scroll the view back while the clerk
   * reads further up (issue 28 §8), so it is called only when the caret is not already there. Syncs; the
   * change baseline rides the same sync.
   */
  private async caretBefore(ctx: Ctx, cc: Word.ContentControl): Promise<boolean> {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (attempt > 0) cc.getRange('Before').select('Start');
      const rel = cc.getRange('Before').compareLocationWith(ctx.document.getSelection());
      const { sig } = this.queueLook(ctx, cc);
      await ctx.sync();
      this.baseline = sig();
      if (rel.value === 'Equal') return true;
    }
    return false;
  }

  /** the caret cannot be put back (e.g. select() ignored, §1 #1323): a ghost the user would type into is
   *  worse than none — remove it; enough of these and the session is pane-only */
  private async caretFailed(): Promise<void> {
    this.self.observe('caretBeforeGhost', false);
    await this.deleteGhost();
  }

  async trimGhost(typedChars: number, signal?: AbortSignal): Promise<void> {
    abortIfNeeded(signal);
    await this.exclusive(async () => {
      if (!this.ghost.text) return;
      const rest = this.ghost.text.slice(Math.max(0, typedChars));
      if (!rest) return this.deleteGhost();
      const ok = await this.withGhost(async (ctx, cc) => {
        const sus = suspendTracking(ctx, this.canTrack);
        cc.insertText(rest, 'Replace');
        styleGhost(cc);
        const placed = await this.caretBefore(ctx, cc);
        if (await this.restoreTracking(ctx, sus, () => cc.delete(false))) return 'tracked' as const;
        return placed;
      });
      if (ok === null) return;
      if (ok === 'tracked') {
        this.ghost.clear();
        this.emit('ghostLost');
        return;
      }
      this.ghost.set(this.ghost.id as number, rest);
      this.touchGhost();
      if (ok) this.self.observe('caretBeforeGhost', true);
      else {
        await this.caretFailed();
        throw inlineUnavailable(this.self.paneOnlyReason || SELF_CHECK_FAILED);
      }
    });
  }

  async acceptGhost(chars?: number, signal?: AbortSignal): Promise<void> {
    abortIfNeeded(signal);
    await this.exclusive(() => this.accept(chars));
  }

  private async accept(chars?: number): Promise<void> {
    const ghost = this.ghost.text;
    if (!ghost) return;
    const n = chars === undefined ? ghost.length : Math.max(0, Math.min(chars, ghost.length));
    const taken = ghost.slice(0, n);
    const rest = ghost.slice(n);
    let done;
    try {
      // Delete the ghost and insert its text afresh where it was: new text takes the neighbouring (the user's)
      // formatting (§2 #4276), so nothing grey or italic remains and automatic colour stays automatic.
      done = await this.withGhost(async (ctx, cc) => {
        const sus = suspendTracking(ctx, this.canTrack);
        const spot = cc.getRange('Before');
        spot.font.load('color,italic');
        const old = this.readRemovedRange ? cc.getRange('Content') : null;
        cc.delete(false);
        old?.load('text');
        const kept = spot.insertText(taken, 'After');
        kept.font.load('color,italic');
        let next: Word.ContentControl | null = null;
        let placed: boolean;
        if (rest) {
          next = kept.getRange('End').insertContentControl();
          next.tag = 'banxie-ghost';
          next.insertText(rest, 'Replace');
          styleGhost(next);
          next.load('id');
          placed = await this.caretBefore(ctx, next);
        } else {
          const rel = kept.getRange('End').compareLocationWith(ctx.document.getSelection());
          const { sig } = this.queueLook(ctx, null);
          await ctx.sync();
          this.baseline = sig();
          placed = rel.value === 'Equal';
          if (!placed) {
            kept.getRange('End').select('Start');
            await ctx.sync();
            placed = true;
          }
        }
        // Tracking on (switched on mid-ghost): the ghost went without a trace; what the clerk accepted goes in
        // again as their own tracked insertion, and the rest is not shown (§4).
        const tracked = await this.restoreTracking(ctx, sus, () => {
          kept.delete();
          if (next) next.delete(false);
        });
        if (tracked) {
          const again = spot.insertText(taken, 'After');
          again.getRange('End').select('Start');
          const { sig } = this.queueLook(ctx, null);
          await ctx.sync();
          this.baseline = sig();
          return { placed: true, inherited: false, leftover: false, tracked, nextId: null };
        }
        const inherited = hasGhostLook(kept.font) && !hasGhostLook(spot.font);
        if (inherited) {
          kept.font.color = spot.font.color || '#000000';
          kept.font.italic = spot.font.italic === true;
        }
        const leftover = old !== null && old.text !== '';
        if (leftover) old.delete(); // the old ghost's text stayed behind the accepted copy: take it out
        if (inherited || leftover) await ctx.sync();
        return { placed, inherited, leftover, tracked, nextId: next ? next.id : null };
      });
    } catch (e) {
      if (!this.readRemovedRange || isCode(e, 'ItemNotFound')) throw e;
      // the same fallback as deleteGhost: a Word that will not read a deleted control's range back
      this.readRemovedRange = false;
      return this.accept(chars);
    }
    if (done === null) return;
    if (done.tracked || done.nextId === null) this.ghost.clear();
    else this.ghost.set(done.nextId, rest);
    this.self.observe('formatInherited', !done.inherited);
    if (this.readRemovedRange) this.self.observe('removeClean', !done.leftover);
    if (!rest) return;
    if (done.tracked) return this.emit('ghostLost');
    this.touchGhost();
    if (done.placed) this.self.observe('caretBeforeGhost', true);
    else {
      await this.caretFailed();
      this.emit('ghostLost'); // the rest is gone from the document: the session stops showing it
    }
  }

  /** take over a ghost already in the document (shown by the pane's runtime, when a ribbon command runs in
   *  its own runtime without a shared one); returns its text, '' if none */
  async adoptGhost(signal?: AbortSignal): Promise<string> {
    abortIfNeeded(signal);
    return this.exclusive(() =>
      this.run(async (ctx) => {
        const cc = ctx.document.contentControls.getByTag('banxie-ghost').getFirstOrNullObject();
        cc.load('id,text');
        await ctx.sync();
        if (cc.isNullObject) this.ghost.clear();
        else this.ghost.set(cc.id, cc.text.replace(/[\r\u000b]/g, '\n'));
        return this.ghost.text;
      }),
    );
  }

  /** GB 45438-2025: the document's AIGC custom property (aigcProperty.ts); one Word.run at a time like our other writes */
  private readonly aigc = new WordAigcProperty((batch) => this.W.run(batch), (set, v) => this.supports(set, v));
  labelAiContent(accept: AigcAccept, label: AigcLabelInput, signal?: AbortSignal): Promise<void> {
    return this.exclusive(() => this.aigc.write(accept, label, signal));
  }

  /** takes our ghost out; a host that tracks none (a ribbon command in its own runtime) sweeps every ghost control */
  async clearGhost(signal?: AbortSignal): Promise<void> {
    abortIfNeeded(signal);
    await this.exclusive(() => (this.ghost.id === null && (!this.baseline || this.baseline.ghosts.length) ? this.lookAgain() : this.deleteGhost()));
  }

  async insertAtCursor(text: string, signal?: AbortSignal): Promise<void> {
    abortIfNeeded(signal);
    await this.exclusive(() =>
      this.write(async (ctx) => {
        const r = ctx.document.getSelection().insertText(text, 'Replace');
        r.getRange('End').select('Start');
        const { sig } = this.queueLook(ctx, null);
        await ctx.sync();
        this.baseline = sig();
      }),
    );
  }

  /** run an edit on our ghost, found by its id (issue 28 §1: never "the first banxie-ghost control", which may
   *  be one an undo restored); null when it is gone (the user undid or deleted it: not an error) */
  private async withGhost<T>(edit: (ctx: Ctx, cc: Word.ContentControl) => Promise<T>): Promise<T | null> {
    const id = this.ghost.id;
    if (id === null) return null;
    try {
      return await this.write(async (ctx) => edit(ctx, ctx.document.contentControls.getById(id)));
    } catch (e) {
      if (!isCode(e, 'ItemNotFound')) throw e;
      this.ghost.clear();
      this.emit('ghostLost');
      return null;
    }
  }

  private async deleteGhost(): Promise<void> {
    this.stopIdle();
    const id = this.ghost.id;
    if (id === null) return;
    try {
      await this.write(async (ctx) => {
        const sus = suspendTracking(ctx, this.canTrack);
        const cc = ctx.document.contentControls.getById(id);
        // self-check, in the same sync: the control's content range is empty afterwards (a range whose text is
        // deleted collapses) and no ghost control is left
        const content = this.readRemovedRange ? cc.getRange('Content') : null;
        cc.delete(false);
        content?.load('text');
        let look = this.queueLook(ctx, null);
        await ctx.sync();
        this.baseline = look.sig();
        await this.restoreTracking(ctx, sus);
        if (!content) return;
        const clean = content.text === '' && !this.baseline.ghosts.some((g) => g.id === id);
        this.self.observe('removeClean', clean);
        if (clean) return;
        content.delete(); // what stayed goes by another path: the range itself
        look = this.queueLook(ctx, null);
        await ctx.sync();
        this.baseline = look.sig();
      });
    } catch (e) {
      if (isCode(e, 'ItemNotFound')) {
        // already gone: nothing to clear
      } else if (this.readRemovedRange && !isCode(e, 'host.trackingNotRestored')) {
        // [UNCONFIRMED] that a real Word lets a batch read a deleted control's range: if it will not,
        // removals go unchecked from now on (the control was deleted before the read failed)
        this.readRemovedRange = false;
        return this.deleteGhost();
      } else throw e;
    }
    this.ghost.clear();
  }

  // ---- the ghost's lifetime (issue 28 §5) ------------------------------------------------

  /** Office.js has no before-save event: a ghost nobody touches for ghostIdleMs goes, so AutoSave or a Ctrl+S
   *  after a pause does not write it into the file */
  private touchGhost(): void {
    this.stopIdle();
    const ms = this.opts.ghostIdleMs ?? DEFAULT_GHOST_IDLE_MS;
    if (ms <= 0 || ms === Infinity) return;
    this.idleTimer = setTimeout(() => void this.exclusive(() => this.dropForSave()).catch(() => undefined), ms);
    (this.idleTimer as { unref?: () => void }).unref?.();
  }

  private stopIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  /** a save may be near (the pane hidden, the page going away, the ghost idle): take the ghost out, tell the session */
  private async dropForSave(): Promise<void> {
    if (this.disposed || !this.ghost.text) return;
    await this.deleteGhost();
    this.emit('save');
  }

  // ---- change detection ---------------------------------------------------------------

  onChange(cb: (change: HostChange) => void): () => void {
    return this.watch.subscribe(cb);
  }

  /** force a check now (tests; the pane on focus) */
  checkNow(): Promise<void> {
    return this.exclusive(() => this.check(true));
  }

  /** look at the ghosts again now (after a failed write) */
  private lookAgain(): Promise<void> {
    return this.run(async (ctx) => {
      const { ghosts, sig } = this.queueLook(ctx);
      await ctx.sync();
      this.baseline = sig();
      await this.reconcile(ghosts());
    });
  }

  /** Events are late, merged, dropped and fired by our own edits (§3): each is "look now", compared with the
   *  state our own last write left. Reads the caret's paragraph only; an event-hinted check off the web also
   *  reads the context in the same sync, which the listener asks for next. */
  private async check(hinted: boolean): Promise<void> {
    try {
      await this.checkOnce(hinted);
    } catch (e) {
      if (!isCode(e, 'ItemNotFound') || this.ghost.id === null) throw e;
      // our ghost went between two looks (the web's caret compare needs it): it is lost; look again
      this.ghost.clear();
      this.stopIdle();
      this.emit('ghostLost');
      await this.checkOnce(hinted);
    }
  }

  private async checkOnce(hinted: boolean): Promise<void> {
    const withContext = hinted && !this.ghost.text && !this.web;
    const { sig, context } = await this.run(async (ctx) => {
      const look = this.queueLook(ctx);
      const read = withContext ? queueContextRead(ctx, this.canTrack) : null;
      await ctx.sync();
      const r = read?.();
      if (r) {
        this.lastInsideUserControl = r.insideUserControl;
        this.lastTracking = r.tracking;
        this.safetyFreshUntil = Date.now() + SAFETY_FRESH_MS;
      }
      const plain = r && r.ghosts.items.length === 0 && !this.headerDue(r.full) ? this.contextOf(r.full, r.cursor, r.selectionEmpty) : null;
      return { sig: look.sig(), context: plain };
    });
    const prev = this.baseline;
    this.baseline = sig;
    const wrote = await this.reconcile(sig.ghosts);
    if (this.ghost.text && this.cloudMoved()) await this.dropForSave();
    if (!wrote) {
      this.prefetched = context;
      this.prefetchedAt = Date.now();
    }
    if (prev?.key === sig.key && !(this.web && this.watch.takeMove())) return;
    this.cached = null;
    this.emit(prev && prev.paragraph === sig.paragraph && !wrote ? 'selection' : 'content');
  }

  /** saved to OneDrive mid-session? (checked while a ghost shows; the answer arrives with the next check) */
  private cloudMoved(): boolean {
    void this.refreshCloud();
    return this.cloud && !this.opts.cloudInline;
  }

  /**
   * Make the document's ghost controls what we believe (issue 28 §1, §2); true if it wrote.
   * - our ghost (by id) gone: undone or deleted by the clerk — a new state, not an error;
   * - our ghost's text differs from what we wrote: the clerk typed into it (#6448; on the web a caret put at its
   *   start lands inside, #2527) — their characters stay, only the ghost's own go;
   * - any other banxie-ghost control (an undo restored it, a paste copied it, a crash left it): swept, keeping
   *   what the clerk typed into it where we know what we wrote there.
   */
  private async reconcile(seen: GhostSeen[]): Promise<boolean> {
    const id = this.ghost.id;
    const mine = id === null ? undefined : seen.find((g) => g.id === id);
    let lost = false;
    let wrote = false;
    if (id !== null && (!mine || !mine.text)) {
      lost = true;
      this.ghost.clear();
      this.stopIdle();
    } else if (mine && mine.text !== this.ghost.text) {
      await this.keepTyped(mine, this.ghost.text, true);
      lost = wrote = true;
      this.ghost.clear();
      this.stopIdle();
    }
    for (const g of seen) {
      if (g.id === id) continue;
      await this.keepTyped(g, this.ghost.wrote(g.id) ?? g.text, false);
      wrote = true;
    }
    if (lost) this.emit('ghostLost');
    return wrote;
  }

  /** unwrap a ghost control keeping the clerk's characters in their own look; the ghost's characters go */
  private async keepTyped(g: GhostSeen, ghostText: string, caretAfter: boolean): Promise<void> {
    const { typed } = splitTyped(g.text, ghostText);
    try {
      await this.write(async (ctx) => {
        const cc = ctx.document.contentControls.getById(g.id);
        const spot = cc.getRange('Before');
        spot.font.load('color,italic');
        await ctx.sync();
        const sus = suspendTracking(ctx, this.canTrack);
        let kept: Word.Range | null = null;
        if (typed) {
          kept = cc.insertText(typed, 'Replace');
          kept.font.color = spot.font.color || '#000000';
          kept.font.italic = spot.font.italic === true;
          cc.delete(true);
          if (caretAfter) kept.getRange('End').select('Start');
        } else cc.delete(false);
        const { sig } = this.queueLook(ctx, null);
        await ctx.sync();
        this.baseline = sig();
        // typed under tracking: their characters go back in as their own tracked insertion
        const tracked = await this.restoreTracking(ctx, sus, () => kept?.delete());
        if (tracked && typed) {
          const again = spot.insertText(typed, 'After');
          if (caretAfter) again.getRange('End').select('Start');
          const look = this.queueLook(ctx, null);
          await ctx.sync();
          this.baseline = look.sig();
        }
      });
    } catch (e) {
      if (!isCode(e, 'ItemNotFound')) throw e;
    }
  }

  dispose(): void {
    this.disposed = true;
    this.stopIdle();
    this.watch.dispose();
  }
}
