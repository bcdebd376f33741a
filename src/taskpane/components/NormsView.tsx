// 规范: the format findings of the document (src/norms) as a list — the message, the text it is about,
// its source, 定位 (select it) and 修正 where the fix is exact. Self-contained: the pane hands it the
// findings, the text their offsets refer to, and what 定位 and 修正 do (through the host, like an accept).
import { Badge, Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import { RULE_BY_ID, type Finding } from '../../norms';
import normsEn from '../locales/norms.en';
import normsZhCN from '../locales/norms.zh-CN';

export interface NormsViewProps {
  findings: readonly Finding[];
  /** the document text the findings' offsets refer to (to show what each is about) */
  text: string;
  onLocate: (finding: Finding) => void;
  /** called only for findings with an exact fix */
  onFix: (finding: Finding) => void;
}

const EXCERPT_MAX = 30;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  small: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  item: {
    display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS,
    padding: tokens.spacingVerticalS, borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  head: { display: 'flex', alignItems: 'flex-start', columnGap: tokens.spacingHorizontalS },
  excerpt: { fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  actions: { display: 'flex', columnGap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

function excerpt(text: string, f: Finding): string {
  const s = text.slice(f.start, f.end).replace(/\n/g, '⏎');
  return s.length > EXCERPT_MAX ? `${s.slice(0, EXCERPT_MAX - 1)}…` : s;
}

/** The list's strings live in locales/norms.*.ts. Until the pane's i18n setup merges them (as it does
 * diagnostics.*), the view adds them to the pane's instance itself, so it never shows raw keys. */
function ensureStrings(i18n: I18n): void {
  if (i18n.exists('norms.heading')) return;
  i18n.addResourceBundle('zh-CN', 'translation', { norms: normsZhCN }, true, false);
  i18n.addResourceBundle('en', 'translation', { norms: normsEn }, true, false);
}

type NormsKey = keyof typeof normsZhCN;

export function NormsView({ findings, text, onLocate, onFix }: NormsViewProps): JSX.Element {
  const { t: translate, i18n } = useTranslation();
  ensureStrings(i18n);
  const tn = (key: NormsKey, options?: Record<string, unknown>): string => translate(`norms.${key}`, options ?? {});
  const styles = useStyles();
  const lang = i18n.language?.startsWith('en') ? 'en' : 'zh';
  const errors = findings.filter((f) => f.severity === 'error').length;
  return (
    <section className={styles.root} aria-labelledby="banxie-norms-heading">
      <h2 id="banxie-norms-heading" className={styles.heading}>{tn('heading')}</h2>
      <Text className={styles.small} role="status">
        {findings.length ? tn('count', { errors, advice: findings.length - errors }) : tn('none')}
      </Text>
      {findings.length > 0 && (
        <ul className={styles.list}>
          {findings.map((f) => {
            const about = excerpt(text, f) || tn('empty');
            const fixShown = f.fix === undefined ? '' : f.fix.replace(/\n/g, '⏎');
            return (
              <li key={`${f.rule}:${f.start}:${f.end}`} className={styles.item} data-rule={f.rule}>
                <div className={styles.head}>
                  <Badge appearance="tint" color={f.severity === 'error' ? 'danger' : 'informative'} size="small">
                    {tn(f.severity === 'error' ? 'error' : 'advice')}
                  </Badge>
                  <Text>{f.message[lang]}</Text>
                </div>
                <Text className={styles.excerpt}>{tn('about', { text: about })}</Text>
                <Text className={styles.small}>{tn('clause', { clause: RULE_BY_ID[f.rule].clause })}</Text>
                <div className={styles.actions}>
                  <Button size="small" onClick={() => onLocate(f)} aria-label={tn('locateLabel', { text: about })}>
                    {tn('locate')}
                  </Button>
                  {f.fix !== undefined && (
                    <Button size="small" appearance="primary" onClick={() => onFix(f)}
                      aria-label={fixShown ? tn('fixLabel', { text: fixShown }) : tn('fixDelete', { text: about })}>
                      {tn('fix')}
                    </Button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
