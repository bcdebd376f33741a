// How a host finds a finding's span in the document when it cannot address text by offset: Word
// (WordApi 1.1 body.search) and WPS (Find) search for text, so the span is named by its text and
// which of that text's occurrences it is. Word's search takes at most 255 characters.
import type { Finding } from './check';

export const SEARCH_MAX = 255;

export interface SearchTarget {
  /** the text to search for: the span's text, or its first SEARCH_MAX characters */
  needle: string;
  /** 0-based: which match of `needle` is the span, matches counted as a search finds them (left to
   * right, not overlapping); -1 when such a search never lands on the span (`xx` inside `xxx`) */
  occurrence: number;
}

/** The search that finds `finding`'s span in `text` (the text the findings were computed on). */
export function searchTarget(text: string, finding: Pick<Finding, 'start' | 'end'>): SearchTarget {
  const needle = text.slice(finding.start, Math.min(finding.end, finding.start + SEARCH_MAX));
  if (!needle) return { needle, occurrence: -1 };
  let occurrence = 0;
  let at = text.indexOf(needle);
  while (at >= 0 && at < finding.start) {
    occurrence++;
    at = text.indexOf(needle, at + needle.length);
  }
  return { needle, occurrence: at === finding.start ? occurrence : -1 };
}
