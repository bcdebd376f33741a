// The `before` and `after` windows around the cursor. `before` ends exactly at the cursor and
// starts on a sentence (else clause) boundary; `after` starts exactly at the cursor and ends on
// one. Sizes are JSON costs, the unit of the digest's budget.
import { prefixWithin, suffixStartWithin } from './chars';

const SENTENCE_END = /[。！？；!?;\n]/;
const CLAUSE_END = /[，、：,:）)”]/;

/** The end of `text` (text just before the cursor), at most maxCost, cut at its start after a
 * sentence end — or a clause end when no sentence ends inside the window — unless it already
 * starts at the beginning of the document (`atDocStart`). */
export function cutBefore(text: string, maxCost: number, atDocStart: boolean): string {
  if (maxCost <= 0) return '';
  const start = suffixStartWithin(text, maxCost);
  if (start === 0 && atDocStart) return text;
  const window = text.slice(start);
  // The window was cut mid-sentence (or at a boundary we cannot see): start after the first
  // boundary inside it, so the model reads whole sentences. A boundary at the very end leaves
  // nothing, so search only the part before the last character.
  const search = window.slice(0, -1);
  let cut = firstBoundary(search, SENTENCE_END);
  if (cut < 0) cut = firstBoundary(search, CLAUSE_END);
  // no boundary at all (one huge sentence): a hard cut is the best we can do
  if (cut < 0) return window;
  // a paragraph break right after the boundary adds nothing to read
  const from = window.charAt(cut + 1) === '\n' && cut + 2 < window.length ? cut + 2 : cut + 1;
  return window.slice(from);
}

function firstBoundary(s: string, re: RegExp): number {
  const m = re.exec(s);
  return m ? m.index : -1;
}

/** The start of `text` (text just after the cursor), at most maxCost, ending on a sentence end
 * (else a clause end) unless it reaches the end of the document (`atDocEnd`). */
export function cutAfter(text: string, maxCost: number, atDocEnd: boolean): string {
  if (maxCost <= 0) return '';
  const window = prefixWithin(text, maxCost);
  if (window.length === text.length && atDocEnd) return window;
  let cut = lastBoundary(window, SENTENCE_END);
  if (cut < 0) cut = lastBoundary(window, CLAUSE_END);
  if (cut < 0) return window;
  // keep the boundary character itself, except a paragraph break which adds nothing to read
  return window.charAt(cut) === '\n' ? window.slice(0, cut) : window.slice(0, cut + 1);
}

function lastBoundary(s: string, re: RegExp): number {
  for (let i = s.length - 1; i >= 0; i--) if (re.test(s.charAt(i))) return i;
  return -1;
}

