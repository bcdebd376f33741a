#!/usr/bin/env node
// `npm run package`: one versioned release to copy to an intranet server (docs/DEPLOY.md §2).
//
//   npm run package -- --public-url https://banxie.example.gov.cn [--out release] [--office-js local|cdn]
//                      [--node-modules] [--pages-from DIR] [--version V] [--pane-query "paneOnly=1&norms=errors"]
//
// writes OUT/banxie-<version>/ and OUT/banxie-<version>.tar.gz (the folder, packed) holding
//   dist/                  built for the public URL: manifest.xml, pane, office.js (local by default),
//                          server/main.js, wps/ with publish.xml, jsplugins.xml, jsplugins-offline.xml and
//                          WPS's offline package banxie_<version>.7z (top folder banxie_<version>/)
//   package.json, package-lock.json   for `npm ci --omit=dev --omit=optional` (or node_modules/, below)
//   config/banxie.example.yaml, deploy/, docs/, README.md
//   build-info.json        version, public URL, git commit, Node used, build time
//   SHA256SUMS             every other file, for `sha256sum -c SHA256SUMS`
//
// --node-modules     also install the runtime dependencies into the folder (npm ci --omit=dev --omit=optional,
//                    from npm's cache when it has them), for a server with no registry: copy and run.
// --version V        name the release V instead of package.json's version (a release candidate, a rebuild)
// --pages-from DIR   take the pages (webpack's output) from an earlier build in DIR instead of running
//                    webpack again; the manifest, WPS lists and service are still made for this URL.
// The 7z writer is 7-Zip itself (Debian: apt-get install 7zip, or p7zip-full), never a home-made one.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { readFlags } from './flags.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = `usage: npm run package -- --public-url https://host.example[/path] [--out DIR] [--office-js local|cdn] [--node-modules] [--pages-from DIR] [--version V]
  --public-url    where users reach Banxie (env BANXIE_PUBLIC_URL); required
  --out           output folder, default release/
  --office-js     local (default: office.js served by this server, for intranets) or cdn
  --node-modules  install the runtime dependencies into the release (for servers without a registry)
  --pages-from    reuse the pages of an earlier build in DIR instead of running webpack
  --version       the release's version, default package.json's
  --pane-query    the admin policy the pane reads from its address (paneOnly=1, norms=…, token=…, userToken=1, service=…),
                  written into both manifests and the WPS add-in page (env BANXIE_PANE_QUERY; docs/DEPLOY.md §10)`;

function fail(message) {
  console.error(`打包失败 / package failed: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  const opts = { publicUrl: process.env.BANXIE_PUBLIC_URL || undefined, out: 'release', officeJs: 'local', nodeModules: false, pagesFrom: undefined, version: undefined, paneQuery: process.env.BANXIE_PANE_QUERY || '' };
  readFlags(argv, { valued: ['--public-url', '--out', '--office-js', '--pages-from', '--version', '--pane-query'], switches: ['--node-modules'], usage: USAGE, fail }, (flag, v) => {
    if (flag === '--public-url') opts.publicUrl = v;
    else if (flag === '--out') opts.out = v;
    else if (flag === '--office-js') opts.officeJs = v;
    else if (flag === '--node-modules') opts.nodeModules = true;
    else if (flag === '--pages-from') opts.pagesFrom = path.resolve(v);
    else if (flag === '--version') opts.version = v;
    else if (flag === '--pane-query') opts.paneQuery = v;
  });
  if (!opts.publicUrl) fail(`--public-url is required: the manifest and the WPS lists name it\n${USAGE}`);
  if (!['local', 'cdn'].includes(opts.officeJs)) fail(`--office-js must be local or cdn, not "${opts.officeJs}"`);
  if (opts.pagesFrom && !fs.existsSync(path.join(opts.pagesFrom, 'taskpane.html'))) fail(`--pages-from ${opts.pagesFrom} holds no taskpane.html (run npm run build first)`);
  // It names folders, files and a WPS list attribute: keep it to what semver allows.
  if (opts.version !== undefined && !/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?$/.test(opts.version)) fail(`--version "${opts.version}" is not a version like 1.2.3 or 1.2.3-rc.1`);
  opts.out = path.resolve(process.cwd(), opts.out); // npm run runs in the package's folder
  return opts;
}

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...options });
  if (r.error) fail(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) fail(`${cmd} ${args.join(' ')} exited ${r.status}`);
}

