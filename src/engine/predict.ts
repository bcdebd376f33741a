// Turns matches of the text before the cursor (hits) into one continuation: where several places
// match, keep only what they agree on; where one does, run to the end of its clause.
import type { Hit } from './NgramIndex';

export interface Prediction {
  text: string;
  /** context characters matched by the best supporting hit */
  len: number;
  /** hits that agree on the first characters of `text` */
  support: number;
  /** hits considered (the best-matching group) */
  group: number;
  /** leading characters of `text` that at least two hits agree on (0 with a single hit) */
  agreed: number;
}

const CLAUSE_STOP = /[。；！？]/;

/** The continuation at `at`, to the end of the line or clause, at most `max` characters. */
export function continuationAt(text: string, at: number, max: number): string {
  let end = at;
  const limit = Math.min(text.length, at + max);
  while (end < limit) {
    const c = text[end];
    if (c === '\n' || c === '\u0001') break;
    end++;
    if (CLAUSE_STOP.test(c)) break;
  }
  return text.slice(at, end);
}

/**
 * The continuation supported by the best-matching hits. Hits within `slack` characters of the
 * longest context form the group; the prediction extends while a majority of the group agrees.
 */
export function predict(text: string, hits: Hit[], max: number, slack = 2): Prediction | null {
  if (hits.length === 0) return null;
  let best = 0;
  for (const h of hits) if (h.len > best) best = h.len;
  const group = hits.filter((h) => h.len >= best - slack);
  const conts = group.map((h) => continuationAt(text, h.at, max)).filter((c) => c.length > 0);
  if (conts.length === 0) return null;
  if (conts.length === 1) return { text: conts[0], len: best, support: 1, group: group.length, agreed: 0 };
  // Majority vote character by character; the first (most recent / longest) wins ties.
  let alive = conts;
  let out = '';
  let support = conts.length;
  let agreed = 0;
  for (let i = 0; i < max; i++) {
    const counts = new Map<string, number>();
    for (const c of alive) if (c.length > i) counts.set(c[i], (counts.get(c[i]) ?? 0) + 1);
    let top = '';
    let n = 0;
    for (const [ch, m] of counts) if (m > n) { top = ch; n = m; }
    // Stop where fewer than half the survivors (or fewer than two) go on the same way.
    if (!top || n * 2 < alive.length || (n < 2 && alive.length > 1)) break;
    alive = alive.filter((c) => c[i] === top);
    out += top;
    if (i === 0) support = n;
    if (alive.length === 1) { out += alive[0].slice(i + 1); break; }
    agreed = out.length;
  }
  return out ? { text: out, len: best, support, group: conts.length, agreed } : null;
}
