// Classification guard: a document with a marking (declared by the pane or found here) goes only to
// residencies the admin allows. The server re-checks because it cannot trust the pane's digest.
import { isRestrictedOnly, type Classification, type ContextDigest, type Residency } from '../../core/protocol';
import { detectClassification } from '../../core/digest';
import type { ModelConfig } from '../config';
import { ApiError } from '../errors';

/** The digest's classification, or one the server finds standing as a marking in its text. */
export function findClassification(digest: ContextDigest): Classification | null {
  if (digest.classification) return digest.classification;
  // The marking stands at the top of the document; the title line and the text before the
  // cursor are where a digest may carry it. `after` covers a cursor placed above the header.
  for (const text of [digest.before, digest.title, digest.after, digest.docNumber]) {
    if (!text) continue;
    const mark = detectClassification(text);
    if (mark) return mark.classification;
  }
  return null;
}

/** Whether this model may receive classified documents: the admin's residency list, narrowed per model. */
export function acceptsClassified(model: ModelConfig, allowed: readonly Residency[]): boolean {
  return allowed.includes(model.residency) && model.acceptsClassified !== false;
}

/** The marking that binds this request (null when none, or a restricted one the admin lets through);
 * throws classified_blocked when the model may not receive it. */
export function checkClassification(
  model: ModelConfig, digest: ContextDigest, allowed: readonly Residency[], restrictedAsClassified = true,
): Classification | null {
  const found = findClassification(digest);
  if (!found || (!restrictedAsClassified && isRestrictedOnly(found))) return null;
  if (!acceptsClassified(model, allowed)) throw new ApiError(403, 'classified_blocked');
  return found;
}
