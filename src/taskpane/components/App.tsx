// The pane's root: title, the two views as tabs, and the consent view in front when consent is due.
// Esc anywhere in the pane dismisses a shown suggestion (Tab accepts on the suggestion card itself).
import { Tab, TabList, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsentView } from './ConsentView';
import { DebugLogPanel } from './DiagnosticsView';
import { MainView } from './MainView';
import { SettingsView } from './SettingsView';
import { useController, usePane } from './usePane';

export const CJK_FONT_STACK = '"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif';

const useStyles = makeStyles({
  root: {
    boxSizing: 'border-box',
    minWidth: '280px',
    maxWidth: '100%',
    minHeight: '100%',
    padding: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    fontFamily: CJK_FONT_STACK,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  title: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  tabs: { marginLeft: `-${tokens.spacingHorizontalS}` },
});

export function App(): JSX.Element {
  const { t } = useTranslation();
  const c = useController();
  const s = usePane();
  const styles = useStyles();
  const [tab, setTab] = useState<'main' | 'settings'>('main');

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'Escape' && s.suggestion.kind === 'showing' && !e.defaultPrevented) {
      e.preventDefault();
      void c.sessionActions()?.dismiss();
    }
  };

  return (
    <div className={styles.root} onKeyDown={onKeyDown} data-testid="banxie-pane" lang={s.settings.language}>
      <div className={styles.header}>
        <Text as="h1" className={styles.title}>
          {t('app.title')}
        </Text>
      </div>
      {s.consentPrompt ? (
        <ConsentView />
      ) : (
        <>
          <TabList
            className={styles.tabs}
            size="small"
            selectedValue={tab}
            aria-label={t('app.tabs.label')}
            onTabSelect={(_e, d) => {
              setTab(d.value as 'main' | 'settings');
              c.clearFlash();
            }}
          >
            <Tab value="main" data-testid="tab-main">
              {t('app.tabs.main')}
            </Tab>
            <Tab value="settings" data-testid="tab-settings">
              {t('app.tabs.settings')}
            </Tab>
          </TabList>
          <div role="tabpanel" aria-label={t(`app.tabs.${tab}`)}>
            {tab === 'main' ? <MainView /> : <SettingsView />}
          </div>
        </>
      )}
      <DebugLogPanel />
    </div>
  );
}
