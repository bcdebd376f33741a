// GET /v1/models: what the admin allowed, with residency, so the pane can say where text goes.
import type { FastifyInstance } from 'fastify';
import type { ModelInfo } from '../../core/protocol';
import type { ServerConfig } from '../config';
import { acceptsClassified } from '../policy/classification';

export function modelInfos(config: ServerConfig): ModelInfo[] {
  return config.models.map((m) => ({
    id: m.id,
    label: m.label,
    ...(m.description ? { description: m.description } : {}),
    residency: m.residency,
    provider: m.provider,
    acceptsClassified: acceptsClassified(m, config.policy.classifiedResidencies),
    needsConsent: m.needsConsent,
  }));
}

export function modelRoutes(app: FastifyInstance, config: ServerConfig): void {
  const body = { models: modelInfos(config) };
  app.get('/v1/models', async () => body);
}
