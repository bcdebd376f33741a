// Our own WPS API interfaces (src/hosts/wps/wpsApi.ts) must accept the real thing as
// wps-jsapi-declare types it. Checked in a separate compilation: that package declares globals
// (Application, wps, Window.Application) that must not leak into the project's own type-check.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../../../..');

test('wps-jsapi-declare\'s Application fits WpsApplication', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-wps-compat-'));
  try {
    const api = path.join(root, 'src/hosts/wps/wpsApi').replace(/\\/g, '/');
    fs.writeFileSync(path.join(dir, 'compat.ts'), [
      '/// <reference types="wps-jsapi-declare" />',
      `import type { WpsApplication, WpsDocument } from '${api}';`,
      'declare const real: WPSMergedRoot;',
      'export const app: WpsApplication = real;',
      'export const doc: WpsDocument = real.ActiveDocument;',
      '',
    ].join('\n'));
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, skipLibCheck: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler',
        lib: ['ES2022', 'DOM'], types: [], typeRoots: [path.join(root, 'node_modules')],
      },
      files: ['compat.ts'],
    }));
    const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
    let out = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8' });
    } catch (e) {
      out = String((e as { stdout?: string }).stdout ?? e);
    }
    expect(out).toBe('');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
