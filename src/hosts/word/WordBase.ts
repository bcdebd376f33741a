// WordHost's foundation: its state (the ghost known by id, the change baseline, the prefetched read, the header), one
// Word.run at a time, our own writes marked, the verdict on inline ghosts. Removing our own ghost and its idle
// lifetime are WordHost's (a pane-only host never writes one).
// WordReader (reads and change watching) and WordHost (the DocumentHost: showing, trimming, accepting) build on it.

import type { HostCapabilities, HostChange, HostContext } from '../../core/DocumentHost';
import { DEFAULT_SELF_CHECK_LIMIT, createSelfCheck, type SelfCheck } from '../selfCheck';
import { GhostState, OWN_ECHO_MS } from '../GhostState';
import { decide, readCloud } from './verdict';
import { suspendTracking, trackingNotRestored, type Suspension } from './ghostLook';
import { queueSignature, type GhostSeen, type Signature } from './reads';
import { ChangeWatcher } from './watch';

export interface WordHostOptions {
  Word: typeof Word;
  Office: typeof Office;
  /** cheap poll while the pane is visible; 0 = no poll */
  pollMs?: number;
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

export type Ctx = Word.RequestContext;
export const SAFETY_FRESH_MS = 1000;
export const PREFETCH_FRESH_MS = 30;

export function inlineUnavailable(reason: string): Error {
  return Object.assign(new Error(`inline ghost unavailable: ${reason}`), { code: 'host.inlineUnavailable', reason });
}

export const isCode = (e: unknown, code: string) => typeof e === 'object' && e !== null && (e as { code?: unknown }).code === code;

export function abortIfNeeded(signal?: AbortSignal): void {
  if (signal?.aborted) {
    const err = new Error('aborted');
    err.name = 'AbortError';
    throw err;
  }
}

export abstract class WordBase {
  protected readonly W: typeof Word;

  protected readonly O: typeof Office;

  protected readonly opts: WordHostOptions;

  /** the one ghost we wrote and believe is in the document, by its control's id (issue 28 §1) */
  protected readonly ghost = new GhostState<number>();

  protected baseline: Signature | null = null;

  protected chain: Promise<unknown> = Promise.resolve();

  protected readonly watch: ChangeWatcher;

  protected lastInsideUserControl = false;

  /** true/false from changeTrackingMode (WordApi 1.4+); null = unknown; undefined = not read yet */
  protected lastTracking: boolean | null | undefined = undefined;

  protected cloud = false;

  protected readonly self: SelfCheck;

  /** removals read the removed control's range back (removeClean); off if this Word refuses that */
  protected readRemovedRange = true;

  protected safetyFreshUntil = 0;

  /** the context the last change check read in its own sync, for the read that follows it */
  protected prefetched: HostContext | null = null;

  protected prefetchedAt = 0;


  /** the body's first lines when the header was last read (issue 28 §8) */
  protected head: string | null = null;

  protected header = '';

  protected headerReadAt = -Infinity;

  protected idleTimer: ReturnType<typeof setTimeout> | null = null;

  protected disposed = false;

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
      },
      hidden: () => void this.exclusive(() => this.dropForSave()).catch(() => undefined),
      ownEcho: () => this.ghost.ownEcho(),
      echoAlreadyLooked: () => Date.now() <= this.lookedUntil,
    });
  }

  /** until when event-hinted looks are the echo of a ghost write that took the baseline in its own sync (a write
   *  fires more than one event: the selection and, from WordApi 1.6, the paragraph events) */
  private lookedUntil = 0;

  /** a ghost write (show, extend, trim) read the change signature in its last sync: its echo needs no look */
  protected lookedWrite(): void {
    this.lookedUntil = Date.now() + OWN_ECHO_MS;
  }

  /** one Word.run at a time: our writes never interleave with the poll */
  protected exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  protected run<T>(batch: (ctx: Ctx) => Promise<T>): Promise<T> {
    this.prefetched = null; // any batch may write, and a context read before it is history
    const t0 = Date.now();
    const done = () => this.self.recordMs(Date.now() - t0);
    const p = this.W.run(batch);
    p.then(done, done);
    return p;
  }

  /** a batch that writes: what we knew of the document is history, and our own events are not the clerk's */
  protected write<T>(batch: (ctx: Ctx) => Promise<T>): Promise<T> {
    return this.echoing(batch);
  }

  /** Word fires events for an add-in's own writes (§3), and on the web a read that measures with expandTo records
   *  an Undo step (#5715; only 重新建议's does, ReadHow.exact): the events that follow such a batch are its echo, not
   *  the clerk's move */
  protected echoing<T>(batch: (ctx: Ctx) => Promise<T>): Promise<T> {
    this.ghost.markOwnWrite();
    this.lookedUntil = 0; // only a ghost write that ends with its own look says so again (lookedWrite)
    const p = this.run(batch);
    const mark = () => this.ghost.markOwnWrite();
    p.then(mark, mark);
    return p;
  }

  protected supports(set: string, version: string): boolean {
    try {
      return this.O.context.requirements.isSetSupported(set, version);
    } catch {
      return false;
    }
  }

  protected get canTrack(): boolean {
    return this.supports('WordApi', '1.4');
  }

  /** Word on the web records expandTo in the undo list (#5715): reads there leave the caret offset out */
  protected get web(): boolean {
    const c = this.O.context as unknown as { diagnostics?: { platform?: unknown }; platform?: unknown };
    return String(c.diagnostics?.platform ?? c.platform ?? '') === 'OfficeOnline';
  }

  protected emit(kind: HostChange['kind']): void {
    this.watch.emit(kind);
  }

  /** after the sync: the clerk's tracking mode back, or a loud error; a second sync only when it was on */
  protected async restoreTracking(ctx: Ctx, sus: Suspension, alsoQueue?: () => void): Promise<boolean> {
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

  protected async refreshCloud(): Promise<void> {
    this.cloud = await readCloud(this.O);
    this.self.setFacts({ cloudDocument: this.cloud });
  }

  /** the change check's reads; on the web the caret is compared with `ghost` (the control a write batch holds;
   *  by default the tracked ghost found by its id) — never with a control the batch itself deleted */
  protected queueLook(ctx: Ctx, ghost?: Word.ContentControl | null): { ghosts: () => GhostSeen[]; sig: () => Signature } {
    const id = this.ghost.id;
    const cc = !this.web ? null : ghost !== undefined ? ghost : id !== null ? ctx.document.contentControls.getByIdOrNullObject(id) : null;
    const s = queueSignature(ctx, !this.web, cc);
    let memo: Signature | null = null;
    const sig = () => (memo ??= s());
    return { sig, ghosts: () => sig().ghosts };
  }

  protected verdict(): HostCapabilities {
    return decide({
      supports: (s, v) => this.supports(s, v),
      tracking: this.lastTracking,
      trackingUnknown: this.opts.trackingUnknown ?? 'paneOnly',
      selfCheckOff: this.self.paneOnlyReason,
      readOnly: this.O.context.document.mode === this.O.DocumentMode.ReadOnly,
      insideUserControl: this.lastInsideUserControl,
    });
  }

  /** one sync: tracking mode (WordApi 1.4+, else null = unknown) and whether the caret is in a user's control */
  protected async readSafety(): Promise<void> {
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

  protected stopIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  /** a save may be near (the pane hidden, the page going away): WordHost takes its ghost out; nothing here */
  protected async dropForSave(): Promise<void> {}

  /** the change check (WordReader) */
  protected abstract check(hinted: boolean): Promise<void>;
}
