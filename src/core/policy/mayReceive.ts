// The one rule of which model may receive which document, used by the pane (to offer and to check a
// model), by GET /v1/models (to publish each model's verdict) and by the service's guard (to refuse).
import { isRestrictedOnly, type Classification, type ContextDigest, type Residency } from '../protocol';
import { digestMarking } from './marking';

/** The admin's policy on marked documents (config `policy`), as /v1/models publishes it. */
export interface ReceivePolicy {
  /** residencies a document with a classification marking may go to */
  classifiedResidencies: readonly Residency[];
  /** 内部/内部资料 (restricted, not classified) count as a classification marking */
  restrictedAsClassified: boolean;
}

/** What the pane assumes when the service published no policy: the defaults, the strict way. */
export const STRICT_RECEIVE_POLICY: ReceivePolicy = { classifiedResidencies: ['builtin', 'local'], restrictedAsClassified: true };

/** A model as either side knows it: its residency, and `acceptsClassified: false` when the admin narrowed
 * it (a server ModelConfig) or the service refused it classified documents (a ModelInfo from /v1/models). */
export interface Receiver {
  residency: Residency;
  acceptsClassified?: boolean;
}

/** Whether a model may receive a document bearing `marking` (null: unmarked). */
export function mayReceiveMarking(model: Receiver, marking: Classification | null, policy: ReceivePolicy): boolean {
  if (!marking) return true;
  if (isRestrictedOnly(marking) && !policy.restrictedAsClassified) return true;
  return policy.classifiedResidencies.includes(model.residency) && model.acceptsClassified !== false;
}

/** Whether a model may receive this digest: its binding marking (declared or found in any field that
 * reaches a prompt, the most severe) under the admin's policy. Pure: no Node, no DOM. */
export function mayReceive(model: Receiver, digest: ContextDigest, policy: ReceivePolicy): boolean {
  return mayReceiveMarking(model, digestMarking(digest), policy);
}
