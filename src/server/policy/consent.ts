// Consent: a model that needs it answers only requests that accepted the notice version in force now.
import type { CompletionRequest } from '../../core/protocol';
import type { ModelConfig } from '../config';
import { ApiError } from '../errors';

export function checkConsent(model: ModelConfig, consent: CompletionRequest['consent'], noticeVersion: string): void {
  if (!model.needsConsent) return;
  if (consent?.version !== noticeVersion) throw new ApiError(403, 'consent_required');
}