/** 7-Zip's command-line program: 7zz (Debian's 7zip), 7z or 7za (p7zip-full), or BANXIE_7Z. */
function sevenZip() {
  for (const name of [process.env.BANXIE_7Z, '7zz', '7z', '7za'].filter(Boolean)) {
    const r = spawnSync(name, ['i'], { stdio: 'ignore' });
    if (!r.error && r.status === 0) return name;
  }
  return fail('7-Zip is needed for WPS\'s offline package: apt-get install 7zip (or p7zip-full), or set BANXIE_7Z');
}

function copy(from, to) {
  fs.cpSync(path.join(root, from), to, { recursive: true });
}

/** Every file under dir (relative, '/'-separated, sorted), links and folders left out. */
function filesUnder(dir) {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)).split(path.sep).join('/'))
    .sort();
}

const sha256 = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

const opts = parseArgs(process.argv.slice(2));
const { normalisePublicUrl } = await tsImport(pathToFileURL(path.join(root, 'scripts/manifest/rewriteManifest.ts')).href, import.meta.url);
let baseUrl;
try { baseUrl = normalisePublicUrl(opts.publicUrl); } catch (e) { fail(e.message); }
const sevenZ = sevenZip(); // before minutes of webpack
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
if (opts.version) pkg.version = opts.version;
const name = `banxie-${pkg.version}`;
const stage = path.join(opts.out, name);
const tarball = path.join(opts.out, `${name}.tar.gz`);
fs.rmSync(stage, { recursive: true, force: true });
fs.rmSync(tarball, { force: true });
fs.mkdirSync(stage, { recursive: true });
const started = Date.now();

// 1. dist/ for the public URL: webpack's pages (built now, or an earlier build's), then the service bundle,
//    the manifest and the WPS lists, all checked by the build (strict XML, manifest against its files).
const dist = path.join(stage, 'dist');
const buildArgs = [path.join(root, 'scripts/build.mjs'), '--public-url', baseUrl, '--office-js', opts.officeJs, '--out-dir', dist,
  ...(opts.paneQuery ? ['--pane-query', opts.paneQuery] : [])];
if (opts.pagesFrom) {
  const generated = new Set(['manifest.xml', 'manifest-shortcuts.xml', 'build-info.json', 'shortcuts.json']);
  fs.cpSync(opts.pagesFrom, dist, {
    recursive: true,
    filter: (src) => {
      const rel = path.relative(opts.pagesFrom, src).split(path.sep).join('/');
      return !generated.has(rel) && !/^server(\/|$)/.test(rel) && !/^manifest(-shortcuts)?\.xml\.(gz|br)$/.test(rel);
    },
  });
  run(process.execPath, [...buildArgs, '--skip-pages']);
  const { checkManifestFile, formatProblems } = await tsImport(pathToFileURL(path.join(root, 'scripts/manifest/checkManifest.ts')).href, import.meta.url);
  for (const name of ['manifest.xml', 'manifest-shortcuts.xml']) {
    const problems = checkManifestFile(path.join(dist, name), { expectedBaseUrl: baseUrl, files: { baseUrl, rootDir: dist, allFiles: true } });
    if (problems.length) fail(`dist/${name} against the pages from ${opts.pagesFrom}:\n${formatProblems(problems)}`);
  }
} else {
  run(process.execPath, buildArgs);
}

