// Builds the task pane, the ribbon commands page, the browser playground and the WPS add-in pages.
// `npm run dev-server` serves them over https (office-addin-dev-certs) with /v1 and /health proxied
// to the completion service, so the pane always talks to its own origin.
const path = require('path');
const fs = require('fs');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CompressionPlugin = require('compression-webpack-plugin');
const { Compilation, NormalModuleReplacementPlugin } = require('webpack');

const root = __dirname;
const exists = (p) => fs.existsSync(path.join(root, p));
const DEV_PORT = Number(process.env.BANXIE_DEV_PORT || 3000);
const SERVICE_URL = process.env.BANXIE_SERVICE_URL || 'http://127.0.0.1:3100';
// Microsoft's CDN by default; intranets self-host it (see docs/DEPLOY.md).
const OFFICE_JS_URL = process.env.BANXIE_OFFICE_JS_URL || 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
// Intranet mode (`--env officeJs=local` or BANXIE_OFFICE_JS=local): office.js and the Word host files
// from @microsoft/office-js are copied to dist/office-js/ and the tag points there. The URL is
// relative so it works under any base path (https://host/banxie/); office.js loads its host and
// locale files relative to its own URL. Other hosts' files and debug builds are left out (~8 MB).
const OFFICE_JS_LOCAL_DIR = 'office-js';
const OFFICE_JS_LOCAL_IGNORE = ['**/*.debug.js', '**/*vsdoc*', '**/*.d.ts', '**/outlook_strings.js',
  ...['excel', 'outlook', 'powerpoint', 'project', 'onenote', 'access', 'custom-functions'].map((h) => `**/${h}*.js`)];

/** Adds the office.js <script> before the bundle on pages that run inside Office. */
class OfficeJsTagPlugin {
  constructor(pages, url = OFFICE_JS_URL) { this.pages = pages; this.url = url; }
  apply(compiler) {
    compiler.hooks.compilation.tap('OfficeJsTagPlugin', (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap('OfficeJsTagPlugin', (data) => {
        if (this.pages.includes(data.outputName)) {
          data.headTags.unshift({ tagName: 'script', voidTag: false, attributes: { src: this.url }, meta: { plugin: 'OfficeJsTagPlugin' } });
        }
        return data;
      });
    });
  }
}

/** The WPS pages load their bundles from their own folder (wps/main.js → main.js), so wps/ stands alone. */
class FolderLocalScriptsPlugin {
  constructor(folder) { this.folder = folder; }
  apply(compiler) {
    compiler.hooks.compilation.tap('FolderLocalScriptsPlugin', (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap('FolderLocalScriptsPlugin', (data) => {
        if (!data.outputName.startsWith(this.folder + '/')) return data;
        const local = new RegExp(`^(?:\\.\\./)?${this.folder}/`);
        for (const tag of [...data.headTags, ...data.bodyTags]) {
          if (tag.tagName === 'script' && typeof tag.attributes.src === 'string') tag.attributes.src = tag.attributes.src.replace(local, '');
        }
        return data;
      });
    });
  }
}

// Cache-busting: every bundle's name carries its content hash, so the server may cache it for a year
// (src/server/static.ts, HASHED) and the HTML pages, never cached, always name the current ones.
const HASHED_NAME = '[name].[contenthash:20]';

/**
 * Brotli and gzip copies next to each file (x.js.br, x.js.gz) for @fastify/static's preCompressed.
 * Not manifest.xml: scripts/build.mjs rewrites it after webpack, and a stale copy would win.
 */
function precompressed() {
  const test = /\.(js|mjs|css|html|json|xml|svg|txt|map)$/;
  const exclude = /^manifest\.xml$/;
  return [
    new CompressionPlugin({ test, exclude, algorithm: 'gzip', filename: '[path][base].gz', threshold: 1024, minRatio: 0.9 }),
    new CompressionPlugin({ test, exclude, algorithm: 'brotliCompress', filename: '[path][base].br', threshold: 1024, minRatio: 0.9 }),
  ];
}

/**
 * The pages Word loads pick their bundle before any modern code runs: an inline ES5 script loads the lite
 * pane (the `lite` entry, ES5) under Internet Explorer 11 (Trident) or with ?lite=1, else the page's other
 * bundles. The file names come from this build's own script tags, so hashed names work unchanged.
 * mode 'replace': the lite bundle instead of the others (taskpane.html); 'add': before them (the playground).
 */
