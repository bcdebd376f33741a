// The three places a continuation can come from, each turned into scored candidates:
// the document itself (digest), the phrasebook, and the organisation corpus.
import type { ContextDigest } from '../core/protocol';
import { findInText, NgramIndex, SEP, type Hit } from './NgramIndex';
import { continuationAt, predict } from './predict';
import type { Candidate } from './rules';
import { words } from './units';

/** Context length (characters) that defines "the same place again" when counting repeats. */
const POOL_CONTEXT = 2;

/** Longest continuation looked at; the caller trims to maxChars. */
const LOOKAHEAD = 48;

/**
 * The document as the digest knows it, `before` last so the cursor is the end of the text. Header
 * fields are kept apart by SEP so that no match runs from one field into the next.
 */
export function documentText(d: ContextDigest): string {
  const head = [d.title, d.issuer, d.recipients, d.docNumber, d.signer, d.cc,
    ...d.outline.map((h) => h.text), ...d.facts.orgs, ...d.facts.attachments]
    // A field already in `before` would count its words twice as repeated evidence.
    .filter((s, i, all) => s && s.length >= 2 && all.indexOf(s) === i && !d.before.includes(s));
  return `${SEP}${head.join(SEP)}${SEP}${d.after}${SEP}${d.before}`;
}

/** True when `at` falls inside a word of `text`: continuing there completes a word. */
export function insideWord(text: string, at: number): boolean {
  const from = Math.max(0, at - 8);
  let pos = from;
  for (const w of words(text.slice(from, at + 8))) {
    pos += w.length;
    if (pos === at) return false;
    if (pos > at) return true;
  }
  return false;
}

/** The first word of `cont` as it would be segmented after `left`. */
export function firstWord(left: string, cont: string): string {
  const ctx = left.slice(-8);
  let pos = -ctx.length;
  for (const w of words(ctx + cont)) {
    pos += w.length;
    if (pos > 0) return cont.slice(0, pos);
  }
  return cont;
}

/** What fromDocument found, for scoring and tuning. */
export interface DocumentEvidence {
  /** context characters matched */
  len: number;
  /** the continuation completes a word the cursor is inside of */
  midWord: boolean;
  /** the sure part: the word completion, or what repeated occurrences agree on */
  sure: string;
  /** the rest of the word the cursor is inside of ('' at a word boundary) */
  completion: string;
  /** occurrences of this context (len ≥ 4 or the best) and how many continue with `sure` */
  seen: number;
  agree: number;
}

/**
 * Continuations the document itself supports: names, places and phrases it has used before.
 * Completing a word the document spelled out before is safe; guessing the next word is safe only
 * when the document continued the same way each time this context came up.
 */
export function documentEvidence(d: ContextDigest): { text: string; ev: DocumentEvidence } | null {
  const text = documentText(d);
  // A place with nothing after it (a field that is the line being typed) predicts nothing.
  const hits = findInText(text, d.before, 2).filter((h) => h.at < text.length && text[h.at] !== SEP && text[h.at] !== '\n');
  const p = predict(text, hits, LOOKAHEAD);
  if (!p || p.text.trim().length < 1) return null;
  const top = hits.find((h) => h.len === p.len && text.startsWith(p.text, h.at)) ?? hits[0];
  const midWord = insideWord(text, top.at);
  const completion = midWord ? firstWord(d.before, p.text) : '';
  const agreedText = cutToWord(d.before, p.text.slice(0, p.agreed));
  const sure = agreedText.length > completion.length ? agreedText : completion;
  const pool = hits.filter((h) => h.len >= Math.min(p.len, POOL_CONTEXT));
  const agree = sure ? pool.filter((h) => text.startsWith(sure, h.at)).length : 0;
  // Past the sure part, show at most one more word: a hint, cheap to ignore.
  const extra = p.text.slice(sure.length);
  const shown = sure + (sure && extra ? firstWord(d.before + sure, extra) : '');
  return { text: shown, ev: { len: p.len, midWord, sure, completion, seen: pool.length, agree } };
}

/** The longest prefix of `s` that ends on a word boundary (judged after `left`). */
export function cutToWord(left: string, s: string): string {
  if (!s) return '';
  const ctx = left.slice(-8);
  let pos = -ctx.length;
  let best = 0;
  for (const w of words(ctx + s + '\u3000')) {
    pos += w.length;
    if (pos > s.length) break;
    if (pos > 0) best = pos;
  }
  return s.slice(0, best);
}

export function fromDocument(d: ContextDigest): Candidate | null {
  const r = documentEvidence(d);
  if (!r || r.ev.sure.trim().length < 2) return null;
  // Figures are this sentence's facts, not the last sentence's: 较20 is not 较2024.
  if (/\d$/.test(d.before) && /^\d/.test(r.text)) return null;
  return { text: r.text, confidence: documentConfidence(r.ev), source: r.ev.midWord ? 'document-word' : 'document-next' };
}

