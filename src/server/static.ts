// Serves the built task pane, playground and manifest from one folder at /, so one port is the deployment.
// @fastify/static does the HTTP (types, ETag, HEAD, ranges, the .br/.gz copies the build made); this
// module decides which files a browser may fetch at all, and how long it may keep each.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic, { type FastifyStaticOptions, type SetHeadersResponse } from '@fastify/static';

/**
 * A name webpack gave a content hash (`taskpane.0123456789abcdef0123.js`, webpack.config.js HASHED_NAME):
 * its bytes never change, so browsers keep it a year without asking. Everything else — pages, manifest,
 * icons the manifest names, self-hosted office.js — is revalidated at each open (a 304 when unchanged),
 * so a new deployment reaches every clerk at the next pane open.
 */
export const HASHED = /\.[0-9a-f]{20}\.[a-z0-9]+(?:\.(?:br|gz))?$/i;
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Never served, whatever the folder holds: dot-files and dot-folders, source maps (the full source of
 * the pane and of the service), the service's own bundle (dist/server) and any dependencies. */
export const NOT_FOR_CLERKS = /(?:^|\/)\.|\.map(?:\.(?:br|gz))?$|^server\/|(?:^|\/)node_modules(?:\/|$)/i;
const MAX_DEPTH = 12;
const MAX_FILES = 50_000;

/**
 * The files under `root` a browser may fetch, as URL paths (`/taskpane.html`): regular files, and links
 * that resolve to one inside the folder — never a link out of it, never what NOT_FOR_CLERKS names.
 */
export function servableFiles(root: string): Set<string> {
  const out = new Set<string>();
  let real: string;
  try { real = fs.realpathSync(root); } catch { return out; }
  const walk = (rel: string, depth: number): void => {
    if (depth > MAX_DEPTH || out.size >= MAX_FILES) return;
    let entries: fs.Dirent[];
    try { entries = fs.readdirSync(path.join(real, rel), { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const relPath = rel ? `${rel}/${e.name}` : e.name;
      if (NOT_FOR_CLERKS.test(relPath) || NOT_FOR_CLERKS.test(`${relPath}/`)) continue;
      if (e.isDirectory()) walk(relPath, depth + 1);
      else if (e.isFile() || e.isSymbolicLink()) {
        if (servable(real, relPath)) out.add(`/${relPath}`);
        // a link to a folder inside this one is walked like a folder
        else if (e.isSymbolicLink() && insideDir(real, relPath)) walk(relPath, depth + 1);
      }
    }
  };
  walk('', 0);
  return out;
}

/** A link to a folder that stays inside the root. */
function insideDir(realRoot: string, rel: string): boolean {
  try {
    const target = fs.realpathSync(path.join(realRoot, rel));
    return target.startsWith(realRoot + path.sep) && fs.statSync(target).isDirectory();
  } catch {
    return false;
  }
}

/** Whether `rel` (a relative URL path) names a servable file under the real root: not what
 * NOT_FOR_CLERKS names, and a regular file once every link is followed, still inside the folder. */
function servable(realRoot: string, rel: string): boolean {
  if (NOT_FOR_CLERKS.test(rel)) return false;
  try {
    const real = fs.realpathSync(path.join(realRoot, rel));
    return real.startsWith(realRoot + path.sep) && !NOT_FOR_CLERKS.test(path.relative(realRoot, real).split(path.sep).join('/'))
      && fs.statSync(real).isFile();
  } catch {
    return false;
  }
}

/** Whether a request path names a servable file (a folder stands for its index.html): the list read at
 * start, and a file a new deployment copied in since, admitted by the same rules when first asked for. */
function allowList(root: string): (pathname: string) => boolean {
  const files = servableFiles(root);
  let realRoot: string;
  try { realRoot = fs.realpathSync(root); } catch { realRoot = path.resolve(root); }
  return (pathname) => {
    let p: string;
    try { p = decodeURIComponent(pathname); } catch { return false; }
    if (p.includes('\0') || p.includes('\\')) return false;
    p = path.posix.normalize(p.endsWith('/') ? `${p}index.html` : p);
    if (files.has(p)) return true;
    if (!p.startsWith('/') || p.startsWith('/..') || !servable(realRoot, p.slice(1))) return false;
    if (files.size < MAX_FILES) files.add(p);
    return true;
  };
}

export async function staticFiles(app: FastifyInstance, dir: string): Promise<void> {
  await app.register(async (scope) => {
    // Which copy is sent depends on Accept-Encoding: shared caches must keep them apart (CORS adds Origin).
    scope.addHook('onSend', async (_req, reply) => {
      const vary = reply.getHeader('vary');
      reply.header('vary', vary ? `${String(vary)}, Accept-Encoding` : 'Accept-Encoding');
    });
    await scope.register(fastifyStatic, staticOptions(dir));
  });
}

function staticOptions(dir: string): FastifyStaticOptions {
  const allowed = allowList(dir);
  return {
    root: path.resolve(dir),
    // x.js.br / x.js.gz written at build time are sent to browsers that accept them; x.js otherwise.
    preCompressed: true,
    // Cache-Control is ours (below); send's own would be the same for every file.
    cacheControl: false,
    etag: true,
    lastModified: true,
    index: ['index.html'],
    decorateReply: false,
    // Only what the build made for clerks; anything else is the service's JSON 404.
    allowedPath: (pathname) => allowed(pathname),
    dotfiles: 'deny',
    setHeaders: (res: SetHeadersResponse, file: string) => {
      res.setHeader('cache-control', HASHED.test(path.basename(file)) ? IMMUTABLE : 'no-cache');
    },
  };
}
