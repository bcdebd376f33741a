// Entry of taskpane.html: in Word (office.js) mount on WordHost; in WPS (window.Application) on WpsHost;
// in a plain browser say where to go instead. Must not crash when office.js is absent.
import { WordHost } from '../hosts/word/WordHost';
import { WpsHost } from '../hosts/wps/WpsHost';
import type { DocumentHost } from '../core/DocumentHost';
import type { SharedStorage } from '../commands/shownRecord';
import { registeredKeys } from '../commands/registeredKeys';
import type { WpsApplication } from '../hosts/wps/wpsApi';
import { pluginStorage } from '../hosts/wps/pluginStorage';
import { globals, officeHost, settingsStoreFor } from './boot';
import { adminPolicyFromUrl, detectHostKind } from './detectHost';
import { createI18n, switchLanguage } from './i18n';
import { mountTaskpane } from './mount';

/** the ribbon's runtime (Word without a shared runtime) shares this origin's localStorage */
// WPS serves this page from wps/ (its add-in folder), the lazy chunks (English strings, official words) from
// the folder above, beside the other pages' bundles
declare let __webpack_public_path__: string;
if (/\/wps\/[^/]*$/.test(location.pathname)) __webpack_public_path__ = '../';

function localStorageOrNull(): SharedStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

async function showNoHost(el: HTMLElement): Promise<void> {
  const lang = navigator.language?.startsWith('en') ? 'en' : 'zh-CN';
  const i18n = createI18n('zh-CN');
  await switchLanguage(i18n, lang);
  const p = document.createElement('p');
  p.textContent = i18n.t('boot.noHost');
  p.dataset.testid = 'no-host';
  const a = document.createElement('a');
  a.href = 'playground.html';
  a.textContent = i18n.t('boot.playgroundLink');
  el.replaceChildren(p, a);
}

async function main(): Promise<void> {
  const el = document.getElementById('root');
  if (!el) return;
  try {
    const g = globals();
    const kind = detectHostKind(g, await officeHost());
    const admin = adminPolicyFromUrl(location.search);
    let host: DocumentHost;
    let sharedStorage: SharedStorage | null = null;
    if (kind === 'word') {
      host = new WordHost({ Word: g.Word as never, Office: g.Office as never });
      sharedStorage = localStorageOrNull();
    } else if (kind === 'wps') {
      host = new WpsHost({ Application: g.Application as never });
      sharedStorage = pluginStorage(g.Application as WpsApplication);
    } else {
      await showNoHost(el);
      return;
    }
    // The service serves the pane, so by default it is where the pane came from: this page's folder,
    // or its parent for the WPS add-in folder (…/wps/taskpane.html). `?service=` overrides it.
    const serviceUrl = admin.serviceUrl ?? new URL(kind === 'wps' && /\/wps\/[^/]*$/.test(location.pathname) ? '..' : '.', location.href).href;
    // the shortcut manifest's page names the keys Word gives the clerk (Office.actions, KeyboardShortcuts 1.1)
    const actions = (g.Office as { actions?: Parameters<typeof registeredKeys>[2] } | undefined)?.actions;
    const keys = kind === 'word' ? () => registeredKeys(location.pathname, (u) => fetch(u).then((r) => r.json()), actions) : undefined;
    mountTaskpane(el, { host, settingsStore: settingsStoreFor(kind, admin), ...admin, serviceUrl, sharedStorage, ...(keys ? { keys } : {}) });
  } catch (e) {
    const i18n = createI18n('zh-CN');
    el.textContent = i18n.t('boot.failed', { message: e instanceof Error ? e.message : String(e) });
  }
}

void main();
