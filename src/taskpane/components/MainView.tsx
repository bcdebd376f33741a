// The main view: the suggestion (readable and acceptable even when inline ghost is off), what went wrong
// in plain words with the next step, and a status line saying which model, where it runs, consent, connection.
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Switch,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { consentLine } from '../consentLine';
import { maskedNote } from '../maskedNote';
import { currentProblem, problemMessage, type Problem } from '../problem';
import { NormsCount } from './NormsPanel';
import { connectionKey, idleKey, modelLine } from '../statusLine';
import { BackToDocument, KeysHint } from './KeysHint';
import { ResidencyBadge } from './ResidencyBadge';
import { useController, usePane } from './usePane';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  card: {
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  text: {
    display: 'block',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    color: tokens.colorNeutralForeground1,
    marginBottom: tokens.spacingVerticalS,
  },
  muted: { color: tokens.colorNeutralForeground3, display: 'block' },
  newParagraph: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalS },
  status: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    paddingTop: tokens.spacingVerticalS,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

function ProblemBar({ problem }: { problem: Problem }): JSX.Element {
  const { t } = useTranslation();
  const c = useController();
  const s = usePane();
  const { title, body, intent } = problemMessage(problem, s, c, t);
  return (
    <MessageBar intent={intent} layout="multiline" data-testid={`problem-${problem.key}`}>
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle> {body}
      </MessageBarBody>
      <MessageBarActions>
        {(problem.key === 'unreachable' || problem.key === 'signon') && (
          <Button size="small" data-testid="problem-retry" onClick={() => void c.retry()}>
            {t('error.retry')}
          </Button>
        )}
        {problem.key === 'consent_required' && (
          <Button size="small" appearance="primary" data-testid="problem-read-notice" onClick={() => c.showConsentFor()}>
            {t('error.readNotice')}
          </Button>
        )}
        {(problem.key === 'consent_required' || problem.key === 'classified_blocked') && (
          <Button size="small" data-testid="problem-use-builtin" onClick={() => void c.useBuiltin()}>
            {t('error.useBuiltin')}
          </Button>
        )}
      </MessageBarActions>
    </MessageBar>
  );
}

function SuggestionCard(): JSX.Element {
  const { t } = useTranslation();
  const c = useController();
  const s = usePane();
  const styles = useStyles();
  const st = s.suggestion;
  const showing = st.kind === 'showing' ? st : null;
  const session = c.sessionActions();

  // Tab/Esc are taken over only on the card itself, so keyboard users can still Tab through the pane.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (!showing || e.target !== e.currentTarget) return;
    if (e.key === 'Tab' && !e.shiftKey && !e.ctrlKey && !e.altKey) {
      e.preventDefault();
      void c.accept('all');
    } else if (e.key === 'ArrowRight' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void c.accept('next');
    }
  };

  let body: JSX.Element;
  if (showing) {
    body = (
      <Text className={styles.text} data-testid="suggestion-text" lang="zh-CN">
        {withParagraphMarks(showing.text, t('suggestion.newParagraph'), styles.newParagraph)}
      </Text>
    );
  } else if (st.kind === 'requesting') {
    body = <Spinner size="tiny" label={t('suggestion.requesting')} labelPosition="after" />;
  } else if (st.kind === 'debouncing') {
    body = <Text className={styles.muted}>{t('suggestion.debouncing')}</Text>;
  } else if (st.kind === 'disabled') {
    body = <Text className={styles.muted}>{t('suggestion.disabled')}</Text>;
  } else {
    body = <Text className={styles.muted}>{t(idleKey(s, c))}</Text>;
  }

  // the session's InlinePolicy says whether and why: nothing is worked out again here
  const policy = s.inlinePolicy;
  const paneOnly = showing ? !showing.inline : policy !== null && !policy.inline;
  const reasonKey = paneOnly ? policy?.reason : undefined;
  return (
    <section
      className={styles.card}
      aria-label={t('suggestion.regionLabel')}
      aria-describedby="banxie-keys-hint"
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="suggestion-card"
      data-state={st.kind}
    >
      <div aria-live="polite">{body}</div>
      {paneOnly && st.kind !== 'disabled' && (
        <Text size={200} className={styles.muted} data-testid="pane-only-note">
          {reasonKey ? t('suggestion.paneOnlyReason', { reason: t(reasonKey) }) : t('suggestion.paneOnly')}
        </Text>
      )}
      <KeysHint id="banxie-keys-hint" className={styles.muted} />
      <div className={styles.actions} role="toolbar" aria-label={t('suggestion.toolbarLabel')}>
        <Button appearance="primary" size="small" disabled={!showing} data-testid="suggestion-accept" onClick={() => void c.accept('all')}>
          {t('suggestion.accept')}
        </Button>
        <Button size="small" disabled={!showing} data-testid="suggestion-accept-next" onClick={() => void c.accept('next')}>
          {t('suggestion.acceptNext')}
        </Button>
        <Button size="small" disabled={!showing} data-testid="suggestion-dismiss" onClick={() => void session?.dismiss()}>
          {t('suggestion.dismiss')}
        </Button>
        <Button size="small" disabled={st.kind === 'disabled'} data-testid="suggestion-ask-again" onClick={() => void session?.askAgain()}>
          {t('suggestion.askAgain')}
        </Button>
      </div>
      <BackToDocument />
    </section>
  );
}

