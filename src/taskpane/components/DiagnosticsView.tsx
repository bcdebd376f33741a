// Settings › 诊断 / Diagnostics: what IT and a bug report need — the host's facts and checks, the service and
// its version, the models offered, counters, the last errors by code — and the copy button for the JSON report.
// Also the developer log's switch, and the log panel the pane shows while the log is on.
import {
  Button,
  MessageBar,
  MessageBarBody,
  Switch,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { createContext, useContext, useEffect, useReducer, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostDiagnostics } from '../../core/DocumentHost';
import { copyText } from '../diagnostics/clipboard';
import { formatEntry } from '../diagnostics/DebugLog';
import type { PaneDiagnostics } from '../diagnostics/PaneDiagnostics';
import { safeServiceUrl } from '../diagnostics/report';
import { ResidencyBadge } from './ResidencyBadge';
import { useController, usePane } from './usePane';

export const DiagnosticsContext = createContext<PaneDiagnostics | null>(null);

export function useDiagnostics(): PaneDiagnostics | null {
  return useContext(DiagnosticsContext);
}

/** re-render on the diagnostics' own news (errors, checks, the log switch) and once a second for counters */
function useDiagnosticsTick(d: PaneDiagnostics | null, everyMs: number): void {
  const [, tick] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (!d) return;
    const off = d.subscribe(tick);
    const timer = everyMs > 0 ? setInterval(tick, everyMs) : null;
    return () => {
      off();
      if (timer) clearInterval(timer);
    };
  }, [d, everyMs]);
}

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalL },
  head: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  small: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  section: { border: 'none', margin: 0, padding: 0, minWidth: 0 },
  legend: { fontWeight: tokens.fontWeightSemibold, marginBottom: tokens.spacingVerticalXS, padding: 0 },
  list: {
    display: 'grid',
    gridTemplateColumns: 'minmax(7em, max-content) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: '2px',
    margin: 0,
    fontSize: tokens.fontSizeBase200,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere', minWidth: 0 },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  errors: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  plainList: { margin: 0, padding: 0, listStyleType: 'none', fontSize: tokens.fontSizeBase200, display: 'flex', flexDirection: 'column', rowGap: '2px' },
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
  report: {
    boxSizing: 'border-box',
    width: '100%',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    padding: tokens.spacingHorizontalS,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    resize: 'vertical',
  },
});

function Section({ legend, testId, children }: { legend: string; testId: string; children: ReactNode }): JSX.Element {
  const styles = useStyles();
  return (
    <section className={styles.section} data-testid={testId} aria-label={legend}>
      <Text as="h3" block className={styles.legend}>
        {legend}
      </Text>
      {children}
    </section>
  );
}