class PaneChooserPlugin {
  constructor(pages, lite) { this.pages = pages; this.lite = lite; }
  apply(compiler) {
    compiler.hooks.compilation.tap('PaneChooserPlugin', (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap('PaneChooserPlugin', (data) => {
        const mode = this.pages[data.outputName];
        if (!mode) return data;
        const liteFiles = compilation.entrypoints.get(this.lite)?.getFiles() ?? [];
        const isBundle = (t) => t.tagName === 'script' && typeof t.attributes.src === 'string' && t.meta?.plugin === 'html-webpack-plugin';
        const isLite = (src) => liteFiles.some((f) => src === f || src.endsWith('/' + f));
        const bundles = [...data.headTags, ...data.bodyTags].filter(isBundle).map((t) => t.attributes.src);
        const lite = bundles.filter(isLite);
        const modern = bundles.filter((src) => !isLite(src));
        data.headTags = data.headTags.filter((t) => !isBundle(t));
        data.bodyTags = data.bodyTags.filter((t) => !isBundle(t));
        const chosen = mode === 'add' ? 'l.concat(m)' : 'l';
        // ES5 on purpose; async=false keeps the bundles' order; at the end of <body> so #root exists.
        const code = `(function(){var l=${JSON.stringify(lite)},m=${JSON.stringify(modern)};` +
          `var lite=!!document.documentMode||/Trident\\//.test(navigator.userAgent)||/[?&]lite=1(&|$)/.test(location.search);` +
          `var s=lite?${chosen}:m;window.banxiePane=lite?'lite':'full';for(var i=0;i<s.length;i++){var e=document.createElement('script');e.src=s[i];e.async=false;document.body.appendChild(e);}})();`;
        data.bodyTags.push({ tagName: 'script', voidTag: false, innerHTML: code, attributes: {}, meta: { plugin: 'PaneChooserPlugin' } });
        return data;
      });
    });
  }
}

function page(filename, template, chunks) {
  return new HtmlWebpackPlugin({ filename, template: path.join(root, template), chunks, scriptLoading: 'defer' });
}

/** The norms bundles: entry name → the page's <meta name> that tells the pane its file, and the global it sets.
 *  wps/norms is the same bundle inside wps/, which stands alone as the offline WPS add-in folder. */
const NORMS_ENTRIES = [
  ['norms', 'src/taskpane/normsBundle.ts', { library: { type: 'window', name: 'banxieNorms' } }],
  ['wps/norms', 'src/taskpane/normsBundle.ts', { library: { type: 'window', name: 'banxieNorms' } }],
  ['taskpane-lite-norms', 'src/taskpane-lite/normsBundle.ts', { layer: 'taskpane-lite', library: { type: 'window', name: 'banxieNormsLite' } }],
];

/** Each pane page names its norms bundles in <meta name="banxie-norms…" content="file">, relative to the page. */
/**
 * The WPS pane's lazily loaded chunks (its English strings, the official words for accept-next) inside wps/ as well:
 * the pane asks for them next to its own page (publicPath ''), and wps/ stands alone as WPS's offline add-in folder.
 * Copied once the content hashes are final (after OPTIMIZE_HASH), so the compression plugins compress the copies too.
 */
class CopyAsyncChunksPlugin {
  constructor(entry, dir) { this.entry = entry; this.dir = dir; }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('CopyAsyncChunksPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'CopyAsyncChunksPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_HASH + 1 }, () => {
        const entry = compilation.entrypoints.get(this.entry);
        if (!entry) return;
        for (const chunk of entry.chunks) {
          for (const lazy of chunk.getAllAsyncChunks()) {
            for (const file of lazy.files) {
              const copy = `${this.dir}/${file}`;
              const asset = compilation.getAsset(file);
              if (asset && !compilation.getAsset(copy)) compilation.emitAsset(copy, asset.source, asset.info);
            }
          }
        }
      });
    });
  }
}

