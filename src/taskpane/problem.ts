// Which one problem the pane shows, the most fundamental first: shared by the full and the lite pane.
import type { PaneController, PaneSnapshot } from './PaneController';

export type Problem = {
  key: 'unreachable' | 'consent_required' | 'classified_blocked' | 'rate_limited' | 'upstream_timeout' | 'upstream_error' | 'upstream_unavailable' | 'unknown_model' | 'signon' | 'generic';
  code: string;
};

const KNOWN: readonly string[] = ['consent_required', 'classified_blocked', 'rate_limited', 'upstream_timeout', 'upstream_error', 'upstream_unavailable', 'unknown_model'];

/** One message at a time, the most fundamental first: no connection beats a refused model beats a failed request. */
export function currentProblem(s: PaneSnapshot, c: PaneController): Problem | null {
  // not signed in (or a wrong token): nothing else can work, and an empty pane would say nothing
  if (s.signOnNeeded) return { key: 'signon', code: 'signon_required' };
  if (s.connection === 'offline') return { key: 'unreachable', code: 'unreachable' };
  const model = c.currentModel();
  if (!c.modelAllowed(model)) return { key: 'classified_blocked', code: 'classified_blocked' };
  if (s.models && !c.consentValid(model)) return { key: 'consent_required', code: 'consent_required' };
  // a request's error is shown while its cause holds: not after the model, service or consent changed
  if (s.suggestion.kind === 'error' && c.requestErrorApplies()) {
    const code = s.suggestion.code;
    if (code === 'unreachable') return { key: 'unreachable', code };
    if (code === 'aborted') return null;
    // The model's replicas are all failing (breaker open) or all full: one message, 模型暂时不可用.
    if (code === 'upstream_busy') return { key: 'upstream_unavailable', code };
    return { key: (KNOWN.includes(code) ? code : 'generic') as Problem['key'], code };
  }
  return null;
}

/** The translator both panes pass in (i18next's t, or the lite pane's lookup). */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** What the problem bar says, and how loudly: the same words in the full and the lite pane. */
export function problemMessage(problem: Problem, s: PaneSnapshot, c: PaneController, t: Translate): { title: string; body: string; intent: 'error' | 'warning' } {
  const url = c.serviceUrl() || t('settings.service.sameOrigin');
  const body =
    problem.key === 'classified_blocked'
      ? s.classification?.marking
        ? t('error.classified_blocked.body', { marking: s.classification.marking })
        : t('error.classified_blocked.bodyUnknown')
      : t(`error.${problem.key}.body`, { url, model: c.currentModel().label, message: problem.code });
  const intent = problem.key === 'unreachable' || problem.key === 'classified_blocked' ? 'error' : 'warning';
  return { title: t(`error.${problem.key}.title`), body, intent };
}
