// CJK-aware units for partial accept ("accept next word"): the suggestion is cut into
// units so that accepting one never leaves half a word or a comma orphaned at the start of the rest.
import { NO_TERMS, termAt, type Terms } from './terms';

/** Opening brackets and quotes belong to the word after them: "（一）", "《通知》", "“两个确立”". */
const OPENING = /^[（([{［【〔〖「『《〈“‘]$/;
/** Ends of a clause for nextClause: a clerk accepts "……的通知，" in one go. */
const CLAUSE_END = /[，。；：！？、,.;:!?\n]$/;

type Kind = 'word' | 'space' | 'open' | 'close';

type Segment = { segment: string; isWordLike?: boolean };
type Segmenter = { segment(text: string): Iterable<Segment> };

/** Letters and digits of alphabetic scripts: a run of them is one word (Word, 2024, 3.5). */
const LATIN_WORD = /[0-9A-Za-z\u00c0-\u024f]+(?:[.,][0-9]+)*/;
/** CJK ideographs (BMP and the supplementary planes' surrogate pairs): one character is one word. */
const HAN = /[\u3400-\u9fff\uf900-\ufaff]|[\ud840-\ud87f][\udc00-\udfff]/;
const CHAR_CLASS_WORD = new RegExp(`${LATIN_WORD.source}|${HAN.source}`, 'g');

/**
 * Where Intl.Segmenter is missing (Internet Explorer 11 / Trident, EdgeHTML, old WPS webviews) a
 * character-class rule stands in: a run of Latin letters or digits is one word, and so is each Chinese
 * character, because without a dictionary a longer cut of Chinese text would often split a word wrongly.
 */
export const characterClassSegmenter: Segmenter = {
  segment(text: string): Segment[] {
    const out: Segment[] = [];
    let last = 0;
    CHAR_CLASS_WORD.lastIndex = 0;
    for (let m = CHAR_CLASS_WORD.exec(text); m; m = CHAR_CLASS_WORD.exec(text)) {
      if (m.index > last) out.push({ segment: text.slice(last, m.index), isWordLike: false });
      out.push({ segment: m[0], isWordLike: true });
      last = m.index + m[0].length;
    }
    if (last < text.length) out.push({ segment: text.slice(last), isWordLike: false });
    return out;
  },
};

let segmenter: Segmenter | null = null;
function getSegmenter(): Segmenter {
  // One instance: constructing a Segmenter costs far more than segmenting a short suggestion.
  if (!segmenter) {
    const Intl_ = (globalThis as { Intl?: { Segmenter?: typeof Intl.Segmenter } }).Intl;
    segmenter = Intl_ && typeof Intl_.Segmenter === 'function' ? new Intl_.Segmenter('zh', { granularity: 'word' }) : characterClassSegmenter;
  }
  return segmenter;
}

/** Tests only: forget the segmenter so the next call looks for Intl.Segmenter again. */
export function resetSegmenterForTests(): void {
  segmenter = null;
}

type Token = { text: string; kind: Kind };

// Plain loops and arrays here, no generators or for-of: the ES5 lite pane pays for each in bundle size.
function classify(seg: Segment, out: Token[]): void {
  if (seg.isWordLike) {
    out.push({ text: seg.segment, kind: 'word' });
    return;
  }
  // Non-word segments can bundle several marks ("）。" or " \n"); classify each code point.
  const chars = Array.from(seg.segment);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    out.push({ text: ch, kind: /\s/.test(ch) ? 'space' : OPENING.test(ch) ? 'open' : 'close' });
  }
}

/**
 * Words and marks of `text`. A term (terms.ts) that begins where a segment begins is one word, whatever
 * the segmenter would cut it into; after it the segmenter starts again from the term's end.
 */
function tokens(text: string, terms: Terms): Token[] {
  const out: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const term = termAt(terms, text, at);
    if (term) {
      out.push({ text: term, kind: 'word' });
      at += term.length;
      continue;
    }
    const segs = Array.from(getSegmenter().segment(text.slice(at)));
    let p = at;
    let k = 0;
    for (; k < segs.length; k++) {
      if (p > at && termAt(terms, text, p)) break;
      classify(segs[k]!, out);
      p += segs[k]!.segment.length;
    }
    at = p;
  }
  return out;
}

/**
 * Split text into accept units: [leading whitespace][opening marks][one word][closing marks].
 * Concatenating the units gives back the text exactly.
 */
export function splitUnits(text: string, terms: Terms = NO_TERMS): string[] {
  const units: string[] = [];
  let cur = '';
  let hasWord = false;
  const ts = tokens(text, terms);
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    if (t.kind === 'space' || t.kind === 'open') {
      // Whitespace and opening marks start the next unit once this one has its word.
      if (hasWord) {
        units.push(cur);
        cur = '';
        hasWord = false;
      }
      cur += t.text;
    } else if (t.kind === 'close') {
      cur += t.text; // punctuation sticks to the unit before it
    } else {
      if (hasWord) {
        units.push(cur);
        cur = '';
      }
      cur += t.text;
      hasWord = true;
    }
  }
  if (cur) units.push(cur);
  return units;
}

/** The next word to accept, with its punctuation; '' only for ''. */
export function nextUnit(text: string, terms: Terms = NO_TERMS): string {
  if (!text) return '';
  // Segment a window, not the whole suggestion; widen it if the first unit reaches the window's end.
  for (let win = 64; ; win *= 4) {
    if (win >= text.length) return splitUnits(text, terms)[0] ?? '';
    const units = splitUnits(text.slice(0, win), terms);
    if (units.length > 1) return units[0]!;
  }
}

/** How many characters accept-next takes from a ghost — the one rule for every way to accept-next (pane, keys,
 *  Word ribbon, WPS ribbon; issue 32 §1): the next unit, and never nothing while a ghost shows. `terms`: the official words plus the document's own
 *  names (termsFromNames), so 人民政府办公室 goes as 人民政府 then 办公室 and 农业农村局 whole. */
export function acceptNextChars(ghost: string, terms: Terms = NO_TERMS): number {
  return nextUnit(ghost, terms).length || ghost.length;
}

/** What accept-next takes from a ghost: its first `acceptNextChars(ghost)` characters. */
export function acceptNextText(ghost: string, terms: Terms = NO_TERMS): string {
  return ghost.slice(0, acceptNextChars(ghost, terms));
}

/** The next clause: whole units up to and including clause punctuation (or the whole text). */
export function nextClause(text: string): string {
  let out = '';
  for (const u of splitUnits(text)) {
    out += u;
    if (CLAUSE_END.test(u)) break;
  }
  return out;
}

/**
 * The longest prefix of `s` made of whole units and at most `maxChars` long, so a suggestion cut
 * by a length limit never ends in half a word. '' when even the first unit is longer.
 */
export function cutToWholeUnits(s: string, maxChars: number = s.length): string {
  if (s.length <= maxChars) return s;
  let out = '';
  // Segment all of s (suggestions are short): a window could cut the straddling word in two.
  for (const u of splitUnits(s)) {
    if (out.length + u.length > maxChars) break;
    out += u;
  }
  return out;
}
