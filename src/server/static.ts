// Serves the built task pane, playground and manifest from one folder at /, so one port is the deployment.
// @fastify/static does the HTTP (types, ETag, HEAD, ranges, the .br/.gz copies the build made); this
// module only decides how long a browser may keep each file.
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
    setHeaders: (res: SetHeadersResponse, file: string) => {
      res.setHeader('cache-control', HASHED.test(path.basename(file)) ? IMMUTABLE : 'no-cache');
    },
  };
}
