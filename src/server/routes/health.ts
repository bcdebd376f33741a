// Health for load balancers and Kubernetes, all cheap and without upstream calls:
// /health (kept as it was) and /health/live say the process answers; /health/ready says whether to send
// it work — 200 when ready or degraded (Redis down: limits fail open, still serving), 503 when not
// ready or draining. Its details (checks, upstream hosts and breaker states, the event loop) are for
// the operator: only a trusted peer (this machine, a `trustProxy` address) or a valid token sees them.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Readiness } from '../readiness';

export function healthRoutes(
  app: FastifyInstance, version: string, readiness: Readiness, mayInspect: (req: FastifyRequest) => boolean,
): void {
  const body = JSON.stringify({ status: 'ok', version });
  const live = (_req: unknown, reply: FastifyReply): void => {
    reply.header('content-type', 'application/json; charset=utf-8').header('cache-control', 'no-store').send(body);
  };
  app.get('/health', live);
  app.get('/health/live', live);
  app.get('/health/ready', (req, reply) => {
    const r = readiness.report();
    const ok = r.status === 'ready' || r.status === 'degraded';
    reply.code(ok ? 200 : 503).header('cache-control', 'no-store').send(mayInspect(req) ? { ...r, version } : { status: r.status });
  });
}
