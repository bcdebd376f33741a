// The keyboard-shortcut manifest (dist/manifest-shortcuts.xml), built next to the default one by every build
// (issue 31 §1). Why two manifests and not one, from Microsoft's documentation:
// - Keyboard shortcuts need SharedRuntime 1.1 and, in Word, Windows Version 2408 (Build 17928.20114), Mac 16.88
//   or the web (learn.microsoft.com/office/dev/add-ins/design/keyboard-shortcuts, "Prerequisites"). SharedRuntime
//   1.1 in Word is Microsoft 365 2205+, Mac 16.61+, web, and among volume-licensed versions Word 2024 only
//   (learn.microsoft.com/javascript/api/requirement-sets/common/shared-runtime-requirement-sets): not Word
//   2016, 2019 or 2021.
// - Requiring it in the base <Requirements> makes Word skip the add-in where it is missing; requiring it inside
//   <VersionOverrides> makes Word ignore every override there, ribbon included, where it is missing
//   (learn.microsoft.com/javascript/api/manifest/requirements) — Word 2016 would lose the ribbon buttons that
//   are its only keyboard-free accept. And a <Runtimes> manifest runs in IE11 wherever WebView2 is absent
//   (learn.microsoft.com/javascript/api/manifest/runtimes), downgrading retail 2016/2019 from EdgeHTML.
// So the release carries both; docs/DEPLOY.md says which goes to whom.

export interface ShortcutsFile {
  actions: { id: string; type: string; name: string }[];
  shortcuts: { action: string; key: { default: string; mac?: string } }[];
}

function replaceOnce(xml: string, find: string | RegExp, replacement: string, what: string): string {
  const out = xml.replace(find, replacement);
  if (out === xml) throw new Error(`cannot add keyboard shortcuts: manifest.xml has no ${what}`);
  return out;
}

/**
 * Turns the (already URL-rewritten) manifest into the shared-runtime variant:
 * SharedRuntime 1.1 required; one long-lived runtime on the task pane page, which also becomes the
 * FunctionFile (Office requires the same resid for both); ExtendedOverrides pointing at shortcuts.json.
 */
export function withSharedRuntimeShortcuts(xml: string, baseUrl: string, keys: Record<string, string> = {}): string {
  // an attribute value: a public URL may hold & (…/a&b), which XML must see as &amp;
  const base = baseUrl.replace(/\/+$/, '').replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  // the shared runtime's page loads the commands bundle too (webpack.config.js builds it beside taskpane.html)
  let out = replaceOnce(xml, /\/taskpane\.html"/g, '/taskpane-shared.html"', 'taskpane.html URL');
  // each button's tooltip names its key, so a clerk learns it where they look (Supertip descriptions)
  for (const [resid, key] of Object.entries(keys)) {
    out = replaceOnce(out, new RegExp(`(<bt:String id="${resid}" DefaultValue="[^"]*)(")`), `$1（${key}）$2`, `${resid} string`);
    out = out.replace(new RegExp(`(<bt:String id="${resid}" DefaultValue="[^"]*"\\s*>\\s*<bt:Override Locale="en-US" Value="[^"]*)(")`), `$1 (${key})$2`);
  }
  out = replaceOnce(out, /(<Set Name="WordApi" MinVersion="[^"]+"\/>)/, '$1\n      <Set Name="SharedRuntime" MinVersion="1.1"/>', 'WordApi requirement set');
  out = replaceOnce(out, /(<Host xsi:type="Document">)(\s*)(<DesktopFormFactor>)/,
    '$1$2<Runtimes>$2  <Runtime resid="Taskpane.Url" lifetime="long"/>$2</Runtimes>$2$3', 'VersionOverrides Host');
  out = replaceOnce(out, '<FunctionFile resid="Commands.Url"/>', '<FunctionFile resid="Taskpane.Url"/>', 'FunctionFile Commands.Url');
  // commands.html is no longer referenced; an unused resource would fail the checker.
  out = replaceOnce(out, /\s*<bt:Url id="Commands.Url" DefaultValue="[^"]*"\/>/, '', 'Commands.Url resource');
  out = replaceOnce(out, /(<\/VersionOverrides>)/, `$1\n  <ExtendedOverrides Url="${base}/shortcuts.json"></ExtendedOverrides>`, '</VersionOverrides>');
  return out;
}

/** Checks the shortcuts file against the rules Office enforces, so a bad key fails the build, not Word. */
export function checkShortcuts(file: ShortcutsFile, functionNames: readonly string[]): string[] {
  const problems: string[] = [];
  const ids = new Set(file.actions.map((a) => a.id));
  for (const a of file.actions) {
    if (!functionNames.includes(a.id)) problems.push(`action "${a.id}" is not a registered command`);
    if (a.type !== 'ExecuteFunction') problems.push(`action "${a.id}" has type ${a.type}, expected ExecuteFunction`);
    if (!a.name) problems.push(`action "${a.id}" has no name`);
  }
  const seen = new Set<string>();
  for (const s of file.shortcuts) {
    if (!ids.has(s.action)) problems.push(`shortcut for unknown action "${s.action}"`);
    for (const [platform, key] of Object.entries(s.key)) {
      if (!key) continue;
      const parts = key.split('+').map((p) => p.trim());
      const last = parts.pop() ?? '';
      // One key from A–Z, 0–9 or - _ + with at least one modifier besides Shift (Office's rule).
      if (!/^[A-Za-z0-9_+-]$/.test(last)) problems.push(`${platform} shortcut "${key}" must end in one letter, digit, - _ or +`);
      const mods = parts.map((p) => p.toLowerCase());
      // only modifiers Office knows: anything else is a typo (and could break the tooltip's XML)
      for (const m of mods) if (!['ctrl', 'alt', 'shift', 'command', 'option', 'cmd'].includes(m)) problems.push(`${platform} shortcut "${key}": "${m}" is not a modifier (Ctrl, Alt, Shift; Command, Option on Mac)`);
      if (!mods.some((m) => ['ctrl', 'alt', 'command', 'option', 'cmd'].includes(m))) problems.push(`${platform} shortcut "${key}" needs Ctrl/Alt (Command/Option on Mac)`);
      const norm = `${platform}:${[...mods].sort().join('+')}+${last.toLowerCase()}`;
      if (seen.has(norm)) problems.push(`${platform} shortcut "${key}" is used twice`);
      seen.add(norm);
    }
  }
  return problems;
}
