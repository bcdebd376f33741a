// The one rule of which model may receive which document, used by the pane (to offer and to check a
// model), by GET /v1/models (to publish each model's verdict) and by the service's guard (to refuse).
import { isRestrictedOnly, type Classification, type ContextDigest, type ModelList, type ReceivePolicy, type Residency } from '../protocol';
import { digestMarking } from './marking';

export type { ReceivePolicy };

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

/** The policy a model list stands for: the one published with it, or — from a service that publishes
 * none — the one its per-model verdicts imply (exactly: the residencies of the models that accept
 * classified documents; restricted ones let through when the list says so). */
export function policyOf(list: ModelList): ReceivePolicy {
  if (list.policy) return list.policy;
  const residencies = list.models.filter((m) => m.acceptsClassified).map((m) => m.residency);
  return {
    classifiedResidencies: residencies.filter((r, i) => residencies.indexOf(r) === i),
    restrictedAsClassified: !list.models.some((m) => m.acceptsRestricted),
  };
}
