// The privacy notice shown before a model that needs consent is first used (or after the notice changed).
// Inline in the pane rather than a modal: in the playground a modal would cover the document too.
import { Button, MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { noticeLabel } from '../consentLine';
import { ResidencyBadge } from './ResidencyBadge';
import { useController, usePane } from './usePane';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, ':focus': { outline: 'none' } },
  notice: {
    whiteSpace: 'pre-wrap',
    maxHeight: '50vh',
    overflowY: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground2,
    lineHeight: tokens.lineHeightBase400,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  small: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

export function ConsentView(): JSX.Element | null {
  const { t, i18n } = useTranslation();
  const c = useController();
  const s = usePane();
  const styles = useStyles();
  const heading = useRef<HTMLHeadingElement>(null);
  // Move focus to the notice so a screen reader announces it, and keyboard users start there.
  useEffect(() => heading.current?.focus(), []);
  const prompt = s.consentPrompt;
  if (!prompt) return null;
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <section className={styles.root} role="region" aria-labelledby="banxie-consent-heading" data-testid="consent-view">
      <h2 id="banxie-consent-heading" className={styles.heading} ref={heading} tabIndex={-1}>
        {t('consent.heading')}
      </h2>
      {prompt.changed && (
        <MessageBar intent="info" data-testid="consent-changed">
          <MessageBarBody>{t('consent.changed')}</MessageBarBody>
        </MessageBar>
      )}
      <Text>
        {t('consent.intro', { model: prompt.model.label, residency: t(`status.residency.${prompt.model.residency}`) })}{' '}
        <ResidencyBadge residency={prompt.model.residency} />
      </Text>
      {s.notice ? (
        <>
          <div className={styles.notice} tabIndex={0} role="document" aria-label={t('consent.noticeLabel')} data-testid="consent-notice" lang={lang}>
            {s.notice.text[lang]}
          </div>
          {noticeLabel(s.notice.version) && (
            <Text className={styles.small} data-testid="consent-version">
              {t('consent.version', { version: noticeLabel(s.notice.version) })}
            </Text>
          )}
        </>
      ) : s.connection === 'connecting' ? (
        <Spinner size="tiny" label={t('consent.loading')} labelPosition="after" />
      ) : (
        <Text>{t('consent.loadFailed')}</Text>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={!s.notice} onClick={() => void c.acceptConsent()} data-testid="consent-accept">
          {t('consent.accept')}
        </Button>
        <Button onClick={() => void c.declineConsent()} data-testid="consent-decline">
          {t('consent.decline')}
        </Button>
      </div>
    </section>
  );
}
