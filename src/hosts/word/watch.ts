// WordHost's change watching: who hears about changes, when to look, and the events and the poll that say
// "look now". Real Word has no per-keystroke events (§3 #5240); DocumentSelectionChanged and the WordApi 1.6
// paragraph events come late, merged, dropped (#2964, #4874), skip undo on the web (#5089) and fire for our
// own edits — so each is only a hint, and a cheap poll stands in while they are quiet.

import type { HostChange } from '../../core/DocumentHost';

export interface WatchDeps {
  O: typeof Office;
  /** ms between polls while the pane is visible; 0 = no poll */
  pollMs: number;
  /** run one look, serialised with the host's writes */
  run(fn: () => Promise<void>): Promise<void>;
  /** the look itself; `hinted` when an event asked for it (the document probably changed) */
  check(hinted: boolean): Promise<void>;
  /** something may have changed: forget reads taken before */
  forget(): void;
  /** the pane is being hidden or the page goes away: a save may follow (issue 28 §5) */
  hidden(): void;
  /** an event now is the echo of the host's own write */
  ownEcho(): boolean;
  /** true when the look an event asks for was already taken by the host's own ghost write, in that write's
   *  sync: the event is its echo and a look would only read again what the write just read */
  echoAlreadyLooked(): boolean;
}

export class ChangeWatcher {
  private readonly listeners = new Set<(c: HostChange) => void>();
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  private checkQueued = false;
  private selectionHandler: (() => void) | null = null;
  private pageHandler: (() => void) | null = null;
  private lastCheckAt = 0;
  /** a selection event not of our making arrived since the last look (the web's checks read no caret offset) */
  private moved = false;
  private disposed = false;

  constructor(private readonly d: WatchDeps) {}

  /** register the events; `paragraphs` runs a batch that adds the WordApi 1.6 paragraph handlers (null below 1.6) */
  async start(paragraphs: ((batch: (ctx: Word.RequestContext) => Promise<void>) => Promise<void>) | null): Promise<void> {
    if (this.selectionHandler) return;
    this.selectionHandler = () => {
      if (!this.d.ownEcho()) this.moved = true;
      this.schedule(true);
    };
    try {
      this.d.O.context.document.addHandlerAsync(this.d.O.EventType.DocumentSelectionChanged, this.selectionHandler);
    } catch {
      /* no event support: the poll still runs */
    }
    if (paragraphs) {
      // handlers die with the add-in, so no removal on dispose: `disposed` makes them inert
      const hint = async () => this.schedule(true);
      try {
        await paragraphs(async (ctx) => {
          ctx.document.onParagraphChanged.add(hint);
          ctx.document.onParagraphAdded.add(hint);
          ctx.document.onParagraphDeleted.add(hint);
          await ctx.sync();
        });
      } catch {
        /* not available on this build: selection events and the poll remain */
      }
    }
    // the pane hidden or the page going away is the nearest thing to a save signal Office.js gives (issue 28 §5)
    if (typeof document !== 'undefined' && typeof window !== 'undefined') {
      this.pageHandler = () => {
        if (document.visibilityState === 'hidden') this.d.hidden();
      };
      document.addEventListener('visibilitychange', this.pageHandler);
      window.addEventListener('pagehide', this.d.hidden);
    }
  }

  subscribe(cb: (change: HostChange) => void): () => void {
    this.listeners.add(cb);
    this.startPoll();
    return () => {
      this.listeners.delete(cb);
      if (!this.listeners.size) this.stopPoll();
    };
  }

  emit(kind: HostChange['kind']): void {
    for (const l of [...this.listeners]) l({ kind });
  }

  /** true once per selection event of the clerk's since the last call */
  takeMove(): boolean {
    const m = this.moved;
    this.moved = false;
    return m;
  }

  private startPoll(): void {
    const ms = this.d.pollMs;
    if (this.pollTimer || ms <= 0) return;
    this.pollTimer = setInterval(() => {
      const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
      // the poll stands in for missing events: while events keep a check recent, it rests
      const recent = Date.now() - this.lastCheckAt < ms;
      if (!hidden && !recent) this.schedule(false);
    }, ms);
  }

  private stopPoll(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
  }

  private schedule(hinted: boolean): void {
    this.d.forget(); // something may have changed since the last read
    if (this.checkQueued || this.disposed || !this.listeners.size) return;
    this.checkQueued = true;
    void this.d
      .run(async () => {
        this.checkQueued = false;
        if (this.disposed) return;
        // one sync fewer per ghost write (issue 24: a streaming ghost writes twice). A keystroke merged into
        // this echo (§3: Word merges events) is seen by its own next event or by the poll, which stays due.
        if (hinted && this.d.echoAlreadyLooked()) return;
        this.lastCheckAt = Date.now();
        await this.d.check(hinted);
      })
      .catch(() => undefined);
  }

  dispose(): void {
    this.disposed = true;
    this.stopPoll();
    this.listeners.clear();
    if (this.selectionHandler) {
      try {
        this.d.O.context.document.removeHandlerAsync(this.d.O.EventType.DocumentSelectionChanged, { handler: this.selectionHandler });
      } catch {
        /* host gone */
      }
      this.selectionHandler = null;
    }
    if (this.pageHandler) {
      document.removeEventListener('visibilitychange', this.pageHandler);
      window.removeEventListener('pagehide', this.d.hidden);
      this.pageHandler = null;
    }
  }
}
