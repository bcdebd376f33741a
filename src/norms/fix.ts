// A finding's exact fix applied to the text it was found in (what a host does with one write).
import type { Finding } from './check';

/** `text` with the finding's fix applied; the text unchanged when the finding has no fix. */
export function applyFix(text: string, finding: Pick<Finding, 'start' | 'end' | 'fix'>): string {
  if (finding.fix === undefined) return text;
  return text.slice(0, finding.start) + finding.fix + text.slice(finding.end);
}
