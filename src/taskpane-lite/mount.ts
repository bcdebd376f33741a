// Mounts the lite pane on any DocumentHost (Word in Trident; the playground's simulators with ?lite=1):
// the same wiring as the full pane (wirePane), always pane-only, drawn by LitePane.
import { xhrTransport } from '../core/client/xhrTransport';
import { loadPaneSettings, wirePane, type PaneDeps } from '../taskpane/wirePane';
import { loadBundle } from '../taskpane/loadBundle';
import { LitePane } from './LitePane';
import type { attachNorms } from './normsBundle';
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
    const pane = wirePane(deps, loaded, { transport: xhrTransport, onLanguage: () => undefined, pane: 'lite' });
    // 设置 › 诊断信息 as in the full pane, so README's steps work in Word 2016 too (issue 31 §5)
    const view = new LitePane(el, pane.controller, () => ({ controller: pane.controller, session: pane.session, host: deps.host, now: Date.now() }));
    let stopNorms = (): void => undefined;
    cleanup = () => {
      stopNorms();
      pane.dispose();
      view.dispose();
    };
    await pane.start();
    // 规范 (issue 26): the checks and their tab come as a bundle of their own (ES5), loaded when they are on
    if (pane.controller.snapshot.settings.norms.enabled) {
      loadBundle<{ attachNorms: typeof attachNorms }>('banxie-norms-lite', 'banxieNormsLite').then((b) => {
        if (!disposed) stopNorms = b.attachNorms({ host: deps.host, session: pane.session, controller: pane.controller, view });
      }, () => undefined);
    }
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
