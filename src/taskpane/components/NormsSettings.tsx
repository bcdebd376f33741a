// Settings › 规范提示: the checks on or off, advice shown or not, and each rule on its own (issue 26 §4). Part of the
// "norms" chunk (it lists the rule table); the admin's default (?norms=) applies until the user chooses here.
import { Checkbox, Switch, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { NormsSettings as Norms } from '../../core/settings';
import { RULES } from '../../norms/rules';
import { useController, usePane } from './usePane';
import { ensureNormsStrings } from './NormsView';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  small: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  rules: { display: 'flex', flexDirection: 'column', paddingLeft: tokens.spacingHorizontalM },
});

export function NormsSettings(): JSX.Element {
  const { t, i18n } = useTranslation();
  ensureNormsStrings(i18n);
  const c = useController();
  const norms = usePane().settings.norms;
  const styles = useStyles();
  const lang = i18n.language?.startsWith('en') ? 'en' : 'zh';
  const save = (patch: Partial<Norms>): void => void c.updateSettings({ norms: { ...norms, ...patch } });
  const off = new Set(norms.off);
  return (
    <section className={styles.root} aria-labelledby="banxie-norms-settings" data-testid="settings-norms">
      <h3 id="banxie-norms-settings" className={styles.heading}>{t('norms.settingsHeading')}</h3>
      <Switch checked={norms.enabled} label={t('norms.settingsEnabled')} data-testid="norms-enabled"
        onChange={(_e, d) => save({ enabled: d.checked })} />
      <Switch checked={norms.advice} disabled={!norms.enabled} label={t('norms.settingsAdvice')} data-testid="norms-advice"
        onChange={(_e, d) => save({ advice: d.checked })} />
      <details>
        <summary>{t('norms.settingsRules')}</summary>
        <div className={styles.rules}>
          {RULES.map((r) => (
            <Checkbox key={r.id} data-rule={r.id} checked={!off.has(r.id)}
              disabled={!norms.enabled || (r.severity === 'advice' && !norms.advice)}
              label={`${r.title[lang]}（${t(r.severity === 'error' ? 'norms.error' : 'norms.advice')}）`}
              onChange={(_e, d) => save({ off: d.checked ? norms.off.filter((id) => id !== r.id) : [...norms.off, r.id] })} />
          ))}
        </div>
      </details>
      <Text className={styles.small}>{t('norms.settingsNote')}</Text>
    </section>
  );
}
