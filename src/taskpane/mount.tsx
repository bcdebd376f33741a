// Mounts the task pane on any DocumentHost: Word, WPS, or the playground's simulators (Script Lab style:
// the very same pane everywhere). Wires settings → client → SuggestionSession → ribbon commands → React.
import { FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { CompletionClient } from '../core/client/CompletionClient';
import { buildDigest } from '../core/digest';
import { SuggestionSession } from '../core/session';
import { effectiveServiceUrl, validateSettings, type AdminPolicy, type Settings, type SettingsStore, type UiLanguage } from '../core/settings';
import type { DocumentHost } from '../hosts/DocumentHost';
import { setCommandTarget } from '../commands/commandTarget';
import { App, CJK_FONT_STACK } from './components/App';
import { PaneContext } from './components/usePane';
import { officeThemeKind } from './detectHost';
import { createI18n } from './i18n';
import { PaneController } from './PaneController';

export interface MountDeps {
  host: DocumentHost;
  settingsStore: SettingsStore;
  /** the deployment's service address; used when the user set none (default: the pane's own origin) */
  serviceUrl?: string;
  /** the admin fixed serviceUrl: the user cannot change it */
  serviceUrlLocked?: boolean;
  /** default: from Office.context.officeTheme where available, else light */
  theme?: 'light' | 'dark';
  /** overrides the stored language for this mount (the playground's ?lang=) without saving it */
  language?: UiLanguage;
  /** ms between reconnect probes while the service is unreachable */
  reconnectMs?: number;
}

export interface MountedPane {
  unmount(): void;
  /** resolves once settings are loaded and the session started (tests, the playground) */
  ready: Promise<void>;
}

function themeFor(deps: MountDeps): 'light' | 'dark' {
  if (deps.theme) return deps.theme;
  return officeThemeKind((globalThis as { Office?: unknown }).Office);
}

export function mountTaskpane(el: HTMLElement, deps: MountDeps): MountedPane {
  const root = createRoot(el);
  let disposed = false;
  let cleanup: (() => void) | null = null;
  el.style.fontFamily = CJK_FONT_STACK;

  const ready = (async () => {
    const admin: AdminPolicy = deps.serviceUrl !== undefined ? { serviceUrl: deps.serviceUrl, serviceUrlLocked: !!deps.serviceUrlLocked } : {};
    // A store that throws must not keep the pane from opening: it only costs the user their settings.
    let settings: Settings;
    try {
      settings = await deps.settingsStore.load();
    } catch {
      settings = validateSettings(null);
    }
    if (admin.serviceUrlLocked && admin.serviceUrl !== undefined) settings = { ...settings, serviceUrl: admin.serviceUrl };
    if (deps.language) settings = { ...settings, language: deps.language };
    if (disposed) return;

    const i18n = createI18n(settings.language);
    const client = new CompletionClient({
      baseUrl: effectiveServiceUrl(settings, admin),
      language: () => controller.snapshot.settings.language,
    });
    const controller: PaneController = new PaneController({
      client,
      store: deps.settingsStore,
      initialSettings: settings,
      admin,
      buildDigest: (text, cursor) => buildDigest(text, cursor),
      reconnectMs: deps.reconnectMs,
      onSettingsApplied: (s, prev) => {
        if (s.language !== prev.language) {
          void i18n.changeLanguage(s.language);
          document.documentElement.lang = s.language;
        }
        if (s.debounceMs !== prev.debounceMs || s.display !== prev.display) {
          void session.setOptions({ debounceMs: s.debounceMs, inline: s.display !== 'paneOnly' });
        }
      },
    });
    const session = new SuggestionSession({
      host: deps.host,
      fetchSuggestion: controller.fetchSuggestion,
      debounceMs: settings.debounceMs,
      inline: settings.display !== 'paneOnly',
    });
    controller.attachSession(session);
    setCommandTarget({
      acceptAll: () => session.acceptAll(),
      acceptNext: () => session.acceptNext(),
      dismiss: () => session.dismiss(),
      askAgain: () => session.askAgain(),
    });
    cleanup = () => {
      setCommandTarget(null);
      session.dispose();
      controller.dispose();
    };

    const theme = themeFor(deps) === 'dark' ? webDarkTheme : webLightTheme;
    root.render(
      <StrictMode>
        <I18nextProvider i18n={i18n}>
          <FluentProvider theme={theme} style={{ minHeight: '100%', fontFamily: CJK_FONT_STACK }}>
            <PaneContext.Provider value={controller}>
              <App />
            </PaneContext.Provider>
          </FluentProvider>
        </I18nextProvider>
      </StrictMode>,
    );

    await controller.init();
    if (disposed) return;
    if (!settings.enabled) await session.setEnabled(false);
    await session.start();
    controller.setCapabilities(await deps.host.capabilities());
  })();
  // Errors surface through the pane's own state; an unhandled rejection here would only be noise.
  ready.catch((e: unknown) => console.error('[banxie] pane failed to start', e));

  return {
    ready,
    unmount() {
      disposed = true;
      cleanup?.();
      root.unmount();
    },
  };
}
