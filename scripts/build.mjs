#!/usr/bin/env node
// `npm run build`: the whole deployment in one folder — production pages (webpack), the service
// (dist/server/main.js), and a manifest pointing at the server it will be served from.
//
//   npm run build -- [--public-url https://host.example/banxie] [--office-js local|cdn] [--out-dir dist] [--shortcut-keys FILE]
//                    [--pane-query "paneOnly=1&norms=errors"]
//
// Environment equivalents: BANXIE_PUBLIC_URL, BANXIE_OFFICE_JS=local, BANXIE_OUT_DIR, BANXIE_SHORTCUT_KEYS, BANXIE_PANE_QUERY.
// Two manifests every time: manifest.xml for every Word (2016 on), manifest-shortcuts.xml with keyboard
// shortcuts for Microsoft 365 2408+ / Word 2024 / Mac 16.88+ / the web (scripts/manifest/sharedRuntime.ts says why).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { readFlags } from './flags.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
// The names the FunctionFile page registers (src/commands/commands.ts); the manifest must use only these.
const COMMAND_FUNCTIONS = ['banxieAccept', 'banxieAcceptNext', 'banxieDismiss', 'banxieSuggestNow'];

const USAGE = `usage: npm run build -- [--public-url https://host.example/banxie] [--office-js local|cdn] [--out-dir DIR] [--skip-pages] [--skip-server]
  --public-url  where the add-in will be served; rewrites every URL in dist/manifest.xml and the WPS lists
                dist/wps/publish.xml and jsplugins.xml (env BANXIE_PUBLIC_URL)
  --office-js   local = self-host office.js from @microsoft/office-js (intranets); cdn = Microsoft's CDN (env BANXIE_OFFICE_JS)
  --out-dir     output folder, default dist (env BANXIE_OUT_DIR)
  --shortcut-keys  a JSON file of the admin's keys for dist/manifest-shortcuts.xml, e.g. {"banxieAccept": "Ctrl+Alt+Shift+J"}
                (env BANXIE_SHORTCUT_KEYS); checked against Office's rules
  --pane-query  the admin policy the pane reads from its address, written into both manifests' pane URLs and the
                WPS add-in page: paneOnly=1, norms=all|errors|off, service=URL, serviceLocked=1, token=…, userToken=1
                (env BANXIE_PANE_QUERY; docs/DEPLOY.md §10)
  --shortcuts   accepted for older scripts: both manifests are always built now`;

function parseArgs(argv) {
  const opts = {
    publicUrl: process.env.BANXIE_PUBLIC_URL || undefined,
    officeJs: process.env.BANXIE_OFFICE_JS || 'cdn',
    outDir: process.env.BANXIE_OUT_DIR || 'dist',
    pages: true,
    server: true,
    shortcutKeys: process.env.BANXIE_SHORTCUT_KEYS || undefined,
    paneQuery: process.env.BANXIE_PANE_QUERY || '',
  };
  readFlags(argv, { valued: ['--public-url', '--office-js', '--out-dir', '--shortcut-keys', '--pane-query'], switches: ['--skip-pages', '--skip-server', '--shortcuts'], usage: USAGE, fail }, (flag, v) => {
    if (flag === '--public-url') opts.publicUrl = v;
    else if (flag === '--office-js') opts.officeJs = v;
    else if (flag === '--out-dir') opts.outDir = v;
    else if (flag === '--skip-pages') opts.pages = false;
    else if (flag === '--skip-server') opts.server = false;
    else if (flag === '--shortcut-keys') opts.shortcutKeys = v;
    else if (flag === '--pane-query') opts.paneQuery = v;
    else if (flag === '--shortcuts') console.log('note: --shortcuts is no longer needed: dist/manifest-shortcuts.xml is always built');
  });
  if (!['local', 'cdn'].includes(opts.officeJs)) fail(`--office-js must be local or cdn, not "${opts.officeJs}"`);
  opts.outDir = path.resolve(root, opts.outDir);
  return opts;
}

function fail(message) {
  console.error(`构建失败 / build failed: ${message}`);
  process.exit(1);
}

async function buildPages(opts) {
  const webpack = require('webpack');
  const makeConfig = require(path.join(root, 'webpack.config.js'));
  const config = await makeConfig({ outDir: opts.outDir, officeJs: opts.officeJs }, { mode: 'production' });
  const stats = await new Promise((resolve, reject) => webpack(config, (err, s) => (err ? reject(err) : resolve(s))));
  const info = stats.toJson({ all: false, errors: true, warnings: true });
  for (const w of info.warnings ?? []) console.warn(`webpack warning: ${w.message}`);
  if (stats.hasErrors()) fail(`webpack:\n${info.errors.map((e) => e.message).join('\n')}`);
  console.log(`pages      ${path.relative(root, opts.outDir)}/ (${Object.keys(config.entry).join(', ')}; office.js: ${opts.officeJs})`);
}

/**
 * Bundles the service into one file for Node 20 with every package left external, so the deployed
 * folder needs `npm ci --omit=dev` and nothing else. A package the bundle imports that is not a
 * runtime dependency would only fail on the server, so the build refuses it here.
 */