class NormsFilesPlugin {
  constructor(pages) { this.pages = pages; }
  apply(compiler) {
    compiler.hooks.compilation.tap('NormsFilesPlugin', (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap('NormsFilesPlugin', (data) => {
        const wanted = this.pages[data.outputName];
        if (!wanted) return data;
        const folder = data.outputName.includes('/') ? data.outputName.slice(0, data.outputName.lastIndexOf('/') + 1) : '';
        for (const [meta, entryName] of Object.entries(wanted)) {
          const file = (compilation.entrypoints.get(entryName)?.getFiles() ?? []).find((f) => f.endsWith('.js'));
          if (!file) continue;
          const src = folder && file.startsWith(folder) ? file.slice(folder.length) : file;
          data.headTags.push({ tagName: 'meta', voidTag: true, attributes: { name: meta, content: src }, meta: { plugin: 'NormsFilesPlugin' } });
        }
        return data;
      });
    });
  }
}

/** https with office-addin-dev-certs where they can be installed; plain http (playground only) where not. */
async function devServerTransport() {
  if (process.env.BANXIE_HTTP === '1') return 'http';
  try {
    const devCerts = require('office-addin-dev-certs');
    return { type: 'https', options: await devCerts.getHttpsServerOptions() };
  } catch (err) {
    console.warn(`\n[banxie] 无法安装本机 HTTPS 开发证书，开发服务器改用 http（试验场可用；Office 需要 https 才能加载加载项）。\n` +
      `[banxie] Could not install the localhost HTTPS dev certificates (${err && err.message}); serving over plain http. ` +
      `The playground works; Office needs https to load the add-in.\n`);
    return 'http';
  }
}

const LITE = 'taskpane-lite';
const BROWSERS = require('./package.json').browserslist;
const CORE_JS = require('core-js/package.json').version;
/**
 * core-js modules that usage detection adds although nothing here needs them: it cannot tell arr.map from
 * an iterator helper, or any `new Set` from the new Set methods; IE11's and EdgeHTML's typed arrays, btoa, and
 * ES5 array, string, number and RegExp methods do what this code asks of them (core-js replaces them over
 * spec corner cases: Symbol.species, array length overflow, exotic whitespace, named groups). Nothing calls
 * .at() (usage detection takes the property `cut.at` in wordText.ts for it), and every sort here orders
 * distinct numbers, where the native sort's missing stability (what es.array.sort adds) cannot show. No class
 * here defines Symbol.hasInstance: swc's instanceof helper falls back to the operator without it.
 * es.regexp.test only makes test() call an overridden exec() (RegExp subclasses; none here), and brings
 * core-js's whole RegExp engine (es.regexp.exec and its helpers, ~1 KB gzipped) with it.
 * The ES5 Object and JSON methods IE11 has (keys, freeze, getPrototypeOf, getOwnPropertyNames/Descriptor,
 * toString, JSON.stringify) are replaced only for ES2015 corner cases this code never meets (primitives
 * passed as objects, Symbol keys, lone surrogates in JSON); `self` exists in every webview; nothing reads a
 * function's .name; nothing iterates a DOM collection (forEach/for-of on a NodeList: usage detection sees
 * every array forEach as one). Together ~1 KB gzipped, which the AIGC label and the self-check needed.
 * Reflect.construct only serves swc's super-call helper, which takes the plain `Super.apply(this)` path
 * anyway where Reflect.construct is core-js's (its object fails the helper's Boolean probe) or missing; no
 * class here extends a native one (transport.ts says why). Object.getOwnPropertyDescriptors only serves swc's
 * object-spread helper, which copies enumerable own keys without it: the same for the plain objects spread here.
 * Left out, they cost nothing at run time and ~42 KB gzipped in the lite pane.
 */
const CORE_JS_UNNEEDED = fs.readdirSync(path.join(root, 'node_modules/core-js/modules')).map((f) => f.replace(/\.js$/, '')).filter((m) =>
  /^es\.(iterator|typed-array|array-buffer|data-view)\./.test(m) || /^es\.set\..*\.v2$/.test(m) || /^web\.(dom-exception|btoa|atob)/.test(m) ||
  /^es\.regexp\.(exec|constructor|dot-all|sticky|flags|to-string)$/.test(m) || /^es\.string\.(replace|split|match|search|trim|anchor|big|blink|bold|fixed|fontcolor|fontsize|italics|link|small|strike|sub|sup)$/.test(m) ||
  /^es\.array\.(concat|filter|map|slice|splice|push|join)$/.test(m) ||
  ['es.number.constructor', 'es.error.cause', 'es.symbol.description', 'es.symbol.async-iterator',
    'es.array.at', 'es.string.at-alternative', 'es.array.sort', 'es.symbol.has-instance', 'es.function.has-instance', 'es.regexp.test',
    'es.object.keys', 'es.object.freeze', 'es.object.get-prototype-of', 'es.object.get-own-property-names', 'es.object.get-own-property-descriptor', 'es.object.to-string', 'es.json.stringify', 'web.self', 'es.function.name',
    'web.dom-collections.for-each', 'web.dom-collections.iterator', 'es.symbol.for', 'es.symbol.key-for', 'es.object.get-own-property-symbols', 'es.reflect.construct', 'es.reflect.to-string-tag', 'es.object.get-own-property-descriptors'].includes(m));
