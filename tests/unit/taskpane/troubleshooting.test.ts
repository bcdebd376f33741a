// docs/TROUBLESHOOTING.md explains every error code a user or IT can meet, in both languages: each code
// defined in the source (server, client, session, hosts, the pane-only reasons in the locales) must be
// there, so a new code cannot ship undocumented.
import fs from 'node:fs';
import path from 'node:path';
import zhCN from '../../../src/taskpane/locales/zh-CN';
import { INLINE_UNAVAILABLE } from '../../../src/core/session';
import { HOST_CALL_FAILED } from '../../../src/taskpane/diagnostics/DiagnosticsCollector';

const root = path.resolve(__dirname, '../../..');
const read = (p: string): string => fs.readFileSync(path.join(root, p), 'utf8');

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'locales' ? [] : sources(p);
    return /\.tsx?$/.test(d.name) ? [p] : [];
  });
}

/** the string members of a union type alias: `export type Name = | 'a' | 'b';` */
function unionMembers(src: string, name: string): string[] {
  const m = new RegExp(`export type ${name}\\s*=([^;]+);`).exec(src);
  if (!m) throw new Error(`type ${name} not found`);
  return [...m[1]!.matchAll(/'([^']+)'/g)].map((x) => x[1]!);
}

function definedCodes(): Set<string> {
  const codes = new Set<string>();
  for (const c of unionMembers(read('src/server/errors.ts'), 'ErrorCode')) codes.add(c);
  for (const c of unionMembers(read('src/core/client/transport.ts'), 'ClientErrorCode')) codes.add(c);
  for (const f of sources('src')) {
    const src = fs.readFileSync(path.join(root, f), 'utf8');
    for (const m of src.matchAll(/new (?:CompletionError|ApiError)\((?:\d+,\s*)?'([^']+)'/g)) codes.add(m[1]!);
    for (const m of src.matchAll(/\bcode: '([^']+)'/g)) codes.add(m[1]!);
  }
  // the pane-only reasons the hosts give, as the locales name them, and those the hosts use
  for (const k of Object.keys(zhCN.host)) codes.add(`host.${k}`);
  for (const f of sources('src/hosts')) for (const m of fs.readFileSync(path.join(root, f), 'utf8').matchAll(/'(host\.[A-Za-z]+)'/g)) codes.add(m[1]!);
  codes.add(INLINE_UNAVAILABLE);
  codes.add(HOST_CALL_FAILED);
  codes.add('unknown'); // the session's code for an error that carries none
  return codes;
}

const doc = read('docs/TROUBLESHOOTING.md');
const [zh, en] = doc.split(/^## English$/m);

test('the doc has a Chinese half first and an English half', () => {
  expect(zh).toMatch(/^## 中文$/m);
  expect(en).toBeDefined();
  expect(zh).toMatch(/\p{Script=Han}/u);
});

test('every error code defined in the code is documented, in both languages', () => {
  const codes = definedCodes();
  expect(codes.size).toBeGreaterThan(30);
  for (const [lang, half] of [['zh-CN', zh!], ['en', en!]] as const) {
    const missing = [...codes].filter((c) => !half.includes(`\`${c}\``));
    expect([lang, missing]).toEqual([lang, []]);
  }
});
