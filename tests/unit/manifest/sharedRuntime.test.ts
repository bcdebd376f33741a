// The opt-in keyboard-shortcut manifest (shared runtime): valid, shaped as Office requires, and its
// shortcuts file obeys Office's key rules. The default manifest stays Word 2016-compatible.
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { checkManifest } from '../../../scripts/manifest/checkManifest';
import { rewriteManifestUrls } from '../../../scripts/manifest/rewriteManifest';
import { checkShortcuts, withSharedRuntimeShortcuts, type ShortcutsFile } from '../../../scripts/manifest/sharedRuntime';
import { SHORTCUTS } from '../../../src/commands/shortcuts';

const root = path.resolve(__dirname, '../../..');
const COMMANDS = ['banxieAccept', 'banxieAcceptNext', 'banxieDismiss', 'banxieSuggestNow'];
const BASE = 'https://banxie.example.gov.cn/banxie';
const variant = withSharedRuntimeShortcuts(rewriteManifestUrls(fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8'), BASE), BASE);
const app = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(variant).OfficeApp;

it('passes the structural checks (order, resids, one origin)', () => {
  expect(checkManifest(variant, { expectedBaseUrl: BASE, functionNames: COMMANDS })).toEqual([]);
});

it('runs pane and commands in one long-lived runtime on the task pane page, as Office requires', () => {
  const host = app.VersionOverrides.Hosts.Host;
  expect(host.Runtimes.Runtime).toEqual({ resid: 'Taskpane.Url', lifetime: 'long' });
  expect(host.DesktopFormFactor.FunctionFile.resid).toBe('Taskpane.Url');
  const show = host.DesktopFormFactor.ExtensionPoint.OfficeTab.Group.Control[0].Action;
  expect(show.SourceLocation.resid).toBe('Taskpane.Url');
  expect(app.Requirements.Sets.Set).toContainEqual({ Name: 'SharedRuntime', MinVersion: '1.1' });
});

it('points ExtendedOverrides at shortcuts.json on the same base URL, after VersionOverrides', () => {
  expect(app.ExtendedOverrides.Url).toBe(`${BASE}/shortcuts.json`);
  expect(variant.indexOf('<ExtendedOverrides')).toBeGreaterThan(variant.indexOf('</VersionOverrides>'));
});

it('the checker notices a broken variant (Runtime resid with no URL)', () => {
  const broken = variant.replace('<Runtime resid="Taskpane.Url"', '<Runtime resid="Taskpane.Page"');
  expect(checkManifest(broken, { expectedBaseUrl: BASE }).map((p) => p.code)).toContain('unresolved-resid');
});

it('the shortcuts the Word engineer chose are acceptable to Office and name real commands', () => {
  expect(checkShortcuts(SHORTCUTS, COMMANDS)).toEqual([]);
});

it.each<[string, (f: ShortcutsFile) => void, RegExp]>([
  ['Shift alone as modifier', (f) => { f.shortcuts[0].key.default = 'Shift+Y'; }, /needs Ctrl\/Alt/],
  ['a named key like Tab', (f) => { f.shortcuts[0].key.default = 'Ctrl+Alt+Tab'; }, /must end in one letter/],
  ['the same key twice', (f) => { f.shortcuts[1].key.default = f.shortcuts[0].key.default; }, /used twice/],
  ['an action that is no command', (f) => { f.actions[0].id = 'banxieAcept' as never; }, /not a registered command/],
])('reports %s', (_what, mutate, message) => {
  const copy = JSON.parse(JSON.stringify(SHORTCUTS)) as ShortcutsFile;
  mutate(copy);
  expect(checkShortcuts(copy, COMMANDS).join('\n')).toMatch(message);
});
