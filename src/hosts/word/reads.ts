// WordHost's reads of the document, queued in a batch the caller syncs. Two sizes (issue 28 §6):
// - the change check's signature: the caret's paragraph and the ghost controls, never the body — polling
//   body text hung typing on some Windows machines (#1360) and large syncs stalled (#719);
// - the context read for a request: the text before and after the caret, only when the session asks.
// No read here writes: on Word on the web `expandTo` adds an undo entry (#5715, #2225, #2720), so no read used
// there calls it (queueSignature without the caret's offset, readContextOnWeb).

import { GHOST_TAG } from '../../core/protocol';
import { lineStart, normalizeWordText } from './wordText';

type Ctx = Word.RequestContext;

/** a ghost-tagged control as read: Word's id and its text */
export interface GhostSeen {
  id: number;
  text: string;
}

/** what the change check compares: the caret's paragraph, the caret in it (where that can be read without
 *  writing), the selection and the ghost controls */
export interface Signature {
  key: string;
  paragraph: string;
  ghosts: GhostSeen[];
}

/**
 * Queue the change check's reads. `caretOffset` false (Word on the web) leaves the caret's offset in its
 * paragraph out: reading it needs `expandTo`, which pushes an undo entry there, and Undo itself fires a
 * selection change, so a check that used it made Undo unusable (#5715, #2720). A move inside the paragraph
 * that keeps the caret's place relative to the ghost or the paragraph's end is then known from the selection
 * event alone (the host counts those).
 */
export function queueSignature(ctx: Ctx, caretOffset: boolean, ghost: Word.ContentControl | null = null): () => Signature {
  const sel = ctx.document.getSelection();
  sel.load('isEmpty');
  const para = sel.paragraphs.getFirst();
  para.load('text');
  const pre = caretOffset ? para.getRange('Start').expandTo(sel.getRange('Start')) : null;
  pre?.load('text');
  // without the offset, where the caret is relative to our ghost, or without one to its paragraph's end — where the
  // web asks for suggestions (compareLocationWith, WordApi 1.3, writes nothing): a click away from it, into it or
  // back to the end is seen without an event (one right after our own write counts as its echo); throws
  // ItemNotFound if the ghost is gone
  const rel = caretOffset ? null : (ghost ? ghost.getRange('Before') : para.getRange('End')).compareLocationWith(sel);
  const ghosts = ctx.document.contentControls.getByTag(GHOST_TAG);
  ghosts.load('items/id,items/text');
  return () => {
    const g = ghosts.items.map((c) => ({ id: c.id, text: normalizeWordText(c.text) }));
    const caret = pre ? pre.text.length : rel ? rel.value : -1;
    return { key: JSON.stringify([sel.isEmpty, caret, para.text, g]), paragraph: para.text, ghosts: g };
  };
}

/** a page header longer than this is not a marking line: read no more of it */
export const HEADER_MAX = 200;
/** the body's first two lines (at most 200 characters): the page header is read again when they change
 *  (issue 28 §8) — a template's 密级 or 份号 sits next to them, not further down */
export function headOf(full: string): string {
  const second = full.indexOf('\n', full.indexOf('\n') + 1);
  return (second < 0 ? full : full.slice(0, second)).slice(0, 200);
}

export interface ContextRead {
  full: string;
  cursor: number;
  selectionEmpty: boolean;
  ghosts: Word.ContentControlCollection;
  insideUserControl: boolean;
  /** null below WordApi 1.4 */
  tracking: boolean | null;
}

/** The request's read off the web: text before and after the caret (two expandTo), the ghosts, the caret's control,
 *  the tracking mode. Word on the web reads with readContextOnWeb instead. */
export function queueContextRead(ctx: Ctx, canTrack: boolean): () => ContextRead {
  const { body } = ctx.document;
  const sel = ctx.document.getSelection();
  sel.load('isEmpty,text');
  const before = body.getRange('Start').expandTo(sel.getRange('Start'));
  before.load('text');
  const after = sel.getRange('End').expandTo(body.getRange('End'));
  after.load('text');
  const around = queueAroundCaret(ctx, sel, canTrack);
  return () => {
    const selText = sel.isEmpty ? '' : sel.text;
    return {
      full: normalizeWordText(before.text + selText + after.text),
      cursor: before.text.length,
      selectionEmpty: sel.isEmpty,
      ...around(),
    };
  };
}

/** What every context read also needs, queued in its batch: the ghost controls, whether the caret sits in a control
 *  of the clerk's, and the tracking mode (the safety verdict kept fresh at no extra sync: tracking may be switched on) */
function queueAroundCaret(ctx: Ctx, sel: Word.Range, canTrack: boolean): () => Pick<ContextRead, 'ghosts' | 'insideUserControl' | 'tracking'> {
  const ghosts = ctx.document.contentControls.getByTag(GHOST_TAG);
  ghosts.load('items/id,items/text');
  const parent = sel.parentContentControlOrNullObject;
  parent.load('tag');
  if (canTrack) ctx.document.load('changeTrackingMode');
  return () => ({
    ghosts,
    insideUserControl: !parent.isNullObject && parent.tag !== GHOST_TAG,
    tracking: canTrack ? ctx.document.changeTrackingMode !== 'Off' : null,
  });
}

