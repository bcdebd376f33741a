// A suffix array over one long text (the organisation corpus): every place any string occurs, in
// one sorted range, so counts for a context of any length — and for each way it goes on — are two
// binary searches. Built by prefix doubling (Manber–Myers with counting sorts) to a fixed depth:
// suffixes that share their first DEPTH characters stay in text order, which is all that queries
// of at most DEPTH characters need, and keeps a corpus with repeated documents from costing more.

/** Longest pattern (context + continuation) a query may use; the sort is exact up to this many characters. */
export const DEPTH = 64;

export interface Range {
  /** first suffix (inclusive) and end (exclusive) in the sorted order */
  lo: number;
  hi: number;
}

export class SuffixArray {
  readonly text: string;
  /** suffix start positions in sorted order */
  readonly sa: Int32Array;

  constructor(text: string, sa?: Int32Array) {
    this.text = text;
    this.sa = sa && sa.length === text.length ? sa : buildSuffixArray(text, DEPTH);
  }

  /** Suffixes starting with `pattern`, searched inside `within` (default: all). */
  range(pattern: string, within: Range = { lo: 0, hi: this.sa.length }, offset = 0): Range {
    // Suffixes in `within` share their first `offset` characters; compare the rest.
    const lo = this.bound(pattern, within.lo, within.hi, offset, false);
    const hi = this.bound(pattern, lo, within.hi, offset, true);
    return { lo, hi };
  }

  /** How many times `pattern` occurs. */
  count(pattern: string): number {
    const r = this.range(pattern);
    return r.hi - r.lo;
  }

  /**
   * The longest tail of `query` (at most `max` characters) that occurs in the text, and its range.
   * Occurrence is monotone in the tail's length, so the length is found by binary search.
   */
  longestTail(query: string, max = 40): { len: number; range: Range } {
    let lo = 0;
    let hi = Math.min(max, query.length, DEPTH);
    let best: Range = { lo: 0, hi: 0 };
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const r = this.range(query.slice(query.length - mid));
      if (r.hi > r.lo) { lo = mid; best = r; } else hi = mid - 1;
    }
    return { len: lo, range: best };
  }

  /** The character `offset` places into the suffix at sorted index i ('' past the end). */
  charAt(i: number, offset: number): string {
    const p = this.sa[i] + offset;
    return p < this.text.length ? this.text[p] : '';
  }

  /**
   * The distinct characters at `offset` in a range whose suffixes share their first `offset`
   * characters, each with its sub-range, most frequent first.
   */
  next(r: Range, offset: number): Array<{ ch: string; range: Range }> {
    const out: Array<{ ch: string; range: Range }> = [];
    let i = r.lo;
    while (i < r.hi) {
      const ch = this.charAt(i, offset);
      const end = ch === '' ? this.runEnd(i, r.hi, offset, '') : this.bound(ch, i, r.hi, offset, true);
      out.push({ ch, range: { lo: i, hi: end } });
      i = end;
    }
    return out.sort((a, b) => (b.range.hi - b.range.lo) - (a.range.hi - a.range.lo));
  }

  private runEnd(i: number, hi: number, offset: number, ch: string): number {
    while (i < hi && this.charAt(i, offset) === ch) i++;
    return i;
  }

  /**
   * First index in [lo, hi) whose suffix, from `offset` on, is ≥ pattern (upper=false) or does
   * not start with pattern and is greater (upper=true). Only pattern.length characters are read.
   */
  private bound(pattern: string, lo: number, hi: number, offset: number, upper: boolean): number {
    const text = this.text;
    const n = text.length;
    const m = pattern.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const p = this.sa[mid] + offset;
      let cmp = 0;
      for (let k = 0; k < m; k++) {
        if (p + k >= n) { cmp = -1; break; }
        const d = text.charCodeAt(p + k) - pattern.charCodeAt(k);
        if (d !== 0) { cmp = d; break; }
      }
      // cmp < 0: suffix sorts before the pattern; cmp == 0: it starts with the pattern.
      if (cmp < 0 || (upper && cmp === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * Suffix array sorted on the first `depth` characters (ties in text order). Prefix doubling: each
 * round sorts by (rank of the first h characters, rank of the next h) with two counting sorts.
 */
export function buildSuffixArray(text: string, depth = DEPTH): Int32Array {
  const n = text.length;
  const sa = new Int32Array(n);
  if (n === 0) return sa;
  let rank = new Int32Array(n);
  // Round 0: rank by character (dense ranks from 1; 0 stands for "past the end").
  const codes = new Int32Array(65536);
  for (let i = 0; i < n; i++) codes[text.charCodeAt(i)] = 1;
  let r = 0;
  for (let c = 0; c < 65536; c++) if (codes[c]) codes[c] = ++r;
  for (let i = 0; i < n; i++) rank[i] = codes[text.charCodeAt(i)];
  countingSort(rank, r, identityOrder(n), sa);
  let classes = r;
  const tmp = new Int32Array(n);
  let next = new Int32Array(n);
  for (let h = 1; h < depth && classes < n; h *= 2) {
    // Order by the second key (rank[i + h]): suffixes with nothing at i + h come first, then
    // the others in the order of the previous round's array shifted back by h.
    let k = 0;
    for (let i = n - h; i < n; i++) tmp[k++] = i;
    for (let j = 0; j < n; j++) if (sa[j] >= h) tmp[k++] = sa[j] - h;
    countingSort(rank, classes, tmp, sa);
    // New ranks: equal when both keys are equal.
    next[sa[0]] = 1;
    classes = 1;
    for (let j = 1; j < n; j++) {
      const a = sa[j - 1];
      const b = sa[j];
      const ra2 = a + h < n ? rank[a + h] : 0;
      const rb2 = b + h < n ? rank[b + h] : 0;
      if (rank[a] !== rank[b] || ra2 !== rb2) classes++;
      next[b] = classes;
    }
    const swap = rank;
    rank = next;
    next = swap;
  }
  // Ties at the final depth: text order, so that a stable order helps nothing but tests.
  if (classes < n) countingSort(rank, classes, identityOrder(n), sa);
  return sa;
}

function identityOrder(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

/** Stable counting sort of the positions in `order` by key[position] (keys 1..max) into `out`. */
function countingSort(key: Int32Array, max: number, order: Int32Array, out: Int32Array): void {
  const count = new Int32Array(max + 2);
  for (let i = 0; i < order.length; i++) count[key[order[i]] + 1]++;
  for (let c = 1; c <= max + 1; c++) count[c] += count[c - 1];
  for (let i = 0; i < order.length; i++) out[count[key[order[i]]]++] = order[i];
}
