// Classification guard: a document with a marking — declared by the pane or found in any field that
// reaches the prompt, the most severe — goes only to residencies the admin allows. The server re-checks
// because it cannot trust the pane's digest. The rule itself is core's mayReceive, shared with the pane.
import { isRestrictedOnly, type Classification, type ContextDigest, type Residency } from '../../core/protocol';
import { digestMarking, mayReceiveMarking, type ReceivePolicy } from '../../core/policy';
import type { ModelConfig, ServerConfig } from '../config';
import { ApiError } from '../errors';

/** The digest's binding classification: declared or found in any prompt field, the most severe. */
export function findClassification(digest: ContextDigest): Classification | null {
  return digestMarking(digest);
}

/** The admin's policy on marked documents, as the shared rule reads it. */
export function receivePolicy(policy: ServerConfig['policy']): ReceivePolicy {
  return { classifiedResidencies: policy.classifiedResidencies, restrictedAsClassified: policy.restrictedAsClassified };
}

/** Whether this model may receive classified documents: the admin's residency list, narrowed per model. */
export function acceptsClassified(model: ModelConfig, allowed: readonly Residency[]): boolean {
  return mayReceiveMarking(model, '绝密', { classifiedResidencies: allowed, restrictedAsClassified: true });
}

/** The marking that binds this request (null when none, or a restricted one the admin lets through);
 * throws classified_blocked when the model may not receive it. */
export function checkClassification(
  model: ModelConfig, digest: ContextDigest, allowed: readonly Residency[], restrictedAsClassified = true,
): Classification | null {
  const found = findClassification(digest);
  if (!mayReceiveMarking(model, found, { classifiedResidencies: allowed, restrictedAsClassified })) throw new ApiError(403, 'classified_blocked');
  return !found || (!restrictedAsClassified && isRestrictedOnly(found)) ? null : found;
}
