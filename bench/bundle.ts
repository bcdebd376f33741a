// `npm run bench -- bundle --json`: size of each page of a production build (the repo's own webpack.config.js,
// built into a temp dir), raw and gzipped, JS + HTML per entry. Targets: task pane ≤ 250 KB gzipped, lite pane
// ≤ 60 KB. Baseline, built in the same run: the webpack config of BASELINE_REF (default main) on today's
// sources, so the ratios show what the build settings cost (e.g. transpiling dependencies to ES2017).
// `--no-baseline` skips it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import webpack from 'webpack';

const root = path.resolve(__dirname, '..');
// The full pane measured 230.1 KB in 2026-12 (once 254.6, when the budget went to 255 for a while).
const TARGET_TASKPANE_KB = 250;
// 60 KB until 2026-12, then 65 while the lite pane gained the hardened marking reader with its IE11 fallbacks, the
// host's crash sweep and change watching (issue 28), one accept path and the shared receive policy (issue 32) —
// 65.3 KB. Then 62.8 KB: removing our own ghost lives in WordHost only (the pane-only host keeps the sweep of
// stray ghost controls), swc's assumptions for the lite layer (webpack.config.js LITE_ASSUMPTIONS), and core-js
// modules IE11 does not need for this code left out. Back to 60 (issue 25), measured 58.8 KB: for…of compiled as
// index loops over arrays (iterableIsArray, −1.0 KB with two smaller assumptions), and IE11's own Map and Set and
// no Symbol instead of core-js's (CORE_JS_LITE_NATIVE, −3.0 KB); tests/unit/deploy/liteIteration.test.ts and the
// Trident test's IE11-shaped window hold the code to what that allows.
const TARGET_LITE_KB = 60;

type MakeConfig = (env: object, argv: object) => webpack.Configuration | Promise<webpack.Configuration>;

/** A production build of the pages with the given webpack config module into outDir. */
export function buildPages(configFile: string, outDir: string): Promise<webpack.Stats> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(configFile) as MakeConfig;
  return Promise.resolve(makeConfig({ outDir }, { mode: 'production' })).then(
    (config) =>
      new Promise((resolve, reject) => {
        webpack(config, (err, stats) => {
          if (err) return reject(err);
          if (!stats || stats.hasErrors()) return reject(new Error(stats?.toString({ all: false, errors: true }) ?? 'no stats'));
          resolve(stats);
        });
      }),
  );
}

const kb = (n: number): number => Math.round((n / 1024) * 10) / 10;

interface Size {
  rawKB: number;
  gzKB: number;
}

/** Every JS file webpack emitted for each entry plus the entry's HTML page (when it has one). */
function sizes(stats: webpack.Stats, outDir: string): Record<string, Size> {
  const json = stats.toJson({ all: false, entrypoints: true, assets: false });
  const pages: Record<string, string> = { taskpane: 'taskpane.html', commands: 'commands.html', playground: 'playground.html', 'wps/main': 'wps/index.html', 'wps/taskpane': 'wps/taskpane.html' };
  const out: Record<string, Size> = {};
  for (const [name, ep] of Object.entries(json.entrypoints ?? {})) {
    const files = (ep.assets ?? []).map((a) => (typeof a === 'string' ? a : a.name)).filter((f) => f.endsWith('.js'));
    const html = pages[name];
    if (html && fs.existsSync(path.join(outDir, html))) files.push(html);
    let raw = 0;
    let gz = 0;
    for (const f of files) {
      const buf = fs.readFileSync(path.join(outDir, f));
      raw += buf.length;
      gz += zlib.gzipSync(buf, { level: 9 }).length;
    }
    out[name] = { rawKB: kb(raw), gzKB: kb(gz) };
  }
  return out;
}

async function measure(configFile: string): Promise<{ sizes: Record<string, Size>; buildMs: number }> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-bundle-'));
  try {
    const t0 = Date.now();
    const stats = await buildPages(configFile, outDir);
    return { sizes: sizes(stats, outDir), buildMs: Date.now() - t0 };
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

/** The baseline config, written next to the real one so its relative paths resolve the same. */
async function measureBaseline(ref: string): Promise<{ ref: string; sizes: Record<string, Size>; buildMs: number }> {
  const file = path.join(root, `.webpack.baseline.${process.pid}.config.js`);
  fs.writeFileSync(file, execFileSync('git', ['show', `${ref}:webpack.config.js`], { cwd: root }));
  try {
    return { ref, ...(await measure(file)) };
  } finally {
    fs.rmSync(file, { force: true });
  }
}

export default async function bundle(args: string[] = []): Promise<Record<string, unknown>> {
  const ref = process.env.BASELINE_REF || 'main';
  const baseline = args.includes('--no-baseline') ? null : await measureBaseline(ref);
  const now = await measure(path.join(root, 'webpack.config.js'));
  const gz = (name: string): number | null => now.sizes[name]?.gzKB ?? null;
  const ratios: Record<string, number> = {};
  for (const [name, s] of Object.entries(now.sizes)) {
    const b = baseline?.sizes[name];
    if (b) ratios[name] = Math.round((s.gzKB / b.gzKB) * 1000) / 1000;
  }
  const taskpaneGzKB = gz('taskpane');
  const liteGzKB = gz('taskpane-lite');
  return {
    taskpaneGzKB,
    liteGzKB,
    commandsGzKB: gz('commands'),
    playgroundGzKB: gz('playground'),
    sizes: now.sizes,
    buildMs: now.buildMs,
    baseline,
    gzRatioToBaseline: ratios,
    taskpaneTargetKB: TARGET_TASKPANE_KB,
    taskpaneWithinTarget: taskpaneGzKB !== null && taskpaneGzKB <= TARGET_TASKPANE_KB,
    liteTargetKB: TARGET_LITE_KB,
    liteWithinTarget: liteGzKB !== null && liteGzKB <= TARGET_LITE_KB,
  };
}
