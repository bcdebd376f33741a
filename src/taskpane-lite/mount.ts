// Mounts the lite pane on any DocumentHost (Word in Trident; the playground's simulators with ?lite=1):
// the same wiring as the full pane (wirePane), always pane-only, drawn by LitePane.
import { xhrTransport } from '../core/client/xhrTransport';
import { loadPaneSettings, wirePane, type PaneDeps } from '../taskpane/wirePane';
import { DebugLog } from '../taskpane/diagnostics/DebugLog';
import { DiagnosticsCollector } from '../taskpane/diagnostics/DiagnosticsCollector';
import { PaneDiagnostics } from '../taskpane/diagnostics/PaneDiagnostics';
import { LitePane } from './LitePane';
import { installStyles } from './styles';

export interface MountedLitePane {
  unmount(): void;
  /** resolves once settings are loaded and the session started (tests, the playground) */
  ready: Promise<void>;
}

export function mountLitePane(el: HTMLElement, deps: PaneDeps): MountedLitePane {
  let disposed = false;
  let cleanup: (() => void) | null = null;
  installStyles(document);
  const ready = (async () => {
    const loaded = await loadPaneSettings(deps);
    if (disposed) return;
    // Trident's Word (WordApi 1.1–1.3, no reliable caret) gets no inline ghost: the suggestion lives in the pane.
    // the same diagnostics as the full pane, so README's 设置 › 诊断信息 works in Word 2016 too (issue 31 §5)
    const log = new DebugLog();
    const diagnostics = new PaneDiagnostics(log, new DiagnosticsCollector(log));
    const pane = wirePane(deps, loaded, { transport: xhrTransport, onLanguage: () => undefined, pane: 'lite', diagnostics });
    const view = new LitePane(el, pane.controller, diagnostics);
    cleanup = () => {
      pane.dispose();
      view.dispose();
    };
    await pane.start();
  })();
  ready.catch((e: unknown) => console.error('[banxie] lite pane failed to start', e));
  return {
    ready,
    unmount() {
      disposed = true;
      if (cleanup) cleanup();
    },
  };
}
