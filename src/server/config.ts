// The service's one configuration: file (JSON or YAML) -> validated ServerConfig with defaults filled.
// Errors name the bad field in zh-CN and en, because the admin reading them may read either.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { Residency } from '../core/protocol';
import { PRESETS, PRESET_NAMES, type PresetName } from './providers/openai-compatible/presets';
import { DEFAULT_PROMPTS, type PromptTemplates } from './providers/openai-compatible/prompt';

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
  mode: 'chat' | 'fim';
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
  /** folder of .txt/.docx documents the built-in engine learns phrasing from */
  corpus?: string;
  models: ModelConfig[];
  privacy: { version?: string; text?: { 'zh-CN': string; en: string } };
  policy: {
    /** residencies a document with a classification marking may go to */
    classifiedResidencies: Residency[];
    /** mask ID/phone/card/e-mail before anything goes to an external model */
    maskPii: boolean;
  };
  /** bearer tokens; empty = no authentication. `env:NAME` reads the token from the environment */
  auth: { tokens: string[] };
  cors: { origins: string[] };
  rateLimit: { max: number; windowMs: number };
  bodyLimitBytes: number;
  upstreamTimeoutMs: number;
  /** worker processes on this machine (node:cluster); 'auto' = one per core */
  workers: 'auto' | number;
  /** shared state across instances (rate limits); without it limits are per process */
  redis?: { url: string };
  /** addresses of reverse proxies whose X-Forwarded-For is believed (the caller's IP keys the rate limit) */
  trustProxy: string[];
  /** on SIGTERM, how long to stay up answering while reporting unready, so a polling balancer stops sending */
  drainDelayMs: number;
  audit: { file?: string; retentionDays: number; salt?: string };
  prompts: PromptTemplates;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export class ConfigError extends Error {
  constructor(readonly field: string, readonly zh: string, readonly en: string) {
    super(`配置项 ${field}：${zh} / config field ${field}: ${en}`);
    this.name = 'ConfigError';
  }
}

export function defaultConfig(): ServerConfig {
  return {
    port: 3100,
    host: '127.0.0.1',
    models: [{
      id: 'builtin', label: '内置引擎（离线）', description: { 'zh-CN': '本服务器内置的续写引擎，不联网，不需要模型', en: 'Built-in offline engine: no model, no network' },
      provider: 'builtin', residency: 'builtin', needsConsent: false, mode: 'chat', temperature: 0,
      maxConcurrent: 64, maxQueue: 32, fallbackToBuiltin: false,
    }],
    privacy: {},
    policy: { classifiedResidencies: ['builtin', 'local'], maskPii: true },
    auth: { tokens: [] },
    cors: { origins: ['https://localhost:3000', 'http://localhost:3000'] },
    rateLimit: { max: 120, windowMs: 60_000 },
    bodyLimitBytes: 64 * 1024,
    upstreamTimeoutMs: 8000,
    workers: 1,
    trustProxy: [],
    drainDelayMs: 0,
    audit: { retentionDays: 183 },
    prompts: { ...DEFAULT_PROMPTS },
    logLevel: 'info',
  };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(field: string, zh: string, en: string): never {
  throw new ConfigError(field, zh, en);
}
function str(o: Obj, key: string, field: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') fail(field, '应为字符串', 'must be a string');
  return v;
}
/** a string, or { zh-CN, en } for text the pane shows in the user's language */
function localized(o: Obj, key: string, field: string): string | { 'zh-CN': string; en: string } | undefined {
  const v = o[key];
  if (isObj(v)) {
    if (typeof v['zh-CN'] !== 'string' || typeof v.en !== 'string' || Object.keys(v).length !== 2) {
      fail(field, '应为字符串，或含 zh-CN 与 en 两项的对象', 'must be a string, or an object with zh-CN and en');
    }
    return { 'zh-CN': v['zh-CN'] as string, en: v.en as string };
  }
  return str(o, key, field);
}
function num(o: Obj, key: string, field: string, min: number, max: number): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    fail(field, `应为 ${min} 到 ${max} 之间的数`, `must be a number from ${min} to ${max}`);
  }
  return v;
}
function bool(o: Obj, key: string, field: string): boolean | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') fail(field, '应为 true 或 false', 'must be true or false');
  return v;
}
function strList(o: Obj, key: string, field: string): string[] | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) fail(field, '应为字符串列表', 'must be a list of strings');
  return v as string[];
}
function residency(v: unknown, field: string): Residency {
  if (typeof v !== 'string' || !RESIDENCIES.includes(v as Residency)) {
    fail(field, `应为 ${RESIDENCIES.join('、')} 之一`, `must be one of ${RESIDENCIES.join(', ')}`);
  }
  return v as Residency;
}
function checkKeys(o: Obj, allowed: string[], prefix: string): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) fail(`${prefix}${k}`, '不认识的配置项（拼写错误？）', 'unknown option (a typo?)');
  }
}

