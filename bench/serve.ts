// `npm run bench -- serve --json`: bytes on the wire and time to a rendered task pane in Chromium, first
// and repeat open, over a link throttled to 2 Mbit/s and 100 ms round trip (CDP network emulation).
// The service (hashed names, brotli/gzip made at build time, immutable bundles) against a baseline in
// the same run: the same build served as the hand-written handler did before issue 18 (unhashed names,
// uncompressed, every file revalidated), both with the same API behind them.
//
// The page is the WPS pane (wps/taskpane.html): the same pane bundle as Word's taskpane.html, without
// office.js, whose bytes come from Microsoft's CDN and not from this service. A WPS simulator stands in
// for window.Application so the real pane mounts. Options: --rounds N (default 3).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Browser, BrowserContext } from 'playwright-core';
import webpack from 'webpack';
import { buildApp } from '../src/server/app';
import { defaultConfig } from '../src/server/config';
import { errorBody, pickLang } from '../src/server/errors';
import { HASHED } from '../src/server/static';
import { launchBrowser } from '../tests/e2e/helpers';

const root = path.resolve(__dirname, '..');
const PAGE = '/wps/taskpane.html';
const RENDERED = '[data-testid="tab-main"]';
// 2 Mbit/s both ways, 100 ms round trip: a county intranet link.
const LINK = { offline: false, latency: 100, downloadThroughput: 2_000_000 / 8, uploadThroughput: 2_000_000 / 8 };
const TARGETS = { firstOpenBytes: 250 * 1024, repeatOpenBytes: 10 * 1024, firstOpenSpeedup: 2 };

interface Open { bytes: number; ms: number }

export default async function serveBench(args: string[]): Promise<Record<string, unknown>> {
  const rounds = Number(args[args.indexOf('--rounds') + 1]) || 3;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-serve-bench-'));
  const servers: FastifyInstance[] = [];
  let browser: Browser | undefined;
  try {
    const built = path.join(tmp, 'built');
    await buildPages(built);
    const legacy = path.join(tmp, 'legacy');
    unhashedCopy(built, legacy);

    const config = { ...defaultConfig(), port: 0, logLevel: 'silent' as const, rateLimit: { max: 1e6, windowMs: 60_000 } };
    const service = await buildApp({ ...config, staticDir: built });
    const baseline = await buildApp(config);
    legacyStaticFiles(baseline, legacy);
    servers.push(service, baseline);
    const [serviceUrl, baselineUrl] = await Promise.all(servers.map(async (s) => s.listen({ port: 0, host: '127.0.0.1' })));

    const simulator = await wpsSimulatorScript();
    browser = await launchBrowser();
    const runs: Record<'service' | 'baseline', { first: Open[]; repeat: Open[] }> = { service: { first: [], repeat: [] }, baseline: { first: [], repeat: [] } };
    // Interleaved, each round in fresh browser contexts (empty caches): the machine's noise hits both.
    for (let i = 0; i < rounds; i++) {
      for (const [name, url] of [['baseline', baselineUrl], ['service', serviceUrl]] as const) {
        const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
        await context.addInitScript({ content: simulator });
        runs[name].first.push(await open(context, url + PAGE));
        runs[name].repeat.push(await open(context, url + PAGE));
        await context.close();
      }
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const summary = (r: { first: Open[]; repeat: Open[] }) => ({
      firstOpenBytes: median(r.first.map((o) => o.bytes)),
      repeatOpenBytes: median(r.repeat.map((o) => o.bytes)),
      firstOpenMs: Math.round(median(r.first.map((o) => o.ms))),
      repeatOpenMs: Math.round(median(r.repeat.map((o) => o.ms))),
    });
    const s = summary(runs.service);
    const b = summary(runs.baseline);
    const ratio = (x: number, y: number): number => Math.round((x / Math.max(y, 1)) * 100) / 100;
    const ratios = {
      firstOpenBytes: ratio(b.firstOpenBytes, s.firstOpenBytes),
      repeatOpenBytes: ratio(b.repeatOpenBytes, s.repeatOpenBytes),
      firstOpenSpeedup: ratio(b.firstOpenMs, s.firstOpenMs),
      repeatOpenSpeedup: ratio(b.repeatOpenMs, s.repeatOpenMs),
    };
    return {
      ...s,
      baseline: b,
      ratios,
      targetsMet: {
        firstOpenBytes: s.firstOpenBytes <= TARGETS.firstOpenBytes,
        repeatOpenBytes: s.repeatOpenBytes <= TARGETS.repeatOpenBytes,
        firstOpenSpeedup: ratios.firstOpenSpeedup >= TARGETS.firstOpenSpeedup,
      },
      page: PAGE,
      link: '2 Mbit/s, 100 ms RTT',
      rounds,
      // Time to a rendered pane includes parsing and running the bundle: on a busy machine that part is slow for both.
      loadAverage: Math.round(os.loadavg()[0] * 10) / 10,
    };
  } finally {
    await browser?.close();
    await Promise.all(servers.map((s) => s.close()));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** One pane open in a new tab of `context` (its HTTP cache kept): bytes received and ms to the rendered pane. */
async function open(context: BrowserContext, url: string): Promise<Open> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', LINK);
  let bytes = 0;
  // encodedDataLength: what crossed the wire for the response, headers included; 0 when served from cache.
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => { bytes += e.encodedDataLength; });
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForSelector(RENDERED, { timeout: 60_000 });
  const ms = Date.now() - t0;
  // Requests the rendered pane still makes (the API) count too; let them finish.
  await page.waitForLoadState('networkidle');
  await page.close();
  return { bytes, ms };
}

function buildPages(outDir: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(root, 'webpack.config.js')) as (env: object, argv: object) => Promise<webpack.Configuration>;
  return makeConfig({ outDir }, { mode: 'production' }).then((config) => new Promise((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (!stats || stats.hasErrors()) return reject(new Error(stats?.toString({ all: false, errors: true }) ?? 'no stats'));
      resolve();
    });
  }));
}

