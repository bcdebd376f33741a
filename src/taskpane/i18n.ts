// One i18next instance per mounted pane (tests and the playground may mount several). Chinese is bundled, so
// the pane initialises synchronously; English comes as a chunk of its own (pure data, so the main bundle keeps
// its scope hoisting) and is awaited before the first paint of an English pane (issue 31 §5, bundle budget).
import i18next, { type i18n } from 'i18next';
import type { UiLanguage } from '../core/settings';
import zhCN from './locales/zh-CN';
import diagnosticsZhCN from './locales/diagnostics.zh-CN';
import normsPaneZhCN from './locales/normsPane.zh-CN';

/** the full pane's Chinese strings: the shared ones (the lite pane's too) and those only the full pane shows */
export const zhResources = { translation: { ...zhCN, diagnostics: diagnosticsZhCN, normsPane: normsPaneZhCN } } as const;

/** the full pane's English strings, the same shape as zhResources */
export async function loadEnglish(): Promise<{ translation: object }> {
  const [en, diagnostics, normsPane] = await Promise.all([import('./locales/en'), import('./locales/diagnostics.en'), import('./locales/normsPane.en')]);
  return { translation: { ...en.default, diagnostics: diagnostics.default, normsPane: normsPane.default } };
}

/** An instance with Chinese, plus English when given (loadEnglish); `language` falls back to zh-CN until then. */
export function createI18n(language: UiLanguage, english?: { translation: object }): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources: { 'zh-CN': zhResources, ...(english ? { en: english } : {}) },
    lng: language,
    fallbackLng: 'zh-CN',
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  if (english) englishLoaded.add(instance);
  return instance;
}

const englishLoaded = new WeakSet<i18n>();

/** Switches `instance` to `language`, loading English first if it has not been. */
export async function switchLanguage(instance: i18n, language: UiLanguage): Promise<void> {
  // not hasResourceBundle('en'): the norms bundle adds its own English strings to an instance that has none else
  if (language === 'en' && !englishLoaded.has(instance)) {
    instance.addResourceBundle('en', 'translation', (await loadEnglish()).translation, true, false);
    englishLoaded.add(instance);
  }
  await instance.changeLanguage(language);
}
