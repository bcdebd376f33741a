// The completion service as a Fastify instance: plugins, policy hooks and routes; main.ts listens.
// Logs carry method, path, status and error codes only — never a body, a query string or document text.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { ServerConfig } from './config';
import { ApiError, ERROR_HEADERS, errorBody, pickLang, rawErrorResponse, type ErrorCode } from './errors';
import { AuditLog, type AuditSink } from './policy/audit';
import { FailureWindow, TokenCheck, wrongTokens, auditWho, hashUser, requesterKey, signonUser, type AuditWho, type Requester } from './policy/auth';
import { buildNotice } from './policy/notice';
import { createProviders } from './providers';
import { openCorpus } from './corpus';
import { completionRoutes } from './routes/completions';
import { eventRoutes, SeenEvents } from './routes/events';
import { Metrics } from './metrics';
import type { Registry } from 'prom-client';
import { assignedModel } from './policy/experiment';
import { healthRoutes } from './routes/health';
import { metricsRoute } from './routes/metrics';
import { modelRoutes } from './routes/models';
import { privacyRoutes } from './routes/privacy';
import { securityHeaders } from './security';
import { Readiness } from './readiness';
import { LoopMonitor } from './eventLoop';
import { connectRedis } from './redis';
import { staticFiles } from './static';
import { proxyPeers, trustedPeers } from './trustedPeers';

export interface BuildAppOptions {
  /** false (default) for none; true or a pino options object (e.g. { stream }) to log */
  logger?: boolean | object;
  /** the fetch used to reach upstream models (tests may pass their own) */
  fetch?: typeof fetch;
  /** TLS certificate and key contents; main.ts reads them from the configured files */
  https?: { cert: Buffer; key: Buffer };
  /** where audit records go instead of the configured file (a cluster worker hands them to the primary) */
  audit?: AuditSink;
  /** a cluster worker: /metrics shows the whole instance, summed by the primary (cluster.ts instanceMetrics) */
  instanceMetrics?: (registry: Registry) => () => Promise<string>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** /health/ready's checks: add one for anything that must be in place before traffic comes */
    readiness: Readiness;
  }
}

export const VERSION = readVersion();

