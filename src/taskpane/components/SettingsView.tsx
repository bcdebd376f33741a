// Settings: model (with residency and description), length, delay, display, language, service address,
// and the consents given — where they can be withdrawn.
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEBOUNCE_CHOICES, isValidServiceUrl, type DisplayMode, type SuggestionLength, type UiLanguage } from '../../core/settings';
import type { ModelInfo } from '../../core/protocol';
import { DiagnosticsView } from './DiagnosticsView';
import { ResidencyBadge } from './ResidencyBadge';
import { useController, usePane } from './usePane';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalL },
  fieldset: { border: 'none', margin: 0, padding: 0, minWidth: 0 },
  legend: { fontWeight: tokens.fontWeightSemibold, marginBottom: tokens.spacingVerticalXS, padding: 0 },
  modelLabel: { display: 'flex', flexDirection: 'column', rowGap: '2px' },
  modelHead: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  small: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end' },
  grow: { flexGrow: 1, minWidth: 0 },
  consentItem: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
});

function ModelLabel({ model, disabledReason }: { model: ModelInfo; disabledReason: string | null }): JSX.Element {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <span className={styles.modelLabel}>
      <span className={styles.modelHead}>
        <span>{model.label}</span>
        <ResidencyBadge residency={model.residency} />
      </span>
      {model.description && <span className={styles.small}>{model.description}</span>}
      {disabledReason ? (
        <span className={styles.small}>{disabledReason}</span>
      ) : (
        model.needsConsent && <span className={styles.small}>{t('settings.model.needsConsent')}</span>
      )}
    </span>
  );
}

function ModelChoice(): JSX.Element {
  const { t } = useTranslation();
  const c = useController();
  const s = usePane();
  const styles = useStyles();
  const legendId = useId();
  if (!s.models) {
    return s.connection === 'offline' ? (
      <Text>{t('settings.model.loadFailed')}</Text>
    ) : (
      <Spinner size="tiny" label={t('settings.model.loading')} labelPosition="after" />
    );
  }
  return (
    <fieldset className={styles.fieldset} data-testid="model-list">
      <legend className={styles.legend} id={legendId}>
        {t('settings.model.legend')}
      </legend>
      {/* only when the marking actually takes a model away (the admin may let 内部 go to some) */}
      {s.classification && s.models.some((m) => !c.modelAllowed(m)) && (
        <MessageBar intent="warning" layout="multiline" data-testid="classified-note">
          <MessageBarBody>{t('settings.model.classifiedNote')}</MessageBarBody>
        </MessageBar>
      )}
      <RadioGroup aria-labelledby={legendId} value={c.currentModel().id} onChange={(_e, d) => void c.selectModel(d.value)}>
        {s.models.map((m) => {
          const allowed = c.modelAllowed(m);
          return (
            <Radio
              key={m.id}
              value={m.id}
              disabled={!allowed}
              data-testid={`model-${m.id}`}
              label={<ModelLabel model={m} disabledReason={allowed ? null : t('settings.model.disabledClassified')} />}
            />
          );
        })}
      </RadioGroup>
    </fieldset>
  );
}

function ServiceUrl(): JSX.Element {
  const { t } = useTranslation();
  const c = useController();
  const s = usePane();
  const styles = useStyles();
  const [draft, setDraft] = useState(s.settings.serviceUrl);
  useEffect(() => setDraft(s.settings.serviceUrl), [s.settings.serviceUrl]);
  if (c.serviceUrlLocked) {
    return (
      <Text data-testid="service-url-locked">{t('settings.service.locked', { url: s.settings.serviceUrl || t('settings.service.sameOrigin') })}</Text>
    );
  }
  const valid = isValidServiceUrl(draft.trim());
  return (
    <div className={styles.row}>
      <Field
        className={styles.grow}
        label={t('settings.service.label')}
        hint={t('settings.service.hint')}
        validationState={valid ? 'none' : 'error'}
        validationMessage={valid ? undefined : t('settings.service.invalid')}
      >
        <Input value={draft} placeholder={c.serviceUrl() || undefined} onChange={(_e, d) => setDraft(d.value)} data-testid="service-url" inputMode="url" />
      </Field>
      <Button disabled={!valid || draft.trim() === s.settings.serviceUrl} onClick={() => void c.updateSettings({ serviceUrl: draft.trim() })} data-testid="service-url-apply">
        {t('settings.service.apply')}
      </Button>
    </div>
  );
}

