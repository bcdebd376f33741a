// An update reaches the clerk at the next pane open, with no "clear the cache": two builds of the pane
// that differ in one line, the second deployed over the first while a Chromium keeps its HTTP cache.
// Between the two, a repeat open fetches nothing but the page (the bundle is cached as immutable).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import webpack from 'webpack';
import { buildApp } from '../../src/server/app';
import { defaultConfig } from '../../src/server/config';
import { launchBrowser } from './helpers';

const root = path.resolve(__dirname, '../..');
let tmp: string;
let served: string;
let app: FastifyInstance;
let origin: string;
let browser: Browser;
let context: BrowserContext;
const hits: string[] = [];

/**
 * The task pane alone, built as the repo builds it, with one more module first: `window.banxieRelease = N`
 * (a source change; a banner added after hashing would not change the name, and is not what a release is).
 * No office.js tag: it is not this test's subject, and Microsoft's CDN is out of reach here.
 */
async function buildRelease(release: number, outDir: string): Promise<void> {
  const marker = path.join(tmp, `release-${release}.js`);
  fs.writeFileSync(marker, `window.banxieRelease = ${release};\n`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(root, 'webpack.config.js'));
  // production, as deployed (a development bundle, ~7 MB, is over what an incognito Chromium's memory cache keeps per entry)
  const config = await makeConfig({ outDir }, { mode: 'production' });
  config.devtool = false;
  config.entry = { taskpane: [marker, config.entry.taskpane] };
  config.plugins = config.plugins.filter((p: { constructor: { name: string }; userOptions?: { filename?: string } }) =>
    p.constructor.name !== 'OfficeJsTagPlugin' && (!p.userOptions?.filename || p.userOptions.filename === 'taskpane.html'));
  await new Promise<void>((resolve, reject) => webpack(config, (err, stats) => {
    if (err) return reject(err);
    if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
    resolve();
  }));
}

/** Replaces the served folder's contents with a build, as IT copies a new release in. */
function deploy(from: string): void {
  for (const f of fs.readdirSync(served)) fs.rmSync(path.join(served, f), { recursive: true, force: true });
  fs.cpSync(from, served, { recursive: true });
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-update-'));
  served = path.join(tmp, 'served');
  fs.mkdirSync(served);
  await buildRelease(1, path.join(tmp, 'r1'));
  await buildRelease(2, path.join(tmp, 'r2'));
  deploy(path.join(tmp, 'r1'));
  app = await buildApp({ ...defaultConfig(), staticDir: served, logLevel: 'silent' });
  // What reached the server (a cached file does not): path and status.
  app.addHook('onResponse', async (req, reply) => {
    const url = req.url.split('?')[0];
    if (url !== '/favicon.ico') hits.push(`${url} ${reply.statusCode}`);
  });
  origin = await app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
  // No context.route(): Playwright turns the HTTP cache off when routing is on.
  context = await browser.newContext();
}, 600_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** One pane open in the clerk's browser (its cache kept between opens): the release that runs, and what reached the server. */
async function openPane(): Promise<{ release: unknown; requests: string[] }> {
  hits.length = 0;
  const page: Page = await context.newPage();
  await page.goto(`${origin}/taskpane.html`);
  await page.waitForSelector('[data-testid="no-host"]');
  // the page's lazily loaded chunks (the English strings for an English browser) arrive before it closes: a close
  // that cut one off left it uncached, and the next open fetched it — a race, not an update
  await page.waitForLoadState('networkidle');
  const release = await page.evaluate(() => (window as unknown as { banxieRelease?: number }).banxieRelease);
  await page.close();
  return { release, requests: [...hits] };
}

const bundleOf = (dir: string) => fs.readdirSync(dir).find((f) => /^taskpane\.[0-9a-f]{20}\.js$/.test(f))!;

test('the two builds name their bundles differently (the name is the content)', () => {
  expect(bundleOf(path.join(tmp, 'r1'))).not.toBe(bundleOf(path.join(tmp, 'r2')));
});

test('first open loads release 1; a repeat open asks only whether the page changed', async () => {
  const first = await openPane();
  expect(first.release).toBe(1);
  expect(first.requests).toEqual(expect.arrayContaining(['/taskpane.html 200', `/${bundleOf(path.join(tmp, 'r1'))} 200`]));
  const repeat = await openPane();
  expect(repeat.release).toBe(1);
  expect(repeat.requests).toEqual(['/taskpane.html 304']);
});

test('after release 2 is deployed, the very next open runs release 2', async () => {
  deploy(path.join(tmp, 'r2'));
  const next = await openPane();
  expect(next.release).toBe(2);
  expect(next.requests).toEqual(['/taskpane.html 200', `/${bundleOf(path.join(tmp, 'r2'))} 200`]);
  expect((await openPane()).requests).toEqual(['/taskpane.html 304']);
});
