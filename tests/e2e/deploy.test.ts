// The deployment as IT runs it: `npm run build --public-url <origin> --office-js local`, then one
// service process over TLS serving pages, manifest and API on one port. Chromium loads the task pane
// and the playground from that origin and must make no request anywhere else.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { freePort } from '../freePort';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app';
import { defaultConfig } from '../../src/server/config';
import { checkManifestFile } from '../../scripts/manifest/checkManifest';
import { caretToEnd, docText, launchBrowser, screenshot } from './helpers';

const root = path.resolve(__dirname, '../..');
let out: string;
let origin: string;
let app: FastifyInstance;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-deploy-'));
  const port = await freePort();
  // An IP origin keeps the test free of DNS tricks; a leftover localhost:3000 URL would still differ.
  origin = `https://127.0.0.1:${port}`;
  await run(process.execPath, [path.join(root, 'scripts/build.mjs'), '--public-url', origin, '--office-js', 'local', '--out-dir', out]);

  const tls = selfSignedCert(out);
  const config = { ...defaultConfig(), port, host: '127.0.0.1', staticDir: out, logLevel: 'silent' as const };
  app = await buildApp(config, { logger: false, https: tls });
  await app.listen({ port, host: '127.0.0.1' });
  browser = await launchBrowser();
  context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 900 } });
}, 600_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.close();
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

