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
import { fromRetrieval, retrievalProposal } from './retrieval';

export interface BuiltinEngineOptions {
  /** texts of the organisation's own past documents, indexed once */
  corpus?: string[];
  /** or the corpus already indexed (e.g. loaded from the on-disk cache) */
  corpusIndex?: SuffixArray;
  /** confidence a suggestion needs to be shown, 0..1 (default SHOW_THRESHOLD); lower is chattier */
  threshold?: number;
  /** confidence the pooled corpus vote needs (default CORPUS_THRESHOLD), never below `threshold` */
  corpusThreshold?: number;
  /** confidence a retrieved continuation needs (default RETRIEVAL_THRESHOLD) */
  retrievalThreshold?: number;
}

/** Below this a candidate is not shown: a wrong suggestion costs more than none. */
export const SHOW_THRESHOLD = 0.7;
/**
 * The pooled vote's confidence is a calibrated probability of a partial accept per suggestion; it
 * needs a margin over SHOW_THRESHOLD because a shown suggestion that is wrong is asked again at
 * the next keystroke (and counted again), while a right one is taken once.
 */
export const CORPUS_THRESHOLD = 0.75;
/**
 * The retrieved continuation's calibrated confidence needed to show it (see retrieval.ts): on
 * held-out documents the retrieved suggestions at or above it were partly taken 70 % of the time.
 */
export const RETRIEVAL_THRESHOLD = 0.65;
/**
 * Sources whose text is the start of running prose, so the clause may go on after it; a name, a
 * date or a layout line (entities, rules) ends where it ends, and the pooled vote and retrieval
 * already run to their clause end.
 */
const CONTINUED = new Set(['document-word', 'document-next', 'document-freq', 'phrasebook', 'phrasebook-infix']);
/** Alignment (characters) the text with a suggestion needs before the suggestion is continued. */
const EXTEND_ALIGN = 4;


export class BuiltinEngine {
  private readonly corpus: SuffixArray | null;
  private readonly threshold: number;
  private readonly corpusThreshold: number;
  private readonly retrievalThreshold: number;
  private readonly phrasebooks = new Map<string, PhraseBook>();

  constructor(opts: BuiltinEngineOptions = {}) {
    this.corpus = opts.corpusIndex ?? corpusIndex(opts.corpus ?? []);
    this.threshold = opts.threshold ?? SHOW_THRESHOLD;
    this.corpusThreshold = Math.max(this.threshold, opts.corpusThreshold ?? CORPUS_THRESHOLD);
    this.retrievalThreshold = opts.retrievalThreshold ?? RETRIEVAL_THRESHOLD;
    // Built here, not on first use, so that no suggest() call pays for an index.
    for (const t of [...Object.keys(TYPE_VERB), 'unknown']) this.phrasebook(t);
  }

  /** The suggestion to show at the cursor, or '' to show nothing. */
  suggest(digest: ContextDigest, maxChars: number): string {
    if (maxChars <= 0 || !digest || typeof digest.before !== 'string') return '';
    const best = this.candidates(digest)
      .filter((c) => c.confidence >= (c.source === 'retrieval' ? this.retrievalThreshold : this.threshold))
      .sort((a, b) => b.confidence - a.confidence);
    for (const c of best) {
      // a layout rule may open the next paragraph (……如下： → "\n一、"); the break itself is not cut
      const lead = c.text.startsWith('\n') ? '\n' : '';
      const full = CONTINUED.has(c.source) ? c.text + extension(this.corpus, digest, c.text) : c.text;
      const text = lead + trimToUnits(digest.before + lead, full.slice(lead.length), maxChars - lead.length);
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
    // Calibrated with a corpus (retrieval.ts); without one the document's repeats are the other sources' job.
    let retrieved = this.corpus ? fromRetrieval(this.corpus, d) : null;
    if (retrieved && retrieved.confidence < this.retrievalThreshold) retrieved = null;
    for (const c of [doc, phrase, corpus, retrieved]) if (c) out.push(c);
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

/**
 * The rest of the clause after a suggestion, where the text so far (typed + suggested) is an
 * earlier copy of at least EXTEND_ALIGN characters whose places mostly go on the same way. The
 * clerk takes the longest right part (word or clause), so a longer right suggestion saves more
 * keystrokes and a wrong tail costs nothing the first unit has not already won or lost.
 */
function extension(sa: SuffixArray | null, d: ContextDigest, text: string): string {
  if (!text || /[。；！？\n]$/.test(text) || text.includes('\n')) return '';
  const r = retrievalProposal(sa, { ...d, before: d.before + text }, false);
  if (!r || r.ev.len < EXTEND_ALIGN || r.ev.agree * 2 <= r.ev.seen) return '';
  return r.text;
}
