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
  /** 'off' (switched off in settings), 'waiting' (not checked yet), 'failed' (the checker did not load); default 'ready' */
  status?: 'off' | 'waiting' | 'ready' | 'failed';
  /** the last 定位/修正 did not find its text (the document changed since the check) */
  notice?: 'gone' | null;
  /** whether the host can select this finding's text (default: yes) */
  canLocate?: (finding: Finding) => boolean;
  /** whether 修正 may be offered for this finding (default: any finding with a fix) */
  canFix?: (finding: Finding) => boolean;
}

const EXCERPT_MAX = 30;
/** items drawn at most: a long draft with hundreds of findings stays responsive; the count says how many there are */
const SHOWN_MAX = 200;

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
export function ensureNormsStrings(i18n: I18n): void {
  if (i18n.exists('norms.heading')) return;
  i18n.addResourceBundle('zh-CN', 'translation', { norms: normsZhCN }, true, false);
  i18n.addResourceBundle('en', 'translation', { norms: normsEn }, true, false);
}

type NormsKey = keyof typeof normsZhCN;

export function NormsView({ findings, text, onLocate, onFix, status = 'ready', notice = null, canLocate, canFix }: NormsViewProps): JSX.Element {
  const { t: translate, i18n } = useTranslation();
  ensureNormsStrings(i18n);
  const tn = (key: NormsKey, options?: Record<string, unknown>): string => translate(`norms.${key}`, options ?? {});
  const styles = useStyles();
  const lang = i18n.language?.startsWith('en') ? 'en' : 'zh';
  const errors = findings.filter((f) => f.severity === 'error').length;
  return (
    <section className={styles.root} aria-labelledby="banxie-norms-heading">
      <h2 id="banxie-norms-heading" className={styles.heading}>{tn('heading')}</h2>
      <Text className={styles.small} role="status" data-testid="norms-summary">
        {status !== 'ready' ? tn(status) : findings.length ? tn('count', { errors, advice: findings.length - errors }) : tn('none')}
      </Text>
      {notice && <Text className={styles.small} role="alert" data-testid="norms-notice">{tn(notice)}</Text>}
      {status === 'ready' && findings.length > 0 && (
        <ul className={styles.list} data-testid="norms-list">
          {findings.slice(0, SHOWN_MAX).map((f) => {
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
                  {(!canLocate || canLocate(f)) && (
                    <Button size="small" onClick={() => onLocate(f)} aria-label={tn('locateLabel', { text: about })} data-testid="norms-locate">
                      {tn('locate')}
                    </Button>
                  )}
                  {f.fix !== undefined && (!canFix || canFix(f)) && (
                    <Button size="small" appearance="primary" onClick={() => onFix(f)} data-testid="norms-fix"
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
      {status === 'ready' && findings.length > SHOWN_MAX && (
        <Text className={styles.small}>{tn('more', { n: findings.length - SHOWN_MAX })}</Text>
      )}
    </section>
  );
}
