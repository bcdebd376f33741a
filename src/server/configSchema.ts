// The config file's shape as JSON Schema, checked by ajv (the validator Fastify itself uses): types,
// ranges, enums and the known keys of every object. A new option is one property here plus its
// default and reading in config.ts. Rules that need more than one field stay in config.ts.
//
// Unknown keys are rejected everywhere (additionalProperties: false): a misspelt option that were
// silently ignored would leave a safety setting at its default. `x-messages` gives a field its own
// zh/en sentence for a keyword (config.ts otherwise words the keyword's generic message).
import { PRESET_NAMES } from './providers/openai-compatible/presets';

type Schema = Record<string, unknown>;
const RESIDENCY_NAMES = ['builtin', 'local', 'intranet', 'external'];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

const string: Schema = { type: 'string' };
const boolean: Schema = { type: 'boolean' };
const strings: Schema = { type: 'array', items: string };
const range = (minimum: number, maximum: number): Schema => ({ type: 'number', minimum, maximum });
const oneOfNames = (names: string[]): Schema => ({ type: 'string', enum: names });
const object = (properties: Record<string, Schema>, extra: Schema = {}): Schema =>
  ({ type: 'object', additionalProperties: false, properties, ...extra });

/** origins such as https://office.example.gov.cn or https://*.example.cn: one token each, nothing that ends a directive */
const cspSources: Schema = {
  type: 'array',
  items: { type: 'string', pattern: '^[^;,\\s]+$', 'x-messages': { pattern: ['应为一个来源（如 https://office.example.cn），不含空格、分号或逗号', 'must be one source (e.g. https://office.example.cn), without spaces, semicolons or commas'] } },
};

/** a string, or { zh-CN, en } for text the pane shows in the user's language */
const localized: Schema = {
  oneOf: [string, object({ 'zh-CN': string, en: string }, { required: ['zh-CN', 'en'] })],
  'x-messages': { oneOf: ['应为字符串，或含 zh-CN 与 en 两项的对象', 'must be a string, or an object with zh-CN and en'] },
};

const prompts = object({ system: string, user: string, fimHeader: string });

const model = object({
  id: {
    type: 'string', pattern: '^[A-Za-z0-9][\\w.:-]{0,63}$',
    'x-messages': { pattern: ['只能用字母、数字和 . _ : -', 'letters, digits and . _ : - only'] },
  },
  label: string,
  description: localized,
  provider: oneOfNames(['builtin', 'openai-compatible']),
  residency: oneOfNames(RESIDENCY_NAMES),
  acceptsClassified: boolean,
  needsConsent: boolean,
  preset: oneOfNames([...PRESET_NAMES]),
  baseUrl: string,
  // replicas of one model server, spread over and failed over (providers/openai-compatible/replicas.ts)
  baseUrls: { type: 'array', minItems: 1, items: string, 'x-messages': { minItems: ['应为非空列表，且不与 baseUrl 同时填写', 'must be a non-empty list, and not given with baseUrl'] } },
  maxConcurrent: range(1, 10_000),
  maxQueue: range(0, 10_000),
  fallbackToBuiltin: boolean,
  model: string,
  apiKeyEnv: {
    type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
    'x-messages': { pattern: ['应为环境变量名（不要直接填写密钥）', 'must be an environment variable name (not the key itself)'] },
  },
  mode: oneOfNames(['chat', 'fim', 'complete']),
  // off: the preset's switch turns thinking off (providers/openai-compatible/presets.ts); auto: let it think
  thinking: oneOfNames(['off', 'auto']),
  firstAnswerMs: range(0, 120_000),
  noThinkPrompt: boolean,
  temperature: range(0, 2),
  timeoutMs: range(100, 120_000),
  headers: { type: 'object', additionalProperties: string, 'x-messages': { type: ['应为 名称: 值 的字符串表', 'must map header names to strings'] } },
  prompts,
}, { required: ['id'], 'x-messages': { required: ['须填写，只能用字母、数字和 . _ : -', 'is required: letters, digits and . _ : - only'] } });

