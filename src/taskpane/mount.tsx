// Mounts the task pane on any DocumentHost: Word, WPS, or the playground's simulators (Script Lab style:
// the very same pane everywhere). The parts are wired in wirePane.ts (shared with the lite pane); this draws them with React + Fluent.
import { FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { xhrTransport } from '../core/client/xhrTransport';
import { fetchStreamTransport } from '../core/client/fetchStreamTransport';
import { sseCompletions } from '../core/client/streamCompletion';
import { App, CJK_FONT_STACK } from './components/App';
import { PaneContext } from './components/usePane';
import { NormsContext } from './components/NormsPanel';
import { NormsRunner } from './NormsRunner';
import { loadNorms } from './loadNorms';
import { officeThemeKind } from './detectHost';
import { termsFromNames } from '../core/text';
import { createI18n, switchLanguage } from './i18n';
import { DebugLog } from './diagnostics/DebugLog';
import { DiagnosticsCollector } from './diagnostics/DiagnosticsCollector';
import { PaneDiagnostics, debugFromUrl } from './diagnostics/PaneDiagnostics';
import { DiagnosticsContext } from './components/DiagnosticsView';
import { loadPaneSettings, wirePane, type PaneDeps } from './wirePane';

export interface MountDeps extends PaneDeps {
  /** default: from Office.context.officeTheme where available, else light */
  theme?: 'light' | 'dark';
}

export interface MountedPane {
  unmount(): void;
  /** resolves once settings are loaded and the session started (tests, the playground) */
  ready: Promise<void>;
}

function canStream(): boolean {
  const g = globalThis as { fetch?: unknown; ReadableStream?: unknown; TextDecoder?: unknown };
  return typeof g.fetch === 'function' && typeof g.ReadableStream === 'function' && typeof g.TextDecoder === 'function';
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
    const loaded = await loadPaneSettings(deps);
    if (disposed) return;
    // an English pane waits for its strings before the first paint
    const i18n = createI18n('zh-CN');
    await switchLanguage(i18n, loaded.settings.language);
    if (disposed) return;
    const log = new DebugLog();
    const diagnostics = new PaneDiagnostics(log, new DiagnosticsCollector(log));
    const pane = wirePane(deps, loaded, {
      // XMLHttpRequest, as the lite pane: axios (XHR underneath in a browser too) cost this bundle 21 KB gzipped
      transport: xhrTransport,
      // a webview without fetch streams (none Word ships for this pane, but jsdom) gets whole answers
      ...(canStream() ? { streamer: sseCompletions(fetchStreamTransport) } : {}),
      onLanguage: (l) => void switchLanguage(i18n, l),
      diagnostics,
      namesTerms: termsFromNames,
    });
    log.setEnabled(deps.debug ?? debugFromUrl(globalThis.location?.search));
    const controller = pane.controller;
    // 规范 (issue 26): the format checks on the text the session reads, in the pane only
    const norms = new NormsRunner({
      host: deps.host, session: pane.session, load: loadNorms, settings: () => controller.snapshot.settings.norms,
      // the list's strings come with the chunk
      onLoaded: (c) => {
        for (const [lng, strings] of Object.entries(c.strings ?? {})) i18n.addResourceBundle(lng, 'translation', { norms: strings }, true, false);
      },
    });
    let normsSettings = controller.snapshot.settings.norms;
    const stopNorms = controller.subscribe((snap) => {
      if (snap.settings.norms === normsSettings) return;
      normsSettings = snap.settings.norms;
      norms.settingsChanged();
    });
    norms.start();
    cleanup = () => {
      stopNorms();
      norms.dispose();
      pane.dispose();
    };

    const theme = themeFor(deps) === 'dark' ? webDarkTheme : webLightTheme;
    root.render(
      <StrictMode>
        <I18nextProvider i18n={i18n}>
          <FluentProvider theme={theme} style={{ minHeight: '100%', fontFamily: CJK_FONT_STACK }}>
            <PaneContext.Provider value={controller}>
              <DiagnosticsContext.Provider value={diagnostics}>
                <NormsContext.Provider value={norms}>
                  <App />
                </NormsContext.Provider>
              </DiagnosticsContext.Provider>
            </PaneContext.Provider>
          </FluentProvider>
        </I18nextProvider>
      </StrictMode>,
    );

    await pane.start();
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
