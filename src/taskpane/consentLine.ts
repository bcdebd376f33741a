// The status line's consent sentence for the model in use: shared by the full and the lite pane.
import type { ModelInfo } from '../core/protocol';
import type { PaneController, PaneSnapshot } from './PaneController';
import type { Translate } from './problem';

export function consentLine(model: ModelInfo, s: PaneSnapshot, c: PaneController, t: Translate): string {
  if (!model.needsConsent) return t('status.consent.notNeeded');
  return c.consentValid(model) ? t('status.consent.given', { version: s.notice?.version ?? '' }) : t('status.consent.missing');
}
