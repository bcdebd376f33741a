// Which keys this deployment gives the clerk, for the pane's hint: only the shortcut manifest's page
// (taskpane-shared.html, scripts/manifest/sharedRuntime.ts) has them. The keys are the deployment's
// shortcuts.json (the admin may have changed them); where Word can say which keys the clerk really has
// (KeyboardShortcuts 1.1: Office.actions.getShortcuts, after conflict choices), its word wins.
// https://learn.microsoft.com/office/dev/add-ins/design/keyboard-shortcuts ("Get the shortcuts in use").

export type KeyedCommand = 'banxieAccept' | 'banxieAcceptNext' | 'banxieDismiss';
export type RegisteredKeys = Partial<Record<KeyedCommand, string>>;

const KEYED: readonly KeyedCommand[] = ['banxieAccept', 'banxieAcceptNext', 'banxieDismiss'];

interface OfficeActions {
  getShortcuts?(): Promise<Record<string, string | null>>;
}

/** The keys in force, or null where this page has none (the default manifest, WPS, the playground). */
export async function registeredKeys(
  page: string,
  fetchJson: (url: string) => Promise<unknown>,
  actions: OfficeActions | undefined,
): Promise<RegisteredKeys | null> {
  if (!/taskpane-shared\.html$/.test(page)) return null;
  const keys: RegisteredKeys = {};
  try {
    const file = (await fetchJson('shortcuts.json')) as { shortcuts?: { action: string; key?: { default?: string } }[] };
    for (const s of file.shortcuts ?? []) if ((KEYED as string[]).includes(s.action) && s.key?.default) keys[s.action as KeyedCommand] = s.key.default;
  } catch {
    /* no file: Word may still say */
  }
  try {
    const live = actions?.getShortcuts ? await actions.getShortcuts() : null;
    for (const c of KEYED) {
      if (!live || !(c in live)) continue;
      const k = live[c];
      if (k) keys[c] = k;
      else delete keys[c]; // the clerk gave this key to something else in Word's conflict dialog
    }
  } catch {
    /* KeyboardShortcuts 1.1 missing: the file's keys stand */
  }
  return keys;
}
