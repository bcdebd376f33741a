// How a host finds a finding's span in the document when it cannot address text by offset: Word
// (WordApi 1.1 body.search) and WPS (Find) search for text, so the span is named by its text and
// which of that text's occurrences it is. A find string is at most 255 characters once escaped
// (`^` → `^^`, a paragraph mark → `^p`), so a longer span is named by its beginning.
import { FIND_TEXT_MAX, findTextFor, type TextTarget } from '../core/DocumentHost';

export const SEARCH_MAX = FIND_TEXT_MAX;

export interface SearchTarget extends TextTarget {
  /** the text to search for: the span's text, or as much of its beginning as fits in SEARCH_MAX once escaped */
  needle: string;
  /** 0-based: which match of `needle` is the span, matches counted as a search finds them (left to
   * right, not overlapping); -1 when such a search never lands on the span (`xx` inside `xxx`) */
  occurrence: number;
  /** the needle is the whole span (a host can replace it); false when the span was too long to search whole */
  whole: boolean;
}

/** The longest beginning of `s` whose find string fits in `max` characters. */
function fitting(s: string, max: number): string {
  if (findTextFor(s).length <= max) return s;
  let n = 0;
  let used = 0;
  while (n < s.length) {
    const cost = findTextFor(s[n]).length;
    if (used + cost > max) break;
    used += cost;
    n++;
  }
  // never split a surrogate pair
  if (n > 0 && /[\uD800-\uDBFF]/.test(s[n - 1])) n--;
  return s.slice(0, n);
}

/** The search that finds `finding`'s span in `text` (the text the findings were computed on). */
export function searchTarget(text: string, finding: { start: number; end: number }): SearchTarget {
  const span = text.slice(finding.start, finding.end);
  const needle = fitting(span, SEARCH_MAX);
  const whole = needle.length === span.length;
  if (!needle) return { needle, occurrence: -1, whole };
  let occurrence = 0;
  let at = text.indexOf(needle);
  while (at >= 0 && at < finding.start) {
    occurrence++;
    at = text.indexOf(needle, at + needle.length);
  }
  return { needle, occurrence: at === finding.start ? occurrence : -1, whole };
}