/** Opens a page recording every request it makes, and its script errors. */
async function open(pathname: string): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${origin}${pathname}`, { waitUntil: 'networkidle' });
  return { page, requests, errors };
}

const foreign = (urls: string[]) => urls.filter((u) => !u.startsWith(`${origin}/`) && !/^(data|blob|about):/.test(u));

test('the built manifest points only at the deployment origin and every URL in it is served', async () => {
  const manifest = path.join(out, 'manifest.xml');
  const xml = fs.readFileSync(manifest, 'utf8');
  expect(xml).not.toMatch(/localhost/);
  expect(checkManifestFile(manifest, { expectedBaseUrl: origin, files: { baseUrl: origin, rootDir: out, allFiles: true } })).toEqual([]);
  const urls = [...new Set([...xml.matchAll(/(?:DefaultValue|Value)="(https:\/\/[^"]+)"/g)].map((m) => m[1]))];
  expect(urls.length).toBeGreaterThan(10);
  for (const url of urls) {
    const res = await context.request.get(url);
    expect({ url, status: res.status() }).toEqual({ url, status: 200 });
    if (url.endsWith('.png')) expect(res.headers()['content-type']).toBe('image/png');
  }
});

test('one port answers /health, the API and the static files', async () => {
  const health = await context.request.get(`${origin}/health`);
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: 'ok' });
  const models = await context.request.get(`${origin}/v1/models`);
  expect(models.status()).toBe(200);
  expect(JSON.stringify(await models.json())).toContain('builtin');
  for (const file of ['/manifest.xml', '/taskpane.html', '/commands.html', '/playground.html', '/office-js/office.js', '/assets/support.html']) {
    const res = await context.request.get(`${origin}${file}`);
    expect({ file, status: res.status() }).toEqual({ file, status: 200 });
  }
});

test('bundles go brotli-compressed and cached for a year; pages and the rewritten manifest are revalidated and current', async () => {
  const bundle = fs.readdirSync(out).find((f) => /^taskpane\.[0-9a-f]{20}\.js$/.test(f))!;
  expect(fs.existsSync(path.join(out, `${bundle}.br`))).toBe(true);
  const js = await context.request.get(`${origin}/${bundle}`, { headers: { 'accept-encoding': 'br, gzip' } });
  expect(js.headers()['content-encoding']).toBe('br');
  expect(js.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  expect((await js.body()).equals(fs.readFileSync(path.join(out, bundle)))).toBe(true); // decoded, the same bytes
  const html = await context.request.get(`${origin}/taskpane.html`, { headers: { 'accept-encoding': 'br, gzip' } });
  expect(html.headers()['cache-control']).toBe('no-cache');
  expect(await html.text()).toContain(bundle);
  // build.mjs writes the manifest after webpack: a compressed copy of the source manifest must not shadow it
  const manifest = await context.request.get(`${origin}/manifest.xml`, { headers: { 'accept-encoding': 'br, gzip' } });
  expect(await manifest.text()).toBe(fs.readFileSync(path.join(out, 'manifest.xml'), 'utf8'));
  expect(manifest.headers()['cache-control']).toBe('no-cache');
});

test('intranet build: pages reference no outside URL, office.js is self-hosted', () => {
  // The detector itself must see an unquoted CDN reference, as a default (cdn) build would have.
  expect(refs('<script src=https://appsforoffice.microsoft.com/lib/1/hosted/office.js></script><link href="x.css">')).toEqual(['https://appsforoffice.microsoft.com/lib/1/hosted/office.js', 'x.css']);
  const html = fs.readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html') && !f.startsWith('office-js'));
  expect(html).toEqual(expect.arrayContaining(['taskpane.html', 'commands.html', 'playground.html']));
  for (const f of html) {
    const text = fs.readFileSync(path.join(out, f), 'utf8');
    expect({ f, refs: refs(text).filter((u) => /^(https?:)?\/\//i.test(u)) }).toEqual({ f, refs: [] });
  }
  expect(refs(fs.readFileSync(path.join(out, 'taskpane.html'), 'utf8'))).toContain('office-js/office.js');
  expect(refs(fs.readFileSync(path.join(out, 'commands.html'), 'utf8'))).toContain('office-js/office.js');
  expect(fs.existsSync(path.join(out, 'office-js', 'word-win32-16.01.js'))).toBe(true);
  expect(fs.existsSync(path.join(out, 'office-js', 'zh-cn', 'office_strings.js'))).toBe(true);
});

test('the task pane loads from the one origin, office.js included, and requests nothing elsewhere', async () => {
  const { page, requests } = await open('/taskpane.html');
  await page.waitForTimeout(1500); // let office.js and the pane settle (late loads would show up here)
  expect(requests).toContain(`${origin}/office-js/office.js`);
  expect(requests.filter((u) => new RegExp(`^${origin}/taskpane\\.[0-9a-f]{20}\\.js$`).test(u))).toHaveLength(1);
  expect(foreign(requests)).toEqual([]);
  await screenshot(page, 'deploy-taskpane');
  await page.close();
});

test('the playground from the same origin asks the API on that origin for a suggestion, and requests nothing elsewhere', async () => {
  const { page, requests, errors } = await open('/playground.html?doc=tongzhi');
  await page.waitForSelector('[data-testid="sim-doc"]');
  await caretToEnd(page);
  expect((await docText(page)).length).toBeGreaterThan(0);
  // What the engine answers is the engine's business (tests/e2e/playground.test.ts); here the point
  // is that the pane, served from this origin, reaches the API on this same origin and port.
  const answered = page.waitForResponse((r) => r.url() === `${origin}/v1/completions` && r.request().method() === 'POST', { timeout: 15_000 });
  await page.keyboard.type('现将有关事项通知如下：', { delay: 30 });
  const res = await answered;
  expect(res.status()).toBe(200);
  // the full pane streams (SSE, issue 24 §6): the `done` event carries the CompletionResponse
  const body = await res.text();
  const done = /event: done\ndata: (.*)\n/.exec(body)?.[1];
  expect(JSON.parse(done ?? body)).toMatchObject({ model: 'builtin', finishReason: expect.any(String) });
  expect(requests).toEqual(expect.arrayContaining([`${origin}/v1/models`, `${origin}/v1/privacy`]));
  await page.waitForTimeout(500);
  expect(foreign(requests)).toEqual([]);
  expect(errors).toEqual([]);
  await screenshot(page, 'deploy-playground');
  await page.close();
});

test('under a sub-path (an existing portal proxying /banxie/), the playground asks the API under that path, never the portal\'s own /v1', async () => {
  // the portal's reverse proxy, as deploy/nginx/banxie-subpath.conf does it: /banxie/x → the service's /x
  const portal = http.createServer((req, res) => {
    if (!req.url?.startsWith('/banxie/')) { res.writeHead(404).end('portal page'); return; }
    const up = https.request(`${origin}${req.url.slice('/banxie'.length)}`, { method: req.method, headers: { ...req.headers, host: new URL(origin).host }, rejectUnauthorized: false }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  await new Promise<void>((r) => portal.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(portal.address() as { port: number }).port}`;
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  try {
    // not 'networkidle': a busy machine (the whole suite on two cores) may never see 500 ms without a request
    const asked = Promise.all(['models', 'privacy'].map((r) => page.waitForRequest(`${base}/banxie/v1/${r}`, { timeout: 30_000 })));
    await page.goto(`${base}/banxie/playground.html?doc=tongzhi`, { waitUntil: 'load' });
    await page.waitForSelector('[data-testid="sim-doc"]');
    await asked;
    await page.waitForTimeout(500);
    expect(requests).toEqual(expect.arrayContaining([`${base}/banxie/v1/models`, `${base}/banxie/v1/privacy`]));
    expect(requests.filter((u) => u.startsWith(`${base}/v1/`))).toEqual([]);
  } finally {
    await page.close();
    await new Promise((r) => portal.close(r));
  }
});

