// The 规范 tab, its count in the status line and its settings section, over the NormsRunner (a context the
// mount provides). The checker and the list's own strings arrive with the norms bundle; until then these say
// what is going on in the pane's own strings.
import { Spinner, Switch, Text, makeStyles, tokens } from '@fluentui/react-components';
import { createContext, useContext, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { NormsSettings } from '../../core/settings';
import type { NormsRunner, NormsSnapshot } from '../NormsRunner';
import { NormsView } from './NormsView';
import { useController, usePane } from './usePane';

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

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  small: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** the 规范 tab's content */
export function NormsPanel(): JSX.Element {
  const { t } = useTranslation();
  const { runner, snap } = useNorms();
  if (snap.status === 'waiting') return <Spinner size="tiny" label={t('normsPane.waiting')} labelPosition="after" data-testid="norms-waiting" />;
  if (snap.status !== 'ready') return <Text data-testid={`norms-${snap.status}`}>{t(`normsPane.${snap.status}`)}</Text>;
  return (
    <NormsView
      findings={snap.findings}
      text={snap.text}
      notice={snap.notice}
      canLocate={(f) => !!runner?.locatable(f)}
      canFix={(f) => !!runner?.fixable(f)}
      clauseOf={(rule) => runner?.clauseOf(rule) ?? ''}
      onLocate={(f) => void runner?.locate(f)}
      onFix={(f) => void runner?.fix(f)}
    />
  );
}

/** Settings › 规范提示: on or off, advice or not, and each rule on its own (issue 26 §4). The admin's default
 * (?norms=) holds until the user chooses here; the rules are listed once the bundle is in. */
export function NormsSettingsSection(): JSX.Element {
  const { t, i18n } = useTranslation();
  const c = useController();
  const norms = usePane().settings.norms;
  const { runner } = useNorms();
  const styles = useStyles();
  const lang = i18n.language?.startsWith('en') ? 'en' : 'zh';
  const save = (patch: Partial<NormsSettings>): void => void c.updateSettings({ norms: { ...norms, ...patch } });
  const off = new Set(norms.off);
  const rules = runner?.rules();
  return (
    <section className={styles.root} aria-labelledby="banxie-norms-settings" data-testid="settings-norms">
      <h3 id="banxie-norms-settings" className={styles.heading}>{t('normsPane.heading')}</h3>
      <Switch checked={norms.enabled} label={t('normsPane.enabled')} data-testid="norms-enabled" onChange={(_e, d) => save({ enabled: d.checked })} />
      <Switch checked={norms.advice} disabled={!norms.enabled} label={t('normsPane.advice')} data-testid="norms-advice" onChange={(_e, d) => save({ advice: d.checked })} />
      {rules && (
        <details>
          <summary>{t('normsPane.rules')}</summary>
          <div className={styles.root}>
          {rules.map((r) => (
            <Switch key={r.id} data-rule={r.id} checked={!off.has(r.id)} disabled={!norms.enabled || (r.severity === 'advice' && !norms.advice)}
              label={r.title[lang]}
              onChange={(_e, d) => save({ off: d.checked ? norms.off.filter((id) => id !== r.id) : [...norms.off, r.id] })} />
          ))}
          </div>
        </details>
      )}
      <Text className={styles.small}>{t('normsPane.note')}</Text>
    </section>
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
