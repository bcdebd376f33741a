// The service's one configuration: file (JSON or YAML) -> validated ServerConfig with defaults filled.
// Errors name the bad field in zh-CN and en, because the admin reading them may read either.
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import YAML from 'yaml';
import type { Residency } from '../core/protocol';
import { PRESETS, type PresetName } from './providers/openai-compatible/presets';
import { DEFAULT_PROMPTS, type PromptTemplates } from './providers/openai-compatible/prompt';
import { CONFIG_SCHEMA } from './configSchema';

export type ProviderKind = 'builtin' | 'openai-compatible';
export const RESIDENCIES: readonly Residency[] = ['builtin', 'local', 'intranet', 'external'];

export interface ModelConfig {
  id: string;
  label: string;
  /** one line for the model list; a string, or one per UI language */
  description?: string | { 'zh-CN': string; en: string };
  provider: ProviderKind;
  residency: Residency;
  /** may only narrow policy.classifiedResidencies, never widen it */
  acceptsClassified?: boolean;
  needsConsent: boolean;
  preset?: PresetName;
  baseUrl?: string;
  /** every replica of the model server (baseUrl first); requests spread over them and fail over */
  baseUrls?: string[];
  /** calls in flight per replica; more wait in a short queue of maxQueue, beyond that 503 upstream_busy */
  maxConcurrent: number;
  maxQueue: number;
  /** when the model fails or is unavailable, answer that request with the built-in engine instead */
  fallbackToBuiltin: boolean;
  /** the model name the upstream expects */
  upstreamModel?: string;
  /** name of the environment variable holding the API key (the key itself never goes in config) */
  apiKeyEnv?: string;
  /** chat: instruct models; complete: base models, plain continuation (/completions, no suffix); fim: with a suffix */
  mode: 'chat' | 'fim' | 'complete';
  /** off: the request turns thinking off the preset's way and text streams at once; auto: the model may think, text waits for its thoughts to end */
  thinking: 'off' | 'auto';
  /** first answer character due this many ms after the request, else the model counts as failed (0: no deadline) */
  firstAnswerMs?: number;
  /** with thinking: off, also end the prompt with Qwen3's `/no_think` soft switch (last resort: servers with no switch) */
  noThinkPrompt: boolean;
  temperature: number;
  timeoutMs?: number;
  headers?: Record<string, string>;
  prompts?: Partial<PromptTemplates>;
}

