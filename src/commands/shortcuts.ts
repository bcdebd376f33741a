// Keyboard shortcuts for the commands, as the manifest's <ExtendedOverrides> shortcuts file. Every build
// writes SHORTCUTS (or the admin's keys, `npm run build -- --shortcut-keys FILE`) to dist/shortcuts.json, which
// dist/manifest-shortcuts.xml names next to its shared runtime (scripts/manifest/sharedRuntime.ts).
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
// Y = 是/accept all, N = next unit, X = dismiss, G = generate (suggest now). Microsoft recommends exactly this
// pattern, Ctrl+Shift+Alt+x, to avoid Office's own keys ("Avoid key combinations in use by other add-ins"),
// and lists the browser keys add-ins cannot take on the web (Ctrl+Shift+X, Alt+Shift+N/S …): none is ours.
// Chinese input methods (Microsoft Pinyin, Sogou, WPS) toggle on Shift, Ctrl+Space, Ctrl+Shift, Ctrl+. and
// Shift+Space — never a three-modifier letter. Only simultaneous keys can be registered, so Tab/Esc stay the
// pane's own (the card), and the ribbon's KeyTips (Alt, H, then Word's letters) serve Word without shortcuts.

import type { CommandName } from './commandHandlers';

export interface ShortcutsFile {
  actions: { id: CommandName; type: 'ExecuteFunction'; name: string }[];
  shortcuts: { action: CommandName; key: { default: string; mac?: string } }[];
}

export const SHORTCUTS: ShortcutsFile = {
  actions: [
    { id: 'banxieAccept', type: 'ExecuteFunction', name: '伴写：接受 Accept' },
    { id: 'banxieAcceptNext', type: 'ExecuteFunction', name: '伴写：接受下一个词 Accept next word' },
    { id: 'banxieDismiss', type: 'ExecuteFunction', name: '伴写：忽略 Dismiss' },
    { id: 'banxieSuggestNow', type: 'ExecuteFunction', name: '伴写：立即建议 Suggest now' },
  ],
  shortcuts: [
    { action: 'banxieAccept', key: { default: 'Ctrl+Alt+Shift+Y', mac: 'Command+Option+Shift+Y' } },
    { action: 'banxieAcceptNext', key: { default: 'Ctrl+Alt+Shift+N', mac: 'Command+Option+Shift+N' } },
    { action: 'banxieDismiss', key: { default: 'Ctrl+Alt+Shift+X', mac: 'Command+Option+Shift+X' } },
    { action: 'banxieSuggestNow', key: { default: 'Ctrl+Alt+Shift+G', mac: 'Command+Option+Shift+G' } },
  ],
};

/** The ribbon tooltip (manifest string resource) that names each command's key. */
export const TOOLTIP_OF: Partial<Record<CommandName, string>> = {
  banxieAccept: 'Accept.Tip',
  banxieAcceptNext: 'AcceptNext.Tip',
  banxieDismiss: 'Dismiss.Tip',
  banxieSuggestNow: 'SuggestNow.Tip',
};

/**
 * The admin's keys over the defaults: `{ "banxieAccept": "Ctrl+Alt+Shift+J" }` or `{ "banxieAccept": { "default":
 * "…", "mac": "…" } }` (scripts/build.mjs --shortcut-keys FILE). Unknown commands are kept so the build's check
 * names them; a key given as a string replaces the Windows/web key and keeps the Mac one.
 */
export function withAdminKeys(base: ShortcutsFile, admin: Record<string, string | { default: string; mac?: string }>): ShortcutsFile {
  const shortcuts = base.shortcuts.map((s) => {
    const k = admin[s.action];
    if (k === undefined) return s;
    return { action: s.action, key: typeof k === 'string' ? { ...s.key, default: k } : { ...k } };
  });
  for (const action of Object.keys(admin)) {
    if (!base.shortcuts.some((s) => s.action === action)) {
      const k = admin[action]!;
      shortcuts.push({ action: action as CommandName, key: typeof k === 'string' ? { default: k } : { ...k } });
    }
  }
  return { actions: base.actions, shortcuts };
}

/** Each command's Windows/web key, for the tooltips and the pane's hint. */
export function keysByCommand(file: ShortcutsFile): Partial<Record<CommandName, string>> {
  const out: Partial<Record<CommandName, string>> = {};
  for (const s of file.shortcuts) out[s.action] = s.key.default;
  return out;
}