const CORE_JS_URL = fs.readdirSync(path.join(root, 'node_modules/core-js/modules')).map((f) => f.replace(/\.js$/, '')).filter((m) => /^web\.url/.test(m));

/**
 * What the lite layer's ES5 may take for granted about this code, so swc emits plain ES5 instead of helpers:
 * class fields and methods are assigned (no class here has a setter or getter of a field's name, and nothing
 * enumerates an instance with for-in), classes are never called without `new` nor extend a native class or
 * change their superclass, `document.all` is never tested with ?? or ?. (IE11 has it; nothing here reads it),
 * and nothing reads a function's length or name or calls an arrow with `new`. Every for…of iterates an array
 * (tests/unit/deploy/liteIteration.test.ts checks with the type checker), so it becomes an index loop instead of
 * the iterator protocol; spread and destructuring keep it. No object here defines Symbol.toPrimitive or a
 * valueOf that differs from its toString, so `${x}` may stay `"" + x`.
 */
const LITE_ASSUMPTIONS = {
  setPublicClassFields: true, setClassMethods: true, noClassCalls: true, constantSuper: true, superIsCallableConstructor: true,
  noDocumentAll: true, ignoreFunctionLength: true, ignoreFunctionName: true, noNewArrows: true, iterableIsArray: true,
  ignoreToPrimitiveHint: true,
};
/**
 * What the lite layer takes from IE11 itself. Its own Map and Set do what this code asks of them: get, set, has,
 * add, delete, clear, size and forEach. core-js replaces them for what they lack — a constructor that takes
 * entries, iteration, set() and add() returning the collection — which the lite layer never uses, except spreading
 * a Set, which swc's helper does with forEach there (src/taskpane-lite/iterableToArray.js). ~1.7 KB gzipped.
 * No Symbol either (~1.3 KB): nothing here calls it, for…of is an index loop (LITE_ASSUMPTIONS), spread and
 * destructuring take only arrays, Maps and Sets, swc's helpers ask `typeof Symbol` first, and core-js's own
 * iterators (Array.from of a string, Promise.all) use its internal keys. Checked by
 * tests/unit/deploy/liteIteration.test.ts (type checker) and tests/e2e/liteTrident.test.ts (an IE11-shaped window).
 */
const CORE_JS_LITE_NATIVE = ['es.map', 'es.map.constructor', 'es.set', 'es.set.constructor', 'es.symbol', 'es.symbol.constructor', 'es.symbol.iterator'];
/**
 * swc transforms the lite layer skips: `typeof x` and `x instanceof C` stay the operators (typeof-symbol wraps the
 * one for 'symbol' and the other for Symbol.hasInstance; the lite layer has no Symbol, see CORE_JS_LITE_NATIVE).
 */
const LITE_TRANSFORMS_UNNEEDED = ['transform-typeof-symbol'];

/**
 * swc rules for one layer: TypeScript sources, and every JavaScript file from node_modules (those ship
 * ES2020+ syntax such as ?. and ??). core-js itself and webpack's runtime helpers are left alone.
 */