export interface ServerConfig {
  port: number;
  host: string;
  tls?: { cert: string; key: string };
  /** folder served at / (built task pane, playground, manifest) */
  staticDir?: string;
  /** folder of .txt/.md/.docx/.pdf documents the built-in engine learns phrasing from */
  corpus?: string;
  /** folder for the corpus index cache (default: banxie-corpus-cache in the system temp folder) */
  corpusCache?: string;
  models: ModelConfig[];
  privacy: { version?: string; text?: { 'zh-CN': string; en: string } };
  policy: {
    /** residencies a document with a classification marking may go to */
    classifiedResidencies: Residency[];
    /** mask ID/phone/card/e-mail before anything goes to an external model */
    maskPii: boolean;
    /** 内部/内部资料 (restricted, not classified) count as a classification marking; default true */
    restrictedAsClassified: boolean;
    /** residencies that may receive passages of the organisation corpus as examples in prompts */
    corpusResidencies: Residency[];
    /** GB 45438-2025: hosts label accepted model text in the document's AIGC custom property; default true */
    aigcLabel: boolean;
    /** the label's ContentProducer: the organisation's name or code */
    aigcProducer: string;
    /** text from the built-in engine (the document itself, the organisation's corpus) is not labelled */
    aigcExemptBuiltin: boolean;
    /** the panes report each suggestion's outcome (POST /v1/events, counts only); default true */
    outcomeEvents: boolean;
    /** split clerks between two models by hashed identity, to compare their acceptance fairly */
    experiment?: { name: string; models: [string, string] };
  };
  /** bearer tokens; empty = no authentication. `env:NAME` reads the token from the environment.
   *  maxFailures: wrong tokens an address may send per rateLimit window before it is refused (429) */
  auth: {
    tokens: string[]; maxFailures: number;
    /** the header in which the sign-on gateway names the user (e.g. X-Remote-User), lower-cased; believed
     *  only from a `trustProxy` peer, removed from every other request */
    trustedUserHeader?: string;
    /** refuse /v1/* (401 signon_required) to a request with neither a sign-on user nor a valid token */
    required: boolean;
  };
  cors: { origins: string[] };
  /** extra Content Security Policy sources: Office origins that frame the pane, services the pane calls */
  csp: { frameAncestors: string[]; connectSrc: string[] };
  rateLimit: { max: number; windowMs: number };
  bodyLimitBytes: number;
  /** the whole request (headers and body) must arrive within this time, else 408 */
  requestTimeoutMs: number;
  upstreamTimeoutMs: number;
  /** default first-answer deadline of every model (ms after the request; 0: none) — a model still thinking then is stopped */
  firstAnswerMs: number;
  /** worker processes on this machine (node:cluster); 'auto' = one per core */
  workers: 'auto' | number;
  /** shared state across instances (rate limits); without it limits are per process */
  redis?: { url: string };
  /** addresses of reverse proxies whose X-Forwarded-For is believed (the caller's IP keys the rate limit) */
  trustProxy: string[];
  /** on SIGTERM, how long to stay up answering while reporting unready, so a polling balancer stops sending */
  drainDelayMs: number;
  /** user: 'hashed' names the requester by a salted hash (pseudonymous), 'plain' as the sign-on gave it */
  audit: { file?: string; retentionDays: number; salt?: string; user: 'hashed' | 'plain' };
  /** GET /metrics: `Bearer token` lets a scraper in from any address (trusted peers need none) */
  metrics: { token?: string };
  prompts: PromptTemplates;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export class ConfigError extends Error {
  constructor(readonly field: string, readonly zh: string, readonly en: string) {
    super(`配置项 ${field}：${zh} / config field ${field}: ${en}`);
    this.name = 'ConfigError';
  }
}

/** The webpack dev server's origins: allowed to call the service in development only. */
const DEV_ORIGINS = ['https://localhost:3000', 'http://localhost:3000'];

export function defaultConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    port: 3100,
    host: '127.0.0.1',
    models: [{
      id: 'builtin', label: '内置引擎（离线）', description: { 'zh-CN': '依据本单位以往的公文和常用公文用语续写，在本单位服务器上运行，不联网', en: "Continues from your organisation's past documents and the usual wording of official documents; runs on your own server, no internet" },
      provider: 'builtin', residency: 'builtin', needsConsent: false, mode: 'chat', thinking: 'off', noThinkPrompt: false, temperature: 0,
      maxConcurrent: 64, maxQueue: 32, fallbackToBuiltin: false,
    }],
    privacy: {},
    policy: { classifiedResidencies: ['builtin', 'local'], maskPii: true, restrictedAsClassified: true, corpusResidencies: ['builtin', 'local', 'intranet'], aigcLabel: true, aigcProducer: '', aigcExemptBuiltin: false, outcomeEvents: true },
    auth: { tokens: [], maxFailures: 10, required: false },
    // In production the pane is served by the service itself: same origin, no CORS needed.
    cors: { origins: env.NODE_ENV === 'production' ? [] : [...DEV_ORIGINS] },
    csp: { frameAncestors: [], connectSrc: [] },
    rateLimit: { max: 120, windowMs: 60_000 },
    bodyLimitBytes: 64 * 1024,
    requestTimeoutMs: 15_000,
    upstreamTimeoutMs: 8000,
    firstAnswerMs: 1200,
    workers: 1,
    trustProxy: [],
    drainDelayMs: 0,
    audit: { retentionDays: 183, user: 'hashed' },
    metrics: {},
    prompts: { ...DEFAULT_PROMPTS },
    logLevel: 'info',
  };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(field: string, zh: string, en: string): never {
  throw new ConfigError(field, zh, en);
}

// The schema has checked types, ranges, names and keys; these read what it let through.
const str = (o: Obj, key: string): string | undefined => o[key] as string | undefined;
const num = (o: Obj, key: string): number | undefined => o[key] as number | undefined;
const bool = (o: Obj, key: string): boolean | undefined => o[key] as boolean | undefined;
const strList = (o: Obj, key: string): string[] | undefined => o[key] as string[] | undefined;
const obj = (o: Obj, key: string): Obj | undefined => o[key] as Obj | undefined;

