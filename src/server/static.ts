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
/** A new deployment copied in while the service runs is picked up at most this often. */
const RESCAN_MS = 10_000;
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
  const inside = (p: string): boolean => p === real || p.startsWith(real + path.sep);
  const walk = (dir: string, rel: string, depth: number): void => {
    if (depth > MAX_DEPTH || out.size >= MAX_FILES) return;
    let entries: fs.Dirent[];
    try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const relPath = rel ? `${rel}/${e.name}` : e.name;
      if (NOT_FOR_CLERKS.test(relPath) || NOT_FOR_CLERKS.test(`${relPath}/`)) continue;
      const full = path.join(dir, e.name);
      let st: fs.Stats;
      try {
        if (e.isSymbolicLink() && !inside(fs.realpathSync(full))) continue; // a link out of the folder
        st = fs.statSync(full);
      } catch { continue; }
      if (st.isDirectory()) walk(full, relPath, depth + 1);
      else if (st.isFile()) out.add(`/${relPath}`);
    }
  };
  walk(real, '', 0);
  return out;
}

/** Whether a request path names a servable file (a folder stands for its index.html). */
function allowList(root: string): (pathname: string) => boolean {
  let files = servableFiles(root);
  let scanned = Date.now();
  return (pathname) => {
    let p: string;
    try { p = decodeURIComponent(pathname); } catch { return false; }
    if (p.includes('\0') || p.includes('\\')) return false;
    p = path.posix.normalize(p.endsWith('/') ? `${p}index.html` : p);
    if (files.has(p)) return true;
    if (Date.now() - scanned < RESCAN_MS) return false;
    files = servableFiles(root);
    scanned = Date.now();
    return files.has(p);
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