// 2. WPS offline mode: the add-in folder as WPS unpacks it (jsaddons/banxie_<version>/index.html, ribbon.xml …),
//    packed by 7-Zip with that folder on top, and the list naming it. The lists and the pre-compressed
//    copies stay out: offline, WPS reads the files from disk.
const { wpsLists, offlinePackageName, withHeadMeta } = await tsImport(pathToFileURL(path.join(root, 'scripts/wps/lists.ts')).href, import.meta.url);
const wpsDir = path.join(dist, 'wps');
const offlineFolder = `banxie_${pkg.version}`;
const scratch = fs.mkdtempSync(path.join(opts.out, '.wps-'));
fs.cpSync(wpsDir, path.join(scratch, offlineFolder), {
  recursive: true,
  filter: (src) => !/\.(gz|br|7z)$/.test(src) && !/(^|[\\/])(publish|jsplugins(-offline)?)\.xml$/.test(src),
});
// Offline the pane runs from the machine's disk and cannot infer the service from its own address: the copy's
// index.html names it (src/hosts/wps/addin/main.ts, packagedService), so no clerk has to type it into Settings.
const offlineIndex = path.join(scratch, offlineFolder, 'index.html');
const indexHtml = withHeadMeta(fs.readFileSync(offlineIndex, 'utf8'), 'banxie-service', baseUrl);
if (indexHtml === null) fail('dist/wps/index.html has no <head> to name the service in');
fs.writeFileSync(offlineIndex, indexHtml);
const archive = path.join(wpsDir, offlinePackageName(pkg.version));
run(sevenZ, ['a', '-t7z', '-mx=9', '-bd', '-bso0', archive, offlineFolder], { cwd: scratch });
fs.rmSync(scratch, { recursive: true, force: true });
// All three lists from the release's version (the build wrote the online two with package.json's).
const { parseStrictXml, formatXmlProblems } = await tsImport(pathToFileURL(path.join(root, 'scripts/xml/strictXml.ts')).href, import.meta.url);
for (const [file, xml] of Object.entries(wpsLists(baseUrl, pkg.version))) {
  const bad = formatXmlProblems(`dist/wps/${file}`, parseStrictXml(xml).problems);
  if (bad) fail(bad);
  for (const ext of ['.gz', '.br']) fs.rmSync(path.join(wpsDir, file + ext), { force: true });
  fs.writeFileSync(path.join(wpsDir, file), xml);
}

// 3. What the server needs besides dist/: the lock for npm ci, the example config, the deploy files, the docs.
for (const f of ['package.json', 'package-lock.json', 'README.md']) copy(f, path.join(stage, f));
if (opts.version) {
  // The service reports its package.json's version (/health): the release's own, not the source's.
  const edit = (file, change) => { const j = JSON.parse(fs.readFileSync(file, 'utf8')); change(j); fs.writeFileSync(file, JSON.stringify(j, null, 2) + '\n'); };
  edit(path.join(stage, 'package.json'), (j) => { j.version = opts.version; });
  edit(path.join(stage, 'package-lock.json'), (j) => { j.version = opts.version; if (j.packages?.['']) j.packages[''].version = opts.version; });
  edit(path.join(dist, 'build-info.json'), (j) => { j.version = opts.version; });
}
copy('config/banxie.example.yaml', path.join(stage, 'config', 'banxie.example.yaml'));
copy('deploy', path.join(stage, 'deploy'));
copy('docs', path.join(stage, 'docs'));
if (opts.nodeModules) {
  // From npm's cache where it can (a build machine that ran npm ci has every package there).
  run('npm', ['ci', '--omit=dev', '--omit=optional', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: stage });
}

const git = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' });
const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' });
fs.writeFileSync(path.join(stage, 'build-info.json'), JSON.stringify({
  name: pkg.name, version: pkg.version, publicUrl: baseUrl, officeJs: opts.officeJs,
  wpsOffline: `dist/wps/${offlinePackageName(pkg.version)}`, nodeModules: opts.nodeModules, engines: pkg.engines,
  gitCommit: git.status === 0 ? git.stdout.trim() + (dirty.stdout.trim() ? '-dirty' : '') : null,
  builtWith: process.version, builtAt: new Date().toISOString(),
}, null, 2) + '\n');

// 4. SHA256SUMS in sha256sum's own format ("<hash>  <path>"), then the tarball of the folder.
const sums = filesUnder(stage).filter((f) => f !== 'SHA256SUMS').map((f) => `${sha256(path.join(stage, f))}  ${f}`);
fs.writeFileSync(path.join(stage, 'SHA256SUMS'), sums.join('\n') + '\n');
run('tar', ['-czf', tarball, '-C', opts.out, name]);

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
console.log(`\nrelease    ${path.relative(process.cwd(), stage)}/ (${sums.length} files)`);
console.log(`tarball    ${path.relative(process.cwd(), tarball)} (${mb(fs.statSync(tarball).size)})`);
console.log(`wps        ${path.relative(process.cwd(), archive)} (${mb(fs.statSync(archive).size)}), dist/wps/jsplugins-offline.xml`);
console.log(`for        ${baseUrl}/  (${Math.round((Date.now() - started) / 1000)} s)`);
console.log('Next: copy the tarball to the server and follow docs/DEPLOY.md §2 (it is inside, in docs/).');
