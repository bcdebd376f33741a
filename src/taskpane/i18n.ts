// One i18next instance per mounted pane (tests and the playground may mount several), resources bundled
// so it initialises synchronously: the pane must speak the right language on its first paint.
import i18next, { type i18n } from 'i18next';
import type { UiLanguage } from '../core/settings';
import zhCN from './locales/zh-CN';
import en from './locales/en';
import diagnosticsZhCN from './locales/diagnostics.zh-CN';
import diagnosticsEn from './locales/diagnostics.en';
import normsPaneZhCN from './locales/normsPane.zh-CN';
import normsPaneEn from './locales/normsPane.en';

/** the full pane's strings: the shared ones (the lite pane's too) and those only the full pane shows */
export const resources = {
  'zh-CN': { translation: { ...zhCN, diagnostics: diagnosticsZhCN, normsPane: normsPaneZhCN } },
  en: { translation: { ...en, diagnostics: diagnosticsEn, normsPane: normsPaneEn } },
} as const;

export function createI18n(language: UiLanguage): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: language,
    fallbackLng: 'zh-CN',
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  return instance;
}
