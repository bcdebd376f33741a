// `npm run build` without the (slow) webpack step: the manifest rewrite for a public URL, the bundled
// service that must run with runtime dependencies only, and the guard against devDependencies.
// The full build with pages is exercised by tests/e2e/deploy.test.ts.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../freePort';
import { checkManifestFile } from '../../../scripts/manifest/checkManifest';
import { parseStrictXml } from '../../../scripts/xml/strictXml';

const root = path.resolve(__dirname, '../../..');
const build = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });

let out: string;
beforeEach(() => { out = fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-build-')); });
afterEach(() => fs.rmSync(out, { recursive: true, force: true }));

describe('npm run build --skip-pages', () => {
  it('rewrites every manifest URL to the public URL, and the result passes the checker', () => {
    const r = build(['--skip-pages', '--skip-server', '--public-url', 'https://banxie.example.gov.cn/banxie/', '--out-dir', out]);
    expect(r.status).toBe(0);
    const xml = fs.readFileSync(path.join(out, 'manifest.xml'), 'utf8');
    expect(xml).not.toMatch(/localhost/);
    expect(xml).toContain('"https://banxie.example.gov.cn/banxie/commands.html"');
    expect(checkManifestFile(path.join(out, 'manifest.xml'), { expectedBaseUrl: 'https://banxie.example.gov.cn/banxie' })).toEqual([]);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'build-info.json'), 'utf8'))).toMatchObject({ publicUrl: 'https://banxie.example.gov.cn/banxie', officeJs: 'cdn' });
  });

  it('points both WPS lists at <public URL>/wps/, well-formed, with the pre-compressed copies of the old ones gone', () => {
    fs.mkdirSync(path.join(out, 'wps'), { recursive: true });
    // as webpack leaves them: the development list and a compressed copy the service would prefer
    fs.copyFileSync(path.join(root, 'src/hosts/wps/addin/publish/publish.xml'), path.join(out, 'wps', 'publish.xml'));
    fs.writeFileSync(path.join(out, 'wps', 'publish.xml.gz'), 'stale');
    const r = build(['--skip-pages', '--skip-server', '--public-url', 'https://portal.example.gov.cn/a&b', '--out-dir', out]);
    expect(r.status).toBe(0);
    for (const name of ['publish.xml', 'jsplugins.xml']) {
      const xml = fs.readFileSync(path.join(out, 'wps', name), 'utf8');
      expect(parseStrictXml(xml).problems).toEqual([]);
      const urls = [...parseStrictXml(xml).root!.children].map((c) => ({ tag: c.name, url: c.attrs.url }));
      expect(urls).toEqual([{ tag: 'jspluginonline', url: 'https://portal.example.gov.cn/a&b/wps/' }]);
      expect(xml).not.toMatch(/localhost|example\.gov\.cn\/wps/);
    }
    expect(fs.existsSync(path.join(out, 'wps', 'publish.xml.gz'))).toBe(false);
  });

  it('--pane-query writes the admin policy into every pane URL of both manifests and into the WPS add-in page; a bad one is refused', () => {
    fs.mkdirSync(path.join(out, 'wps'), { recursive: true });
    fs.copyFileSync(path.join(root, 'src/hosts/wps/addin/index.html'), path.join(out, 'wps', 'index.html'));
    const query = 'paneOnly=1&norms=errors&token=org-token-0123456789abcdef';
    const r = build(['--skip-pages', '--skip-server', '--public-url', 'https://banxie.example.gov.cn/banxie', '--out-dir', out, '--pane-query', query]);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('org-token-0123456789abcdef'); // the build's output names no token
    for (const name of ['manifest.xml', 'manifest-shortcuts.xml']) {
      const xml = fs.readFileSync(path.join(out, name), 'utf8');
      expect(parseStrictXml(xml).problems).toEqual([]);
      const panes = [...xml.matchAll(/"(https:[^"]*\/taskpane(?:-shared)?\.html[^"]*)"/g)].map((m) => m[1]);
      expect(panes.length).toBeGreaterThan(0);
      expect(panes.every((u) => u.endsWith(`.html?${query.replace(/&/g, '&amp;')}`))).toBe(true);
      expect(checkManifestFile(path.join(out, name), { expectedBaseUrl: 'https://banxie.example.gov.cn/banxie' })).toEqual([]);
    }
    const page = fs.readFileSync(path.join(out, 'wps', 'index.html'), 'utf8');
    expect(/<meta name="banxie-pane-query" content="([^"]*)"/.exec(page)?.[1]).toBe(query.replace(/&/g, '&amp;'));
    const bad = build(['--skip-pages', '--skip-server', '--out-dir', out, '--pane-query', 'norms=some&x=1']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/--pane-query: norms is all, errors or off/);
  });

  it('without a public URL the WPS lists name the development server, like the manifest', () => {
    expect(build(['--skip-pages', '--skip-server', '--out-dir', out]).status).toBe(0);
    expect(fs.readFileSync(path.join(out, 'wps', 'jsplugins.xml'), 'utf8')).toContain('url="https://localhost:3000/wps/"');
  });

  it('takes the public URL from BANXIE_PUBLIC_URL too', () => {
    const r = build(['--skip-pages', '--skip-server', '--out-dir', out], { BANXIE_PUBLIC_URL: 'https://10.0.0.8:8443' });
    expect(r.status).toBe(0);
    expect(fs.readFileSync(path.join(out, 'manifest.xml'), 'utf8')).toContain('"https://10.0.0.8:8443/taskpane.html"');
  });

  it('keeps https://localhost:3000 without a public URL, like the source manifest', () => {
    expect(build(['--skip-pages', '--skip-server', '--out-dir', out]).status).toBe(0);
    expect(fs.readFileSync(path.join(out, 'manifest.xml'), 'utf8')).toBe(fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8'));
  });

  it('refuses an output holding XML that Word or WPS would not parse, naming the file and line', () => {
    fs.mkdirSync(path.join(out, 'wps'), { recursive: true });
    fs.writeFileSync(path.join(out, 'wps', 'extra.xml'), '<jsplugins>\n<!-- build -- here -->\n</jsplugins>\n');
    const r = build(['--skip-pages', '--skip-server', '--out-dir', out]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/extra\.xml:2:\d+: malformed comment/);
  });

  it.each([
    [['--public-url', 'http://banxie.example'], /must be https/],
    [['--public-url', 'banxie.example'], /not an absolute URL/],
    [['--office-js', 'nearby'], /local or cdn/],
    [['--frobnicate'], /unknown option/],
  ])('refuses %j with a message', (args, message) => {
    const r = build(['--skip-pages', '--skip-server', '--out-dir', out, ...args]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(message);
    expect(fs.existsSync(path.join(out, 'manifest.xml'))).toBe(false);
    expect(r.stderr).not.toMatch(/\n\s+at /); // a sentence, not a stack trace
  });

  it('refuses a bad public URL before building anything', () => {
    const r = build(['--public-url', 'http://banxie.example', '--out-dir', out]);
    expect(r.status).not.toBe(0);
    expect(fs.readdirSync(out)).toEqual([]);
  });

  it('builds both manifests every time: every Word gets manifest.xml, Microsoft 365 2408+ / Word 2024 / web the shortcut one', () => {
    const r = build(['--skip-pages', '--skip-server', '--public-url', 'https://banxie.example', '--out-dir', out]);
    expect(r.status).toBe(0);
    const plain = fs.readFileSync(path.join(out, 'manifest.xml'), 'utf8');
    const keyed = fs.readFileSync(path.join(out, 'manifest-shortcuts.xml'), 'utf8');
    expect(plain).not.toContain('ExtendedOverrides');
    expect(plain).not.toContain('<Set Name="SharedRuntime"');
    expect(keyed).toContain('<ExtendedOverrides Url="https://banxie.example/shortcuts.json">');
    expect(keyed).toContain('https://banxie.example/taskpane-shared.html');
    // the ribbon tooltips name the keys
    expect(keyed).toMatch(/id="Accept.Tip" DefaultValue="[^"]*（Ctrl\+Alt\+Shift\+Y）"/);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'shortcuts.json'), 'utf8')).shortcuts).toHaveLength(4);
  });

  it('takes the admin’s keys, puts them in shortcuts.json and the tooltips, and refuses keys Office would refuse', () => {
    const keys = path.join(out, '..', `keys-${process.pid}.json`);
    fs.writeFileSync(keys, JSON.stringify({ banxieAccept: 'Ctrl+Alt+Shift+J' }));
    const r = build(['--skip-pages', '--skip-server', '--shortcut-keys', keys, '--public-url', 'https://banxie.example', '--out-dir', out]);
    expect(r.status).toBe(0);
    const file = JSON.parse(fs.readFileSync(path.join(out, 'shortcuts.json'), 'utf8'));
    expect(file.shortcuts.find((s: { action: string }) => s.action === 'banxieAccept').key).toEqual({ default: 'Ctrl+Alt+Shift+J', mac: 'Command+Option+Shift+Y' });
    expect(fs.readFileSync(path.join(out, 'manifest-shortcuts.xml'), 'utf8')).toContain('（Ctrl+Alt+Shift+J）');
    fs.writeFileSync(keys, JSON.stringify({ banxieAccept: 'Shift+Tab' }));
    const bad = build(['--skip-pages', '--skip-server', '--shortcut-keys', keys, '--public-url', 'https://banxie.example', '--out-dir', out]);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/Shift\+Tab/);
    fs.rmSync(keys, { force: true });
  });

  it('bundles a service that starts from the bundle alone and answers /health', async () => {
    const r = build(['--skip-pages', '--out-dir', out]);
    expect(r.status).toBe(0);
    const main = path.join(out, 'server', 'main.js');
    // Only node: built-ins and runtime dependencies may remain as require()s.
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const required = [...fs.readFileSync(main, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    const packages = required.filter((m) => !m.startsWith('node:')).map((m) => (m.startsWith('@') ? m.split('/').slice(0, 2).join('/') : m.split('/')[0]));
    expect(packages.length).toBeGreaterThan(0);
    for (const p of packages) expect(Object.keys(pkg.dependencies)).toContain(p);

    const port = await freePort();
    // NODE_PATH stands in for the node_modules a deployment installs next to dist/.
    const child = spawn(process.execPath, [main], { cwd: out, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', BANXIE_CONFIG: '', NODE_PATH: path.join(root, 'node_modules') }, stdio: 'pipe' });
    try {
      const body = await poll(`http://127.0.0.1:${port}/health`, 10_000);
      expect(body).toMatchObject({ status: 'ok' });
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });

  it('refuses a service that imports a devDependency (it would be missing after npm ci --omit=dev)', () => {
    const entry = path.join(root, 'scripts', `.build-test-entry-${process.pid}.ts`);
    fs.writeFileSync(entry, "import { PNG } from 'pngjs';\nconsole.log(PNG);\n");
    try {
      const r = build(['--skip-pages', '--out-dir', out], { BANXIE_SERVER_ENTRY: entry });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/imports pngjs, which is not in package.json "dependencies"/);
    } finally {
      fs.rmSync(entry, { force: true });
    }
  });
});

async function poll(url: string, ms: number): Promise<unknown> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const res = await fetch(url);
      return await res.json();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
