// `npm run bench -- bundle --json`: gzipped size of each page of a production build (the repo's own
// webpack.config.js, built into a temp dir), JS + HTML per entry. Target: task pane ≤ 250 KB gzipped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import webpack from 'webpack';

const root = path.resolve(__dirname, '..');
const TARGET_TASKPANE_KB = 250;

function build(outDir: string): Promise<webpack.Stats> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(root, 'webpack.config.js')) as (env: object, argv: object) => webpack.Configuration | Promise<webpack.Configuration>;
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

const gzKB = (file: string): number => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length / 1024;
const round = (n: number): number => Math.round(n * 10) / 10;

export default async function bundle(): Promise<Record<string, unknown>> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-bundle-'));
  try {
    const stats = await build(outDir);
    const json = stats.toJson({ all: false, entrypoints: true, assets: false });
    // every file webpack emitted for the entry (its chunks) plus the entry's HTML page
    const entrySize = (name: string, html: string): number | null => {
      const ep = json.entrypoints?.[name];
      if (!ep) return null;
      const files = (ep.assets ?? []).map((a) => (typeof a === 'string' ? a : a.name)).filter((f) => f.endsWith('.js'));
      const htmlPath = path.join(outDir, html);
      let kb = files.reduce((sum, f) => sum + gzKB(path.join(outDir, f)), 0);
      if (fs.existsSync(htmlPath)) kb += gzKB(htmlPath);
      return round(kb);
    };
    const taskpaneGzKB = entrySize('taskpane', 'taskpane.html');
    return {
      taskpaneGzKB,
      commandsGzKB: entrySize('commands', 'commands.html'),
      playgroundGzKB: entrySize('playground', 'playground.html'),
      taskpaneTargetKB: TARGET_TASKPANE_KB,
      taskpaneWithinTarget: taskpaneGzKB !== null && taskpaneGzKB <= TARGET_TASKPANE_KB,
    };
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}