export async function buildApp(config: ServerConfig, opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    // A request (headers and body) must arrive within requestTimeoutMs: a client that trickles its body
    // holds no connection for ever. Node checks its connections every connectionsCheckingInterval.
    ...(opts.https ? { https: { ...opts.https, ...slowClientLimits(config) } } : { http: slowClientLimits(config) }),
    requestTimeout: config.requestTimeoutMs,
    logger: loggerOptions(opts.logger, config.logLevel),
    bodyLimit: config.bodyLimitBytes,
    // Strict types: "12" is not a number of characters. Defaults fill the optional digest fields.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: true, allErrors: false } },
    genReqId: () => crypto.randomUUID(),
    // While closing, requests already on an open connection are still answered (each then closes its
    // connection, see below): a 503 would reach the clerk, while a closed connection makes nginx retry.
    return503OnClosing: false,
    // Behind nginx the caller's address (rate-limit key) comes from X-Forwarded-For, from these proxies only.
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    // Errors met before routing (a malformed URL) and those of the HTTP parser (a garbled request, headers
    // too large, a body that never finishes) answer in the service's own shape, never echoing the path.
    frameworkErrors: (err, req, reply) => {
      const bad = (err as FastifyError).code === 'FST_ERR_BAD_URL' || (err as FastifyError).code === 'FST_ERR_MAX_PARAM_LENGTH';
      const body = errorBody(bad ? 'bad_url' : 'internal_error', pickLang(req.headers['accept-language']));
      (reply as FastifyReply).code(bad ? 400 : 500).headers(ERROR_HEADERS).send(body);
    },
    clientErrorHandler: (err: NodeJS.ErrnoException, socket: Socket) => {
      if (err.code === 'ECONNRESET' || socket.destroyed) return;
      const [status, code]: [400 | 408 | 431, ErrorCode] = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'request_timeout']
        : err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'headers_too_large'] : [400, 'bad_request'];
      if (socket.writable) socket.write(rawErrorResponse(status, code));
      socket.destroy();
    },
  });
  const readiness = new Readiness();
  app.decorate('readiness', readiness);
  readiness.add('config', () => 'ok'); // buildApp only gets here with a valid config
  const loop = new LoopMonitor();
  readiness.watchLoop(() => loop.report());
  // Draining: every answer closes its keep-alive connection, so the balancer opens new ones elsewhere.
  app.addHook('onSend', (_req, reply, payload, next) => {
    if (readiness.isDraining) reply.header('connection', 'close');
    next(null, payload);
  });

  const notice = buildNotice(config);
  // Every audit line is counted for /metrics on its way to the file (or the primary).
  const metrics = new Metrics({
    models: config.models.map((m) => m.id),
    upstreams: () => [...providers].map(([id, p]) => [id, p.status?.()] as [string, unknown]),
  });
  if (opts.instanceMetrics) metrics.gatherWith(opts.instanceMetrics);
  const audit: AuditSink = metrics.counting(opts.audit ?? new AuditLog(config.audit.file, config.audit.retentionDays));
  const tokens = new TokenCheck(config.auth.tokens);
  const metricsToken = new TokenCheck(config.metrics.token ? [config.metrics.token] : []);
  // Without a configured salt the hashes are stable only for this process's lifetime.
  const salt = config.audit.salt ?? crypto.randomBytes(16).toString('hex');
  // The sign-on gateway's header names the requester only when the request came straight from a trustProxy
  // peer (the socket's address); from anyone else it is removed before anything reads it.
  const userHeader = config.auth.trustedUserHeader;
  const fromGateway = proxyPeers(config.trustProxy);
  if (userHeader) {
    app.addHook('onRequest', async (req) => {
      if (!fromGateway(req.socket.remoteAddress)) delete req.headers[userHeader];
    });
  }
  const requesters = new WeakMap<FastifyRequest, Requester>();
  const requesterOf = (req: FastifyRequest): Requester => {
    let r = requesters.get(req);
    if (!r) {
      const name = userHeader ? signonUser(req.headers[userHeader]) : null;
      const token = name === null ? tokens.match(req.headers.authorization) : null;
      r = name !== null ? { kind: 'signon', id: name, address: req.ip }
        : token !== null ? { kind: 'token', id: token, address: req.ip }
        : { kind: 'address', id: req.ip, address: req.ip };
      requesters.set(req, r);
    }
    return r;
  };
  // An HMAC per request showed in profiles; clients are few, so remember.
  const hashes = new Map<string, string>();
  const hashed = (key: string): string => {
    let h = hashes.get(key);
    if (h === undefined) {
      if (hashes.size >= 10_000) hashes.clear();
      h = hashUser(key, salt);
      hashes.set(key, h);
    }
    return h;
  };
  const whoOf = (req: FastifyRequest): AuditWho => auditWho(requesterOf(req), config.audit.user, hashed);
  // Rate limits count per requester: a signed-in user is one bucket wherever they sit; a token shared by a
  // whole office is not one bucket for all of its clerks, so each address behind it counts alone.
  const bucket = (req: FastifyRequest): string => {
    const r = requesterOf(req);
    return r.kind === 'token' ? `${r.id}|ip:${r.address}` : requesterKey(r);
  };
  // Rate-limit keys must be equal in every instance (Redis), so they cannot use the per-process salt.
  // A plain hash: the key is short-lived counter state, and a token never goes to Redis as it is.
  const limitKeys = new Map<string, string>();
  const limitKeyOf = (req: FastifyRequest): string => {
    const id = bucket(req);
    let k = limitKeys.get(id);
    if (k === undefined) {
      if (limitKeys.size >= 10_000) limitKeys.clear();
      k = crypto.createHash('sha256').update(id).digest('base64url').slice(0, 22);
      limitKeys.set(id, k);
    }
    return k;
  };
  const corpus = config.corpus
    ? await openCorpus(config.corpus, { cacheDir: config.corpusCache ?? path.join(os.tmpdir(), 'banxie-corpus-cache'), warn: (m) => app.log.warn(m) })
    : null;
  if (config.corpus) readiness.add('corpus', () => (corpus ? 'ok' : 'pending'));
  const providers = createProviders(config, corpus?.index, opts.fetch);
  for (const m of config.models) {
    const p = providers.get(m.id);
    if (p?.status) readiness.addUpstream(m.id, () => p.status!());
  }
  // Shared limits: without Redis each process counts alone (as before); with it, a Redis outage fails open.
  const redis = config.redis ? connectRedis(config.redis.url, app.log) : undefined;
  if (redis) readiness.add('redis', redis.state, { required: false });

  app.setErrorHandler((err: FastifyError | ApiError, req, reply) => {
    const lang = pickLang(req.headers['accept-language']);
    const { status, code, detail } = classifyError(err);
    if (status >= 500) req.log.error({ errType: err.name, errCode: (err as FastifyError).code ?? code }, 'request failed');
    reply.code(status).send(errorBody(code, lang, detail));
  });
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send(errorBody('not_found', pickLang(req.headers['accept-language'])));
  });

  await securityHeaders(app, { staticDir: config.staticDir, ...config.csp, tls: !!opts.https });

  await app.register(cors, {
    origin: config.cors.origins,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['content-type', 'authorization', 'accept-language'],
    maxAge: 600,
  });

  // The API under /v1: tokens, rate limit, routes. /health and static files stay open.
  await app.register(async (api) => {
    if (tokens.enabled || config.auth.required) {
      // Guessing tokens costs: an address that sent maxFailures wrong ones is refused for the window.
      // The log names the address, never the token.
      const failures = wrongTokens(new FailureWindow(config.auth.maxFailures, config.rateLimit.windowMs), redis?.client);
      // without an identity: signon_required when the admin requires one, else (tokens only) unauthorized
      const refusal: ErrorCode = config.auth.required ? 'signon_required' : 'unauthorized';
      api.addHook('onRequest', async (req) => {
        if (req.method === 'OPTIONS') return;
        if (await failures.blocked(req.ip)) throw new ApiError(429, 'rate_limited');
        if (requesterOf(req).kind !== 'address') return;
        if (req.headers.authorization !== undefined) {
          const count = await failures.add(req.ip);
          req.log.warn({ address: req.ip, failures: count, blocked: count >= config.auth.maxFailures }, 'wrong access token');
        }
        // a refused completion is an event the audit names (who, from where, why), never with a body
        if (req.method === 'POST' && req.url.split('?')[0] === '/v1/completions') {
          audit.write({
            time: new Date().toISOString(), requestId: req.id, ...whoOf(req), model: '', residency: '',
            charsSent: 0, charsReceived: 0, latencyMs: 0, outcome: refusal,
          });
        }
        throw new ApiError(401, refusal);
      });
    }
    // a completion refused for the rate (the limiter answers before the route, and so does a blocked guesser):
    // the audit names who was refused and why, as for the route's own refusals
    api.addHook('onResponse', async (req, reply) => {
      if (reply.statusCode !== 429 || req.method !== 'POST' || req.url.split('?')[0] !== '/v1/completions') return;
      audit.write({
        time: new Date().toISOString(), requestId: req.id, ...whoOf(req), model: '', residency: '',
        charsSent: 0, charsReceived: 0, latencyMs: 0, outcome: 'rate_limited',
      });
    });
    await api.register(rateLimit, {
      max: config.rateLimit.max,
      timeWindow: config.rateLimit.windowMs,
      keyGenerator: limitKeyOf,
      ...(redis ? { redis: redis.client, nameSpace: 'banxie:rl:', skipOnError: true } : {}),
    });
    modelRoutes(api, config);
    privacyRoutes(api, notice);
    const experiment = config.policy.experiment;
    completionRoutes(api, {
      config, providers, noticeVersion: notice.version, audit, whoOf, corpus,
      ...(experiment ? { modelFor: (req: FastifyRequest, requested: string) => assignedModel(experiment, requested, requesterKey(requesterOf(req))) } : {}),
    });
    if (config.policy.outcomeEvents) eventRoutes(api, { audit, userOf: (req) => whoOf(req).user, seen: new SeenEvents(redis?.client) });
  });
  // 429s from the rate limit (and the token guard) are counted; nothing else about the request.
  app.addHook('onResponse', (_req, reply, done) => {
    if (reply.statusCode === 429) metrics.refusedByRateLimit();
    done();
  });

  const trusted = trustedPeers(config.trustProxy);
  healthRoutes(app, VERSION, readiness, (req) => trusted(req.socket.remoteAddress) || tokens.match(req.headers.authorization) !== null);
  // /metrics by address only for a direct caller: through nginx every request comes from a trusted peer
  // (the proxy itself), so a forwarded one needs the token.
  const forwarded = (req: FastifyRequest): boolean => ['x-forwarded-for', 'forwarded', 'x-real-ip'].some((h) => req.headers[h] !== undefined);
  metricsRoute(app, metrics, (req) => (!forwarded(req) && trusted(req.socket.remoteAddress)) || metricsToken.match(req.headers.authorization) !== null);

  if (config.staticDir) {
    await staticFiles(app, config.staticDir);
  }

  app.addHook('onClose', async () => {
    loop.stop();
    await audit.close();
    await redis?.close();
    await Promise.all([...new Set(providers.values())].map((p) => p.close?.()));
  });
  return app;
}