/** The build as it was before issue 18: no .br/.gz copies, bundles named without their hash. */
function unhashedCopy(from: string, to: string): void {
  const renames = new Map<string, string>();
  const files = (fs.readdirSync(from, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => fs.statSync(path.join(from, f)).isFile());
  for (const f of files) {
    if (/\.(br|gz)$/.test(f)) continue;
    const plain = HASHED.test(path.basename(f)) ? f.replace(/\.[0-9a-f]{20}(\.[a-z0-9]+)$/i, '$1') : f;
    if (plain !== f) renames.set(path.basename(f), path.basename(plain));
    fs.mkdirSync(path.dirname(path.join(to, plain)), { recursive: true });
    fs.copyFileSync(path.join(from, f), path.join(to, plain));
  }
  for (const f of files.filter((x) => x.endsWith('.html'))) {
    let html = fs.readFileSync(path.join(to, f), 'utf8');
    for (const [hashed, plain] of renames) html = html.split(hashed).join(plain);
    fs.writeFileSync(path.join(to, f), html);
  }
}

/** window.Application for the page: the WPS simulator, bundled for the browser. */
async function wpsSimulatorScript(): Promise<string> {
  const out = await esbuild.build({
    stdin: {
      contents: "import { createWpsSimulator } from './src/simulators/wps/WpsSimulator';\n(window as unknown as { Application: unknown }).Application = createWpsSimulator().Application;\n",
      resolveDir: root, loader: 'ts', sourcefile: 'wps-simulator-entry.ts',
    },
    bundle: true, format: 'iife', platform: 'browser', target: 'es2019', write: false, logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

/**
 * The static handler the service had before issue 18 (src/server/static.ts at 2f6f293), kept here as the
 * baseline: uncompressed, `no-cache` on every file, weak ETag from size and mtime.
 */
function legacyStaticFiles(app: FastifyInstance, dir: string): void {
  const TYPES: Record<string, string> = {
    '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
    '.json': 'application/json; charset=utf-8', '.xml': 'application/xml; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
  };
  const rootDir = path.resolve(dir);
  app.get('/*', async (req: FastifyRequest, reply: FastifyReply) => {
    const notFound = (): void => { reply.code(404).send(errorBody('not_found', pickLang(req.headers['accept-language']))); };
    const file = path.resolve(rootDir, `.${decodeURIComponent(req.url.split('?')[0] ?? '/')}`);
    if (!file.startsWith(rootDir + path.sep)) return notFound();
    let st: fs.Stats;
    try { st = await fs.promises.stat(file); } catch { return notFound(); }
    if (!st.isFile()) return notFound();
    const etag = `W/"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
    reply.header('etag', etag).header('cache-control', 'no-cache')
      .header('content-type', TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream');
    if (req.headers['if-none-match'] === etag) { reply.code(304).send(); return; }
    reply.header('content-length', st.size);
    return reply.send(fs.createReadStream(file));
  });
}
