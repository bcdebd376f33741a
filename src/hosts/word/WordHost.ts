// DocumentHost over Office.js for Word. The same code runs on real Word (pass the globals)
// and on the simulator (pass sim.Word / sim.Office). Core path uses WordApi 1.3 only.
// Ghost = text in a content control tagged banxie-ghost right after the caret (DESIGN), known by the id Word
// gave the control (issue 28 §1). This file shows, trims, accepts and removes the ghost and ends an idle one; WordPaneHost.ts is the rest of the port (the lite pane runs on it alone), WordReader.ts reads and watches,
// WordBase.ts holds the state, verdict.ts decides whether inline is safe, ghostLook.ts
// styles the ghost and keeps it out of revisions.

import type { DocumentHost, GhostShown, TextTarget } from '../../core/DocumentHost';
import { SELF_CHECK_FAILED } from '../selfCheck';
import { splitTyped } from './wordText';
import { hasGhostLook, lineBreaksAsOne, styleGhost, suspendTracking } from './ghostLook';
import { abortIfNeeded, inlineUnavailable, isCode, type Ctx } from './WordBase';
import { WordPaneHost } from './WordPaneHost';
import { readContextOnWeb } from './reads';

export { GHOST_COLOR } from './ghostLook';
export type { WordHostOptions } from './WordBase';

/**
 * A suggestion that starts on a new line (`\n一、…` after 通知如下：) is the commonest in a 公文. Wrapped as it is, the
 * control would span a paragraph mark (issue 28 §7), and a dismiss would have to take a paragraph mark out of the
 * clerk's document. So its leading line breaks are drawn as ↵ inside the control, in the caret's own paragraph:
 * nothing but the control is ever written. Enter typed by the clerk matches the break (the session trims it, and
 * the control has moved to the new paragraph with the text after the caret); accept inserts the real break.
 */
const LEAD_BREAK = '\u21b5';
const DEFAULT_GHOST_IDLE_MS = 30_000;
/** the ghost as the document shows it */
export const onPage = (text: string): string => text.replace(/^(?:\r\n|[\r\n\v])+/, (m) => LEAD_BREAK.repeat(m.replace(/\r\n/g, '\n').length));
/** the suggestion a ghost on the page stands for (same length: one ↵ per break) */
const fromPage = (shown: string): string => shown.replace(/^\u21b5+/, (m) => '\n'.repeat(m.length));

export class WordHost extends WordPaneHost implements DocumentHost {
  override async showGhost(text: string, signal?: AbortSignal): Promise<GhostShown> {
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
      const shown = onPage(text);
      const now = this.ghost.text;
      if (now === shown) return { inline: true, text };
      if (now && this.ghost.extends(shown)) {
        const extended = await this.extendGhost(shown);
        if (extended) return { inline: true, text };
      }
      if (this.ghost.text) await this.deleteGhost();
      const written = await this.writeGhost(shown);
      return written.inline ? { inline: true, text } : written;
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
        else await this.takeBack(ctx, at, cc, text);
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
    this.lookedWrite();
    this.touchGhost();
    return { inline: true, text };
  }

