// Liveness for load balancers and the deployment healthcheck: cheap, no upstream calls.
import type { FastifyInstance } from 'fastify';

export function healthRoutes(app: FastifyInstance, version: string): void {
  const body = JSON.stringify({ status: 'ok', version });
  app.get('/health', (_req, reply) => {
    reply.header('content-type', 'application/json; charset=utf-8').header('cache-control', 'no-store').send(body);
  });
}
