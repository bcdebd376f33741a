// `npm run package` refuses what it cannot make, with a sentence, before any build. The whole release
// (built, unpacked, installed and served through nginx) is tests/e2e/install.test.ts.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const pack = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [path.join(root, 'scripts/package.mjs'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, BANXIE_PUBLIC_URL: '', ...env }, timeout: 60_000 });

let out: string;
beforeEach(() => { out = fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-pack-')); });
afterEach(() => fs.rmSync(out, { recursive: true, force: true }));

it.each([
  [[], /--public-url is required/],
  [['--public-url', 'http://banxie.example'], /must be https/],
  [['--public-url', 'https://banxie.example', '--version', '1.0; rm -rf /'], /not a version/],
  [['--public-url', 'https://banxie.example', '--pages-from', '/nonexistent'], /holds no taskpane\.html/],
  [['--public-url', 'https://banxie.example', '--office-js', 'nearby'], /local or cdn/],
  [['--public-url', 'https://banxie.example', '--frobnicate'], /unknown option/],
])('refuses %j with a message and writes nothing', (args, message) => {
  const r = pack([...args, '--out', out]);
  expect(r.status).not.toBe(0);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(fs.readdirSync(out)).toEqual([]);
});

it('says how to get 7-Zip when none is installed, before building anything', () => {
  // a PATH with node and nothing else (node may live in /usr/bin, next to 7zz)
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-bin-'));
  fs.symlinkSync(process.execPath, path.join(bin, 'node'));
  const r = pack(['--public-url', 'https://banxie.example', '--out', out], { PATH: bin, BANXIE_7Z: '' });
  fs.rmSync(bin, { recursive: true, force: true });
  expect(r.status).not.toBe(0);
  expect(r.stderr).toMatch(/apt-get install 7zip/);
  expect(fs.readdirSync(out)).toEqual([]);
});
