// Entry of the lite pane bundle (ES5, for Word's Internet Explorer 11 webview): taskpane.html's inline
// chooser loads it instead of the full pane under Trident or with ?lite=1. Mounts on WordPaneHost in Word (no ghost rendering: this pane is always pane-only);
// elsewhere it offers window.banxieLite.mount for the playground.
import { installAbortController } from './abortController';
import { WordPaneHost } from '../hosts/word/WordPaneHost';
import { globals, officeHost, settingsStoreFor } from '../taskpane/boot';
import { adminPolicyFromUrl, detectHostKind } from '../taskpane/detectHost';
import { mountLitePane } from './mount';
import { translator } from './strings';

installAbortController(window as unknown as Record<string, unknown>);
(window as unknown as { banxieLite: unknown }).banxieLite = { mount: mountLitePane };

/** The folder this page was served from: the service serves the pane, so that is where it answers. */
function pageFolder(): string {
  return location.href.replace(/[?#].*$/, '').replace(/[^/]*$/, '');
}

/** localStorage, which the ribbon's FunctionFile runtime (IE11 too, same origin) shares: the pane publishes its
 *  suggestion there, so 开始 › 接受 can put it in (commands/shownRecord.ts); null where storage is refused */
function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

async function main(el: HTMLElement): Promise<void> {
  try {
    const g = globals();
    const kind = detectHostKind(g, await officeHost());
    const admin = adminPolicyFromUrl(location.search);
    if (kind !== 'word') {
      const t = translator(/^en\b/.test(navigator.language || '') ? 'en' : 'zh-CN');
      el.innerHTML = '';
      const p = document.createElement('p');
      p.setAttribute('data-testid', 'no-host');
      p.appendChild(document.createTextNode(t('boot.noHost')));
      el.appendChild(p);
      return;
    }
    const host = new WordPaneHost({ Word: g.Word as never, Office: g.Office as never });
    el.innerHTML = '';
    mountLitePane(el, { host, settingsStore: settingsStoreFor(kind, admin), ...admin, serviceUrl: admin.serviceUrl ?? pageFolder(), sharedStorage: localStorageOrNull() });
  } catch (e) {
    el.textContent = translator('zh-CN')('boot.failed', { message: e instanceof Error ? e.message : String(e) });
  }
}

const root = document.getElementById('root');
if (root) void main(root);
