// Passages of the corpus most like the text at the cursor, for LLM prompts. BM25 over paragraphs
// with character bigrams as terms, computed from the suffix array the engine already has: a
// bigram's range gives its corpus frequency and every place it occurs, so no second index is built
// or cached. Bigrams too common to tell paragraphs apart (more than MAX_PLACES places) are skipped.
import type { SuffixArray } from '../../engine/SuffixArray';

const MAX_PLACES = 400;
/** How much of the text before the cursor describes "what is being written now". */
const QUERY_CHARS = 80;
/** Longest passage quoted (characters); longer paragraphs are cut at a clause end. */
const PASSAGE_CHARS = 200;
const K1 = 1.2;
const B = 0.75;
const BREAK = /[\n\u0001]/;

/** Start offset of every paragraph (a line, or a document's first line) in the corpus text. */
export function paragraphStarts(text: string): Int32Array {
  const starts: number[] = [0];
  for (let i = 0; i < text.length; i++) if (BREAK.test(text[i])) starts.push(i + 1);
  return Int32Array.from(starts);
}

function paragraphOf(starts: Int32Array, pos: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= pos) lo = mid; else hi = mid - 1;
  }
  return lo;
}

export function similarPassages(sa: SuffixArray, starts: Int32Array, before: string, k: number, budget: number): string[] {
  if (k <= 0 || budget <= 0) return [];
  const query = before.slice(-QUERY_CHARS);
  const text = sa.text;
  const paras = starts.length;
  const avgLen = text.length / Math.max(1, paras);
  const scores = new Map<number, number>();
  const terms = new Map<string, number>();
  for (let i = 0; i + 2 <= query.length; i++) {
    const t = query.slice(i, i + 2);
    if (/[\s\p{P}\d]/u.test(t)) continue;
    terms.set(t, (terms.get(t) ?? 0) + 1);
  }
  for (const [term, qtf] of terms) {
    const r = sa.range(term);
    const places = r.hi - r.lo;
    if (places === 0 || places > MAX_PLACES) continue;
    // Places stand in for document frequency: a bigram seldom repeats within one paragraph.
    const idf = Math.log(1 + (paras - places + 0.5) / (places + 0.5));
    const tf = new Map<number, number>();
    for (let i = r.lo; i < r.hi; i++) {
      const p = paragraphOf(starts, sa.sa[i]);
      tf.set(p, (tf.get(p) ?? 0) + 1);
    }
    for (const [p, f] of tf) {
      const len = (p + 1 < paras ? starts[p + 1] : text.length) - starts[p];
      const s = idf * (f * (K1 + 1)) / (f + K1 * (1 - B + B * len / avgLen));
      scores.set(p, (scores.get(p) ?? 0) + s * qtf);
    }
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const out: string[] = [];
  let used = 0;
  const tail = query.slice(-20);
  for (const [p] of ranked) {
    if (out.length >= k) break;
    const end = p + 1 < paras ? starts[p + 1] - 1 : text.length;
    const passage = cut(text.slice(starts[p], end).trim(), PASSAGE_CHARS);
    // The paragraph being typed, if it is already in the corpus, teaches nothing new.
    if (passage.length < 8 || out.includes(passage) || (tail.length >= 20 && passage.includes(tail) && passage.endsWith(tail))) continue;
    if (used + passage.length > budget) continue;
    out.push(passage);
    used += passage.length;
  }
  return out;
}

/** At most `max` characters, ending at a clause end where there is one. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const head = s.slice(0, max);
  const end = Math.max(head.lastIndexOf('。'), head.lastIndexOf('；'), head.lastIndexOf('，'));
  return end >= max / 2 ? head.slice(0, end + 1) : head;
}