export const CONFIG_SCHEMA: Schema = object({
  port: range(0, 65535),
  host: string,
  tls: object({ cert: string, key: string }, {
    required: ['cert', 'key'],
    'x-messages': { required: ['须同时填写 cert 和 key 文件路径', 'needs both cert and key file paths'] },
  }),
  staticDir: string,
  corpus: string,
  corpusCache: string,
  models: { type: 'array', minItems: 1, items: model },
  privacy: object({
    version: string,
    text: object({ 'zh-CN': string, en: string }, {
      required: ['zh-CN', 'en'],
      'x-messages': { required: ['须同时提供 zh-CN 和 en 两段文字', 'needs both zh-CN and en text'] },
    }),
  }),
  policy: object({
    classifiedResidencies: { type: 'array', items: oneOfNames(RESIDENCY_NAMES) },
    maskPii: boolean,
    restrictedAsClassified: boolean,
    corpusResidencies: { type: 'array', items: oneOfNames(RESIDENCY_NAMES) },
    // GB 45438-2025 label in the document's AIGC custom property (src/core/aigc.ts): on/off, the
    // organisation named as producer, and whether the built-in engine's text is exempt
    aigcLabel: boolean,
    aigcProducer: {
      type: 'string', maxLength: 64,
      'x-messages': { maxLength: ['最多 64 个字符（标识须在文档属性的 255 个字符之内）', 'at most 64 characters (the label must fit in a 255-character document property)'] },
    },
    aigcExemptBuiltin: boolean,
    // the panes report what became of each suggestion (POST /v1/events; counts, never text)
    outcomeEvents: boolean,
    // a fair comparison: clerks split between two models by their hashed identity (routes/experiment.ts)
    experiment: object({
      name: { type: 'string', pattern: '^[\\w.:-]{1,64}$', 'x-messages': { pattern: ['只能用字母、数字和 . _ : -', 'letters, digits and . _ : - only'] } },
      models: {
        type: 'array', minItems: 2, maxItems: 2, items: string,
        'x-messages': { minItems: ['应为两个模型 id', 'must be two model ids'], maxItems: ['应为两个模型 id', 'must be two model ids'] },
      },
    }, { required: ['models'], 'x-messages': { required: ['须填写 models：两个模型 id', 'needs models: two model ids'] } }),
  }),
  auth: object({
    tokens: strings,
    maxFailures: range(1, 10_000),
    // the header the sign-on gateway (nginx auth_request, a CAS/OIDC proxy) names the user in; believed from trustProxy peers only
    trustedUserHeader: {
      type: 'string', pattern: '^[A-Za-z0-9-]{1,64}$',
      'x-messages': { pattern: ['应为请求头名称（字母、数字和 -），如 X-Remote-User', 'must be a header name (letters, digits and -), e.g. X-Remote-User'] },
    },
    // /v1/* only with an identity: the gateway's header or a valid token
    required: boolean,
  }),
  cors: object({ origins: strings }),
  // Extra sources for the pages' Content Security Policy (src/server/security.ts).
  csp: object({ frameAncestors: cspSources, connectSrc: cspSources }),
  rateLimit: object({ max: range(1, 1e9), windowMs: range(100, 86_400_000) }),
  bodyLimitBytes: range(1024, 16 * 1024 * 1024),
  requestTimeoutMs: range(1000, 600_000),
  upstreamTimeoutMs: range(100, 120_000),
  firstAnswerMs: range(0, 120_000),
  workers: {
    oneOf: [{ type: 'string', enum: ['auto'] }, { type: 'integer', minimum: 1, maximum: 256 }],
    'x-messages': { oneOf: ['应为 auto 或 1 到 256 之间的整数', 'must be auto or a whole number from 1 to 256'] },
  },
  redis: object({
    url: { type: 'string', pattern: '^rediss?://.', 'x-messages': { pattern: ['应为 redis:// 或 rediss:// 地址', 'must be a redis:// or rediss:// URL'] } },
  }, { 'x-messages': { type: ['应为 { url }', 'must be { url }'] } }),
  trustProxy: strings,
  drainDelayMs: range(0, 600_000),
  // user: hashed (a salted hash, as before) or plain (the name as the sign-on gave it)
  audit: object({ file: string, retentionDays: range(1, 36_500), salt: string, user: oneOfNames(['hashed', 'plain']) }),
  // GET /metrics (Prometheus): open to trustProxy addresses and this machine, or to `Bearer <token>`
  metrics: object({ token: string }),
  prompts,
  logLevel: oneOfNames(LOG_LEVELS),
});
