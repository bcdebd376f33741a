// `npm start`: the completion service (built-in engine) + the webpack dev server, then where to go next.
// On Windows/macOS with office-addin-debugging installed it also sideloads into desktop Word.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stateDir = path.join(root, '.banxie');
const SERVICE_PORT = Number(process.env.PORT || 3100);
const DEV_PORT = Number(process.env.BANXIE_DEV_PORT || 3000);
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

function run(name, cmd, args, env = {}) {
  const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
  const prefix = `[${name}] `;
  const pipe = (stream, out) => stream.on('data', (d) => {
    for (const line of String(d).split(/\r?\n/)) if (line.trim()) out.write(prefix + line + '\n');
  });
  pipe(child.stdout, process.stdout);
  pipe(child.stderr, process.stderr);
  child.on('exit', (code) => { if (code) console.error(`${prefix}exited with code ${code}`); });
  return child;
}

async function waitFor(url, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.ok || res.status < 500) return true;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

const service = run('service', bin('tsx'), ['src/server/main.ts'], { PORT: String(SERVICE_PORT) });
const dev = run('dev-server', bin('webpack'), ['serve', '--mode', 'development'], {
  BANXIE_DEV_PORT: String(DEV_PORT),
  BANXIE_SERVICE_URL: `http://127.0.0.1:${SERVICE_PORT}`,
});
fs.mkdirSync(stateDir, { recursive: true });
fs.writeFileSync(path.join(stateDir, 'pids.json'), JSON.stringify({ service: service.pid, dev: dev.pid }));

const stop = () => { service.kill(); dev.kill(); process.exit(0); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

const serviceUp = await waitFor(`http://127.0.0.1:${SERVICE_PORT}/health`, 60_000);
// the dev server answers on https when the dev certificates could be installed, else http
let devUrl = null;
for (let i = 0; i < 240 && !devUrl; i++) {
  for (const scheme of ['https', 'http']) {
    try {
      process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
      const res = await fetch(`${scheme}://localhost:${DEV_PORT}/playground.html`);
      if (res.ok) { devUrl = `${scheme}://localhost:${DEV_PORT}`; break; }
    } catch { /* not up yet */ }
  }
  if (!devUrl) await new Promise((r) => setTimeout(r, 500));
}

const manifest = path.join(root, 'manifest.xml');
console.log(`
────────────────────────────────────────────────────────────
 伴写 Banxie is running / 已启动
   completion service 补全服务:  http://127.0.0.1:${SERVICE_PORT}  (${serviceUp ? 'ok' : 'NOT answering'})
   playground 试验场:            ${devUrl ? `${devUrl}/playground.html` : '(dev server not answering yet)'}
   manifest 清单:                ${manifest}
 Sideload into Word 旁加载到 Word:
   Windows/macOS desktop:  npm run sideload
   Word on the web:        npm run sideload:web -- --document <document URL>
   (or upload manifest.xml: 插入 › 加载项 › 上传我的加载项 / Insert › Add-ins › Upload My Add-in)
 Stop 停止:  Ctrl+C  or  npm stop
────────────────────────────────────────────────────────────`);
if (devUrl?.startsWith('http:')) {
  console.log(' 注意：开发服务器使用 http，Office 需要 https 才能加载加载项。 / Note: http only — Office needs https to load the add-in.');
}

if ((process.platform === 'win32' || process.platform === 'darwin') && fs.existsSync(path.join(root, 'node_modules', 'office-addin-debugging'))) {
  run('sideload', process.execPath, [path.join(root, 'scripts', 'sideload.mjs'), 'desktop']);
}