// ajv's `x-messages` is our annotation (configSchema.ts); verbose errors carry the schema that failed.
const ajv = new Ajv({ allErrors: false, verbose: true, strict: true });
ajv.addVocabulary(['x-messages']);
const validate = ajv.compile(CONFIG_SCHEMA);

/** Throws the first schema error as a ConfigError naming the field (`models[0].baseUrl`) in zh and en. */
export function checkConfigSchema(raw: unknown): void {
  if (validate(raw)) return;
  const errors = validate.errors ?? [];
  // A failed oneOf also reports each branch's failure first; the oneOf itself says what was meant.
  const err = errors.find((e) => e.keyword === 'oneOf') ?? errors[0];
  if (!err) return;
  const path = err.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (err.keyword === 'required') path.push(String(err.params.missingProperty));
  if (err.keyword === 'additionalProperties') path.push(String(err.params.additionalProperty));
  const field = path.reduce((f, p) => (/^\d+$/.test(p) ? `${f}[${p}]` : f ? `${f}.${p}` : p), '') || '(root)';
  const own = (err.parentSchema as { 'x-messages'?: Record<string, [string, string]> } | undefined)?.['x-messages']?.[err.keyword];
  const [zh, en] = own ?? schemaMessage(err);
  fail(field, zh, en);
}

function schemaMessage(err: ErrorObject): [string, string] {
  const s = (err.parentSchema ?? {}) as { minimum?: number; maximum?: number; enum?: string[] };
  switch (err.keyword) {
    case 'type': {
      const t = String(err.params.type);
      if (t === 'string') return ['应为字符串', 'must be a string'];
      if (t === 'number' || t === 'integer') return s.minimum !== undefined ? range(s) : ['应为数', 'must be a number'];
      if (t === 'boolean') return ['应为 true 或 false', 'must be true or false'];
      if (t === 'array') return ['应为列表', 'must be a list'];
      return ['应为对象', 'must be an object'];
    }
    case 'minimum': case 'maximum': return range(s);
    case 'enum': return [`应为 ${s.enum!.join('、')} 之一`, `must be one of ${s.enum!.join(', ')}`];
    case 'additionalProperties': return ['不认识的配置项（拼写错误？）', 'unknown option (a typo?)'];
    case 'required': return ['须填写', 'is required'];
    case 'minItems': return ['应为非空列表', 'must be a non-empty list'];
    default: return ['格式不对', 'has the wrong form'];
  }
}
const range = (s: { minimum?: number; maximum?: number }): [string, string] =>
  [`应为 ${s.minimum} 到 ${s.maximum} 之间的数`, `must be a number from ${s.minimum} to ${s.maximum}`];

/** YAML `key:` with no value means "the default", as if the key were absent. */
function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (!isObj(v)) return v;
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null && x !== undefined).map(([k, x]) => [k, withoutNulls(x)]));
}

