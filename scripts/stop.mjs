// `npm stop`: stops what `npm start` started and unregisters a sideloaded add-in where that tool exists.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pidsFile = path.join(root, '.banxie', 'pids.json');
if (fs.existsSync(pidsFile)) {
  const pids = JSON.parse(fs.readFileSync(pidsFile, 'utf8'));
  for (const [name, pid] of Object.entries(pids)) {
    try { process.kill(pid, 'SIGTERM'); console.log(`stopped ${name} (${pid})`); } catch { /* already gone */ }
  }
  fs.rmSync(pidsFile);
} else {
  console.log('Nothing to stop: npm start is not running. 没有正在运行的 npm start。');
}
if (fs.existsSync(path.join(root, 'node_modules', 'office-addin-debugging'))) {
  spawnSync(process.execPath, [path.join(root, 'node_modules', 'office-addin-debugging', 'cli.js'), 'stop', 'manifest.xml'], { cwd: root, stdio: 'inherit' });
}
