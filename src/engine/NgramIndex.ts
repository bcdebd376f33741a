// A k-gram position index over one long text (phrasebook or organisation corpus): finds where the
// last characters before the cursor occur, so suggest() never scans the whole corpus.


export interface Hit {
  /** how many characters before the cursor the source matches (the context length) */
  len: number;
  /** where the continuation starts in the source */
  at: number;
}

function gramHash(text: string, p: number, k: number, mask: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < k; i++) h = Math.imul(h ^ text.charCodeAt(p + i), 0x01000193);
  return (h ^ (h >>> 15)) & mask;
}

export class NgramIndex {
  readonly text: string;
  private readonly k: number;
  private readonly mask: number;
  private readonly starts: Int32Array;
  private readonly positions: Int32Array;

  constructor(text: string, k = 3) {
    this.text = text;
    this.k = k;
    const n = Math.max(0, text.length - k + 1);
    // About one bucket per two grams: small texts (the phrasebook) stay small, the corpus stays fast.
    const bits = Math.min(22, Math.max(8, Math.ceil(Math.log2(n + 1))));
    const mask = (1 << bits) - 1;
    const MASK = mask;
    this.mask = mask;
    // Counting sort of gram positions by bucket: linear time, two flat arrays, no per-gram objects.
    const starts = new Int32Array(MASK + 2);
    const hashes = new Int32Array(n);
    for (let p = 0; p < n; p++) {
      const h = gramHash(text, p, k, mask);
      hashes[p] = h;
      starts[h + 1]++;
    }
    for (let b = 0; b <= MASK; b++) starts[b + 1] += starts[b];
    const fill = starts.slice(0, MASK + 1);
    const positions = new Int32Array(n);
    for (let p = 0; p < n; p++) positions[fill[hashes[p]]++] = p;
    this.starts = starts;
    this.positions = positions;
  }

  /**
   * Places whose preceding characters match the end of `query` for at least k characters, most
   * recent first, looking at no more than `limit` candidates (common grams are capped, not scanned).
   */
  find(query: string, limit = 4000, maxLen = 40): Hit[] {
    const k = this.k;
    if (query.length < k) return [];
    const q0 = query.length - k;
    const h = gramHash(query, q0, k, this.mask);
    const out: Hit[] = [];
    const text = this.text;
    const lo = this.starts[h];
    for (let i = this.starts[h + 1] - 1, seen = 0; i >= lo && seen < limit; i--, seen++) {
      const p = this.positions[i];
      let ok = true;
      for (let j = 0; j < k; j++) if (text.charCodeAt(p + j) !== query.charCodeAt(q0 + j)) { ok = false; break; }
      if (!ok) continue;
      let len = k;
      while (len < maxLen && p - 1 - (len - k) >= 0 && q0 - 1 - (len - k) >= 0
        && text.charCodeAt(p - 1 - (len - k)) === query.charCodeAt(q0 - 1 - (len - k))) len++;
      out.push({ len, at: p + k });
    }
    return out;
  }
}

/** Separates unrelated snippets in a searched text: a match never runs across it. */
export const SEP = '\u0001';
const SEP_CODE = 1;
const BOUNDARY = /[\n。；，：、）”]/;

/**
 * Brute-force variant of find() for short texts (the document digest): no index to build.
 * A match that reaches a SEP while the query is at a clause boundary counts that boundary, so a
 * name stored on its own (the issuer) matches a name started at the beginning of a line.
 */
export function findInText(text: string, query: string, minLen: number, maxLen = 40): Hit[] {
  const out: Hit[] = [];
  const qn = query.length;
  if (qn < minLen) return out;
  const last = query.charCodeAt(qn - 1);
  for (let e = text.length - 1; e >= 0; e--) {
    if (text.charCodeAt(e) !== last) continue;
    let len = 1;
    while (len < maxLen && e - len >= 0 && qn - 1 - len >= 0 && text.charCodeAt(e - len) === query.charCodeAt(qn - 1 - len)) len++;
    if (len < maxLen && e - len >= 0 && text.charCodeAt(e - len) === SEP_CODE && (qn - 1 - len < 0 || BOUNDARY.test(query.charAt(qn - 1 - len)))) len++;
    if (len >= minLen) out.push({ len, at: e + 1 });
  }
  return out;
}
