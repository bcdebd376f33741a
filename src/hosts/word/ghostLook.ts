// How WordHost's ghost looks and how its writes keep out of the clerk's revisions. Queued Office.js calls only:
// the caller owns the batch and its syncs.

import { GHOST_TAG } from '../../core/protocol';

/** grey italic, as DESIGN says; colour as Word reports it */
export const GHOST_COLOR = '#808080';
const GHOST_TITLE = 'Banxie';

/** the ghost's look as read back: grey and italic (a mixed range reads null) */
export const hasGhostLook = (font: { color: string | null; italic: boolean | null }): boolean =>
  String(font.color).toUpperCase() === GHOST_COLOR && font.italic === true;

/** text as read back equals text as written; how Word stores a '\r\n' or '\v' is not ours to judge, so a run of
 *  line breaks counts as one */
export const lineBreaksAsOne = (s: string): string => s.replace(/[\r\n\v]+/g, '\n');

/** tag, hidden chrome, grey italic: §2 says inserted text inherits neighbouring formatting (#4276), so the colour
 *  is always set explicitly */
export function styleGhost(cc: Word.ContentControl): void {
  cc.tag = GHOST_TAG;
  cc.title = GHOST_TITLE;
  cc.appearance = 'Hidden';
  cc.font.color = GHOST_COLOR;
  cc.font.italic = true;
}

/** the clerk's tracking mode as a ghost write found it, and the call that puts it back */
export interface Suspension {
  /** after the sync: was tracking on when the batch began? */
  wasOn(): boolean;
  /** queue: give the clerk's mode back (after the ghost's own writes) */
  restore(): void;
}

/**
 * Track changes switched on while a ghost shows (issue 28 §4): our writes would become revisions attributed
 * to the clerk (#5178), deleted controls could survive looking live (#1299, #1524) and on the web deleted text
 * stays in paragraph text (#1267). So every ghost write reads the mode in its own batch, ahead of the writes,
 * and switches tracking off for them; the caller gives the mode back before the batch ends (a tracked
 * insertion deleted by its author leaves no trace either, Q&A 4885990, but ours must never be one).
 * WordApi 1.4 (changeTrackingMode); below it the host is inline only where the user stated they do not track.
 * [UNCONFIRMED] that setting the mode adds no undo entry; the simulator's setter adds none.
 */
export function suspendTracking(ctx: Word.RequestContext, canTrack: boolean): Suspension {
  if (!canTrack) return { wasOn: () => false, restore: () => undefined };
  const doc = ctx.document;
  doc.load('changeTrackingMode');
  let mode: string | null = null;
  doc.changeTrackingMode = 'Off' as Word.ChangeTrackingMode;
  return {
    wasOn: () => {
      mode ??= String(doc.changeTrackingMode);
      return mode !== 'Off';
    },
    restore: () => {
      if (mode && mode !== 'Off') doc.changeTrackingMode = mode as Word.ChangeTrackingMode;
    },
  };
}

/** the error a host write throws when it could not give the clerk's tracking mode back: loud, never silent */
export function trackingNotRestored(cause: unknown): Error {
  return Object.assign(new Error(`change tracking could not be switched back on: ${String(cause)}`), { code: 'host.trackingNotRestored' });
}
