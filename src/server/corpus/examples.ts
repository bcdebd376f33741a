// The retrieval stage of a completion: passages of the organisation corpus that become examples in an
// LLM prompt. The corpus is the organisation's data: its passages go only where the admin allows, and
// to an external model only masked like the digest.
import type { ModelConfig, ServerConfig } from '../config';
import type { Masker } from '../policy/pii';
import type { Corpus } from './index';

/** Corpus passages per LLM prompt, and their total size (characters). */
export const CORPUS_PASSAGES = 3;
export const CORPUS_BUDGET = 600;

/** null when the model gets no examples by design (the built-in engine, or no corpus); else what it may see. */
export function corpusExamples(
  corpus: Corpus | null | undefined, model: ModelConfig, policy: ServerConfig['policy'], before: string, masker: Masker | null,
): string[] | null {
  if (model.provider === 'builtin' || !corpus) return null;
  if (!policy.corpusResidencies.includes(model.residency)) return [];
  const found = corpus.passages(before, CORPUS_PASSAGES, CORPUS_BUDGET);
  return masker ? found.map((p) => masker.mask(p)) : found;
}
