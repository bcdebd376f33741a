// Word/clause boundaries for Chinese via Intl.Segmenter, so a suggestion never ends mid-word
// and is never longer than the caller asked for.

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Word segments of `text`, in order; their concatenation is `text`. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(text)) out.push(s.segment);
  return out;
}

const CLAUSE_END = /[。；！？]/;

/**
 * Cuts `suggestion` to at most `maxChars`, ending on a word boundary. The boundary is judged with
 * `left` (the text before the cursor) prepended, because the suggestion's first word may complete
 * a word the user has half typed. Returns '' when no boundary fits.
 */
export function trimToUnits(left: string, suggestion: string, maxChars: number): string {
  if (maxChars <= 0 || !suggestion) return '';
  // A line break ends a suggestion: the next paragraph is a different decision for the clerk.
  const nl = suggestion.indexOf('\n');
  let s = nl >= 0 ? suggestion.slice(0, nl) : suggestion;
  if (s.length <= maxChars && (nl >= 0 || endsAtBoundary(s))) return s;
  s = s.slice(0, maxChars + 8);
  const ctx = left.slice(-8);
  let pos = -ctx.length;
  let best = 0;
  for (const w of words(ctx + s)) {
    pos += w.length;
    if (pos > maxChars || pos > s.length) break;
    if (pos > 0) best = pos;
  }
  // A word that runs past the end of what we know is not a boundary we can vouch for.
  if (best === s.length && !endsAtBoundary(s) && s.length < suggestion.length) best = lastBoundaryBefore(ctx, s, best);
  return s.slice(0, best);
}

function endsAtBoundary(s: string): boolean {
  return CLAUSE_END.test(s.slice(-1)) || /[，、：）”》]$/.test(s);
}

function lastBoundaryBefore(ctx: string, s: string, limit: number): number {
  let pos = -ctx.length;
  let best = 0;
  for (const w of words(ctx + s)) {
    pos += w.length;
    if (pos >= limit) break;
    if (pos > 0) best = pos;
  }
  return best;
}

/** One-character words that end a place or organisation name and so start nothing new. */
const SUFFIX = /^[省市县区镇乡村局委办厅处科室部院所站队]$/;

/**
 * True when offset `at` of `text` is a firm word boundary: ICU splits unknown words into single
 * characters (燃|气), so a boundary next to a one-character segment does not count.
 */
export function firmBoundary(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return true;
  let pos = 0;
  let prevLen = 0;
  for (const w of words(text)) {
    const end = pos + w.length;
    if (pos === at) return prevLen === 0 || (prevLen >= 2 && (w.length >= 2 || SUFFIX.test(w))) || !/^\p{Script=Han}/u.test(w);
    if (pos < at && at < end) return false;
    prevLen = /[\p{L}\p{N}]/u.test(w) ? w.length : 2;
    pos = end;
  }
  return true;
}