function Consents(): JSX.Element {
  const { t } = useTranslation();
  const c = useController();
  const s = usePane();
  const styles = useStyles();
  const legendId = useId();
  const entries = Object.entries(s.settings.consent);
  const label = (id: string): string => s.models?.find((m) => m.id === id)?.label ?? id;
  return (
    <fieldset className={styles.fieldset} aria-labelledby={legendId} data-testid="consent-list">
      <legend className={styles.legend} id={legendId}>
        {t('settings.consent.legend')}
      </legend>
      {entries.length === 0 && <Text className={styles.small}>{t('settings.consent.none')}</Text>}
      {entries.map(([id, version]) => (
        <div key={id} className={styles.consentItem}>
          <Text>{t('settings.consent.item', { model: label(id), version })}</Text>
          <Button size="small" data-testid={`withdraw-${id}`} aria-label={t('settings.consent.withdrawLabel', { model: label(id) })} onClick={() => void c.withdrawConsent(id)}>
            {t('settings.consent.withdraw')}
          </Button>
        </div>
      ))}
      {s.flash && (
        <div role="status" data-testid="flash">
          <Text className={styles.small}>{t(s.flash)}</Text>
        </div>
      )}
    </fieldset>
  );
}

export function SettingsView(): JSX.Element {
  const { t } = useTranslation();
  const c = useController();
  const s = usePane();
  const styles = useStyles();
  const lengthId = useId();
  const displayId = useId();
  const [diagnostics, setDiagnostics] = useState(false);
  if (diagnostics) return <DiagnosticsView onBack={() => setDiagnostics(false)} />;
  const delays: number[] = [...DEBOUNCE_CHOICES];
  if (!delays.includes(s.settings.debounceMs)) delays.push(s.settings.debounceMs);
  delays.sort((a, b) => a - b);
  return (
    <div className={styles.root} data-testid="settings-view">
      <ModelChoice />
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend} id={lengthId}>
          {t('settings.length.legend')}
        </legend>
        <RadioGroup layout="horizontal" aria-labelledby={lengthId} value={s.settings.length} onChange={(_e, d) => void c.updateSettings({ length: d.value as SuggestionLength })}>
          {(['short', 'medium', 'long'] as const).map((l) => (
            <Radio key={l} value={l} label={t(`settings.length.${l}`)} data-testid={`length-${l}`} />
          ))}
        </RadioGroup>
      </fieldset>
      <Field label={t('settings.delay.label')}>
        <Select value={String(s.settings.debounceMs)} onChange={(_e, d) => void c.updateSettings({ debounceMs: Number(d.value) })} data-testid="delay">
          {delays.map((ms) => (
            <option key={ms} value={ms}>
              {t('settings.delay.option', { seconds: ms / 1000 })}
            </option>
          ))}
        </Select>
      </Field>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend} id={displayId}>
          {t('settings.display.legend')}
        </legend>
        <RadioGroup aria-labelledby={displayId} value={s.settings.display} onChange={(_e, d) => void c.updateSettings({ display: d.value as DisplayMode })}>
          <Radio value="auto" label={t('settings.display.auto')} data-testid="display-auto" />
          <Radio value="paneOnly" label={t('settings.display.paneOnly')} data-testid="display-paneOnly" />
        </RadioGroup>
      </fieldset>
      <Field label={t('settings.language.label')}>
        <Select value={s.settings.language} onChange={(_e, d) => void c.updateSettings({ language: d.value as UiLanguage })} data-testid="language">
          <option value="zh-CN" lang="zh-CN">
            {t('settings.language.zh-CN')}
          </option>
          <option value="en" lang="en">
            {t('settings.language.en')}
          </option>
        </Select>
      </Field>
      <ServiceUrl />
      <Consents />
      <Button appearance="secondary" onClick={() => setDiagnostics(true)} data-testid="open-diagnostics" style={{ alignSelf: 'flex-start' }}>
        {t('diagnostics.link')}
      </Button>
    </div>
  );
}
