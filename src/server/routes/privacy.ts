// GET /v1/privacy: the notice users consent to; its version is what /v1/completions checks.
import type { FastifyInstance } from 'fastify';
import type { PrivacyNotice } from '../../core/protocol';

export function privacyRoutes(app: FastifyInstance, notice: PrivacyNotice): void {
  app.get('/v1/privacy', async () => notice);
}