const MODEL_KEYS = ['id', 'label', 'description', 'provider', 'residency', 'acceptsClassified', 'needsConsent', 'preset',
  'baseUrl', 'baseUrls', 'maxConcurrent', 'maxQueue', 'fallbackToBuiltin', 'model', 'apiKeyEnv', 'mode', 'temperature', 'timeoutMs', 'headers', 'prompts'];

function parseModel(raw: unknown, i: number): ModelConfig {
  const f = `models[${i}]`;
  if (!isObj(raw)) fail(f, '应为对象', 'must be an object');
  checkKeys(raw, MODEL_KEYS, `${f}.`);
  const id = str(raw, 'id', `${f}.id`);
  if (!id || !/^[A-Za-z0-9][\w.:-]{0,63}$/.test(id)) {
    fail(`${f}.id`, '须填写，只能用字母、数字和 . _ : -', 'is required: letters, digits and . _ : - only');
  }
  const provider = str(raw, 'provider', `${f}.provider`) ?? 'openai-compatible';
  if (provider !== 'builtin' && provider !== 'openai-compatible') {
    fail(`${f}.provider`, '应为 builtin 或 openai-compatible', 'must be builtin or openai-compatible');
  }
  const presetName = str(raw, 'preset', `${f}.preset`);
  if (presetName !== undefined && !PRESET_NAMES.includes(presetName as PresetName)) {
    fail(`${f}.preset`, `应为 ${PRESET_NAMES.join('、')} 之一`, `must be one of ${PRESET_NAMES.join(', ')}`);
  }
  const preset = presetName ? PRESETS[presetName as PresetName] : undefined;
  const mode = str(raw, 'mode', `${f}.mode`) ?? 'chat';
  if (mode !== 'chat' && mode !== 'fim') fail(`${f}.mode`, '应为 chat 或 fim', 'must be chat or fim');
  const res: Residency = raw.residency !== undefined
    ? residency(raw.residency, `${f}.residency`)
    : provider === 'builtin' ? 'builtin' : preset?.residency ?? 'external';
  if (provider === 'builtin' && res !== 'builtin') fail(`${f}.residency`, '内置引擎只能是 builtin', 'must be builtin for the built-in engine');
  if (provider !== 'builtin' && res === 'builtin') fail(`${f}.residency`, '只有内置引擎可以是 builtin', 'only the built-in engine can be builtin');
  const replicas = strList(raw, 'baseUrls', `${f}.baseUrls`);
  if (replicas && (replicas.length === 0 || raw.baseUrl !== undefined)) {
    fail(`${f}.baseUrls`, '应为非空列表，且不与 baseUrl 同时填写', 'must be a non-empty list, and not given with baseUrl');
  }
  const baseUrl = replicas?.[0] ?? str(raw, 'baseUrl', `${f}.baseUrl`) ?? preset?.baseUrl;
  const upstreamModel = str(raw, 'model', `${f}.model`) ?? preset?.model;
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
  }
  const apiKeyEnv = str(raw, 'apiKeyEnv', `${f}.apiKeyEnv`) ?? preset?.apiKeyEnv;
  if (apiKeyEnv !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(apiKeyEnv)) {
    fail(`${f}.apiKeyEnv`, '应为环境变量名（不要直接填写密钥）', 'must be an environment variable name (not the key itself)');
  }
  let headers: Record<string, string> | undefined;
  if (raw.headers !== undefined) {
    if (!isObj(raw.headers) || Object.values(raw.headers).some((v) => typeof v !== 'string')) {
      fail(`${f}.headers`, '应为 名称: 值 的字符串表', 'must map header names to strings');
    }
    headers = raw.headers as Record<string, string>;
  }
  let prompts: Partial<PromptTemplates> | undefined;
  if (raw.prompts !== undefined) prompts = parsePrompts(raw.prompts, `${f}.prompts`);
  return {
    id,
    label: str(raw, 'label', `${f}.label`) ?? preset?.label ?? id,
    description: localized(raw, 'description', `${f}.description`),
    provider,
    residency: res,
    acceptsClassified: bool(raw, 'acceptsClassified', `${f}.acceptsClassified`),
    needsConsent: bool(raw, 'needsConsent', `${f}.needsConsent`) ?? res !== 'builtin',
    preset: presetName as PresetName | undefined,
    baseUrl: provider === 'builtin' ? undefined : baseUrl,
    baseUrls: provider === 'builtin' ? undefined : replicas ?? [baseUrl!],
    maxConcurrent: num(raw, 'maxConcurrent', `${f}.maxConcurrent`, 1, 10_000) ?? 64,
    maxQueue: num(raw, 'maxQueue', `${f}.maxQueue`, 0, 10_000) ?? 32,
    fallbackToBuiltin: bool(raw, 'fallbackToBuiltin', `${f}.fallbackToBuiltin`) ?? false,
    upstreamModel: provider === 'builtin' ? undefined : upstreamModel,
    apiKeyEnv,
    mode,
    temperature: num(raw, 'temperature', `${f}.temperature`, 0, 2) ?? 0.3,
    timeoutMs: num(raw, 'timeoutMs', `${f}.timeoutMs`, 100, 120_000),
    headers,
    prompts,
  };
}

