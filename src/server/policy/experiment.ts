// policy.experiment: a fair comparison of two models on the organisation's own drafts. Each clerk is put
// in one arm for good by a hash of the experiment's name and their identity (the same in every worker and
// instance, across restarts); a request for either model is answered by the clerk's arm, and the audit
// and the outcome events name the model that answered, so `npm run report` can set the two side by side.
import crypto from 'node:crypto';

export interface Experiment {
  name: string;
  models: readonly [string, string];
}

/** The model of `identity`'s arm. */
export function armOf(exp: Experiment, identity: string): string {
  const h = crypto.createHash('sha256').update(exp.name).update('\0').update(identity).digest();
  return exp.models[h[0]! & 1]!;
}

/** The model that answers a request for `requested`: the clerk's arm when it is one of the experiment's. */
export function assignedModel(exp: Experiment | undefined, requested: string, identity: string): string {
  return exp && exp.models.includes(requested) ? armOf(exp, identity) : requested;
}