test('the WPS pane finds every chunk it loads later (English, the official words) next to its page, inside wps/', () => {
  // the runtime names each lazily loaded chunk by its content hash; the pane asks for it relative to wps/taskpane.html
  const dir = path.join(out, 'wps');
  const files = fs.readdirSync(dir);
  const pane = files.find((f) => /^taskpane\.[0-9a-f]+\.js$/.test(f))!;
  const hashes = [...new Set([...fs.readFileSync(path.join(dir, pane), 'utf8').matchAll(/"([0-9a-f]{20})"/g)].map((m) => m[1]!))];
  expect(hashes.length).toBeGreaterThanOrEqual(2);
  expect(hashes.filter((h) => !files.some((f) => f.includes(`.${h}.js`)))).toEqual([]);
});

test('every bundle the deployment ships parses where it runs: ES2017 (EdgeHTML 18), the lite pane ES5 (IE11), within budget', () => {
  // office-js/ is Microsoft's own (it supports IE11 itself); everything else is built here.
  const files = fs.readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => !f.startsWith('office-js'));
  const isLite = (f: string): boolean => /(^|\/)taskpane-lite(\.[0-9a-f]+)?\.js$/.test(f);
  // the lite pane's norms bundle (issue 26) runs under IE11 too
  const isLiteNorms = (f: string): boolean => /(^|\/)taskpane-lite-norms(\.[0-9a-f]+)?\.js$/.test(f);
  // the lite pane's lazy chunks (its English strings) run in IE11 too
  const isLiteChunk = (f: string): boolean => /(^|\/)lite-[a-z-]+(\.[0-9a-f]+)?\.js$/.test(f);
  const js = files.filter((f) => f.endsWith('.js') && !f.startsWith('server'));
  expect(js.filter(isLite)).toHaveLength(1);
  expect(js.filter((f) => /(^|\/)(taskpane|commands|main)(\.[0-9a-f]+)?\.js$/.test(f)).length).toBeGreaterThanOrEqual(4);
  // The inline scripts of the pages Word loads run before any bundle, in every webview: ES5 too.
  const inline = path.join(out, '.inline-scripts');
  fs.mkdirSync(inline);
  for (const page of ['taskpane.html', 'commands.html']) {
    const html = fs.readFileSync(path.join(out, page), 'utf8');
    [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].forEach((m, i) => fs.writeFileSync(path.join(inline, `${page}.${i}.js`), m[1]!));
  }
  const inlineFiles = fs.readdirSync(inline).map((f) => path.join(inline, f));
  expect(inlineFiles.length).toBeGreaterThan(0);
  const esCheck = (level: string, paths: string[]) => spawnSync(process.execPath, [path.join(root, 'node_modules/es-check/lib/cli/index.js'), level, ...paths], { encoding: 'utf8' });
  expect(js.filter(isLiteChunk).length).toBeGreaterThanOrEqual(1);
  expect(js.filter(isLiteNorms)).toHaveLength(1);
  // each pane page names its norms bundles (relative to the page), and they are there — the WPS one inside wps/,
  // which must stand alone as the offline add-in folder
  for (const [page, metas] of [['taskpane.html', ['banxie-norms', 'banxie-norms-lite']], ['wps/taskpane.html', ['banxie-norms']]] as const) {
    const html = fs.readFileSync(path.join(out, page), 'utf8');
    for (const name of metas) {
      const src = new RegExp(`<meta name="?${name}"? content="?([^" >]+)`).exec(html)?.[1];
      expect({ page, name, exists: !!src && fs.existsSync(path.join(out, path.dirname(page), src)) }).toEqual({ page, name, exists: true });
    }
  }
  const modern = esCheck('es2017', js.filter((f) => !isLite(f) && !isLiteNorms(f) && !isLiteChunk(f)).map((f) => path.join(out, f)));
  expect({ status: modern.status, out: modern.status === 0 ? '' : modern.stdout + modern.stderr }).toEqual({ status: 0, out: '' });
  const lite = esCheck('es5', [...js.filter((f) => isLite(f) || isLiteNorms(f) || isLiteChunk(f)).map((f) => path.join(out, f)), ...inlineFiles]);
  expect({ status: lite.status, out: lite.status === 0 ? '' : lite.stdout + lite.stderr }).toEqual({ status: 0, out: '' });
  fs.rmSync(inline, { recursive: true });
  // The budgets: the lite pane ≤ 60 KB gzipped (58.8 in 2026-12; bench/bundle.ts says what the target is), the full pane (its bundle and page) ≤ 250 KB (230.3).
  const gzKB = (f: string): number => zlib.gzipSync(fs.readFileSync(path.join(out, f)), { level: 9 }).length / 1024;
  expect(gzKB(js.find(isLite)!)).toBeLessThanOrEqual(60);
  expect(gzKB(js.find((f) => /^taskpane(\.[0-9a-f]+)?\.js$/.test(f))!) + gzKB('taskpane.html')).toBeLessThanOrEqual(250);
});