function parsePrompts(raw: unknown, f: string): Partial<PromptTemplates> {
  if (!isObj(raw)) fail(f, '应为对象', 'must be an object');
  checkKeys(raw, ['system', 'user', 'fimHeader'], `${f}.`);
  const out: Partial<PromptTemplates> = {};
  for (const k of ['system', 'user', 'fimHeader'] as const) {
    const v = str(raw, k, `${f}.${k}`);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

const TOP_KEYS = ['port', 'host', 'tls', 'staticDir', 'corpus', 'models', 'privacy', 'policy', 'auth', 'cors', 'rateLimit',
  'bodyLimitBytes', 'upstreamTimeoutMs', 'workers', 'redis', 'trustProxy', 'drainDelayMs', 'audit', 'prompts', 'logLevel'];

/**
 * Validates a parsed config object and fills defaults. `baseDir` resolves relative paths
 * (the config file's folder), so a config means the same thing whatever the working directory.
 */
export function resolveConfig(raw: unknown, baseDir = process.cwd(), env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const d = defaultConfig();
  if (raw === undefined || raw === null) return d;
  if (!isObj(raw)) fail('(root)', '配置文件应为一个对象', 'the config file must hold an object');
  checkKeys(raw, TOP_KEYS, '');
  const rel = (p: string | undefined): string | undefined => (p === undefined ? undefined : path.resolve(baseDir, p));

  const cfg: ServerConfig = { ...d };
  cfg.port = num(raw, 'port', 'port', 0, 65535) ?? d.port;
  cfg.host = str(raw, 'host', 'host') ?? d.host;
  if (raw.tls !== undefined && raw.tls !== null) {
    if (!isObj(raw.tls)) fail('tls', '应为 { cert, key }', 'must be { cert, key }');
    const cert = str(raw.tls, 'cert', 'tls.cert');
    const key = str(raw.tls, 'key', 'tls.key');
    if (!cert || !key) fail(cert ? 'tls.key' : 'tls.cert', '须同时填写 cert 和 key 文件路径', 'needs both cert and key file paths');
    cfg.tls = { cert: rel(cert)!, key: rel(key)! };
  }
  cfg.staticDir = rel(str(raw, 'staticDir', 'staticDir'));
  cfg.corpus = rel(str(raw, 'corpus', 'corpus'));

  if (raw.models !== undefined) {
    if (!Array.isArray(raw.models) || raw.models.length === 0) fail('models', '应为非空列表', 'must be a non-empty list');
    cfg.models = raw.models.map(parseModel);
    const seen = new Set<string>();
    cfg.models.forEach((m, i) => {
      if (seen.has(m.id)) fail(`models[${i}].id`, `与前面的模型重名：${m.id}`, `duplicates an earlier model: ${m.id}`);
      seen.add(m.id);
    });
  }

  if (raw.privacy !== undefined) {
    if (!isObj(raw.privacy)) fail('privacy', '应为对象', 'must be an object');
    checkKeys(raw.privacy, ['version', 'text'], 'privacy.');
    const version = str(raw.privacy, 'version', 'privacy.version');
    let text: ServerConfig['privacy']['text'];
    if (raw.privacy.text !== undefined) {
      const t = raw.privacy.text;
      if (!isObj(t) || typeof t['zh-CN'] !== 'string' || typeof t.en !== 'string') {
        fail('privacy.text', '须同时提供 zh-CN 和 en 两段文字', 'needs both zh-CN and en text');
      }
      text = { 'zh-CN': t['zh-CN'] as string, en: t.en as string };
    }
    cfg.privacy = { version, text };
  }

  if (raw.policy !== undefined) {
    if (!isObj(raw.policy)) fail('policy', '应为对象', 'must be an object');
    checkKeys(raw.policy, ['classifiedResidencies', 'maskPii'], 'policy.');
    const list = strList(raw.policy, 'classifiedResidencies', 'policy.classifiedResidencies');
    cfg.policy = {
      classifiedResidencies: list ? list.map((r, i) => residency(r, `policy.classifiedResidencies[${i}]`)) : d.policy.classifiedResidencies,
      maskPii: bool(raw.policy, 'maskPii', 'policy.maskPii') ?? true,
    };
  }

  if (raw.auth !== undefined) {
    if (!isObj(raw.auth)) fail('auth', '应为对象', 'must be an object');
    checkKeys(raw.auth, ['tokens'], 'auth.');
    const tokens = strList(raw.auth, 'tokens', 'auth.tokens') ?? [];
    cfg.auth = {
      tokens: tokens.map((t, i) => {
        if (!t.startsWith('env:')) return t;
        const v = env[t.slice(4)];
        if (!v) fail(`auth.tokens[${i}]`, `环境变量 ${t.slice(4)} 未设置`, `environment variable ${t.slice(4)} is not set`);
        return v;
      }),
    };
    cfg.auth.tokens.forEach((t, i) => {
      if (t.length < 16) fail(`auth.tokens[${i}]`, '令牌太短（至少 16 个字符）', 'token too short (16 characters at least)');
    });
  }

  if (raw.cors !== undefined) {
    if (!isObj(raw.cors)) fail('cors', '应为对象', 'must be an object');
    checkKeys(raw.cors, ['origins'], 'cors.');
    cfg.cors = { origins: strList(raw.cors, 'origins', 'cors.origins') ?? d.cors.origins };
  }

  if (raw.rateLimit !== undefined) {
    if (!isObj(raw.rateLimit)) fail('rateLimit', '应为对象', 'must be an object');
    checkKeys(raw.rateLimit, ['max', 'windowMs'], 'rateLimit.');
    cfg.rateLimit = {
      max: num(raw.rateLimit, 'max', 'rateLimit.max', 1, 1e9) ?? d.rateLimit.max,
      windowMs: num(raw.rateLimit, 'windowMs', 'rateLimit.windowMs', 100, 86_400_000) ?? d.rateLimit.windowMs,
    };
  }
  cfg.bodyLimitBytes = num(raw, 'bodyLimitBytes', 'bodyLimitBytes', 1024, 16 * 1024 * 1024) ?? d.bodyLimitBytes;
  cfg.upstreamTimeoutMs = num(raw, 'upstreamTimeoutMs', 'upstreamTimeoutMs', 100, 120_000) ?? d.upstreamTimeoutMs;
  if (raw.workers !== undefined && raw.workers !== 'auto') {
    const n = num(raw, 'workers', 'workers', 1, 256);
    if (n !== undefined && !Number.isInteger(n)) fail('workers', '应为 auto 或 1 到 256 之间的整数', 'must be auto or a whole number from 1 to 256');
    cfg.workers = n ?? d.workers;
  } else if (raw.workers === 'auto') cfg.workers = 'auto';
  if (raw.redis !== undefined && raw.redis !== null) {
    if (!isObj(raw.redis)) fail('redis', '应为 { url }', 'must be { url }');
    checkKeys(raw.redis, ['url'], 'redis.');
    const url = str(raw.redis, 'url', 'redis.url');
    if (!url || !/^rediss?:\/\/./.test(url)) fail('redis.url', '应为 redis:// 或 rediss:// 地址', 'must be a redis:// or rediss:// URL');
    cfg.redis = { url };
  }
  cfg.trustProxy = strList(raw, 'trustProxy', 'trustProxy') ?? d.trustProxy;
  cfg.drainDelayMs = num(raw, 'drainDelayMs', 'drainDelayMs', 0, 600_000) ?? d.drainDelayMs;

  if (raw.audit !== undefined) {
    if (!isObj(raw.audit)) fail('audit', '应为对象', 'must be an object');
    checkKeys(raw.audit, ['file', 'retentionDays', 'salt'], 'audit.');
    cfg.audit = {
      file: rel(str(raw.audit, 'file', 'audit.file')),
      retentionDays: num(raw.audit, 'retentionDays', 'audit.retentionDays', 1, 36_500) ?? d.audit.retentionDays,
      salt: str(raw.audit, 'salt', 'audit.salt'),
    };
  }
  if (raw.prompts !== undefined) cfg.prompts = { ...DEFAULT_PROMPTS, ...parsePrompts(raw.prompts, 'prompts') };
  const level = str(raw, 'logLevel', 'logLevel');
  if (level !== undefined) {
    const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
    if (!levels.includes(level)) fail('logLevel', `应为 ${levels.join('、')} 之一`, `must be one of ${levels.join(', ')}`);
    cfg.logLevel = level as ServerConfig['logLevel'];
  }
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