function transpile(layer, browsers, dev) {
  // No pane needs core-js's URL (~9 KB gzipped, with its punycode): the lite pane does without URL (settings.ts
  // checks addresses by pattern where URL cannot be constructed), and EdgeHTML 18's own URL does what this code asks
  // (resolve a relative address, read protocol, username, password); core-js replaces it over search-params corners,
  // punycode and `new URL('https://a@b')` throwing in Edge — which isValidServiceUrl reads as invalid, as it should.
  const exclude = [...CORE_JS_UNNEEDED, ...CORE_JS_URL, ...(browsers === 'lite' ? [...CORE_JS_LITE_NATIVE, ...LITE_TRANSFORMS_UNNEEDED] : [])];
  const env = { targets: BROWSERS[browsers].join(', '), mode: 'usage', coreJs: CORE_JS, exclude };
  const rule = (test, syntax, extra) => ({
    test,
    ...(layer ? { issuerLayer: layer } : {}),
    exclude: /node_modules[\\/](core-js|webpack)[\\/]/,
    use: { loader: 'swc-loader', options: { env, ...extra, jsc: { ...extra.jsc, parser: syntax, externalHelpers: true, ...(browsers === 'lite' ? { assumptions: LITE_ASSUMPTIONS } : {}) } } },
  });
  return [
    rule(/\.(ts|tsx)$/, { syntax: 'typescript', tsx: true }, { jsc: { transform: { react: { runtime: 'automatic', development: dev } } } }),
    // A CommonJS file stays CommonJS: polyfills come in as require() there ("unknown" lets swc tell).
    rule(/\.(js|mjs|cjs)$/, { syntax: 'ecmascript', jsx: false }, { isModule: 'unknown', jsc: {} }),
  ];
}

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode !== 'production';
  const entry = {};
  const pages = [];
  const add = (name, file, html, template, chunks = [name]) => {
    if (!exists(file)) return;
    entry[name] = path.join(root, file);
    if (html && exists(template)) pages.push(page(html, template, chunks));
  };
  add('taskpane', 'src/taskpane/index.tsx', 'taskpane.html', 'src/taskpane/taskpane.html', ['taskpane', LITE]);
  add('commands', 'src/commands/commands.ts', 'commands.html', 'src/commands/commands.html');
  // The keyboard-shortcut manifest (manifest-shortcuts.xml, scripts/manifest/sharedRuntime.ts) makes one page the
  // shared runtime, task pane and FunctionFile at once, so that page loads the commands bundle too. Every build
  // has it, so one release serves both manifests (issue 31 §1); taskpane.html stays as it was for the default one.
  if (exists('src/commands/commands.ts')) pages.push(page('taskpane-shared.html', 'src/taskpane/taskpane.html', ['commands', 'taskpane', LITE]));
  add('playground', 'src/playground/index.tsx', 'playground.html', 'src/playground/playground.html', [LITE, 'playground']);
  // WPS loads its own add-in page (ribbon callbacks) and the same pane bundle, without office.js.
  // Its bundles live inside wps/ so that folder alone is the offline add-in package.
  add('wps/main', 'src/hosts/wps/addin/main.ts', 'wps/index.html', 'src/hosts/wps/addin/index.html');
  add('wps/taskpane', 'src/taskpane/index.tsx', 'wps/taskpane.html', 'src/taskpane/taskpane.html');

  // The lite pane (ES5, plain DOM) for Word's Trident webview: its own layer, so the modules it shares
  // with the full pane are compiled a second time for ES5 (see the module rules).
  if (exists('src/taskpane-lite/index.ts')) entry[LITE] = { import: path.join(root, 'src/taskpane-lite/index.ts'), layer: LITE };
  // The format checker (issue 26) as bundles of their own, which the panes load when the checks first run: not in
  // the panes' initial bundles (their budgets), and not as an import() chunk, which would share modules with the
  // pane and so keep webpack from concatenating them (measured: +5 KB gzipped on the full pane). NORMS_FILES below.
  for (const [name, file, extra] of NORMS_ENTRIES) {
    if (exists(file)) entry[name] = { import: path.join(root, file), ...extra };
  }

  const officeJsLocal = (env.officeJs || process.env.BANXIE_OFFICE_JS) === 'local';
  const copies = [
    officeJsLocal && { from: path.join(root, 'node_modules/@microsoft/office-js/dist'), to: OFFICE_JS_LOCAL_DIR, globOptions: { ignore: OFFICE_JS_LOCAL_IGNORE } },
    exists('assets') && { from: 'assets', to: 'assets' },
    exists('manifest.xml') && { from: 'manifest.xml', to: 'manifest.xml' },
    exists('src/hosts/wps/addin/ribbon.xml') && { from: 'src/hosts/wps/addin/ribbon.xml', to: 'wps/ribbon.xml' },
    exists('src/hosts/wps/addin/publish') && { from: 'src/hosts/wps/addin/publish', to: 'wps' },
  ].filter(Boolean);

  return {
    mode: dev ? 'development' : 'production',
    devtool: dev ? 'source-map' : false,
    context: root,
    entry,
    output: {
      path: env.outDir ? path.resolve(env.outDir) : path.join(root, 'dist'),
      filename: `${HASHED_NAME}.js`,
      chunkFilename: `${HASHED_NAME}.js`,
      // lazy chunks (English strings, official words, the lite pane's 诊断信息) load relative to the page, which
      // sits beside its bundles: 'auto' would need document.currentScript, which IE11 lacks
      publicPath: '',
      assetModuleFilename: `assets/${HASHED_NAME}[ext]`,
      clean: true,
    },
    resolve: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
    module: {
      // Everything Word and WPS load, dependencies included, is compiled down to package.json's browserslist:
      // "modern" (EdgeHTML 18: ES2017) for the full pane and pages, "lite" (Internet Explorer 11: ES5) for the
      // lite pane's layer; core-js adds what each file uses and its targets lack.
      rules: [{ oneOf: [...transpile(LITE, 'lite', dev), ...transpile(undefined, 'modern', dev)] }],
    },
    // webpack's own runtime code in every bundle: ES5, which the modern bundles run too.
    target: 'browserslist:lite',
    experiments: { layers: true },
    performance: { hints: false },
    plugins: [
      ...pages,
      new FolderLocalScriptsPlugin('wps'),
      new PaneChooserPlugin({ 'taskpane.html': 'replace', 'taskpane-shared.html': 'replace', 'playground.html': 'add' }, LITE),
      // es.json.stringify is left out above (CORE_JS_UNNEEDED says why), but core-js's es.symbol (no longer in the lite
      // layer: CORE_JS_LITE_NATIVE) requires it itself: 1.4 KB gzipped of the lite pane, which the 规范 tab needed (issue 26). So does it
      // Symbol.for/keyFor (nothing here uses the symbol registry) and Object.getOwnPropertySymbols (only swc's
      // object-spread helper asks, and does without it; no object spread here has symbol keys): ~0.4 KB gzipped.
      new NormalModuleReplacementPlugin(/core-js[\\/]modules[\\/](es\.json\.stringify|es\.symbol\.(for|key-for)|es\.object\.get-own-property-symbols)\.js$/, path.join(root, 'src/taskpane-lite/noPolyfill.js')),
      // spreading IE11's own Set (CORE_JS_LITE_NATIVE above) in the lite layer
      new NormalModuleReplacementPlugin(/@swc[\\/]helpers[\\/]esm[\\/]_iterable_to_array\.js$/, (resolved) => {
        if (resolved.contextInfo.issuerLayer === LITE && resolved.createData?.resource) resolved.createData.resource = path.join(root, 'src/taskpane-lite/iterableToArray.js');
      }),
      new CopyAsyncChunksPlugin('wps/taskpane', 'wps'),
      new NormsFilesPlugin({
        'taskpane.html': { 'banxie-norms': 'norms', 'banxie-norms-lite': 'taskpane-lite-norms' },
        'taskpane-shared.html': { 'banxie-norms': 'norms', 'banxie-norms-lite': 'taskpane-lite-norms' },
        'playground.html': { 'banxie-norms': 'norms', 'banxie-norms-lite': 'taskpane-lite-norms' },
        'wps/taskpane.html': { 'banxie-norms': 'wps/norms' },
      }),
      new OfficeJsTagPlugin(['taskpane.html', 'taskpane-shared.html', 'commands.html'], officeJsLocal ? `${OFFICE_JS_LOCAL_DIR}/office.js` : OFFICE_JS_URL),
      copies.length && new CopyWebpackPlugin({ patterns: copies }),
      // Built once at build time, served as is; the dev server and e2e builds skip it.
      ...(dev ? [] : precompressed()),
    ].filter(Boolean),
    devServer: {
      port: DEV_PORT,
      host: 'localhost',
      hot: false,
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: process.env.WEBPACK_SERVE ? await devServerTransport() : 'http',
      proxy: [{ context: ['/v1', '/health'], target: SERVICE_URL }],
      static: false,
      client: { overlay: { warnings: false, errors: true } },
    },
  };
};
