// WordHost's reads and change watching: the context for a request (only when the session asks), the change
// check over the caret's paragraph, and the reconciliation of what is in the document with the ghost we wrote —
// the clerk's typing always wins (issue 28 §1, §2). Queued reads are in reads.ts, the events and poll in watch.ts.

import type { HostChange, HostContext, ReadHow } from '../../core/DocumentHost';
import { cutGhosts, normalizeWordText, splitTyped } from './wordText';
import { hasGhostLook, suspendTracking } from './ghostLook';
import { headOf, queueContextRead, queueHeader, type ContextRead, type GhostSeen, type WebContextRead, type readContextOnWeb } from './reads';
import { PREFETCH_FRESH_MS, SAFETY_FRESH_MS, WordBase, abortIfNeeded, isCode, type Ctx } from './WordBase';

export abstract class WordReader extends WordBase {
  async readContext(signal?: AbortSignal, how: ReadHow = {}): Promise<HostContext> {
    abortIfNeeded(signal);
    return this.exclusive(async () => {
      // a check that just saw the change already read the context; nothing happened since
      const ready = this.prefetched && Date.now() - this.prefetchedAt <= PREFETCH_FRESH_MS ? this.prefetched : null;
      this.prefetched = null;
      if (ready) return ready;
      // Otherwise to Word: a read meant to catch keystrokes whose events are late (the session's check before it
      // asks) must not be answered from memory. The full read happens only when the session asks — never in the
      // change check or the poll (issue 28 §6) — and the session keeps answers by context.
      return this.readNow(how.exact === true);
    });
  }

  /** ≤ 2 syncs: the text before and after the caret and the ghosts; a second sync only when a ghost is in the
   *  document (to cut it out) or the body's first lines changed (to read the page header) */
  protected async readNow(exact = false): Promise<HostContext> {
    try {
      return await this.readOnce(0, exact);
    } catch (e) {
      // the web read compares the caret with our ghost by id: if that failed, the ghost is not what we think
      if (!this.web || this.ghost.id === null) throw e;
      this.ghost.clear();
      this.stopIdle();
      this.emit('ghostLost');
      return this.readOnce(0, exact);
    }
  }

