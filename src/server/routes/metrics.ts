// GET /metrics: the service's figures in Prometheus's text format, for the operator's scraper only — a
// trusted peer (this machine, a `trustProxy` address) or `Authorization: Bearer <metrics.token>`; anyone
// else gets 404, as if there were nothing here.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors';
import type { Metrics } from '../metrics';

export function metricsRoute(app: FastifyInstance, metrics: Metrics, mayScrape: (req: FastifyRequest) => boolean): void {
  app.get('/metrics', async (req, reply) => {
    if (!mayScrape(req)) throw new ApiError(404, 'not_found');
    // a worker whose primary does not answer: the scrape fails (503), rather than pass one worker's figures off as all
    const text = await metrics.text().catch(() => { throw new ApiError(503, 'not_ready'); });
    reply.header('content-type', metrics.contentType).header('cache-control', 'no-store');
    return text;
  });
}
