// Stage 4 of the pipeline: answers that add nothing are dropped — blank, repeating the text after the
// cursor, or repeating the document (a loop). Text is held only while it could still become such an
// answer: once it has left the text after the cursor and the document behind, it streams through.
import { normalizeForCompare } from './normalize';

export type DropReason = 'blank' | 'repeats_after' | 'repeats_document';

export interface DropContext {
  before: string;
  after: string;
  title?: string;
  /** the built-in engine repeats the document's own names and phrases on purpose: not a loop */
  repeatsWanted?: boolean;
}

export interface DropState {
  dropped: DropReason | null;
}

/** Why this (whole) suggestion adds nothing to the document, or null when it is worth showing. */
export function whyDrop(text: string, ctx: DropContext): DropReason | null {
  const t = normalizeForCompare(text);
  if (!t) return 'blank';
  const after = normalizeForCompare(ctx.after);
  if (after && (after.startsWith(t) || (t.length >= 4 && t.startsWith(after)))) return 'repeats_after';
  // Short answers ("特此通知。") legitimately recur; a longer one already in the text is a loop.
  if (!ctx.repeatsWanted && t.length >= 6 && (normalizeForCompare(ctx.before).includes(t) || normalizeForCompare(ctx.title ?? '') === t)) {
    return 'repeats_document';
  }
  return null;
}

export async function* drops(source: AsyncIterable<string>, ctx: DropContext, state: DropState): AsyncGenerator<string> {
  const after = normalizeForCompare(ctx.after);
  const before = ctx.repeatsWanted ? '' : normalizeForCompare(ctx.before);
  const title = ctx.repeatsWanted ? '' : normalizeForCompare(ctx.title ?? '');
  /** could the text so far still turn into an answer that whyDrop drops? */
  const undecided = (t: string): boolean =>
    !t || (!!after && after.startsWith(t)) || (!!before && before.includes(t)) || (!!title && title.startsWith(t));
  let held = '';
  let open = false;
  try {
    for await (const chunk of source) {
      if (open) { yield chunk; continue; }
      held += chunk;
      const t = normalizeForCompare(held);
      if (after && t.length >= 4 && t.startsWith(after)) { state.dropped = 'repeats_after'; return; }
      if (undecided(t)) continue;
      open = true;
      const out = held;
      held = '';
      yield out;
    }
  } catch (err) {
    // broken off: what was held is judged as a whole answer, then the failure goes on
    if (!open && held && !whyDrop(held, ctx)) yield held;
    throw err;
  }
  if (open) return;
  state.dropped = whyDrop(held, ctx);
  if (!state.dropped) yield held;
}
