// The live developer log, shown under the pane's views while the log is on (switched in Settings › 诊断信息
// or with ?debug=1). Kept apart from DiagnosticsView, which loads only when opened.
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { formatEntry } from '../diagnostics/DebugLog';
import { useDiagnostics } from './diagnosticsContext';

const useStyles = makeStyles({
  head: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  logHeading: { margin: 0, fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300 },
  log: {
    margin: 0,
    maxHeight: '240px',
    overflowY: 'auto',
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase100,
    lineHeight: tokens.lineHeightBase200,
    padding: tokens.spacingHorizontalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
});

export function DebugLogPanel(): JSX.Element | null {
  const d = useDiagnostics();
  const { t } = useTranslation();
  const styles = useStyles();
  const subscribe = (cb: () => void): (() => void) => (d ? d.log.subscribe(cb) : () => undefined);
  const entries = useSyncExternalStore(subscribe, () => (d ? d.log.entries().length + (d.log.enabled ? 0.5 : 0) : 0));
  const box = useRef<HTMLPreElement>(null);
  useEffect(() => {
    const el = box.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [entries]);
  if (!d?.log.enabled) return null;
  const lines = d.log.entries().map(formatEntry);
  return (
    <section aria-label={t('diagnostics.log.heading')} data-testid="debug-log">
      <div className={styles.head}>
        <Text as="h2" className={styles.logHeading}>
          {t('diagnostics.log.heading')}
        </Text>
        <Button size="small" appearance="subtle" onClick={() => d.log.clear()} data-testid="debug-log-clear">
          {t('diagnostics.log.clear')}
        </Button>
      </div>
      <pre className={styles.log} ref={box} tabIndex={0} data-testid="debug-log-lines" aria-live="off">
        {lines.length ? lines.join('\n') : t('diagnostics.log.empty')}
      </pre>
    </section>
  );
}
