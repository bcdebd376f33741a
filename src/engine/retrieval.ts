// Retrieval first: when the text before the cursor is a copy of an earlier passage — in this
// document or in the organisation's past documents — over many characters, the clerk is most
// likely copying on (a 主送 list, a standard requirements paragraph, a set closing). The places
// aligned at the longest length vote on how it goes on; the gate (alignment length, agreement of
// the places, whether the alignment spans clause punctuation) is what keeps this right, and its
// thresholds are calibrated on held-out documents (scripts/calibrate.ts --retrieval).
import { findInText, SEP } from './NgramIndex';
import { continuationAt } from './predict';
import type { Candidate } from './rules';
import { documentText, firstWord, insideWord } from './sources';
import type { Range, SuffixArray } from './SuffixArray';
import type { ContextDigest } from '../core/protocol';

/** A place in the document counts as this many corpus places: it knows this year's names. */
export const DOC_WEIGHT = 3;
/** Longest alignment looked at (characters); longer copies are no more certain. */
const MAX_ALIGN = 48;
/** Corpus places read for the vote; beyond this many the first are as good a sample. */
const MAX_PLACES = 24;
/** Longest continuation proposed; the caller trims to maxChars. */
const LOOKAHEAD = 48;
/** Punctuation a copied passage runs across: an alignment spanning one is no chance match. */
const CLAUSE_MARK = /[，。；：、！？（）“”《》\n]/;

/** What the retrieval saw: the inputs of the gate. */
export interface RetrievalEvidence {
  /** alignment length (characters) of the places that vote */
  len: number;
  /** longest alignment in the document and in the corpus */
  docLen: number;
  corpusLen: number;
  /** places aligned at `len` (document places weighted DOC_WEIGHT) */
  seen: number;
  /** of `seen`, the weight agreeing with the proposal's first unit */
  agree: number;
  /** the voting places include the document's own */
  fromDoc: boolean;
  /** clause punctuation inside the aligned text (0 = the alignment lies within one clause) */
  marks: number;
  /** leading characters of the proposal that at least half of the places agree on */
  sure: number;
  /** length of the proposal's first unit (the least worth accepting) */
  unit: number;
  /** characters typed since the last clause boundary */
  clause: number;
  /** the cursor is inside a word that the proposal completes */
  midWord: boolean;
  /** the last character typed is a Han character */
  han: boolean;
  /** the same counts at a SHORT-character context: backoff evidence from more places */
  seenShort: number;
  agreeShort: number;
}

/** Characters of a proposal segmented to find its first unit. */
const UNIT_WINDOW = 16;
/** Context length of the backoff evidence. */
const SHORT = 3;

/** With `evidence` false (a continuation only), the counts past `agree` are left at 0. */
export interface Retrieved {
  text: string;
  ev: RetrievalEvidence;
}

interface Place {
  cont: string;
  weight: number;
  doc: boolean;
}

/** The continuation of the longest earlier copy of the text before the cursor, with its evidence. */
export function retrievalProposal(sa: SuffixArray | null, d: ContextDigest, evidence = true): Retrieved | null {
  const before = d.before;
  if (before.length < 2) return null;
  const text = documentText(d);
  const hits = findInText(text, before, 2, MAX_ALIGN).filter((h) => h.at < text.length && text[h.at] !== SEP && text[h.at] !== '\n');
  let docLen = 0;
  for (const h of hits) if (h.len > docLen) docLen = h.len;
  const tail = sa ? sa.longestTail(before, MAX_ALIGN) : { len: 0, range: { lo: 0, hi: 0 } as Range };
  const corpusLen = tail.len;
  // The document's places vote whenever they align nearly as far as the corpus's: a name or a
  // figure it has used this year beats a past document's.
  const len = Math.max(docLen, corpusLen);
  if (len < 2) return null;
  const places: Place[] = [];
  const docAt = docLen >= len - 2 ? docLen : Infinity;
  for (const h of hits) if (h.len >= docAt) places.push({ cont: continuationAt(text, h.at, LOOKAHEAD), weight: DOC_WEIGHT, doc: true });
  if (sa && corpusLen === len) {
    for (let i = tail.range.lo; i < Math.min(tail.range.hi, tail.range.lo + MAX_PLACES); i++) {
      places.push({ cont: continuationAt(sa.text, sa.sa[i] + len, LOOKAHEAD), weight: 1, doc: false });
    }
  }
  const live = places.filter((p) => p.cont.length > 0);
  if (live.length === 0) return null;
  const v = vote(live);
  if (!v.text) return null;
  // The first unit never needs more than a few characters of segmentation (ICU is the cost here).
  const unit = firstUnit(before, v.text.slice(0, UNIT_WINDOW));
  let seen = 0;
  let agree = 0;
  for (const p of live) {
    seen += p.weight;
    if (p.cont.startsWith(unit)) agree += p.weight;
  }
  const aligned = before.slice(before.length - Math.min(len, before.length));
  let marks = 0;
  for (const c of aligned) if (CLAUSE_MARK.test(c)) marks++;
  if (!evidence) {
    return { text: v.text, ev: { len, docLen, corpusLen, seen, agree, fromDoc: live.some((p) => p.doc), marks: 0, sure: v.sure, unit: unit.length, clause: 0, midWord: false, han: false, seenShort: 0, agreeShort: 0 } };
  }
  let clause = 0;
  while (clause < before.length && !CLAUSE_MARK.test(before[before.length - 1 - clause])) clause++;
  // Backoff: how often the last SHORT characters went on with this unit, anywhere.
  let seenShort = 0;
  let agreeShort = 0;
  for (const h of hits) {
    if (h.len < SHORT) continue;
    seenShort += DOC_WEIGHT;
    if (text.startsWith(unit, h.at)) agreeShort += DOC_WEIGHT;
  }
  if (sa && before.length >= SHORT) {
    const r = sa.range(before.slice(-SHORT));
    seenShort += r.hi - r.lo;
    const a = sa.range(unit, r, SHORT);
    agreeShort += a.hi - a.lo;
  }
  const ctx = before.slice(-8);
  return {
    text: v.text,
    ev: {
      len, docLen, corpusLen, seen, agree, fromDoc: live.some((p) => p.doc), marks, sure: v.sure, unit: unit.length, clause,
      midWord: insideWord(ctx + v.text, ctx.length), han: /\p{Script=Han}$/u.test(before), seenShort, agreeShort,
    },
  };
}

