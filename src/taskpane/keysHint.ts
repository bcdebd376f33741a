// The hint under the suggestion: how to accept without leaving the document, in the clerk's words, the same
// in both panes. Where the deployment registered keys (manifest-shortcuts.xml) they are named; elsewhere the
// ribbon's buttons, reached from the keyboard with Word's KeyTips (Alt, then H for 开始); and the card's own
// keys for a clerk already in the pane.
import type { RegisteredKeys } from '../commands/registeredKeys';
import type { Translate } from './problem';

export interface KeyboardFacts {
  /** keys the deployment gives (null: none, use the ribbon) */
  keys: RegisteredKeys | null;
  /** desktop Word keeps the keyboard in the pane after a click there, and an add-in cannot give it back
   *  (office-js #316); Word on the web gives it back */
  paneKeepsKeys: boolean;
  /** whose ribbon has the buttons: Word's 开始 (manifest.xml), WPS's 伴写 tab (ribbon.xml); null: a test host */
  ribbon: 'word' | 'wps' | null;
}

export function keysHint(facts: KeyboardFacts | null, t: Translate): string[] {
  const lines: string[] = [];
  const k = facts?.keys;
  if (k && k.banxieAccept) {
    lines.push(t('keys.shortcuts', { accept: k.banxieAccept, next: k.banxieAcceptNext ?? '—', dismiss: k.banxieDismiss ?? '—' }));
  } else if (facts?.ribbon) {
    lines.push(t(facts.ribbon === 'wps' ? 'keys.ribbonWps' : 'keys.ribbon'));
  }
  lines.push(t('keys.card'));
  return lines;
}
