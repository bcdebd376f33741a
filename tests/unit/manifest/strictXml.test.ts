// Every XML file the project ships is read the way its consumer reads it: strictly. Word, the
// Microsoft 365 admin center and WPS refuse a file that a lenient parser happily accepts — a `--` in
// a comment made manifest.xml uninstallable (issue 30) while every lenient check passed.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseStrictXml } from '../../../scripts/xml/strictXml';
import { checkManifest } from '../../../scripts/manifest/checkManifest';
import { withSharedRuntimeShortcuts } from '../../../scripts/manifest/sharedRuntime';
import { rewriteManifestUrls, DEV_BASE_URL } from '../../../scripts/manifest/rewriteManifest';

const root = path.resolve(__dirname, '../../..');
const manifest = fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8');
const shipped = ['manifest.xml', 'src/hosts/wps/addin/ribbon.xml', ...fs.readdirSync(path.join(root, 'src/hosts/wps/addin/publish')).filter((f) => f.endsWith('.xml')).map((f) => `src/hosts/wps/addin/publish/${f}`)];
// What the build derives from manifest.xml: the public-URL rewrite and the shortcuts variant.
const derived: Record<string, string> = {
  'dist/manifest.xml (public URL)': rewriteManifestUrls(manifest, 'https://banxie.example.gov.cn/addin'),
  'dist/manifest-shortcuts.xml': withSharedRuntimeShortcuts(rewriteManifestUrls(manifest, 'https://banxie.example.gov.cn/addin'), 'https://banxie.example.gov.cn/addin'),
  'manifest-shortcuts.xml (dev)': withSharedRuntimeShortcuts(manifest, DEV_BASE_URL),
  'dist/manifest-shortcuts.xml, keys in the tooltips': withSharedRuntimeShortcuts(manifest, DEV_BASE_URL, { 'Accept.Tip': 'Ctrl+Alt+Shift+Y', 'Dismiss.Tip': 'Ctrl+Alt+Shift+-' }),
};
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;

describe('shipped XML is well-formed for a strict parser', () => {
  it.each(shipped)('%s', (file) => {
    expect(parseStrictXml(fs.readFileSync(path.join(root, file), 'utf8')).problems).toEqual([]);
  });
  it.each(Object.keys(derived))('%s', (name) => {
    expect(parseStrictXml(derived[name]).problems).toEqual([]);
  });
  // libxml2 (Debian libxml2-utils, installed by .ci/run) is a second, independent strict parser.
  (hasXmllint ? it.each(shipped) : it.skip.each(shipped))('%s passes xmllint --noout', (file) => {
    const r = spawnSync('xmllint', ['--noout', path.join(root, file)], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('the strict check catches what Word refuses', () => {
  // The header comment as it was at 9ee6c35: a command line with `--public-url` inside <!-- -->.
  const broken = manifest.replace('<!--\n', '<!--\n  `npm run build -- --public-url <url>` rewrites the URLs.\n');
  it.each([
    ['a double hyphen inside a comment', broken],
    ['an undeclared entity', manifest.replace('<ProviderName>Banxie</ProviderName>', '<ProviderName>Banxie&nbsp;</ProviderName>')],
    ['a bare ampersand', manifest.replace('<ProviderName>Banxie</ProviderName>', '<ProviderName>Banxie & Co</ProviderName>')],
    ['an unclosed element', manifest.replace('</ProviderName>', '')],
    ['an undeclared namespace prefix', manifest.replace('<ProviderName>', '<foo:ProviderName>').replace('</ProviderName>', '</foo:ProviderName>')],
  ])('%s', (_what, xml) => {
    expect(parseStrictXml(xml).problems.length).toBeGreaterThan(0);
    expect(checkManifest(xml).map((p) => p.code)).toContain('xml-malformed');
  });
  (hasXmllint ? it : it.skip)('xmllint agrees that the old header comment is fatal', () => {
    const r = spawnSync('xmllint', ['--noout', '-'], { input: broken, encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/double.hyphen/i);
  });
});
