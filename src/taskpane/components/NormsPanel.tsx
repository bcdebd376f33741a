// The 规范 tab, its count in the status line and its settings section, as the full pane's initial bundle carries
// them: thin wrappers around the NormsRunner (context) and the list and settings views, which load with the
// checker as the "norms" chunk (the rules do not fit the pane's budget) when the tab or the settings first open.
import { Spinner } from '@fluentui/react-components';
import { createContext, lazy, Suspense, useContext, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { NormsRunner, NormsSnapshot } from '../NormsRunner';

export const NormsContext = createContext<NormsRunner | null>(null);

const OFF: NormsSnapshot = { status: 'off', findings: [], text: '', notice: null };

function useNorms(): { runner: NormsRunner | null; snap: NormsSnapshot } {
  const runner = useContext(NormsContext);
  const snap = useSyncExternalStore(
    (cb) => (runner ? runner.subscribe(cb) : () => undefined),
    () => (runner ? runner.snapshot : OFF),
  );
  return { runner, snap };
}

const NormsView = lazy(() => import(/* webpackChunkName: "norms" */ './NormsView').then((m) => ({ default: m.NormsView })));
const NormsSettingsView = lazy(() => import(/* webpackChunkName: "norms" */ './NormsSettings').then((m) => ({ default: m.NormsSettings })));

function Loading(): JSX.Element {
  const { t } = useTranslation();
  return <Spinner size="tiny" label={t('app.loading')} labelPosition="after" />;
}

/** the 规范 tab's content */
export function NormsPanel(): JSX.Element {
  const { runner, snap } = useNorms();
  return (
    <Suspense fallback={<Loading />}>
      <NormsView
        findings={snap.findings}
        text={snap.text}
        status={snap.status}
        notice={snap.notice}
        canLocate={(f) => !!runner?.locatable(f)}
        canFix={(f) => !!runner?.fixable(f)}
        onLocate={(f) => void runner?.locate(f)}
        onFix={(f) => void runner?.fix(f)}
      />
    </Suspense>
  );
}

/** the settings section (advice, rules one by one) */
export function NormsSettingsSection(): JSX.Element {
  return (
    <Suspense fallback={<Loading />}>
      <NormsSettingsView />
    </Suspense>
  );
}

/** one line of the status line: how many findings the checks have, once they ran */
export function NormsCount(): JSX.Element | null {
  const { t } = useTranslation();
  const { snap } = useNorms();
  if (snap.status !== 'ready') return null;
  const errors = snap.findings.filter((f) => f.severity === 'error').length;
  return (
    <span data-testid="status-norms" data-errors={errors} data-advice={snap.findings.length - errors}>
      {snap.findings.length ? t('status.norms', { errors, advice: snap.findings.length - errors }) : t('status.normsNone')}
    </span>
  );
}