/**
 * Weighted vote character by character: extend while the leading character carries at least half
 * of the places still alive; where they part, follow the leading branch (the document's most
 * recent place first on a tie) to the end of its clause.
 */
function vote(places: Place[]): { text: string; sure: number } {
  let alive = places;
  let out = '';
  let sure = 0;
  for (let k = 0; k < LOOKAHEAD; k++) {
    const weights = new Map<string, number>();
    let total = 0;
    for (const p of alive) {
      if (p.cont.length <= k) continue;
      weights.set(p.cont[k], (weights.get(p.cont[k]) ?? 0) + p.weight);
      total += p.weight;
    }
    let top = '';
    let topW = 0;
    // Map order is first-seen order: the document's places come first, so they win ties.
    for (const [ch, w] of weights) if (w > topW) { top = ch; topW = w; }
    if (!top) break;
    const split = topW * 2 < total;
    alive = alive.filter((p) => p.cont[k] === top);
    if (split || alive.length === 1) return { text: out + alive[0].cont.slice(k), sure };
    out += top;
    sure = k + 1;
  }
  return { text: out, sure };
}

function firstUnit(before: string, cont: string): string {
  let u = firstWord(before, cont);
  if (u.length < 2 && cont.length > u.length) u += firstWord(before + u, cont.slice(u.length));
  return u;
}

/** The evidence as the inputs of the logistic confidence (the order of RETRIEVAL_WEIGHTS). */
export function retrievalFeatures(ev: RetrievalEvidence): number[] {
  const ratio = ev.seen ? ev.agree / ev.seen : 0;
  const logAgree = Math.log1p(ev.agree);
  const ratioShort = ev.seenShort ? ev.agreeShort / ev.seenShort : 0;
  const inClause = Math.min(ev.len, ev.clause);
  return [
    1, ratio, logAgree, Math.log1p(ev.seen), ratio * logAgree, Math.min(ev.len, 12), Math.log1p(Math.min(ev.len, 30)),
    Math.min(inClause, 12), Math.log1p(Math.min(inClause, 20)), ev.midWord ? 1 : 0, ratioShort, ratioShort * Math.log1p(ev.agreeShort),
    ev.unit < 2 ? 1 : 0, ev.fromDoc ? 1 : 0, Math.min(ev.marks, 5), ev.han ? 1 : 0, Math.min(ev.docLen, 20),
  ];
}

/**
 * Fitted weights (scripts/calibrate.ts --retrieval, then --fit): the 47 real documents of
 * /work/realdocs/engine/corpus, each typed with the other 46 as corpus; about 60,000 suggestions.
 */
export const RETRIEVAL_WEIGHTS = [-3.804, 1.107, 1.293, -0.461, 0.169, 0.463, -1.717, -0.154, 0.119, 0.754, 0.359, 0.343, -5.159, 1.382, 0.088, 0.521, -0.362];

/**
 * Probability that the clerk takes (at least the first unit of) the retrieved continuation: a
 * long copy whose places agree, in the document rather than elsewhere, finishing a begun word.
 */
export function retrievalConfidence(ev: RetrievalEvidence): number {
  const x = retrievalFeatures(ev);
  let z = 0;
  for (let i = 0; i < x.length; i++) z += RETRIEVAL_WEIGHTS[i] * x[i];
  return 1 / (1 + Math.exp(-z));
}

export function fromRetrieval(sa: SuffixArray | null, d: ContextDigest): Candidate | null {
  const r = retrievalProposal(sa, d);
  if (!r || r.text.trim().length < 1) return null;
  // Figures are this sentence's facts, not an earlier one's.
  if (/\d$/.test(d.before) && /^\d/.test(r.text)) return null;
  return { text: r.text, confidence: retrievalConfidence(r.ev), source: 'retrieval' };
}