function slowClientLimits(config: ServerConfig): { connectionsCheckingInterval: number; headersTimeout: number } {
  return { connectionsCheckingInterval: Math.min(1000, config.requestTimeoutMs), headersTimeout: Math.min(10_000, config.requestTimeoutMs) };
}

function classifyError(err: FastifyError | ApiError): { status: number; code: ErrorCode; detail: string } {
  if (err instanceof ApiError) return { status: err.statusCode, code: err.code, detail: err.detail };
  const fe = err as FastifyError;
  if (fe.validation && fe.validation.length > 0) {
    // Field path and rule only: ajv messages do not quote the offending value.
    const v = fe.validation[0];
    const field = `${fe.validationContext ?? 'body'}${v.instancePath || ''}`;
    const missing = v.keyword === 'required' ? `/${String((v.params as { missingProperty?: unknown }).missingProperty)}` : '';
    return { status: 400, code: 'bad_request', detail: `${field}${missing} ${v.message ?? v.keyword}` };
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: 'invalid_json', detail: '' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'payload_too_large', detail: '' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'unsupported_media_type', detail: '' };
  }
  if (fe.statusCode === 429) return { status: 429, code: 'rate_limited', detail: '' };
  if (err instanceof SyntaxError || fe.statusCode === 400) return { status: 400, code: 'invalid_json', detail: '' };
  if (fe.statusCode === 413) return { status: 413, code: 'payload_too_large', detail: '' };
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return { status: fe.statusCode, code: 'bad_request', detail: fe.code ?? '' };
  return { status: 500, code: 'internal_error', detail: '' };
}

