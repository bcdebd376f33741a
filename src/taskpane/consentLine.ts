// The status line's consent sentence for the model in use: shared by the full and the lite pane.
import type { ModelInfo } from '../core/protocol';
import type { PaneController, PaneSnapshot } from './PaneController';
import type { Translate } from './problem';

export function consentLine(model: ModelInfo, _s: PaneSnapshot, c: PaneController, t: Translate): string {
  if (!model.needsConsent) return t('status.consent.notNeeded');
  return c.consentValid(model) ? t('status.consent.given') : t('status.consent.missing');
}

/** The notice's version as a clerk may see it: a name or date the admin gave (config privacy.version), never the
 *  hash the service makes up when none is given (诊断信息 still has that). '' = show no version. */
export function noticeLabel(version: string | undefined): string {
  return !version || /^[0-9a-f]{8,}$/i.test(version) ? '' : version;
}
