// The three places a continuation can come from, each turned into scored candidates:
// the document itself (digest), the phrasebook, and the organisation corpus.
import type { ContextDigest } from '../core/protocol';
import { findInText, NgramIndex, type Hit } from './NgramIndex';
import { predict } from './predict';
import type { Candidate } from './rules';

/** Longest continuation looked at; the caller trims to maxChars. */
const LOOKAHEAD = 48;

/** The document as the digest knows it, `before` last so the cursor is the end of the text. */
export function documentText(d: ContextDigest): string {
  const head = [d.title, d.issuer, d.recipients, d.docNumber, d.signer, d.cc,
    ...d.outline.map((h) => h.text), ...d.facts.orgs, ...d.facts.names, ...d.facts.attachments]
    .filter((s) => s && s.length >= 2);
  return `${head.join('\n')}\n${d.after}\n${d.before}`;
}

/** Continuations the document itself supports: names, places and phrases it has used before. */
export function fromDocument(d: ContextDigest): Candidate | null {
  const text = documentText(d);
  const hits = findInText(text, d.before, 2).filter((h) => h.at < text.length);
  const p = predict(text, hits, LOOKAHEAD);
  if (!p || p.text.length < 2) return null;
  return { text: p.text, confidence: documentConfidence(p.len, p.support, p.group), source: 'document' };
}

/** Longer matched context and agreeing repeats make a repeat more likely to be typed again. */
export function documentConfidence(len: number, support: number, group: number): number {
  let c = len >= 8 ? 0.9 : len >= 5 ? 0.8 : len >= 4 ? 0.7 : len >= 3 ? 0.6 : 0.45;
  if (support >= 2) c += 0.1;
  if (group >= 3 && support * 2 < group + 1) c -= 0.1;
  return Math.min(1, c);
}

/**
 * Continuations from a list of lines (phrasebook or corpus). A match that reaches the start of a
 * line is anchored: a phrase begun at a clause boundary in the document counts as a full match.
 */
export function fromLines(index: NgramIndex, before: string, source: string, base: number): Candidate | null {
  const hits: Hit[] = index.find(before, 3000, 40);
  if (hits.length === 0) return null;
  const text = index.text;
  const anchored = hits.map((h) => {
    const start = h.at - h.len;
    const atLineStart = start === 0 || text.charCodeAt(start - 1) === 10;
    const prev = before.charAt(before.length - h.len - 1);
    // An anchored phrase counts double when the document is also at a clause boundary.
    const bonus = atLineStart && (prev === '' || /[\n。；，：、）”]/.test(prev)) ? 2 : 0;
    return { len: h.len + bonus, at: h.at };
  });
  const p = predict(text, anchored, LOOKAHEAD, 1);
  if (!p || p.text.length < 2) return null;
  let c = base + (p.len >= 6 ? 0.2 : p.len >= 5 ? 0.1 : p.len >= 4 ? 0 : -0.2);
  if (p.support >= 2) c += 0.05;
  if (p.group >= 2 && p.support * 2 < p.group + 1) c -= 0.15;
  return { text: p.text, confidence: Math.min(1, c), source };
}