export function StatusLine(): JSX.Element {
  const { t } = useTranslation();
  const c = useController();
  const s = usePane();
  const styles = useStyles();
  // the model that answers the next request, never a name this document may not go to
  const { text, model } = modelLine(c, t);
  return (
    <div className={styles.status} role="status" aria-label={t('status.label')} data-testid="status-line">
      <div className={styles.row}>
        <span data-testid="status-model">{text}</span>
        {model && <ResidencyBadge residency={model.residency} />}
      </div>
      {model && <span data-testid="status-consent">{consentLine(model, s, c, t)}</span>}
      <span data-testid="status-connection" data-connection={s.connection}>
        {t(connectionKey(s))}
      </span>
      <MaskedNote />
      <NormsCount />
      {model?.aigcLabel && (
        <span data-testid="status-aigc">
          {t(s.aigcLabelled ? 'aigc.labelled' : 'aigc.note')}
        </span>
      )}
    </div>
  );
}

/** Says that the service masked personal data in what it sent, how many items and of which kinds. */
function MaskedNote(): JSX.Element | null {
  const { t, i18n } = useTranslation();
  const note = maskedNote(usePane().masked, t, i18n.language);
  return note && <span data-testid="status-masked" title={note.title}>{note.text}</span>;
}

export function MainView(): JSX.Element {
  const { t } = useTranslation();
  const c = useController();
  const s = usePane();
  const styles = useStyles();
  const problem = currentProblem(s, c);
  return (
    <div className={styles.root}>
      <Switch
        checked={s.settings.enabled}
        label={t('toggle.label')}
        data-testid="enabled-switch"
        onChange={(_e, d) => void c.updateSettings({ enabled: d.checked })}
      />
      {problem && <ProblemBar problem={problem} />}
      {!problem && s.modelFallback && (
        <MessageBar intent="info" layout="multiline" data-testid="model-fallback">
          <MessageBarBody>
            <MessageBarTitle>{t('error.upstream_unavailable.title')}</MessageBarTitle> {t('error.upstream_unavailable.fallback')}
          </MessageBarBody>
        </MessageBar>
      )}
      <SuggestionCard />
      <StatusLine />
    </div>
  );
}

/** A suggestion that starts a new paragraph says so in words (（另起一段）), not with a mark clerks do not read. */
function withParagraphMarks(text: string, newParagraph: string, muted: string): JSX.Element[] {
  return text.split('\n').map((part, i) => (
    <span key={i}>
      {i > 0 && <span className={muted} data-testid="new-paragraph">{newParagraph}{'\n'}</span>}
      {part}
    </span>
  ));
}
