// The statistical continuation: the document being written and the organisation corpus pooled into
// one vote. Every place where the text before the cursor occurred before (in the digest: weight
// DOC_WEIGHT, since it knows this year's names; in the corpus: weight 1, counted by the suffix
// array) votes for how it went on, character by character, at the longest context that has been
// seen at least twice. The confidence comes from a logistic model calibrated on held-out documents.
import { findInText, SEP } from './NgramIndex';
import { continuationAt } from './predict';
import type { Candidate } from './rules';
import { documentText, firstWord, insideWord } from './sources';
import type { Range, SuffixArray } from './SuffixArray';
import type { ContextDigest } from '../core/protocol';

/** A place in the document counts as this many corpus places. */
export const DOC_WEIGHT = 3;
/** Longest context looked at (characters). */
const MAX_CONTEXT = 32;
/** Longest continuation proposed; the caller trims to maxChars. */
const LOOKAHEAD = 40;
const STOP = /[。；！？]/;

/** What the vote saw, the inputs of the confidence model. */
export interface PooledEvidence {
  /** context length (characters) the vote was taken at */
  len: number;
  /** weighted places with this context */
  seen: number;
  /** weighted places agreeing with the proposal's first unit */
  agree: number;
  /** of `agree`, the document's share (0..1) */
  docShare: number;
  /** the cursor is inside a word that the proposal completes */
  midWord: boolean;
  /** length of the first units (the shortest part worth accepting) */
  unit: number;
  /** longest context with any place at all */
  longest: number;
}

export interface Pooled {
  text: string;
  ev: PooledEvidence;
}

/** Places (document and corpus) whose context matches the last `len` characters before the cursor. */
interface Pool {
  doc: string[];
  range: Range | null;
}

export function pooledProposal(sa: SuffixArray | null, d: ContextDigest): Pooled | null {
  const before = d.before;
  if (before.length < 2) return null;
  const text = documentText(d);
  const hits = findInText(text, before, 2, MAX_CONTEXT).filter((h) => h.at < text.length && text[h.at] !== SEP && text[h.at] !== '\n');
  const tail = sa ? sa.longestTail(before, MAX_CONTEXT) : { len: 0, range: null };
  let docLongest = 0;
  for (const h of hits) if (h.len > docLongest) docLongest = h.len;
  const longest = Math.max(docLongest, tail.len);
  if (longest < 2) return null;
  // The longest context seen at least twice (weighted), else the longest seen at all.
  let chosen: { len: number; pool: Pool; weight: number } | null = null;
  for (let len = longest; len >= 2; len--) {
    const doc = hits.filter((h) => h.len >= len).map((h) => continuationAt(text, h.at, LOOKAHEAD)).filter((c) => c.length > 0);
    const range = sa && len <= tail.len ? (len === tail.len ? tail.range : sa.range(before.slice(before.length - len))) : null;
    const weight = doc.length * DOC_WEIGHT + (range ? range.hi - range.lo : 0);
    if (!chosen && weight > 0) chosen = { len, pool: { doc, range }, weight };
    if (weight >= 2) { chosen = { len, pool: { doc, range }, weight }; break; }
  }
  if (!chosen) return null;
  const v = vote(sa, chosen.pool, chosen.len);
  if (!v.text) return null;
  const unitText = firstUnits(before, v.text);
  const unit = unitText.length;
  const agree = agreeing(sa, chosen.pool, chosen.len, unitText);
  const midWord = hits.length > 0 && docLongest >= chosen.len ? insideWord(text, hits.find((h) => h.len >= chosen!.len)!.at) : insideWordAfter(before, v.text);
  return {
    text: v.text,
    ev: { len: chosen.len, seen: chosen.weight, agree: agree.weight, docShare: agree.weight ? agree.doc / agree.weight : 0, midWord, unit, longest },
  };
}

/** The shortest run of whole words at the start of `cont` that is worth accepting (≥ 2 characters). */
function firstUnits(before: string, cont: string): string {
  let u = firstWord(before, cont);
  if (u.length < 2 && cont.length > u.length) u += firstWord(before + u, cont.slice(u.length));
  return u;
}