  private async readOnce(depth = 0, exact = false): Promise<HostContext> {
    let detached: { caretAfterGhost: boolean } | null = null;
    let unsure: GhostSeen[] | null = null;
    // a measured read on the web records an Undo step (#5715): what Word fires after it is its echo, not the clerk
    const batch = exact && this.web ? this.echoing.bind(this) : this.run.bind(this);
    const context = await batch(async (ctx: Ctx): Promise<HostContext | null> => {
      const { body } = ctx.document;
      const id = this.ghost.id;
      let r: ContextRead | WebContextRead;
      const readOnWeb = this.web ? this.webRead() : null;
      if (readOnWeb) {
        // no expandTo on the web: each would be one of the clerk's Undo steps (§3)
        r = await readOnWeb(ctx, this.canTrack, id === null ? null : ctx.document.contentControls.getByIdOrNullObject(id), exact);
      } else {
        const read = queueContextRead(ctx, this.canTrack);
        await ctx.sync();
        r = read();
      }
      // a ghost control that is not ours, or ours with text we did not write (the clerk typed into it): the
      // clerk's characters are kept before anything is cut or dropped (issue 28 §1, §2) — reconcile, then read again
      const seen = r.ghosts.items.map((g) => ({ id: g.id, text: normalizeWordText(g.text) }));
      if (depth < 2 && seen.some((g) => g.id !== id || g.text !== this.ghost.text)) {
        unsure = seen;
        return null;
      }
      this.lastInsideUserControl = r.insideUserControl;
      this.lastTracking = r.tracking;
      this.safetyFreshUntil = Date.now() + SAFETY_FRESH_MS;
      let { full: text, cursor } = r;
      const web = 'caretExact' in r ? r : null;
      if (web && r.ghosts.items.length) {
        // the web, our ghost: right at the caret at its paragraph's end it is cut out there (compared, not measured);
        // anywhere else the caret has left it — it goes, and the read is done again without it
        // (two reconciles could not make the only ghost control ours: it cannot be located without measuring)
        if (r.ghosts.items.length !== 1 || r.ghosts.items[0].id !== id) throw new Error('stray ghost controls remain');
        if (!web.caretAtGhost || !web.caretExact) {
          detached = { caretAfterGhost: web.caretAfterGhost === true };
          return null;
        }
        const cut = cutGhosts(text, cursor, [{ at: cursor, length: r.ghosts.items[0].text.length }]);
        text = cut.text;
        cursor = cut.cursor;
      }
      // with a ghost in the text the first lines cannot be compared yet: the header waits for a ghost-free read
      const header = !r.ghosts.items.length && this.headerDue(text) ? queueHeader(ctx) : null;
      if (!web && r.ghosts.items.length) {
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
          const ghostEnd = starts[mine].text.length + r.ghosts.items[mine].text.length;
          detached = { caretAfterGhost: cursor > ghostEnd && !text.slice(ghostEnd, cursor).includes('\n') };
        }
        text = cut.text;
        cursor = cut.cursor;
      } else if (header) await ctx.sync(); // the body's first lines changed: the header too, one more sync
      if (header) this.takeHeader(header(), r.full);
      const context = this.contextOf(text, cursor, r.selectionEmpty);
      // the web, the caret inside a paragraph: its offset is not known, so no suggestion is asked for here
      if (web && !web.caretExact && r.selectionEmpty) context.noSuggestion = 'suggestion.webMidParagraph';
      return context;
    });
    if (unsure) {
      await this.reconcile(unsure);
      return this.readOnce(depth + 1, exact);
    }
    if (detached) {
      await this.dropDetachedGhost(detached);
      this.emit('ghostLost');
      if (!context) return this.readOnce(depth + 1, exact);
    }
    return context as HostContext;
  }

  /** Word on the web's read (reads.ts readContextOnWeb): WordHost's. The pane-only host is the lite pane's, which
   *  runs in Trident's desktop Word only — it does without, and its ES5 bundle without the code */
  protected webRead(): typeof readContextOnWeb | null {
    return null;
  }

  protected contextOf(text: string, cursor: number, selectionEmpty: boolean): HostContext {
    const ctx: HostContext = { text, cursor, selectionEmpty };
    if (this.header) ctx.header = this.header;
    return ctx;
  }

  /** the header is read when the body's first lines change (or, with headerRefreshMs, when the copy is that old) */
  protected headerDue(full: string): boolean {
    if (!this.supports('WordApi', '1.1')) return false;
    const refresh = this.opts.headerRefreshMs;
    if (refresh === Infinity) return false;
    if (refresh !== undefined) return Date.now() - this.headerReadAt >= refresh;
    return this.head !== headOf(full);
  }

  protected takeHeader(header: string, full: string): void {
    this.header = header;
    this.head = headOf(full);
    this.headerReadAt = Date.now();
  }

  /** a ghost of ours the caret has left: none in a pane-only host (WordHost removes it) */
  protected async dropDetachedGhost(_where: { caretAfterGhost: boolean }): Promise<void> {}

  /** Delete every banxie-ghost control with its text (a crash or a reload left it), and take the baseline the
   *  change checks compare with: without one, a keystroke made before the first check would never be reported. */
  protected async sweep(): Promise<void> {
    await this.run(async (ctx) => {
      const { ghosts, sig } = this.queueLook(ctx);
      await ctx.sync();
      this.baseline = sig();
      if (ghosts().length) await this.reconcile(ghosts());
    });
    this.ghost.clear();
  }

  onChange(cb: (change: HostChange) => void): () => void {
    return this.watch.subscribe(cb);
  }

  /** force a check now (tests; the pane on focus) */
  checkNow(): Promise<void> {
    return this.exclusive(() => this.check(true));
  }

  /** look at the ghosts again now (after a failed write) */
  protected lookAgain(): Promise<void> {
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
  protected async check(hinted: boolean): Promise<void> {
    try {
      await this.checkOnce(hinted);
    } catch (e) {
      // on the web the look compares the caret with our ghost by id; if that failed the ghost is no longer
      // what we think (a null object's range: ItemNotFound, or another error on a real Word) — the safe reading
      // is "lost": the next look sweeps any control left as a stray
      if (this.ghost.id === null || !(isCode(e, 'ItemNotFound') || this.web)) throw e;
      // our ghost went between two looks (the web's caret compare needs it): it is lost; look again
      this.ghost.clear();
      this.stopIdle();
      this.emit('ghostLost');
      await this.checkOnce(hinted);
    }
  }

  protected async checkOnce(hinted: boolean): Promise<void> {
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
    await this.afterCheck();
    if (!wrote) {
      this.prefetched = context;
      this.prefetchedAt = Date.now();
    }
    if (prev?.key === sig.key && !(this.web && this.watch.takeMove())) return;
    this.emit(prev && prev.paragraph === sig.paragraph && !wrote ? 'selection' : 'content');
  }

  /** the move to the cloud has been acted on (one drop per session) */
  protected cloudSeen = false;

  /** after a check: a ghost shown while the file moved to the cloud goes (WordHost; a pane-only host has none) */
  protected async afterCheck(): Promise<void> {}

  /**
   * Make the document's ghost controls what we believe (issue 28 §1, §2); true if it wrote.
   * - our ghost (by id) gone: undone or deleted by the clerk — a new state, not an error;
   * - our ghost's text differs from what we wrote: the clerk typed into it (#6448; on the web a caret put at its
   *   start lands inside, #2527) — their characters stay, only the ghost's own go;
   * - any other banxie-ghost control (an undo restored it, a paste copied it, a crash left it): swept, keeping
   *   what the clerk typed into it where we know what we wrote there.
   */
  protected async reconcile(seen: GhostSeen[]): Promise<boolean> {
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
  protected async keepTyped(g: GhostSeen, ghostText: string, caretAfter: boolean): Promise<void> {
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
}