/** Some templates print the 密级 in the page header: WordApi 1.1 Section.getHeader('Primary'). On Mac 16.49 each
 *  getHeader added references to the file (#1904), so the host reads it only when the body's first lines change. */
export function queueHeader(ctx: Ctx): () => string {
  const header = ctx.document.sections.getFirst().getHeader('Primary');
  header.load('text');
  return () => normalizeWordText(header.text.length > HEADER_MAX ? header.text.slice(0, HEADER_MAX) : header.text).trim();
}

/** the web read: where the caret is relative to our ghost, and whether its offset is exact */
export interface WebContextRead extends ContextRead {
  /** with our ghost: is the caret right before it? null without one */
  caretAtGhost: boolean | null;
  /** false: the caret is inside a paragraph, in a table cell or has a selection, and was not measured — `cursor` is
   *  only the start of its paragraph (0 where that is not known either) */
  caretExact: boolean;
  /** with our ghost: is the caret beyond the ghost's end in the same paragraph (the clerk typed or clicked right
   *  after it)? null without one */
  caretAfterGhost: boolean | null;
}

/**
 * Word on the web, the request's read with no expandTo at all (issue 28 §3: there each expandTo is an undo entry,
 * #5715, and Undo fires a selection change, #2720). The text is the body's. The caret's offset in it is exact where a
 * clerk who pauses to write is: at the end of the paragraph, or just before our ghost at its end. The caret's paragraph
 * is found among the body's paragraphs by its text, and by location (compareLocationWith, WordApi 1.3, writes
 * nothing) when that text repeats (empty paragraphs do); Paragraph.getRange('End') is the end of its text, before the
 * mark (Word.RangeLocation); its start in the body's text comes from its own lines (paragraphStart). Anywhere else —
 * inside a paragraph, a selection, a paragraph whose text the body's does not hold line for line (a table cell) —
 * the offset cannot be had without measuring, and the read says so (`caretExact` false): the host asks for no
 * suggestion there rather than spend one of the clerk's Undo steps. `measure` (the clerk asked here, 重新建议): one
 * expandTo finds it all the same.
 */
export async function readContextOnWeb(ctx: Ctx, canTrack: boolean, ghost: Word.ContentControl | null, measure = false): Promise<WebContextRead> {
  const { body } = ctx.document;
  const sel = ctx.document.getSelection();
  sel.load('isEmpty');
  const para = sel.paragraphs.getFirst();
  para.load('text');
  const paras = body.paragraphs;
  paras.load('items/text');
  body.load('text');
  // the caret at the paragraph's end, or before our ghost whose end is the paragraph's end
  const caretRel = ghost ? ghost.getRange('Before').compareLocationWith(sel) : para.getRange('End').compareLocationWith(sel);
  const ghostEnd = ghost ? ghost.getRange('After').compareLocationWith(para.getRange('End')) : null;
  const afterGhost = ghost ? ghost.getRange('After').compareLocationWith(sel) : null;
  const ghostInPara = ghost ? ghost.getRange('After').compareLocationWith(para.getRange('Start')) : null;
  ghost?.load('text');
  const around = queueAroundCaret(ctx, sel, canTrack);
  await ctx.sync();
  const full = normalizeWordText(body.text);
  const start = await paragraphStart(ctx, paras, para, full);
  const atEnd = sel.isEmpty && caretRel.value === 'Equal' && (!ghostEnd || ghostEnd.value === 'Equal');
  let caretExact = atEnd && start >= 0;
  const mine = normalizeWordText(para.text);
  let measured = -1;
  if (measure && !caretExact && sel.isEmpty) {
    // the clerk asked here (重新建议): one expandTo, one Undo step, their choice
    const before = body.getRange('Start').expandTo(sel.getRange('Start'));
    before.load('text');
    await ctx.sync();
    measured = before.text.length;
    caretExact = true;
  }
  return {
    caretAtGhost: ghost ? caretRel.value === 'Equal' : null,
    caretAfterGhost: afterGhost && ghostInPara ? isBefore(afterGhost.value) && !isBefore(ghostInPara.value) : null,
    caretExact,
    full,
    cursor: measured >= 0 ? measured : caretExact ? start + mine.length - (ghost ? normalizeWordText(ghost.text).length : 0) : Math.max(0, start),
    selectionEmpty: sel.isEmpty,
    ...around(),
  };
}

const isBefore = (rel: string): boolean => rel === 'Before' || rel === 'AdjacentBefore';

/** Where `para` starts in the body's text: the paragraphs with its text are told apart by location (one more sync,
 *  only where the text repeats), and the k-th of them is the k-th line of that text in the body's (wordText.ts
 *  lineStart) — whatever else the body holds (a table's cells need not be paragraphs joined). -1 if unsure. */
async function paragraphStart(ctx: Ctx, paras: Word.ParagraphCollection, para: Word.Paragraph, full: string): Promise<number> {
  const mine = normalizeWordText(para.text);
  const same = paras.items.filter((p) => normalizeWordText(p.text) === mine);
  let k = same.length === 1 ? 0 : -1;
  if (same.length > 1) {
    const rels = same.map((p) => p.getRange('Whole').compareLocationWith(para.getRange('Whole')));
    await ctx.sync();
    k = rels.findIndex((r) => r.value === 'Equal');
  }
  return k < 0 ? -1 : lineStart(full, mine, k, same.length);
}
