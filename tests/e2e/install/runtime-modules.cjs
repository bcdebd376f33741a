#!/usr/bin/env node
// Stands in for `npm ci --omit=dev --omit=optional --ignore-scripts` on the build machine: the same
// packages (npm's own list of the runtime tree, from the same lock) copied from the checkout's
// node_modules into ./node_modules (hard links where the file system allows: the files are not changed
// afterwards), without a minute of npm and without the registry.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const repo = process.env.BANXIE_TEST_REPO;
const list = execFileSync('npm', ['ls', '--omit=dev', '--omit=optional', '--all', '--parseable'], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  .split('\n').filter((p) => p.startsWith(path.join(repo, 'node_modules') + path.sep)).sort();
const done = [];
for (const dir of list) {
  if (done.some((d) => dir.startsWith(d + path.sep))) continue; // came with its parent
  const to = path.join(process.cwd(), path.relative(repo, dir));
  fs.mkdirSync(path.dirname(to), { recursive: true });
  try { execFileSync('cp', ['-al', dir, to], { stdio: 'ignore' }); } catch { fs.cpSync(dir, to, { recursive: true, verbatimSymlinks: true }); }
  done.push(dir);
}
console.log(`added ${list.length} packages (copied from ${repo}/node_modules)`);
