// Health for load balancers and Kubernetes, all cheap and without upstream calls:
// /health (kept as it was) and /health/live say the process answers; /health/ready says whether to send
// it work — 200 when ready or degraded (Redis down: limits fail open, still serving), 503 when not
// ready or draining.
import type { FastifyInstance } from 'fastify';
import type { Readiness } from '../readiness';

export function healthRoutes(app: FastifyInstance, version: string, readiness: Readiness): void {
  const body = JSON.stringify({ status: 'ok', version });
  const live = (_req: unknown, reply: import('fastify').FastifyReply): void => {
    reply.header('content-type', 'application/json; charset=utf-8').header('cache-control', 'no-store').send(body);
  };
  app.get('/health', live);
  app.get('/health/live', live);
  app.get('/health/ready', (_req, reply) => {
    const r = readiness.report();
    const ok = r.status === 'ready' || r.status === 'degraded';
    reply.code(ok ? 200 : 503).header('cache-control', 'no-store').send({ ...r, version });
  });
}
