// Keyboard shortcuts for the commands, as the manifest's <ExtendedOverrides> shortcuts file.
// The manifest engineer writes SHORTCUTS as JSON (e.g. assets/shortcuts.json) and points
//   <ExtendedOverrides Url="https://…/shortcuts.json"/> at it, next to <Runtimes> with a
//   shared runtime (<Runtime resid="Taskpane.Url" lifetime="long"/>).
//
// File format (https://learn.microsoft.com/office/dev/add-ins/design/keyboard-shortcuts):
//   { "actions":   [ { "id": "<name given to Office.actions.associate>", "type": "ExecuteFunction", "name": "<label shown on conflict>" } ],
//     "shortcuts": [ { "action": "<id>", "key": { "default": "Ctrl+Alt+Shift+Y", "mac": "Command+Option+Shift+Y" } } ] }
// Rules (HOST-API-NOTES §7): Word for Windows 2408+, Mac 16.88+, web; needs SharedRuntime 1.1;
// at least one modifier other than Shift plus ONE key from A–Z, 0–9, -, _, + — so Tab and
// Esc cannot be ours (the pane handles those itself); on the web they do not fire while the
// pane has focus; a conflict with Word's own shortcut makes Word ask the user.
//
// Choice: Ctrl+Alt+Shift+<letter>. Word's defaults live on Ctrl+<key>, Ctrl+Shift+<key>,
// Alt+Shift+<key> and Ctrl+Alt+<key> (headings 1–3, ©, ®, ™, comments, views, footnotes…);
// three modifiers keep us off that list [UNCONFIRMED against every Word build: check with
// Word's "Customize Keyboard" dialog and the conflict dialog on a real Word], and Ctrl+Alt+Shift
// is not AltGr+letter on the US/Chinese keyboard layouts our users have. Letters by meaning:
// Y = 是/accept all, N = next unit, X = dismiss, G = generate (suggest now).

import type { CommandName } from './commandHandlers';

export interface ShortcutsFile {
  actions: { id: CommandName; type: 'ExecuteFunction'; name: string }[];
  shortcuts: { action: CommandName; key: { default: string; mac?: string } }[];
}

export const SHORTCUTS: ShortcutsFile = {
  actions: [
    { id: 'banxieAccept', type: 'ExecuteFunction', name: '伴写：接受建议 Accept suggestion' },
    { id: 'banxieAcceptNext', type: 'ExecuteFunction', name: '伴写：接受下一词 Accept next word' },
    { id: 'banxieDismiss', type: 'ExecuteFunction', name: '伴写：忽略建议 Dismiss suggestion' },
    { id: 'banxieSuggestNow', type: 'ExecuteFunction', name: '伴写：立即建议 Suggest now' },
  ],
  shortcuts: [
    { action: 'banxieAccept', key: { default: 'Ctrl+Alt+Shift+Y', mac: 'Command+Option+Shift+Y' } },
    { action: 'banxieAcceptNext', key: { default: 'Ctrl+Alt+Shift+N', mac: 'Command+Option+Shift+N' } },
    { action: 'banxieDismiss', key: { default: 'Ctrl+Alt+Shift+X', mac: 'Command+Option+Shift+X' } },
    { action: 'banxieSuggestNow', key: { default: 'Ctrl+Alt+Shift+G', mac: 'Command+Option+Shift+G' } },
  ],
};
