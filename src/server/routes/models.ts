// GET /v1/models: what the admin allowed, with residency, so the pane can say where text goes.
import type { FastifyInstance } from 'fastify';
import type { ModelInfo, ModelList } from '../../core/protocol';
import type { ServerConfig } from '../config';
import { mayReceiveMarking } from '../../core/policy';
import { receivePolicy } from '../policy/classification';
import { pickLang, type Lang } from '../errors';

/** GB 45438-2025: does the pane label text accepted from this model? */
function labelled(m: ServerConfig['models'][number], policy: ServerConfig['policy']): boolean {
  return policy.aigcLabel && !(m.provider === 'builtin' && policy.aigcExemptBuiltin);
}

/** Each model's verdicts come from the one rule the guard applies (core/policy/mayReceive). */
export function modelInfos(config: ServerConfig, lang: Lang = 'zh-CN'): ModelInfo[] {
  const policy = receivePolicy(config.policy);
  return config.models.map((m) => ({
    id: m.id,
    label: m.label,
    ...(m.description ? { description: typeof m.description === 'string' ? m.description : m.description[lang] } : {}),
    residency: m.residency,
    provider: m.provider,
    acceptsClassified: mayReceiveMarking(m, '绝密', policy),
    ...(config.policy.restrictedAsClassified ? {} : { acceptsRestricted: mayReceiveMarking(m, '内部', policy) }),
    needsConsent: m.needsConsent,
    ...(labelled(m, config.policy) ? { aigcLabel: { producer: config.policy.aigcProducer } } : {}),
  }));
}

export function modelRoutes(app: FastifyInstance, config: ServerConfig): void {
  // The implicit label's ContentProducer names the service provider (GB 45438-2025, Annex E); an empty
  // one names nobody. The admin should learn it at start, not from an auditor.
  if (!config.policy.aigcProducer && config.models.some((m) => labelled(m, config.policy))) {
    app.log.warn('policy.aigcProducer 为空：AIGC 标识不含服务提供者名称，请填写本单位名称或统一社会信用代码 / '
      + 'policy.aigcProducer is empty: AIGC labels will name no service provider; set your organisation\'s name or code');
  }
  // The policy goes with the list, so the pane applies the guard's own rule (mayReceive) to its digest.
  const policy = receivePolicy(config.policy);
  const events = config.policy.outcomeEvents;
  const bodies: Record<Lang, ModelList> = { 'zh-CN': { models: modelInfos(config, 'zh-CN'), policy, events }, en: { models: modelInfos(config, 'en'), policy, events } };
  app.get('/v1/models', async (req) => bodies[pickLang(req.headers['accept-language'])]);
}
