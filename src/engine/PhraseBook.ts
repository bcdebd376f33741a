// Lookup in the phrasebook: phrases that start with the clause being typed (prefix), or that
// contain the last few typed characters (infix). A phrase never runs into the next one.
import { NgramIndex } from './NgramIndex';
import type { Candidate } from './rules';

/** Characters after which a new clause, and so possibly a new phrase, starts. */
const CLAUSE_START = /[\n。；，：、（）“”《》！？]/;

/** The clause being typed: the text after the last clause boundary before the cursor. */
export function currentClause(before: string): string {
  let i = before.length - 1;
  const floor = Math.max(0, before.length - 40);
  while (i >= floor && !CLAUSE_START.test(before[i])) i--;
  return before.slice(i + 1);
}

/** The common start of all `options`: a phrasebook guess must be unanimous. */
export function agreedPrefix(options: string[]): { text: string; support: number } {
  if (options.length === 0) return { text: '', support: 0 };
  let n = options[0].length;
  for (const o of options) {
    let i = 0;
    while (i < n && i < o.length && o[i] === options[0][i]) i++;
    n = i;
  }
  return { text: options[0].slice(0, n), support: options.length };
}

export class PhraseBook {
  private readonly sorted: string[];
  private readonly index: NgramIndex;

  constructor(phrases: string[]) {
    this.sorted = [...new Set(phrases.filter((p) => p.length >= 2))].sort();
    this.index = new NgramIndex(this.sorted.join('\n'), 3);
  }

  /** Phrases that start with `prefix`, by binary search on the sorted list. */
  startingWith(prefix: string): string[] {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid] < prefix) lo = mid + 1; else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < this.sorted.length && this.sorted[i].startsWith(prefix); i++) out.push(this.sorted[i]);
    return out;
  }

  candidate(before: string): Candidate | null {
    const clause = currentClause(before);
    if (clause.length >= 1) {
      const rests = this.startingWith(clause).map((p) => p.slice(clause.length)).filter((r) => r.length > 0);
      const { text, support } = agreedPrefix(rests);
      if (text.length >= 2) {
        // A set formula (a whole sentence ending in 。 or ：) is what it is once begun; a noun
        // phrase begun with two characters is still a guess, so it needs a longer start.
        const formula = /[。：]$/.test(text) && rests.length === 1;
        // A clause already complete in itself (加强组织领导|，明确…) is followed by anything.
        const complete = /^[，。；：、]/.test(text);
        // A layout label begun at the start of a line (抄 → 送：, 附 → 件：) is what it looks like.
        const label = clause === before.slice(before.lastIndexOf('\n') + 1) && /：$/.test(text);
        const c = complete ? 0.5 : label || (formula && clause.length >= 3) ? 0.78 : clause.length >= 4 ? 0.72 : 0.6;
        return { text, confidence: Math.min(1, c + (support >= 2 ? 0.05 : 0)), source: 'phrasebook' };
      }
    }
    const text = this.index.text;
    const conts: string[] = [];
    let best = 0;
    for (const h of this.index.find(before, 500, 30)) {
      const start = h.at - h.len;
      if (text.lastIndexOf('\n', h.at - 1) >= start) continue;
      const end = text.indexOf('\n', h.at);
      const rest = text.slice(h.at, end < 0 ? text.length : end);
      if (!rest || h.len < 5) continue;
      if (h.len > best) { best = h.len; conts.length = 0; }
      if (h.len === best) conts.push(rest);
    }
    const { text: t } = agreedPrefix(conts);
    if (t.length < 2) return null;
    return { text: t, confidence: best >= 7 ? 0.8 : 0.7, source: 'phrasebook-infix' };
  }
}
