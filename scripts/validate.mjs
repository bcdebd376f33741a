#!/usr/bin/env node
// `npm run validate [-- FILE] [--offline]`: checks the manifest that will be deployed (dist/manifest.xml
// by default, as `npm run build` wrote it), first offline — strict XML as Word parses it, then the
// structural rules — and then with Microsoft's online validator unless --offline (it needs internet).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const offline = args.includes('--offline');
const file = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(root, 'dist/manifest.xml'));

if (!fs.existsSync(file)) {
  console.error(`校验失败 / validate: ${path.relative(process.cwd(), file)} does not exist. Run \`npm run build -- --public-url https://your.server/banxie\` first (it writes dist/manifest.xml), or name the file: npm run validate -- path/to/manifest.xml`);
  process.exit(2);
}
const { checkManifest, formatProblems } = await tsImport(pathToFileURL(path.join(root, 'scripts/manifest/checkManifest.ts')).href, import.meta.url);
// A built manifest sits beside build-info.json: then every URL must be under the public URL it was built
// for, and every page and icon it names must be in that folder.
const infoFile = path.join(path.dirname(file), 'build-info.json');
const built = fs.existsSync(infoFile) ? JSON.parse(fs.readFileSync(infoFile, 'utf8')) : undefined;
const problems = checkManifest(fs.readFileSync(file, 'utf8'), built?.publicUrl
  ? { expectedBaseUrl: built.publicUrl, files: { baseUrl: built.publicUrl, rootDir: path.dirname(file), allFiles: true } }
  : {});
if (problems.length) {
  console.error(`${path.relative(process.cwd(), file)}: Word would refuse this manifest:\n${formatProblems(problems)}`);
  process.exit(1);
}
console.log(`${path.relative(process.cwd(), file)}: well-formed (strict XML) and passes the offline structural checks.`);
if (offline) process.exit(0);
// Microsoft's validator knows rules we do not; it calls an online service.
const require = createRequire(import.meta.url);
let cli;
try { cli = require.resolve('office-addin-manifest/cli.js'); } catch { cli = undefined; }
if (!cli) { console.error('office-addin-manifest is not installed (npm install); offline checks passed.'); process.exit(1); }
const r = spawnSync(process.execPath, [cli, 'validate', file], { stdio: 'inherit' });
if (r.status !== 0) console.error('The online validator failed or could not be reached (it needs internet). The offline checks above passed; use --offline on an intranet.');
process.exit(r.status ?? 1);