/** A model entry the schema accepted, with its preset filled in and the rules between fields checked. */
function parseModel(raw: Obj, i: number): ModelConfig {
  const f = `models[${i}]`;
  const id = str(raw, 'id')!;
  const provider = (str(raw, 'provider') ?? 'openai-compatible') as ProviderKind;
  const presetName = str(raw, 'preset') as PresetName | undefined;
  const preset = presetName ? PRESETS[presetName] : undefined;
  const mode = (str(raw, 'mode') ?? 'chat') as ModelConfig['mode'];
  const res: Residency = (str(raw, 'residency') as Residency | undefined)
    ?? (provider === 'builtin' ? 'builtin' : preset?.residency ?? 'external');
  if (provider === 'builtin' && res !== 'builtin') fail(`${f}.residency`, '内置引擎只能是 builtin', 'must be builtin for the built-in engine');
  if (provider !== 'builtin' && res === 'builtin') fail(`${f}.residency`, '只有内置引擎可以是 builtin', 'only the built-in engine can be builtin');
  const replicas = strList(raw, 'baseUrls');
  if (replicas && raw.baseUrl !== undefined) {
    fail(`${f}.baseUrls`, '应为非空列表，且不与 baseUrl 同时填写', 'must be a non-empty list, and not given with baseUrl');
  }
  const baseUrl = replicas?.[0] ?? str(raw, 'baseUrl') ?? preset?.baseUrl;
  const upstreamModel = str(raw, 'model') ?? preset?.model;
  if (provider === 'openai-compatible') {
    if (!baseUrl) fail(`${f}.baseUrl`, '须填写模型服务地址（或选用 preset）', 'is required (or choose a preset)');
    (replicas ?? [baseUrl]).forEach((b, j) => {
      const field = replicas ? `${f}.baseUrls[${j}]` : `${f}.baseUrl`;
      try {
        const u = new URL(b);
        if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
      } catch {
        fail(field, '不是有效的 http(s) 地址', 'is not a valid http(s) URL');
      }
    });
    if (!upstreamModel) fail(`${f}.model`, '须填写上游模型名', 'is required: the upstream model name');
    if (mode === 'fim' && preset && preset.fim === 'none') {
      fail(`${f}.mode`, `${presetName} 不支持补全中间（fim）模式`, `${presetName} does not support fill-in-the-middle`);
    }
    if (mode === 'complete' && preset && !preset.complete) {
      fail(`${f}.mode`, `${presetName} 不支持纯续写（complete）模式`, `${presetName} does not support plain completion`);
    }
  }
  return {
    id,
    label: str(raw, 'label') ?? preset?.label ?? id,
    description: raw.description as ModelConfig['description'],
    provider,
    residency: res,
    acceptsClassified: bool(raw, 'acceptsClassified'),
    needsConsent: bool(raw, 'needsConsent') ?? res !== 'builtin',
    preset: presetName,
    baseUrl: provider === 'builtin' ? undefined : baseUrl,
    baseUrls: provider === 'builtin' ? undefined : replicas ?? [baseUrl!],
    maxConcurrent: num(raw, 'maxConcurrent') ?? 64,
    maxQueue: num(raw, 'maxQueue') ?? 32,
    fallbackToBuiltin: bool(raw, 'fallbackToBuiltin') ?? false,
    upstreamModel: provider === 'builtin' ? undefined : upstreamModel,
    apiKeyEnv: str(raw, 'apiKeyEnv') ?? preset?.apiKeyEnv,
    mode,
    thinking: (str(raw, 'thinking') as ModelConfig['thinking'] | undefined) ?? preset?.thinking ?? 'off',
    firstAnswerMs: num(raw, 'firstAnswerMs'),
    noThinkPrompt: bool(raw, 'noThinkPrompt') ?? false,
    temperature: num(raw, 'temperature') ?? 0.3,
    timeoutMs: num(raw, 'timeoutMs'),
    headers: raw.headers as Record<string, string> | undefined,
    prompts: raw.prompts as Partial<PromptTemplates> | undefined,
  };
}

/**
 * Validates a parsed config object against CONFIG_SCHEMA and fills defaults. `baseDir` resolves
 * relative paths (the config file's folder), so a config means the same thing whatever the working directory.
 */
