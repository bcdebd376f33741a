// Serves the built task pane, playground and manifest from one folder at /, so one port is the deployment.
// A small handler of our own: content types, ETag, HEAD and a folder it never leaves are all it takes.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody, pickLang } from './errors';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8', '.txt': 'text/plain; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.ico': 'image/x-icon',
  '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.wasm': 'application/wasm',
};

export function staticFiles(app: FastifyInstance, dir: string): void {
  const root = path.resolve(dir);
  // an async handler must return the reply it streams into, or Fastify ends it empty
  const handler = async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> => {
    const notFound = (): void => { reply.code(404).send(errorBody('not_found', pickLang(req.headers['accept-language']))); };
    let rel: string;
    try {
      rel = decodeURIComponent((req.url.split('?')[0] ?? '/'));
    } catch {
      return notFound();
    }
    if (rel.includes('\0')) return notFound();
    let file = path.resolve(root, `.${rel}`);
    // Nothing outside the folder, whatever the URL says (../, encoded dots and slashes).
    if (file !== root && !file.startsWith(root + path.sep)) return notFound();
    let st: fs.Stats;
    try {
      st = await fs.promises.stat(file);
      if (st.isDirectory()) {
        file = path.join(file, 'index.html');
        st = await fs.promises.stat(file);
      }
    } catch {
      return notFound();
    }
    if (!st.isFile()) return notFound();
    const etag = `W/"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
    reply.header('etag', etag).header('cache-control', 'no-cache')
      .header('content-type', TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream');
    if (req.headers['if-none-match'] === etag) { reply.code(304).send(); return; }
    reply.header('content-length', st.size);
    if (req.method === "HEAD") { reply.send(); return; }
    return reply.send(fs.createReadStream(file));
  };
  app.get('/*', handler);
  // Fastify 5 answers HEAD for every GET route itself (exposeHeadRoutes)
}
