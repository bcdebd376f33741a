// What the status line says when the service masked personal data before sending: one sentence and,
// for its tooltip, the kinds with their counts. Shared by the full and the lite pane.
import type { PiiKind } from '../core/protocol';
import type { Translate } from './problem';

export function maskedNote(masked: Partial<Record<PiiKind, number>> | null | undefined, t: Translate, language: string): { text: string; title: string } | null {
  if (!masked) return null;
  const entries = Object.entries(masked) as [string, number][];
  const count = entries.reduce((n, [, k]) => n + k, 0);
  if (count === 0) return null;
  const kinds = entries.map(([k, n]) => `${t(`status.piiKind.${k}`)} ${n}`).join(language === 'en' ? ', ' : '、');
  return { text: count === 1 ? t('status.maskedOne', { count }) : t('status.masked', { count }), title: t('status.maskedKinds', { kinds }) };
}