export function resolveConfig(input: unknown, baseDir = process.cwd(), env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const d = defaultConfig(env);
  if (input === undefined || input === null) return d;
  if (!isObj(input)) fail('(root)', '配置文件应为一个对象', 'the config file must hold an object');
  const raw = withoutNulls(input) as Obj;
  checkConfigSchema(raw);
  const rel = (p: string | undefined): string | undefined => (p === undefined ? undefined : path.resolve(baseDir, p));

  const cfg: ServerConfig = { ...d };
  cfg.port = num(raw, 'port') ?? d.port;
  cfg.host = str(raw, 'host') ?? d.host;
  const tls = obj(raw, 'tls');
  if (tls) cfg.tls = { cert: rel(str(tls, 'cert'))!, key: rel(str(tls, 'key'))! };
  cfg.staticDir = rel(str(raw, 'staticDir'));
  cfg.corpus = rel(str(raw, 'corpus'));
  cfg.corpusCache = rel(str(raw, 'corpusCache'));

  const models = raw.models as Obj[] | undefined;
  if (models) {
    cfg.models = models.map(parseModel);
    const seen = new Set<string>();
    cfg.models.forEach((m, i) => {
      if (seen.has(m.id)) fail(`models[${i}].id`, `与前面的模型重名：${m.id}`, `duplicates an earlier model: ${m.id}`);
      seen.add(m.id);
    });
  }

  const privacy = obj(raw, 'privacy');
  if (privacy) cfg.privacy = { version: str(privacy, 'version'), text: privacy.text as ServerConfig['privacy']['text'] };

  const policy = obj(raw, 'policy');
  if (policy) {
    cfg.policy = {
      classifiedResidencies: (strList(policy, 'classifiedResidencies') as Residency[] | undefined) ?? d.policy.classifiedResidencies,
      maskPii: bool(policy, 'maskPii') ?? true,
      restrictedAsClassified: bool(policy, 'restrictedAsClassified') ?? true,
      corpusResidencies: (strList(policy, 'corpusResidencies') as Residency[] | undefined) ?? d.policy.corpusResidencies,
      aigcLabel: bool(policy, 'aigcLabel') ?? d.policy.aigcLabel,
      aigcProducer: (str(policy, 'aigcProducer') ?? d.policy.aigcProducer).trim(),
      aigcExemptBuiltin: bool(policy, 'aigcExemptBuiltin') ?? d.policy.aigcExemptBuiltin,
      outcomeEvents: bool(policy, 'outcomeEvents') ?? d.policy.outcomeEvents,
    };
    const experiment = obj(policy, 'experiment');
    if (experiment) {
      const models = strList(experiment, 'models') as [string, string];
      models.forEach((id, i) => {
        if (!cfg.models.some((m) => m.id === id)) fail(`policy.experiment.models[${i}]`, `没有名为 ${id} 的模型`, `no model is named ${id}`);
      });
      if (models[0] === models[1]) fail('policy.experiment.models[1]', '两个模型须不同', 'the two models must differ');
      cfg.policy.experiment = { name: str(experiment, 'name') ?? `${models[0]}-vs-${models[1]}`, models };
    }
  }

  const auth = obj(raw, 'auth');
  if (auth) {
    cfg.auth = {
      tokens: (strList(auth, 'tokens') ?? []).map((t, i) => {
        if (!t.startsWith('env:')) return t;
        const v = env[t.slice(4)];
        if (!v) fail(`auth.tokens[${i}]`, `环境变量 ${t.slice(4)} 未设置`, `environment variable ${t.slice(4)} is not set`);
        return v;
      }),
      maxFailures: num(auth, 'maxFailures') ?? d.auth.maxFailures,
      ...(str(auth, 'trustedUserHeader') ? { trustedUserHeader: str(auth, 'trustedUserHeader')!.toLowerCase() } : {}),
      required: bool(auth, 'required') ?? d.auth.required,
    };
    cfg.auth.tokens.forEach((t, i) => {
      // A token with a space, a line break (an env file's) or a non-ASCII letter can never arrive in a
      // `Bearer` header as written: it would silently match nothing.
      if (/[^\x21-\x7e]/.test(t)) {
        fail(`auth.tokens[${i}]`, '令牌只能由可打印 ASCII 字符组成，不含空格、换行或中文', 'a token is printable ASCII only: no spaces, line breaks or non-ASCII characters');
      }
      if (t.length < 16) fail(`auth.tokens[${i}]`, '令牌太短（至少 16 个字符）', 'token too short (16 characters at least)');
    });
  }

  const cors = obj(raw, 'cors');
  if (cors) cfg.cors = { origins: strList(cors, 'origins') ?? d.cors.origins };
  const csp = obj(raw, 'csp');
  if (csp) cfg.csp = { frameAncestors: strList(csp, 'frameAncestors') ?? [], connectSrc: strList(csp, 'connectSrc') ?? [] };

  const rateLimit = obj(raw, 'rateLimit');
  if (rateLimit) {
    cfg.rateLimit = { max: num(rateLimit, 'max') ?? d.rateLimit.max, windowMs: num(rateLimit, 'windowMs') ?? d.rateLimit.windowMs };
  }
  cfg.bodyLimitBytes = num(raw, 'bodyLimitBytes') ?? d.bodyLimitBytes;
  cfg.requestTimeoutMs = num(raw, 'requestTimeoutMs') ?? d.requestTimeoutMs;
  cfg.upstreamTimeoutMs = num(raw, 'upstreamTimeoutMs') ?? d.upstreamTimeoutMs;
  cfg.firstAnswerMs = num(raw, 'firstAnswerMs') ?? d.firstAnswerMs;
  const workers = raw.workers as 'auto' | number | undefined;
  cfg.workers = workers ?? d.workers;
  const redis = obj(raw, 'redis');
  if (redis) {
    if (str(redis, 'url') === undefined) fail('redis.url', '须填写 redis:// 或 rediss:// 地址', 'is required: a redis:// or rediss:// URL');
    cfg.redis = { url: str(redis, 'url')! };
  }
  cfg.trustProxy = strList(raw, 'trustProxy') ?? d.trustProxy;
  cfg.drainDelayMs = num(raw, 'drainDelayMs') ?? d.drainDelayMs;
  const header = cfg.auth.trustedUserHeader;
  // A sign-on header believed from nowhere would silently name nobody; from everywhere, anyone could name anyone.
  if (header && cfg.trustProxy.length === 0) {
    fail('auth.trustedUserHeader', '须同时在 trustProxy 中填写登录网关（反向代理）的地址：只信任来自这些地址的该请求头', 'needs the sign-on gateway (reverse proxy) listed in trustProxy: the header is believed from those addresses only');
  }
  if (header && ['authorization', 'cookie', 'host', 'x-forwarded-for', 'content-type'].includes(header)) {
    fail('auth.trustedUserHeader', '不能使用该请求头，请用登录网关专门传递用户名的请求头（如 X-Remote-User）', 'cannot be this header: use one the gateway sets for the user name alone (e.g. X-Remote-User)');
  }
  if (cfg.auth.required && !header && cfg.auth.tokens.length === 0) {
    fail('auth.required', '须同时配置 auth.trustedUserHeader 或 auth.tokens，否则所有请求都会被拒绝', 'needs auth.trustedUserHeader or auth.tokens, else every request is refused');
  }

  const audit = obj(raw, 'audit');
  if (audit) {
    cfg.audit = {
      file: rel(str(audit, 'file')), retentionDays: num(audit, 'retentionDays') ?? d.audit.retentionDays, salt: str(audit, 'salt'),
      user: (str(audit, 'user') as ServerConfig['audit']['user'] | undefined) ?? d.audit.user,
    };
  }
  const metrics = obj(raw, 'metrics');
  if (metrics) {
    const token = str(metrics, 'token');
    const value = token?.startsWith('env:') ? env[token.slice(4)] : token;
    if (token !== undefined && !value) fail('metrics.token', `环境变量 ${token.slice(4)} 未设置`, `environment variable ${token.slice(4)} is not set`);
    if (value !== undefined && (value.length < 16 || /[^\x21-\x7e]/.test(value))) {
      fail('metrics.token', '令牌至少 16 个可打印 ASCII 字符', 'a token is 16 printable ASCII characters at least');
    }
    cfg.metrics = { token: value };
  }
  const prompts = obj(raw, 'prompts');
  if (prompts) cfg.prompts = { ...DEFAULT_PROMPTS, ...(prompts as Partial<PromptTemplates>) };
  cfg.logLevel = (str(raw, 'logLevel') as ServerConfig['logLevel'] | undefined) ?? d.logLevel;
  return cfg;
}

/** Reads the config file at `file` (or $BANXIE_CONFIG); no file means the defaults (built-in model only). */
export function loadConfig(file: string | undefined = process.env.BANXIE_CONFIG): ServerConfig {
  if (!file) return defaultConfig();
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError('BANXIE_CONFIG', `无法读取配置文件 ${file}`, `cannot read the config file ${file}`);
  }
  let raw: unknown;
  try {
    raw = /\.json$/i.test(file) ? JSON.parse(text) : YAML.parse(text);
  } catch (err) {
    const where = err instanceof Error ? err.message.split('\n')[0] : '';
    throw new ConfigError('(file)', `${file} 不是有效的 JSON/YAML：${where}`, `${file} is not valid JSON/YAML: ${where}`);
  }
  return resolveConfig(raw, path.dirname(path.resolve(file)));
}
