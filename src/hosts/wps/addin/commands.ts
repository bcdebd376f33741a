// What the WPS ribbon's accept, accept-next and dismiss do, with a short-lived WpsHost on the document: no session
// runs on the add-in's own page, so the accept is made, and labelled, here from what the pane published in
// PluginStorage (commands/shownGhost.ts). Apart from main.ts (the page's globals) so the playground's WPS ribbon
// runs the same code.
import { acceptSuggestion } from '../../../commands/accept';
import { acceptDirectly } from '../../../commands/shownGhost';
import { WpsHost } from '../WpsHost';
import type { WpsApplication } from '../wpsApi';
import { pluginStorage } from '../pluginStorage';
import { ribbonLang, rt, type RibbonLang } from './strings';

export const CONTROLS = {
  showPane: 'banxieShowPane',
  accept: 'banxieAccept',
  acceptNext: 'banxieAcceptNext',
  dismiss: 'banxieDismiss',
} as const;

/** the ribbon's language: this page's browser language */
export function ribbonLangHere(): RibbonLang {
  return ribbonLang((globalThis as { navigator?: { language?: string } }).navigator?.language);
}

/** runs one ghost command with a short-lived host (no poll, listeners removed afterwards) */
export async function ghostCommand(app: WpsApplication, id: string): Promise<void> {
  const host = new WpsHost({ Application: app, pollMs: 0, undoLabel: rt(ribbonLangHere(), 'wps.undo.label') });
  try {
    if (id === CONTROLS.dismiss) await host.clearGhost();
    else if (id === CONTROLS.accept || id === CONTROLS.acceptNext) {
      // no session on this page: the ghost is accepted, and labelled, here
      const ghost = {
        ghostText: async () => host.peekGhost(), acceptGhost: (chars?: number) => host.acceptGhost(chars), labelAiContent: host.labelAiContent.bind(host),
        readContext: () => host.readContext(), insertAtCursor: (text: string) => host.insertAtCursor(text),
      };
      await acceptSuggestion(id === CONTROLS.accept ? 'all' : 'next', null, (how) => acceptDirectly(how, ghost, pluginStorage(app)));
    }
  } finally {
    host.dispose();
  }
}