function Facts({ rows }: { rows: Array<[string, ReactNode, string?]> }): JSX.Element {
  const styles = useStyles();
  return (
    <dl className={styles.list}>
      {rows.map(([term, value, id]) => (
        <div key={term} style={{ display: 'contents' }}>
          <dt className={styles.term}>{term}</dt>
          <dd className={styles.value} data-testid={id}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function useWords(): { t: ReturnType<typeof useTranslation>['t']; yesNo(v: boolean | 'unknown'): string; reason(key: string | undefined): string } {
  const { t, i18n } = useTranslation();
  return {
    t,
    yesNo: (v) => (v === 'unknown' ? t('diagnostics.unknown') : v ? t('diagnostics.yes') : t('diagnostics.no')),
    // hosts give pane-only reasons as i18n keys ('host.trackChanges'); an unknown one is shown as its code
    reason: (key) => (key ? (i18n.exists(key) ? t(key) : key) : t('diagnostics.unknown')),
  };
}

function HostSection({ hostName, diag }: { hostName: string; diag: HostDiagnostics | null }): JSX.Element {
  const { t, yesNo, reason } = useWords();
  const { i18n } = useTranslation();
  const styles = useStyles();
  const s = usePane();
  const caps = s.capabilities;
  const inline = caps ? (caps.inlineGhost ? t('diagnostics.host.inlineOn') : t('diagnostics.host.inlineOff', { reason: reason(caps.inlineGhostOffReason) })) : t('diagnostics.unknown');
  if (!diag) {
    return (
      <Section legend={t('diagnostics.host.legend')} testId="diag-host">
        <Facts
          rows={[
            [t('diagnostics.host.name'), hostName, 'diag-host-name'],
            [t('diagnostics.host.inline'), inline, 'diag-host-inline'],
          ]}
        />
        <Text className={styles.small} data-testid="diag-host-not-reported">
          {t('diagnostics.notReported')}
        </Text>
      </Section>
    );
  }
  const f = diag.facts;
  // the four checks every host makes have names; a WPS switch check ('wps:…') is shown as its code
  const checkName = (k: string): string => (/^\w+$/.test(k) && i18n.exists(`diagnostics.host.checkName.${k}`) ? t(`diagnostics.host.checkName.${k}`) : k);
  const sets = Object.entries(f.apiSets).filter(([, ok]) => ok).map(([k]) => k);
  const checks = Object.entries(diag.checks).filter((e): e is [string, { ok: number; failed: number }] => !!e[1]);
  const switches = Object.entries(diag.switches);
  return (
    <Section legend={t('diagnostics.host.legend')} testId="diag-host">
      {diag.paneOnlyReason && (
        <MessageBar intent="warning" layout="multiline" data-testid="diag-pane-only">
          <MessageBarBody>{t('diagnostics.host.paneOnlyReason', { reason: reason(diag.paneOnlyReason) })}</MessageBarBody>
        </MessageBar>
      )}
      <Facts
        rows={[
          [t('diagnostics.host.name'), f.host, 'diag-host-name'],
          [t('diagnostics.host.platform'), f.platform || t('diagnostics.unknown')],
          [t('diagnostics.host.version'), f.version || t('diagnostics.unknown'), 'diag-host-version'],
          [t('diagnostics.host.apiSets'), sets.length ? sets.join(', ') : t('diagnostics.none')],
          [t('diagnostics.host.trackChanges'), yesNo(f.trackChanges)],
          [t('diagnostics.host.readOnly'), yesNo(f.readOnly)],
          [t('diagnostics.host.cloudDocument'), yesNo(f.cloudDocument)],
          [t('diagnostics.host.protection'), f.protection],
          [t('diagnostics.host.inline'), inline, 'diag-host-inline'],
          [t('diagnostics.host.syncMs'), t('diagnostics.host.syncValue', { p50: Math.round(diag.syncMs.p50), p95: Math.round(diag.syncMs.p95), count: diag.syncMs.count })],
          ...checks.map(([k, v]): [string, ReactNode] => [checkName(k), <span className={styles.code}>{t('diagnostics.host.checkCounts', { ok: v.ok, failed: v.failed })}</span>]),
          ...switches.map(([k, v]): [string, ReactNode] => [k, yesNo(v)]),
        ]}
      />
    </Section>
  );
}

function ServiceSection({ d }: { d: PaneDiagnostics }): JSX.Element {
  const { t } = useTranslation();
  const c = useController();
  const [checking, setChecking] = useState(false);
  const check = async (): Promise<void> => {
    setChecking(true);
    try {
      await d.checkService();
    } finally {
      setChecking(false);
    }
  };
  useEffect(() => {
    if (!d.service) void check();
    // the first look only; the button checks again
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const svc = d.service;
  const status = checking
    ? t('diagnostics.service.checking')
    : !svc
      ? t('diagnostics.service.notChecked')
      : svc.reachable
        ? t('diagnostics.service.reachable', { ms: Math.round(svc.ms) })
        : t('diagnostics.service.unreachable', { code: svc.code ?? 'unknown' });
  return (
    <Section legend={t('diagnostics.service.legend')} testId="diag-service">
      <Facts
        rows={[
          [t('diagnostics.service.address'), safeServiceUrl(c.serviceUrl()) || t('settings.service.sameOrigin'), 'diag-service-url'],
          [t('diagnostics.service.status'), <span data-reachable={svc ? String(svc.reachable) : undefined}>{status}</span>, 'diag-service-status'],
          [t('diagnostics.service.version'), svc?.version || t('diagnostics.unknown'), 'diag-service-version'],
        ]}
      />
      <Button size="small" onClick={() => void check()} disabled={checking} data-testid="diag-service-check">
        {t('diagnostics.service.check')}
      </Button>
    </Section>
  );
}

function ModelsSection(): JSX.Element {
  const { t } = useTranslation();
  const s = usePane();
  const styles = useStyles();
  return (
    <Section legend={t('diagnostics.models.legend')} testId="diag-models">
      {!s.models?.length ? (
        <Text className={styles.small}>{t('diagnostics.models.none')}</Text>
      ) : (
        <ul className={styles.errors}>
          {s.models.map((m) => (
            <li key={m.id} className={styles.row}>
              <span className={styles.code}>{m.id}</span>
              <ResidencyBadge residency={m.residency} />
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function CountersSection({ d, diag }: { d: PaneDiagnostics; diag: HostDiagnostics | null }): JSX.Element {
  const { t } = useTranslation();
  const c = d.counters();
  const lat = d.collector.latency();
  return (
    <Section legend={t('diagnostics.counters.legend')} testId="diag-counters">
      <Facts
        rows={[
          [t('diagnostics.counters.shown'), String(c.shown), 'diag-shown'],
          [t('diagnostics.counters.accepted'), String(c.accepts), 'diag-accepted'],
          [t('diagnostics.counters.acceptedChars'), String(c.acceptedChars)],
          [t('diagnostics.counters.requests'), String(c.requests), 'diag-requests'],
          [
            t('diagnostics.counters.latency'),
            lat.count ? t('diagnostics.counters.latencyValue', { p50: Math.round(lat.p50 ?? 0), p95: Math.round(lat.p95 ?? 0), count: lat.count }) : t('diagnostics.counters.noLatency'),
            'diag-latency',
          ],
          [t('diagnostics.counters.verificationFailures'), diag ? String(diag.verificationFailures) : t('diagnostics.notReported'), 'diag-verification-failures'],
          [t('diagnostics.counters.hostErrors'), String(c.hostErrors)],
        ]}
      />
    </Section>
  );
}

function ErrorsSection({ d }: { d: PaneDiagnostics }): JSX.Element {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const errors = [...d.collector.recentErrors()].reverse();
  const time = (at: number): string => new Date(at).toLocaleTimeString(i18n.language, { hour12: false });
  return (
    <Section legend={t('diagnostics.errors.legend')} testId="diag-errors">
      {errors.length === 0 ? (
        <Text className={styles.small}>{t('diagnostics.errors.none')}</Text>
      ) : (
        <ul className={styles.plainList}>
          {errors.map((e, i) => (
            <li key={`${e.at}-${i}`} data-testid="diag-error" data-code={e.code}>
              <span className={styles.small}>{time(e.at)}</span> <span className={styles.code}>{e.code}</span> <span className={styles.small}>({t(`diagnostics.errors.source.${e.source}`)})</span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function CopyReport({ d }: { d: PaneDiagnostics }): JSX.Element {
  const { t } = useTranslation();
  const styles = useStyles();
  const [result, setResult] = useState<{ ok: true } | { ok: false; text: string } | null>(null);
  const copy = async (): Promise<void> => {
    const text = d.reportJson();
    setResult((await copyText(text)) ? { ok: true } : { ok: false, text });
  };
  return (
    <div className={styles.root} style={{ rowGap: tokens.spacingVerticalS }}>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void copy()} data-testid="diag-copy">
          {t('diagnostics.copy.button')}
        </Button>
      </div>
      {result?.ok && (
        <Text role="status" className={styles.small} data-testid="diag-copied">
          {t('diagnostics.copy.done')}
        </Text>
      )}
      {result && !result.ok && (
        <>
          <Text role="status" data-testid="diag-copy-failed">
            {t('diagnostics.copy.failed')}
          </Text>
          <textarea className={styles.report} readOnly rows={10} value={result.text} aria-label={t('diagnostics.copy.textLabel')} data-testid="diag-report-text" onFocus={(e) => e.currentTarget.select()} />
        </>
      )}
    </div>
  );
}

/** The live developer log, shown under the pane's views while the log is on. */
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

export function DiagnosticsView({ onBack }: { onBack(): void }): JSX.Element {
  const { t } = useTranslation();
  const styles = useStyles();
  const d = useDiagnostics();
  useDiagnosticsTick(d, 1000);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const diag = d?.hostDiagnostics() ?? null;
  return (
    <div className={styles.root} data-testid="diagnostics-view">
      <div className={styles.head}>
        <h2 className={styles.heading} ref={heading} tabIndex={-1}>
          {t('diagnostics.heading')}
        </h2>
        <Button appearance="transparent" size="small" onClick={onBack} data-testid="diag-back">
          {t('diagnostics.back')}
        </Button>
      </div>
      <Text className={styles.small}>{t('diagnostics.intro')}</Text>
      {d ? (
        <>
          <CopyReport d={d} />
          <HostSection hostName={d.hostName()} diag={diag} />
          <ServiceSection d={d} />
          <ModelsSection />
          <CountersSection d={d} diag={diag} />
          <ErrorsSection d={d} />
          <Section legend={t('diagnostics.log.legend')} testId="diag-log">
            <Switch checked={d.log.enabled} onChange={(_e, data) => d.log.setEnabled(data.checked)} label={t('diagnostics.log.toggle')} data-testid="diag-log-switch" />
          </Section>
        </>
      ) : (
        <Text data-testid="diag-unavailable">{t('diagnostics.notReported')}</Text>
      )}
    </div>
  );
}