/** True when `before` ends inside a word that `cont` finishes. */
function insideWordAfter(before: string, cont: string): boolean {
  const ctx = before.slice(-8);
  return insideWord(ctx + cont, ctx.length);
}

function agreeing(sa: SuffixArray | null, pool: Pool, len: number, unit: string): { weight: number; doc: number } {
  const doc = pool.doc.filter((c) => c.startsWith(unit)).length * DOC_WEIGHT;
  let corpus = 0;
  if (sa && pool.range) {
    const r = sa.range(unit, pool.range, len);
    corpus = r.hi - r.lo;
  }
  return { weight: doc + corpus, doc };
}

/**
 * Majority vote character by character: extend while the leading character carries at least half
 * of the places still alive; once one place is left, follow it to the end of its clause.
 */
function vote(sa: SuffixArray | null, pool: Pool, len: number): { text: string } {
  let doc = pool.doc;
  let range = pool.range;
  let out = '';
  for (let k = 0; k < LOOKAHEAD; k++) {
    const weights = new Map<string, number>();
    for (const c of doc) if (c.length > k) weights.set(c[k], (weights.get(c[k]) ?? 0) + DOC_WEIGHT);
    let aliveW = doc.length * DOC_WEIGHT;
    const sub = new Map<string, Range>();
    if (sa && range) {
      aliveW += range.hi - range.lo;
      for (const { ch, range: r } of sa.next(range, len + k)) {
        if (ch === '') continue;
        weights.set(ch, (weights.get(ch) ?? 0) + (r.hi - r.lo));
        sub.set(ch, r);
      }
    }
    let top = '';
    let topW = 0;
    for (const [ch, w] of weights) if (w > topW) { top = ch; topW = w; }
    if (!top || top === '\n' || top === SEP || topW * 2 < aliveW) break;
    doc = doc.filter((c) => c[k] === top);
    range = sub.get(top) ?? null;
    out += top;
    if (STOP.test(top)) break;
    // One place left: its own clause is the best guess for the rest.
    const places = doc.length + (range ? range.hi - range.lo : 0);
    if (places === 1) {
      const rest = doc.length ? doc[0].slice(k + 1) : continuationAt(sa!.text, sa!.sa[range!.lo] + len + k + 1, LOOKAHEAD - k - 1);
      out += rest;
      break;
    }
  }
  return { text: out };
}

/**
 * Probability that the clerk takes (at least the first unit of) the proposal. Logistic in the
 * evidence; the weights were fitted on held-out real documents typed with the rest as corpus
 * (scripts/eval.ts --calibrate), so the threshold means what it says.
 */
export function pooledConfidence(ev: PooledEvidence): number {
  const ratio = ev.seen ? ev.agree / ev.seen : 0;
  const z = W.bias + W.ratio * ratio + W.logAgree * Math.log1p(ev.agree) + W.len * Math.min(ev.len, 12)
    + W.midWord * (ev.midWord ? 1 : 0) + W.unit1 * (ev.unit < 2 ? 1 : 0) + W.doc * ev.docShare
    + W.logSeen * Math.log1p(ev.seen) + W.longest * Math.min(ev.longest, 16);
  return 1 / (1 + Math.exp(-z));
}

/** Fitted weights (see pooledConfidence): agreement and repeated evidence count, a lone character does not. */
export const W = { bias: -5.697, ratio: 3.336, logAgree: 0.772, len: 0.011, midWord: 0.419, unit1: -6.45, doc: 0.01, logSeen: 0.151, longest: 0.166 };

export function fromPooled(sa: SuffixArray | null, d: ContextDigest): Candidate | null {
  const p = pooledProposal(sa, d);
  if (!p || p.text.trim().length < 1) return null;
  // Figures are this sentence's facts, not an earlier one's.
  if (/\d$/.test(d.before) && /^\d/.test(p.text)) return null;
  return { text: p.text, confidence: pooledConfidence(p.ev), source: 'pooled' };
}
