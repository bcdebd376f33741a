// Builds the task pane, the ribbon commands page, the browser playground and the WPS add-in pages.
// `npm run dev-server` serves them over https (office-addin-dev-certs) with /v1 and /health proxied
// to the completion service, so the pane always talks to its own origin.
const path = require('path');
const fs = require('fs');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CompressionPlugin = require('compression-webpack-plugin');

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

function page(filename, template, chunks) {
  return new HtmlWebpackPlugin({ filename, template: path.join(root, template), chunks, scriptLoading: 'defer' });
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

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode !== 'production';
  const entry = {};
  const pages = [];
  const add = (name, file, html, template, chunks = [name]) => {
    if (!exists(file)) return;
    entry[name] = path.join(root, file);
    if (html && exists(template)) pages.push(page(html, template, chunks));
  };
  // Keyboard-shortcut build (`--env sharedRuntime`, scripts/build.mjs --shortcuts): the manifest makes
  // taskpane.html the one shared runtime and FunctionFile, so the page also loads the commands bundle.
  const sharedRuntime = !!env.sharedRuntime && exists('src/commands/commands.ts');
  add('taskpane', 'src/taskpane/index.tsx', 'taskpane.html', 'src/taskpane/taskpane.html', sharedRuntime ? ['commands', 'taskpane'] : ['taskpane']);
  add('commands', 'src/commands/commands.ts', 'commands.html', 'src/commands/commands.html');
  add('playground', 'src/playground/index.tsx', 'playground.html', 'src/playground/playground.html');
  // WPS loads its own add-in page (ribbon callbacks) and the same pane bundle, without office.js.
  // Its bundles live inside wps/ so that folder alone is the offline add-in package.
  add('wps/main', 'src/hosts/wps/addin/main.ts', 'wps/index.html', 'src/hosts/wps/addin/index.html');
  add('wps/taskpane', 'src/taskpane/index.tsx', 'wps/taskpane.html', 'src/taskpane/taskpane.html');

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
      assetModuleFilename: `assets/${HASHED_NAME}[ext]`,
      clean: true,
    },
    resolve: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
    module: {
      rules: [{
        test: /\.(ts|tsx)$/,
        exclude: /node_modules/,
        use: {
          loader: 'swc-loader',
          options: {
            jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic', development: dev } }, target: 'es2019' },
          },
        },
      }],
    },
    performance: { hints: false },
    plugins: [
      ...pages,
      new FolderLocalScriptsPlugin('wps'),
      new OfficeJsTagPlugin(['taskpane.html', 'commands.html'], officeJsLocal ? `${OFFICE_JS_LOCAL_DIR}/office.js` : OFFICE_JS_URL),
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
