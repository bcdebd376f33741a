// src/core is the room every other room builds on (pane, hosts, server, engine); it must import
// nothing from them, or a host's Office.js or the server's Fastify would leak into every bundle.
import * as fs from 'fs';
import * as path from 'path';

const CORE = path.resolve(__dirname, '../../../src/core');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function relativeImports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']*)'/g)].map((m) => m[1]!);
}

test('no module under src/core imports from outside src/core', () => {
  const files = sourceFiles(CORE);
  expect(files.length).toBeGreaterThan(10);
  const escapes = files.flatMap((file) =>
    relativeImports(file)
      .filter((spec) => !path.resolve(path.dirname(file), spec).startsWith(CORE + path.sep))
      .map((spec) => `${path.relative(CORE, file)} → ${spec}`),
  );
  expect(escapes).toEqual([]);
});