/**
 * Backoff on short contexts: when every (or nearly every) place where the last one to three
 * characters occur goes on the same way, that is evidence even without a long match — 社 is always
 * 社区卫生服务站 in a document about community health stations.
 */
export function fromDocumentFrequency(d: ContextDigest): Candidate | null {
  const text = documentText(d);
  if (!/\p{Script=Han}$/u.test(d.before)) return null;
  const hits = findInText(text, d.before, 1, 4).filter((h) => h.at < text.length && text[h.at] !== SEP && text[h.at] !== '\n');
  // The context must cover the word being typed: 安装 is not the 装 of 装修.
  const tail = words(d.before.slice(-10));
  const current = tail.length ? tail[tail.length - 1].length : 1;
  for (let len = 3; len >= current; len--) {
    // The 24 most recent places are evidence enough and keep a common character cheap.
    const pool = hits.filter((h) => h.len >= len).slice(0, 24);
    if (pool.length < (len === 1 ? 3 : 2)) continue;
    const conts = pool.map((h) => text.slice(h.at, h.at + LOOKAHEAD));
    let agreed = 0;
    for (;; agreed++) {
      const c = conts[0][agreed];
      if (c === undefined || /[\n\u0001。；，：]/.test(c)) break;
      const same = conts.filter((x) => x.startsWith(conts[0].slice(0, agreed + 1))).length;
      if (same < pool.length * 0.8 || same < 2) break;
    }
    const sure = cutToWord(d.before, conts[0].slice(0, agreed));
    // Only to finish a word already begun (ICU says the cursor is inside one in most places):
    // which word comes next after a finished one is not settled by short contexts.
    const sample = pool.slice(0, 8);
    const inside = sure.length >= 2 ? sample.filter((h) => insideWord(text, h.at)).length : 0;
    const oneChar = firstWord(d.before, sure).length < 2;
    if (sure.length >= 2 && inside * 2 > sample.length && !/^\d/.test(sure) && (!oneChar || pool.length >= 4)) {
      return { text: sure, confidence: pool.length >= 4 ? 0.8 : pool.length === 3 ? 0.7 : 0.65, source: 'document-freq' };
    }
  }
  return null;
}

/** Scores a repeat by context length, how often the document continued this way, and whether it completes a word. */
export function documentConfidence(ev: DocumentEvidence): number {
  // Finishing 会|议 with one character saves nothing by itself: what follows it is a next-word guess.
  if (ev.midWord && ev.completion.length >= 2) {
    // Squared: a word the document finished two different ways is a coin toss, not a half-certainty.
    const ratio = ev.seen ? ev.agree / ev.seen : 0;
    return Math.min(1, 0.45 + 0.4 * ratio * ratio + (ev.len >= 3 ? 0.05 : 0) + (ev.agree >= 2 ? 0.05 : 0));
  }
  // The next word after a finished one: only when the document went on the same way at least
  // three times out of four.
  if (ev.agree >= 3 && ev.agree >= ev.seen * 0.75) return ev.sure.length >= 4 ? 0.8 : 0.75;
  return Math.min(0.65, 0.2 + 0.6 * (ev.agree / (ev.seen + 1)));
}

/**
 * Continuations from the organisation corpus: the longest context that occurs at least three
 * times, and what at least 80% of those places go on with. Other organisations' habits are
 * weaker evidence than this document's, so a single match never counts.
 */
export function fromCorpus(index: NgramIndex, before: string): Candidate | null {
  const hits: Hit[] = index.find(before, 800, 24);
  if (hits.length < 3) return null;
  const lens = hits.map((h) => h.len).sort((a, b) => b - a);
  const ctx = lens[2];
  if (ctx < 4) return null;
  // 64 places with this context are plenty to vote; more only cost time.
  const pool = hits.filter((h) => h.len >= ctx).slice(0, 64);
  const text = index.text;
  const conts = pool.map((h) => continuationAt(text, h.at, LOOKAHEAD));
  // Extend while at least 80% of the places still agree with the first one, character by character.
  let alive = conts;
  let agreed = 0;
  for (; agreed < conts[0].length; agreed++) {
    const c = conts[0][agreed];
    alive = alive.filter((x) => x[agreed] === c);
    if (alive.length < pool.length * 0.8) break;
  }
  const sure = cutToWord(before, conts[0].slice(0, agreed));
  if (sure.length < 2 || (/\d$/.test(before) && /^\d/.test(sure))) return null;
  return { text: sure, confidence: Math.min(0.85, 0.7 + (ctx >= 6 ? 0.05 : 0) + (pool.length >= 5 ? 0.05 : 0)), source: 'corpus' };
}
