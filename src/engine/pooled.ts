// The statistical continuation: the document being written and the organisation corpus pooled into
// one vote. Every place where the text before the cursor occurred before (in the digest: weight
// DOC_WEIGHT, since it knows this year's names; in the corpus: weight 1, counted by the suffix
// array) votes for how it went on, character by character, at the longest context that has been
// seen at least twice. The confidence comes from a logistic model calibrated on held-out documents.
import { findInText, SEP, type Hit } from './NgramIndex';
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
  /** leading characters of the proposal that at least half of the places agree on */
  sure: number;
  /** the context reaches back to the start of the clause being typed: the clause so far is a copy */
  anchored: boolean;
  /** the same counts at a short context (SHORT characters): backoff evidence from more places */
  seenShort: number;
  agreeShort: number;
}

/** Context length of the backoff evidence. */
const SHORT = 3;

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
  // The longest context seen at least twice (weighted), else the longest seen at all. The weight
  // only falls as the context grows, so the length is found by binary search.
  const at = (len: number): { len: number; pool: Pool; weight: number } => {
    const pool = poolAt(hits, text, sa, before, len, tail.len);
    return { len, pool, weight: pool.doc.length * DOC_WEIGHT + (pool.range ? pool.range.hi - pool.range.lo : 0) };
  };
  let chosen = at(2);
  if (chosen.weight >= 2) {
    let lo = 2;
    let hi = longest;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const c = at(mid);
      if (c.weight >= 2) { lo = mid; chosen = c; } else hi = mid - 1;
    }
  } else if (longest > 2) chosen = at(longest);
  if (chosen.weight === 0) return null;
  const v = vote(sa, chosen.pool, chosen.len);
  if (!v.text) return null;
  const unitText = firstUnits(before, v.text);
  const unit = unitText.length;
  const agree = agreeing(sa, chosen.pool, chosen.len, unitText);
  const shortLen = Math.min(SHORT, chosen.len);
  const shortPool = poolAt(hits, text, sa, before, shortLen, tail.len);
  const short = agreeing(sa, shortPool, shortLen, unitText);
  const midWord = hits.length > 0 && docLongest >= chosen.len ? insideWord(text, hits.find((h) => h.len >= chosen!.len)!.at) : insideWordAfter(before, v.text);
  return {
    text: v.text,
    ev: {
      len: chosen.len, seen: chosen.weight, agree: agree.weight, docShare: agree.weight ? agree.doc / agree.weight : 0, midWord, unit, longest,
      sure: v.sure, anchored: chosen.len >= clauseSoFar(before) && clauseSoFar(before) >= 2,
      seenShort: shortPool.doc.length * DOC_WEIGHT + (shortPool.range ? shortPool.range.hi - shortPool.range.lo : 0), agreeShort: short.weight,
    },
  };
}

/** The places whose context matches the last `len` characters (the corpus only up to its longest match). */
function poolAt(hits: Hit[], text: string, sa: SuffixArray | null, before: string, len: number, corpusLongest: number): Pool {
  const doc = hits.filter((h) => h.len >= len).map((h) => continuationAt(text, h.at, LOOKAHEAD)).filter((c) => c.length > 0);
  const range = sa && len <= corpusLongest ? sa.range(before.slice(before.length - len)) : null;
  return { doc, range };
}

/** Characters typed since the last clause boundary. */
function clauseSoFar(before: string): number {
  let i = before.length;
  while (i > 0 && !CLAUSE_BOUNDARY.test(before[i - 1])) i--;
  return before.length - i;
}
const CLAUSE_BOUNDARY = /[\n\u0001。；！？，：、（）“”]/;

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
function vote(sa: SuffixArray | null, pool: Pool, len: number): { text: string; sure: number } {
  let doc = pool.doc;
  let range = pool.range;
  let out = '';
  let sure = 0;
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
    if (!top || top === '\n' || top === SEP) break;
    // Where the places part ways, the leading branch is still the best guess: the clerk takes
    // what is right of it and nothing is lost by showing the rest of one clause.
    const split = topW * 2 < aliveW;
    if (!split) sure = k + 1;
    doc = doc.filter((c) => c[k] === top);
    range = sub.get(top) ?? null;
    out += top;
    if (STOP.test(top)) break;
    // One place left (or a split): that place's own clause is the best guess for the rest.
    const places = doc.length + (range ? range.hi - range.lo : 0);
    if (places === 1 || split) {
      const rest = doc.length ? doc[0].slice(k + 1) : continuationAt(sa!.text, sa!.sa[range!.lo] + len + k + 1, LOOKAHEAD - k - 1);
      out += rest;
      break;
    }
  }
  return { text: out, sure };
}

/**
 * Probability that the clerk takes (at least the first unit of) the proposal. Logistic in the
 * evidence; the weights were fitted on held-out real documents typed with the rest as corpus
 * (scripts/eval.ts --calibrate), so the threshold means what it says.
 */
export function pooledConfidence(ev: PooledEvidence): number {
  const ratio = ev.seen ? ev.agree / ev.seen : 0;
  const logAgree = Math.log1p(ev.agree);
  const ratioShort = ev.seenShort ? ev.agreeShort / ev.seenShort : 0;
  const logAgreeShort = Math.log1p(ev.agreeShort);
  const z = W.bias + W.ratio * ratio + W.logAgree * logAgree + W.ratioLogAgree * ratio * logAgree
    + W.ratioShort * ratioShort + W.logAgreeShort * logAgreeShort + W.ratioShortLogAgreeShort * ratioShort * logAgreeShort
    + W.len * Math.min(ev.len, 12) + W.longest * Math.min(ev.longest, 16) + W.logSeen * Math.log1p(ev.seen)
    + W.midWord * (ev.midWord ? 1 : 0) + W.unit1 * (ev.unit < 2 ? 1 : 0) + W.doc * ev.docShare
    + W.sure * Math.min(ev.sure, 12) + W.anchored * (ev.anchored ? 1 : 0);
  return 1 / (1 + Math.exp(-z));
}

/**
 * Fitted weights (see pooledConfidence; about 40,000 suggestions on 47 real documents, each typed
 * with the other 46 as corpus): agreement among repeated places counts, at the long context and
 * at the short backoff one; finishing a begun word counts; a lone character rules a proposal out.
 */
export const W = {
  bias: -4.211, ratio: 0.477, logAgree: 0.417, ratioLogAgree: -0.344,
  ratioShort: 0.864, logAgreeShort: 0.504, ratioShortLogAgreeShort: 0.704,
  len: -0.164, longest: 0.126, logSeen: -0.272, midWord: 0.822, unit1: -3.572, doc: 0.485, sure: 0.008, anchored: 0.148,
};

export function fromPooled(sa: SuffixArray | null, d: ContextDigest): Candidate | null {
  const p = pooledProposal(sa, d);
  if (!p || p.text.trim().length < 1) return null;
  // Figures are this sentence's facts, not an earlier one's.
  if (/\d$/.test(d.before) && /^\d/.test(p.text)) return null;
  return { text: p.text, confidence: pooledConfidence(p.ev), source: 'pooled' };
}
