// 规范: the format findings of the document (src/norms) as a list — the message, the text it is about,
// its source, 定位 (select it) and 修正 where the fix is exact. Self-contained: the pane hands it the
// findings, the text their offsets refer to, and what 定位 and 修正 do (through the host, like an accept).
import { Badge, Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Finding } from '../../norms/check';
import type { RuleId } from '../../norms/rules';
import type normsZhCN from '../locales/norms.zh-CN';

export interface NormsViewProps {
  findings: readonly Finding[];
  /** the document text the findings' offsets refer to (to show what each is about) */
  text: string;
  onLocate: (finding: Finding) => void;
  /** called only for findings with an exact fix */
  onFix: (finding: Finding) => void;
  /** the last 定位/修正 did not find its text (the document changed since the check) */
  notice?: 'gone' | null;
  /** whether the host can select this finding's text (default: yes) */
  canLocate?: (finding: Finding) => boolean;
  /** whether 修正 may be offered for this finding (default: any finding with a fix) */
  canFix?: (finding: Finding) => boolean;
  /** the clause a rule comes from (the rule table is in the norms bundle); '' shows none */
  clauseOf?: (rule: RuleId) => string;
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
  badge: { flexShrink: 0, whiteSpace: 'nowrap' },
  excerpt: { fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  actions: { display: 'flex', columnGap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

function excerpt(text: string, f: Finding): string {
  const s = text.slice(f.start, f.end).replace(/\n/g, '⏎');
  return s.length > EXCERPT_MAX ? `${s.slice(0, EXCERPT_MAX - 1)}…` : s;
}

type NormsKey = keyof typeof normsZhCN;

export function NormsView({ findings, text, onLocate, onFix, notice = null, canLocate, canFix, clauseOf }: NormsViewProps): JSX.Element {
  // the list's strings (locales/norms.*.ts) come with the norms bundle: the pane adds them to i18n when it arrives
  const { t: translate, i18n } = useTranslation();
  const tn = (key: NormsKey, options?: Record<string, unknown>): string => translate(`norms.${key}`, options ?? {});
  const styles = useStyles();
  const lang = i18n.language?.startsWith('en') ? 'en' : 'zh';
  const errors = findings.filter((f) => f.severity === 'error').length;
  return (
    <section className={styles.root} aria-labelledby="banxie-norms-heading">
      <h2 id="banxie-norms-heading" className={styles.heading}>{tn('heading')}</h2>
      <Text className={styles.small} role="status" data-testid="norms-summary">
        {findings.length ? tn('count', { errors, advice: findings.length - errors }) : tn('none')}
      </Text>
      {notice && <Text className={styles.small} role="alert" data-testid="norms-notice">{tn(notice)}</Text>}
      {findings.length > 0 && (
        <ul className={styles.list} data-testid="norms-list">
          {findings.slice(0, SHOWN_MAX).map((f) => {
            const about = excerpt(text, f) || tn('empty');
            const fixShown = f.fix === undefined ? '' : f.fix.replace(/\n/g, '⏎');
            return (
              <li key={`${f.rule}:${f.start}:${f.end}`} className={styles.item} data-rule={f.rule}>
                <div className={styles.head}>
                  <Badge className={styles.badge} appearance="tint" color={f.severity === 'error' ? 'danger' : 'informative'} size="small">
                    {tn(f.severity === 'error' ? 'error' : 'advice')}
                  </Badge>
                  <Text>{f.message[lang]}</Text>
                </div>
                <Text className={styles.excerpt}>{tn('about', { text: about })}</Text>
                {clauseOf?.(f.rule) && <Text className={styles.small}>{tn('clause', { clause: clauseOf(f.rule) })}</Text>}
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
      {findings.length > SHOWN_MAX && (
        <Text className={styles.small}>{tn('more', { n: findings.length - SHOWN_MAX })}</Text>
      )}
    </section>
  );
}
