// The built-in continuation engine: no model, no network. Pure and synchronous; indexes are built
// in the constructor so suggest() stays within a few milliseconds.
import type { ContextDigest } from '../core/protocol';
import { ruleCandidates, type Candidate } from './rules';
import { trimToUnits } from './units';

export interface BuiltinEngineOptions {
  /** texts of the organisation's own past documents, indexed once */
  corpus?: string[];
}

/** Below this a candidate is not shown: a wrong suggestion costs more than none. */
export const SHOW_THRESHOLD = 0.6;

export class BuiltinEngine {
  private readonly corpus: string[];

  constructor(opts: BuiltinEngineOptions = {}) {
    this.corpus = opts.corpus ?? [];
  }

  /** The suggestion to show at the cursor, or '' to show nothing. */
  suggest(digest: ContextDigest, maxChars: number): string {
    if (maxChars <= 0) return '';
    const candidates: Candidate[] = ruleCandidates(digest);
    for (const c of candidates) {
      if (c.confidence < SHOW_THRESHOLD) break;
      const text = trimToUnits(digest.before, c.text, maxChars);
      if (text) return text;
    }
    return '';
  }
}