  /**
   * Take back a ghost that failed its checks (the caret not before it, or not all ours, #1771), removing only what
   * is provably ours: text the control did not wrap, between where the caret was and the control, when it is the
   * start of our text and the control holds the rest; else the control's own characters (splitTyped), so a control
   * that took in more than we wrote (a block-level control over the clerk's paragraph, #1996) gives theirs back.
   */
  private async takeBack(ctx: Ctx, at: Word.Range, cc: Word.ContentControl, text: string): Promise<void> {
    const lead = at.expandTo(cc.getRange('Before'));
    lead.load('text');
    await ctx.sync();
    const mine = lineBreaksAsOne(text);
    const leadText = lineBreaksAsOne(lead.text);
    const inside = lineBreaksAsOne(cc.text);
    if (leadText + inside === mine) {
      if (leadText) lead.delete();
      cc.delete(false);
    } else {
      const { typed } = splitTyped(inside, mine);
      if (typed) {
        cc.insertText(typed, 'Replace');
        cc.delete(true);
      } else cc.delete(false);
    }
    const { sig } = this.queueLook(ctx, null);
    await ctx.sync();
    this.baseline = sig();
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
    this.lookedWrite();
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

  override async trimGhost(typedChars: number, signal?: AbortSignal): Promise<void> {
    abortIfNeeded(signal);
    await this.exclusive(async () => {
      if (!this.ghost.text) return;
      const rest = onPage(fromPage(this.ghost.text).slice(Math.max(0, typedChars)));
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
      if (ok) {
        this.lookedWrite();
        this.self.observe('caretBeforeGhost', true);
      } else {
        await this.caretFailed();
        throw inlineUnavailable(this.self.paneOnlyReason || SELF_CHECK_FAILED);
      }
    });
  }

  override async acceptGhost(chars?: number, signal?: AbortSignal): Promise<void> {
    abortIfNeeded(signal);
    await this.exclusive(() => this.accept(chars));
  }

  private async accept(chars?: number): Promise<void> {
    const ghost = fromPage(this.ghost.text);
    if (!ghost) return;
    const n = chars === undefined ? ghost.length : Math.max(0, Math.min(chars, ghost.length));
    const taken = ghost.slice(0, n);
    const rest = onPage(ghost.slice(n));
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
        return fromPage(this.ghost.text);
      }),
    );
  }



  /** 规范 修正: the match replaced with insertText(…, 'Replace') — one sync that writes, one undo entry, as an accept */
  async replaceText(target: TextTarget, replacement: string, signal?: AbortSignal): Promise<boolean> {
    abortIfNeeded(signal);
    const done = await this.exclusive(() =>
      this.write(async (ctx) => {
        const r = await this.findTarget(ctx, target);
        if (!r) return false;
        r.insertText(replacement, 'Replace');
        await ctx.sync();
        return true;
      }),
    );
    // the change may be far from the caret's paragraph, which is all the change check compares: say so
    if (done) this.emit('content');
    return done;
  }

  /** takes our ghost out; a host that tracks none (a ribbon command in its own runtime) sweeps every ghost control */
  override async clearGhost(signal?: AbortSignal): Promise<void> {
    abortIfNeeded(signal);
    await this.exclusive(() => (this.ghost.id === null && (!this.baseline || this.baseline.ghosts.length) ? this.lookAgain() : this.deleteGhost()));
  }

  protected override async afterCheck(): Promise<void> {
    if (this.ghost.text && this.cloudMoved()) await this.dropForSave();
  }

  /** saved to OneDrive mid-session? (checked while a ghost shows; the answer arrives with the next check). The ghost
   *  goes even where the clerk opted in to cloud ghosts: the file just moved, and the next one is shown by the policy. */
  protected cloudMoved(): boolean {
    void this.refreshCloud();
    if (!this.cloud || this.cloudSeen) return false;
    this.cloudSeen = true;
    return true;
  }

  /**
   * Removes a ghost the caret has left. Text the user typed right after it took the ghost's grey italic
   * (typed text inherits the previous character's formatting, §2 #6448): that text gets the look of the
   * paragraph text before the ghost back.
   */
  protected override webRead(): typeof readContextOnWeb {
    return readContextOnWeb;
  }

  protected override async dropDetachedGhost(where: { caretAfterGhost: boolean }): Promise<void> {
    const id = this.ghost.id;
    if (id === null) return;
    try {
      await this.write(async (ctx) => {
        const cc = ctx.document.contentControls.getById(id);
        if (where.caretAfterGhost) {
          const typed = cc.getRange('After').expandTo(ctx.document.getSelection().getRange('Start'));
          typed.load('text');
          typed.font.load('color,italic');
          // the clerk's look is the one just before the ghost, as keepTyped takes it (no second expandTo: on the web
          // each is one more Undo step, #5715)
          const spot = cc.getRange('Before');
          spot.font.load('color,italic');
          await ctx.sync();
          if (hasGhostLook(typed.font) && !/[\r\n]/.test(typed.text)) {
            typed.font.color = spot.font.color || '#000000';
            typed.font.italic = spot.font.italic === true;
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

  /** run an edit on our ghost, found by its id (issue 28 §1: never "the first banxie-ghost control", which may
   *  be one an undo restored); null when it is gone (the user undid or deleted it: not an error) */
  protected async withGhost<T>(edit: (ctx: Ctx, cc: Word.ContentControl) => Promise<T>): Promise<T | null> {
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

  protected async deleteGhost(): Promise<void> {
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

  /** Office.js has no before-save event: a ghost nobody touches for ghostIdleMs goes, so AutoSave or a Ctrl+S
   *  after a pause does not write it into the file */
  protected touchGhost(): void {
    this.stopIdle();
    const ms = this.opts.ghostIdleMs ?? DEFAULT_GHOST_IDLE_MS;
    if (ms <= 0 || ms === Infinity) return;
    this.idleTimer = setTimeout(() => void this.exclusive(() => this.dropForSave()).catch(() => undefined), ms);
    (this.idleTimer as { unref?: () => void }).unref?.();
  }

  /** a save may be near (the pane hidden, the page going away, the ghost idle): take the ghost out, tell the session */
  protected override async dropForSave(): Promise<void> {
    if (this.disposed || !this.ghost.text) return;
    await this.deleteGhost();
    this.emit('save');
  }
}