async function buildServer(opts) {
  const esbuild = await import('esbuild');
  const outfile = path.join(opts.outDir, 'server', 'main.js');
  const result = await esbuild.build({
    // BANXIE_SERVER_ENTRY exists for tests (tests/unit/deploy) that prove the dependency guard bites.
    entryPoints: [process.env.BANXIE_SERVER_ENTRY || path.join(root, 'src/server/main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    outfile,
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    banner: { js: '// Banxie completion service, bundled by scripts/build.mjs. Run: node dist/server/main.js' },
  }).catch(() => fail('esbuild could not bundle the service (errors above)'));
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const runtime = new Set(Object.keys(pkg.dependencies ?? {}));
  const imported = new Set();
  for (const out of Object.values(result.metafile.outputs)) {
    for (const imp of out.imports) {
      if (!imp.external || imp.path.startsWith('node:') || require('node:module').isBuiltin(imp.path)) continue;
      imported.add(imp.path.startsWith('@') ? imp.path.split('/').slice(0, 2).join('/') : imp.path.split('/')[0]);
    }
  }
  const missing = [...imported].filter((p) => !runtime.has(p));
  if (missing.length) {
    fail(`the service imports ${missing.join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} not in package.json "dependencies": ` +
      '`npm ci --omit=dev` on the server would leave it out. Move it to dependencies.');
  }
  console.log(`service    ${path.relative(root, outfile)} (externals: ${[...imported].sort().join(', ')})`);
}

async function writeManifest(opts) {
  const { rewriteManifestUrls, normalisePublicUrl, withPaneQuery, DEV_BASE_URL } = await tsImport(pathToFileURL(path.join(root, 'scripts/manifest/rewriteManifest.ts')).href, import.meta.url);
  const { checkManifest, formatProblems } = await tsImport(pathToFileURL(path.join(root, 'scripts/manifest/checkManifest.ts')).href, import.meta.url);
  const baseUrl = opts.publicUrl ? normalisePublicUrl(opts.publicUrl) : DEV_BASE_URL;
  const source = fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8');
  let xml = opts.publicUrl ? rewriteManifestUrls(source, opts.publicUrl) : source;
  fs.mkdirSync(opts.outDir, { recursive: true });
  const variants = [['manifest.xml', xml], ['manifest-shortcuts.xml', await shortcutsVariant(xml, baseUrl, opts)]]
    .map(([name, text]) => [name, withPaneQuery(text, opts.paneQuery)]);
  for (const [name, text] of variants) {
    const out = path.join(opts.outDir, name);
    fs.writeFileSync(out, text);
    // Check the built manifest against the built files: every page and icon it names must be there.
    const problems = checkManifest(text, {
      expectedBaseUrl: baseUrl,
      // Without pages (--skip-pages) the icons are not copied either, so there is nothing to look at.
      files: opts.pages ? { baseUrl, rootDir: opts.outDir, allFiles: true } : undefined,
      functionNames: COMMAND_FUNCTIONS,
    });
    if (problems.length) fail(`${path.relative(root, out)} has problems:\n${formatProblems(problems)}`);
    console.log(`manifest   ${path.relative(root, out)} → ${baseUrl}/`);
  }
  return baseUrl;
}

/** The shared-runtime variant plus shortcuts.json from src/commands/shortcuts.ts and the admin's keys. */
async function shortcutsVariant(xml, baseUrl, opts) {
  const { withSharedRuntimeShortcuts, checkShortcuts } = await tsImport(pathToFileURL(path.join(root, 'scripts/manifest/sharedRuntime.ts')).href, import.meta.url);
  const { SHORTCUTS, TOOLTIP_OF, withAdminKeys, keysByCommand } = await tsImport(pathToFileURL(path.join(root, 'src/commands/shortcuts.ts')).href, import.meta.url);
  let admin = {};
  if (opts.shortcutKeys) {
    try { admin = JSON.parse(fs.readFileSync(path.resolve(opts.shortcutKeys), 'utf8')); } catch (e) { fail(`--shortcut-keys ${opts.shortcutKeys}: ${e.message}`); }
  }
  const file = withAdminKeys(SHORTCUTS, admin);
  const problems = checkShortcuts(file, COMMAND_FUNCTIONS);
  if (problems.length) fail(`${opts.shortcutKeys ?? 'src/commands/shortcuts.ts'}:\n  ${problems.join('\n  ')}`);
  fs.writeFileSync(path.join(opts.outDir, 'shortcuts.json'), JSON.stringify(file, null, 2) + '\n');
  const keys = keysByCommand(file);
  const tooltips = Object.fromEntries(Object.entries(TOOLTIP_OF).filter(([cmd]) => keys[cmd]).map(([cmd, resid]) => [resid, keys[cmd]]));
  console.log('shortcuts  shortcuts.json + manifest-shortcuts.xml: Microsoft 365 2408+ / Word 2024 / Mac 16.88+ / web, not Word 2016/2019/2021');
  return withSharedRuntimeShortcuts(xml, baseUrl, tooltips);
}

/**
 * The WPS add-in lists for where dist/wps/ will be served (scripts/wps/lists.ts), replacing the
 * development copies webpack took from src/hosts/wps/addin/publish/ — with their pre-compressed
 * siblings, which the service would otherwise prefer to the new file.
 */
async function writeWpsLists(outDir, baseUrl, version) {
  const { wpsLists, wpsFolderUrl } = await tsImport(pathToFileURL(path.join(root, 'scripts/wps/lists.ts')).href, import.meta.url);
  const dir = path.join(outDir, 'wps');
  fs.mkdirSync(dir, { recursive: true });
  const lists = wpsLists(baseUrl, version);
  for (const name of ['publish.xml', 'jsplugins.xml']) {
    for (const ext of ['.gz', '.br']) fs.rmSync(path.join(dir, name + ext), { force: true });
    fs.writeFileSync(path.join(dir, name), lists[name]);
  }
  console.log(`wps        ${path.relative(root, dir)}/publish.xml, jsplugins.xml → ${wpsFolderUrl(baseUrl)}`);
}

/** The WPS add-in page names the admin policy (--pane-query) for the pane it opens (src/hosts/wps/addin/main.ts,
 *  packagedPaneQuery): WPS's list has no place for it, online or offline. */
async function writeWpsPaneQuery(outDir, query) {
  const page = path.join(outDir, 'wps', 'index.html');
  if (!fs.existsSync(page)) return;
  const { withHeadMeta } = await tsImport(pathToFileURL(path.join(root, 'scripts/wps/lists.ts')).href, import.meta.url);
  const html = withHeadMeta(fs.readFileSync(page, 'utf8'), 'banxie-pane-query', query);
  if (html === null) fail(`${path.relative(root, page)} has no <head> to name the admin policy in`);
  fs.writeFileSync(page, html);
  for (const ext of ['.gz', '.br']) fs.rmSync(page + ext, { force: true });
  if (query) console.log(`pane query ${query.replace(/token=[^&]*/, 'token=…')} (manifests, ${path.relative(root, page)})`);
}

/** Every XML file in the output (manifest, WPS lists and ribbon), read the way Word and WPS read it: strictly. */
async function checkShippedXml(outDir) {
  const { parseStrictXml, formatXmlProblems } = await tsImport(pathToFileURL(path.join(root, 'scripts/xml/strictXml.ts')).href, import.meta.url);
  const files = fs.readdirSync(outDir, { recursive: true }).map(String).filter((f) => f.endsWith('.xml'));
  const bad = files.map((f) => formatXmlProblems(path.relative(root, path.join(outDir, f)), parseStrictXml(fs.readFileSync(path.join(outDir, f), 'utf8')).problems)).filter(Boolean);
  if (bad.length) fail(`XML that Word or WPS would refuse:\n${bad.join('\n')}`);
  console.log(`xml        ${files.length} file(s) well-formed (strict parser)`);
}

const opts = parseArgs(process.argv.slice(2));
// Refuse a bad public URL before minutes of webpack, with the sentence rather than a stack trace.
if (opts.publicUrl) {
  const { normalisePublicUrl } = await tsImport(pathToFileURL(path.join(root, 'scripts/manifest/rewriteManifest.ts')).href, import.meta.url);
  try { normalisePublicUrl(opts.publicUrl); } catch (e) { fail(e.message); }
}
// …and a bad --pane-query likewise; what is kept is the checked, encoded form
if (opts.paneQuery) {
  const { paneQuery } = await tsImport(pathToFileURL(path.join(root, 'scripts/manifest/rewriteManifest.ts')).href, import.meta.url);
  try { opts.paneQuery = paneQuery(opts.paneQuery); } catch (e) { fail(e.message); }
}
if (opts.publicUrl && /^https?:\/\/(localhost|127\.)/.test(opts.publicUrl)) {
  console.warn('note: --public-url points at this machine; Word on other machines cannot reach it.');
}
if (opts.pages) await buildPages(opts);
if (opts.server) await buildServer(opts);
const baseUrl = await writeManifest(opts);
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
await writeWpsLists(opts.outDir, baseUrl, pkg.version);
await writeWpsPaneQuery(opts.outDir, opts.paneQuery);
await checkShippedXml(opts.outDir);
// What was built and for where: IT can compare it with the running service (docs/DEPLOY.md, Upgrading).
fs.writeFileSync(path.join(opts.outDir, 'build-info.json'), JSON.stringify({
  name: pkg.name, version: pkg.version, publicUrl: baseUrl, officeJs: opts.officeJs, manifests: ['manifest.xml', 'manifest-shortcuts.xml'], builtAt: new Date().toISOString(),
}, null, 2) + '\n');
console.log(`\nDone. Serve it with staticDir: ${path.relative(root, opts.outDir) || '.'} in the config (docs/DEPLOY.md), then deploy ${path.relative(root, opts.outDir)}/manifest.xml (every Word) or manifest-shortcuts.xml (Microsoft 365 2408+, Word 2024, web: keyboard shortcuts).`);
