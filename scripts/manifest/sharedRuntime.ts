// Opt-in manifest variant with keyboard shortcuts (`npm run build -- --shortcuts`). Shortcuts need a
// shared runtime, and that costs Word 2016/2019 perpetual: SharedRuntime 1.1 in the base requirements
// makes those versions refuse the add-in, and a <Runtimes> element forces the IE11 webview wherever
// WebView2 is absent. So the default manifest stays without it; fleets on Microsoft 365 or Word 2021+
// (Windows 2408+, Mac 16.88+, web) can deploy this variant instead.

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
export function withSharedRuntimeShortcuts(xml: string, baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  let out = replaceOnce(xml, /(<Set Name="WordApi" MinVersion="[^"]+"\/>)/, '$1\n      <Set Name="SharedRuntime" MinVersion="1.1"/>', 'WordApi requirement set');
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
      if (!mods.some((m) => ['ctrl', 'alt', 'command', 'option', 'cmd'].includes(m))) problems.push(`${platform} shortcut "${key}" needs Ctrl/Alt (Command/Option on Mac)`);
      const norm = `${platform}:${[...mods].sort().join('+')}+${last.toLowerCase()}`;
      if (seen.has(norm)) problems.push(`${platform} shortcut "${key}" is used twice`);
      seen.add(norm);
    }
  }
  return problems;
}
