// The built-in continuation engine: no model, no network. Pure and synchronous; indexes are built
// in the constructor so suggest() stays within a few milliseconds.
import type { ContextDigest } from '../core/protocol';
import { PhraseBook } from './PhraseBook';
import { phrasebookPhrases, TYPE_VERB } from './phrases';
import { docTypeOf, ruleCandidates, type Candidate } from './rules';
import { fromDocument, fromDocumentFrequency } from './sources';
import { fromPooled } from './pooled';
import { SEP } from './NgramIndex';
import { SuffixArray } from './SuffixArray';
import { fromEntities } from './entities';
import { trimToUnits } from './units';

export interface BuiltinEngineOptions {
  /** texts of the organisation's own past documents, indexed once */
  corpus?: string[];
  /** or the corpus already indexed (e.g. loaded from the on-disk cache) */
  corpusIndex?: SuffixArray;
  /** confidence a suggestion needs to be shown, 0..1 (default SHOW_THRESHOLD); lower is chattier */
  threshold?: number;
  /** confidence the pooled corpus vote needs (default CORPUS_THRESHOLD), never below `threshold` */
  corpusThreshold?: number;
}

/** Below this a candidate is not shown: a wrong suggestion costs more than none. */
export const SHOW_THRESHOLD = 0.7;
/**
 * The pooled vote's confidence is a calibrated probability of a partial accept per suggestion; it
 * needs a margin over SHOW_THRESHOLD because a shown suggestion that is wrong is asked again at
 * the next keystroke (and counted again), while a right one is taken once.
 */
export const CORPUS_THRESHOLD = 0.75;


export class BuiltinEngine {
  private readonly corpus: SuffixArray | null;
  private readonly threshold: number;
  private readonly corpusThreshold: number;
  private readonly phrasebooks = new Map<string, PhraseBook>();

  constructor(opts: BuiltinEngineOptions = {}) {
    this.corpus = opts.corpusIndex ?? corpusIndex(opts.corpus ?? []);
    this.threshold = opts.threshold ?? SHOW_THRESHOLD;
    this.corpusThreshold = Math.max(this.threshold, opts.corpusThreshold ?? CORPUS_THRESHOLD);
    // Built here, not on first use, so that no suggest() call pays for an index.
    for (const t of [...Object.keys(TYPE_VERB), 'unknown']) this.phrasebook(t);
  }

  /** The suggestion to show at the cursor, or '' to show nothing. */
  suggest(digest: ContextDigest, maxChars: number): string {
    if (maxChars <= 0 || !digest || typeof digest.before !== 'string') return '';
    const best = this.candidates(digest)
      .filter((c) => c.confidence >= this.threshold)
      .sort((a, b) => b.confidence - a.confidence);
    for (const c of best) {
      // a layout rule may open the next paragraph (……如下： → "\n一、"); the break itself is not cut
      const lead = c.text.startsWith('\n') ? '\n' : '';
      const text = lead + trimToUnits(digest.before + lead, c.text.slice(lead.length), maxChars - lead.length);
      if (text.length > lead.length) return text;
    }
    return '';
  }

  /** Every candidate with its confidence and source, for tests and tuning. */
  candidates(d: ContextDigest): Candidate[] {
    const out: Candidate[] = [...ruleCandidates(d)];
    if (out.some((c) => c.confidence >= 0.9)) return out;
    const entity = fromEntities(d);
    if (entity) out.push(entity);
    const freq = fromDocumentFrequency(d);
    if (freq) out.push(freq);
    const doc = fromDocument(d);
    const phrase = this.phrasebook(docTypeOf(d)).candidate(d.before);
    let corpus = this.corpus ? fromPooled(this.corpus, d) : null;
    if (corpus && corpus.confidence < this.corpusThreshold) corpus = null;
    for (const c of [doc, phrase, corpus]) if (c) out.push(c);
    // Two independent sources proposing the same start is stronger than either.
    if (doc && phrase && (doc.text.startsWith(phrase.text) || phrase.text.startsWith(doc.text))) doc.confidence = Math.min(1, doc.confidence + 0.1);
    if (doc && corpus && (doc.text.startsWith(corpus.text) || corpus.text.startsWith(doc.text))) doc.confidence = Math.min(1, doc.confidence + 0.1);
    return out;
  }

  private phrasebook(docType: string): PhraseBook {
    let idx = this.phrasebooks.get(docType);
    if (!idx) {
      idx = new PhraseBook(phrasebookPhrases(docType));
      this.phrasebooks.set(docType, idx);
    }
    return idx;
  }
}

/** The corpus as one text, documents kept apart by SEP so that no match runs from one into the next. */
export function corpusText(texts: string[]): string {
  const kept = texts.filter((t) => t.length > 0);
  return kept.length ? SEP + kept.join(SEP) + SEP : '';
}

export function corpusIndex(texts: string[]): SuffixArray | null {
  const text = corpusText(texts);
  return text ? new SuffixArray(text) : null;
}