function loggerOptions(logger: boolean | object | undefined, level: string): boolean | object {
  if (!logger) return false;
  const base = logger === true ? {} : logger;
  return {
    level,
    ...base,
    // Serializers decide what a log line may hold; nothing here can carry document text.
    serializers: {
      req: (req: { method?: string; url?: string; id?: string }) => ({ method: req.method, path: (req.url ?? '').split('?')[0], id: req.id }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: (err: { name?: string; code?: string; statusCode?: number }) => ({ type: err.name, code: err.code, statusCode: err.statusCode }),
    },
    redact: { paths: ['body', 'req.body', 'request.body', 'digest', '*.digest', 'headers.authorization', 'req.headers.authorization', 'headers.cookie', 'req.headers.cookie'], remove: true },
  };
}

function readVersion(): string {
  // __dirname is absent when bundled as ESM; the working directory is the fallback.
  const here = typeof __dirname === 'string' ? [path.join(__dirname, '../../package.json'), path.join(__dirname, '../package.json')] : [];
  for (const p of [...here, path.join(process.cwd(), 'package.json')]) {
    try {
      const v = (JSON.parse(fs.readFileSync(p, 'utf8')) as { version?: unknown }).version;
      if (typeof v === 'string') return v;
    } catch { /* try the next place */ }
  }
  return '0.0.0';
}
