// docs/WPS.md's oem.ini commands, run as written on the oem.ini files machines really have: WPS must end
// up with JS add-ins on and the central list named, and nothing else in the file may change.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const guide = fs.readFileSync(path.resolve(__dirname, '../../../docs/WPS.md'), 'utf8');
const [zh, en] = guide.split(/^## English$/m);
const oemBlock = (text: string): string => {
  const m = /```bash\n(BANXIE_URL=[^\n]*\nOEM=[\s\S]*?)```/.exec(text);
  if (!m) throw new Error('docs/WPS.md has no oem.ini block');
  return m[1];
};
const code = (s: string) => s.split('\n').map((l) => l.replace(/\s+#.*$/, '')).join('\n');

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-oem-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(initial: string, times = 1): string {
  const file = path.join(dir, 'oem.ini');
  fs.writeFileSync(file, initial);
  const script = oemBlock(en)
    .replace(/^BANXIE_URL=\S+/m, 'BANXIE_URL=https://portal.example.gov.cn/banxie')
    .replace(/^OEM=\S+/m, `OEM=${file}`);
  for (let i = 0; i < times; i++) {
    const r = spawnSync('bash', ['-euo', 'pipefail', '-c', script], { encoding: 'utf8' });
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  }
  return fs.readFileSync(file, 'utf8');
}
const lines = (ini: string) => ini.split('\n').filter(Boolean);

it('gives the same commands in 中文 and English', () => {
  expect(code(oemBlock(zh))).toBe(code(oemBlock(en)));
});

it.each([
  ['an empty oem.ini', ''],
  ['one with [Support] only', '[Support]\nJsApiShowWebDebugger=true\n'],
  ['one that had the add-ins off and another list', '[Setup]\nLang=zh_CN\n[Support]\nJsApiPlugin=false\n[Server]\nJSPluginsServer=http://old.example/jsplugins.xml\nOther=1\n'],
])('%s ends with JsApiPlugin=true and the central list, the rest kept, and a second run changes nothing', (_name, initial) => {
  const once = run(initial);
  const ini = lines(once);
  expect(ini.slice(ini.indexOf('[Support]') + 1)).toContain('JsApiPlugin=true');
  expect(ini[ini.indexOf('[Server]') + 1]).toBe('JSPluginsServer=https://portal.example.gov.cn/banxie/wps/jsplugins.xml');
  expect(ini.filter((l) => l.startsWith('JsApiPlugin=') || l.startsWith('JSPluginsServer='))).toHaveLength(2);
  for (const kept of lines(initial).filter((l) => !/^(JsApiPlugin|JSPluginsServer)=/.test(l))) expect(ini).toContain(kept);
  expect(fs.readFileSync(path.join(dir, 'oem.ini.bak'), 'utf8')).toBe(initial);
  expect(run(initial, 2)).toBe(once);
});