test('?lite=1 loads the ES5 lite pane instead of the full one, from the one origin, without errors', async () => {
  const { page, requests, errors } = await open('/taskpane.html?lite=1');
  // Outside Word, the lite pane says where it must run (the same words as the full pane).
  await page.locator('[data-testid="no-host"]').waitFor({ timeout: 10_000 });
  expect(requests.some((u) => /\/taskpane-lite(\.[0-9a-f]+)?\.js$/.test(u))).toBe(true);
  expect(requests.some((u) => /\/taskpane(\.[0-9a-f]+)?\.js$/.test(u))).toBe(false);
  expect(foreign(requests)).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});

/** Every src/href value, quoted or not (the production build minifies HTML and drops quotes). */
function refs(html: string): string[] {
  return [...html.matchAll(/\s(?:src|href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/gi)].map((m) => m[1] ?? m[2] ?? m[3]);
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d) => { log += d; });
    child.stderr.on('data', (d) => { log += d; });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(args[0])} exited ${code}:\n${log}`))));
  });
}

/** A throwaway certificate for 127.0.0.1, as an IT department would use its own CA's. */
function selfSignedCert(dir: string): { cert: Buffer; key: Buffer } {
  const key = path.join(dir, 'tls.key');
  const cert = path.join(dir, 'tls.crt');
  const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl is needed for this test (apt-get install openssl): ${r.error?.message ?? r.stderr}`);
  const pair = { cert: fs.readFileSync(cert), key: fs.readFileSync(key) };
  // Not served: the test's key must not sit in the static folder while the server runs.
  fs.rmSync(key);
  fs.rmSync(cert);
  return pair;
}
