// `npm run sideload` (desktop Word) and `npm run sideload:web -- --document <url>` (Word on the web),
// through office-addin-debugging, which is an optional dependency: it cannot install on Linux (see README).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = process.argv[2] === 'web' ? 'web' : 'desktop';
const extra = process.argv.slice(3);
const cli = path.join(root, 'node_modules', 'office-addin-debugging', 'cli.js');
if (!fs.existsSync(cli)) {
  console.error(`office-addin-debugging 未安装（在 Linux 上无法安装；Word 只在 Windows/macOS 上运行）。
  · Windows/macOS：重新运行 npm install，它会安装这个可选依赖。
  · 任何系统：在 Word 网页版中 插入 › 加载项 › 上传我的加载项，选择 ${path.join(root, 'manifest.xml')}。
office-addin-debugging is not installed (it cannot install on Linux, where Word does not run).
  · On Windows/macOS: run npm install again; it installs this optional dependency.
  · Anywhere: in Word on the web, Insert › Add-ins › Upload My Add-in, and pick ${path.join(root, 'manifest.xml')}.`);
  process.exit(1);
}
if (target === 'web' && !extra.includes('--document')) {
  console.error('用法 / usage: npm run sideload:web -- --document <Word 网页版文档 URL / document URL>');
  process.exit(2);
}
const args = [cli, 'start', 'manifest.xml', target, '--app', 'word', '--no-debug', '--dev-server', 'npm run dev-server', '--dev-server-port', '3000', ...extra];
const res = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
process.exit(res.status ?? 1);
