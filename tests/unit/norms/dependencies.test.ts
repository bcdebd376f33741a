// DESIGN.md's dependency rule for norms: it imports nothing from hosts, taskpane, server or a runtime
// API — only itself and core (the digest it reads) — so both panes and the CLI can use it.
import fs from 'node:fs';
import path from 'node:path';

const dir = path.join(__dirname, '../../../src/norms');

test.each(fs.readdirSync(dir).filter((f) => f.endsWith('.ts')))('src/norms/%s imports only norms and core', (file) => {
  const src = fs.readFileSync(path.join(dir, file), 'utf8');
  const specifiers = [...src.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  expect(specifiers.filter((s) => !(s.startsWith('./') || s.startsWith('../core/') || s === '../core'))).toEqual([]);
  expect(src).not.toMatch(/\b(?:Office|Word|window|document|process|require)\s*[.(]/);
});
