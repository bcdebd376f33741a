import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { ConfigError, checkConfigSchema, defaultConfig, loadConfig, resolveConfig } from '../../src/server/config';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-config-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const write = (name: string, text: string): string => { const p = path.join(tmp, name); fs.writeFileSync(p, text); return p; };

function errorOf(fn: () => unknown): ConfigError {
  try { fn(); } catch (err) { if (err instanceof ConfigError) return err; throw err; }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('defaults to the built-in model only', () => {
    const c = loadConfig(undefined);
    expect(c.models.map((m) => m.id)).toEqual(['builtin']);
    expect(c.policy.classifiedResidencies).toEqual(['builtin', 'local']);
    expect(c.audit.retentionDays).toBeGreaterThanOrEqual(183);
    expect(c).toEqual(defaultConfig());
  });

  it('loads the example config, which documents every option', () => {
    const c = loadConfig(path.join(__dirname, '../../config/banxie.example.yaml'));
    expect(c.models[0].id).toBe('builtin');
    const example = fs.readFileSync(path.join(__dirname, '../../config/banxie.example.yaml'), 'utf8');
    for (const key of Object.keys(defaultConfig()).concat(['tls', 'staticDir', 'corpus', 'preset', 'apiKeyEnv', 'mode', 'salt', 'retentionDays'])) {
      expect(example).toContain(`${key}:`);
    }
  });

  it('the example config, parsed as YAML, passes the schema as it is', () => {
    const raw = YAML.parse(fs.readFileSync(path.join(__dirname, '../../config/banxie.example.yaml'), 'utf8')) as Record<string, unknown>;
    expect(() => checkConfigSchema(raw)).not.toThrow();
    // and the check is real: the same file with a misspelt key fails, naming it
    expect(errorOf(() => checkConfigSchema({ ...raw, logLevle: 'info' })).field).toBe('logLevle');
  });

  it('words schema errors from the schema: ranges and lists of names in both languages', () => {
    const port = errorOf(() => resolveConfig({ port: 70000 }));
    expect([port.zh, port.en]).toEqual(['应为 0 到 65535 之间的数', 'must be a number from 0 to 65535']);
    const mode = errorOf(() => resolveConfig({ models: [{ id: 'x', preset: 'ollama', mode: 'poem' }] }));
    expect(mode.en).toBe('must be one of chat, fim, complete');
    expect(mode.zh).toBe('应为 chat、fim、complete 之一');
  });

  it('treats a YAML key without a value as absent (the default)', () => {
    const c = loadConfig(write('empty.yaml', 'staticDir:\naudit:\n  file:\n  retentionDays: 30\n'));
    expect(c.staticDir).toBeUndefined();
    expect(c.audit).toEqual({ file: undefined, retentionDays: 30, salt: undefined, user: 'hashed' });
  });

  it('reads JSON and YAML and resolves paths against the file', () => {
    const y = loadConfig(write('a.yaml', 'port: 4000\nstaticDir: ./dist\naudit: { file: logs/audit.jsonl }\n'));
    expect(y.port).toBe(4000);
    expect(y.staticDir).toBe(path.join(tmp, 'dist'));
    expect(y.audit.file).toBe(path.join(tmp, 'logs/audit.jsonl'));
    const j = loadConfig(write('b.json', JSON.stringify({ models: [{ id: 'ds', preset: 'deepseek' }] })));
    expect(j.models[0]).toMatchObject({ id: 'ds', residency: 'external', needsConsent: true, apiKeyEnv: 'DEEPSEEK_API_KEY', baseUrl: 'https://api.deepseek.com', upstreamModel: 'deepseek-v4-flash' });
  });

  it('fills presets: ollama is local, generic is external', () => {
    const c = resolveConfig({ models: [{ id: 'o', preset: 'ollama' }, { id: 'g', preset: 'generic', baseUrl: 'http://x.example/v1', model: 'm' }] });
    expect(c.models.map((m) => m.residency)).toEqual(['local', 'external']);
  });

  it.each([
    [{ port: 'eighty' }, 'port'],
    [{ models: [{ id: 'x', preset: 'gpt-store' }] }, 'models[0].preset'],
    [{ models: [{ id: 'x', preset: 'generic' }] }, 'models[0].baseUrl'],
    [{ models: [{ id: 'x', preset: 'generic', baseUrl: 'ftp://a', model: 'm' }] }, 'models[0].baseUrl'],
    [{ models: [{ id: 'x', preset: 'glm', mode: 'fim' }] }, 'models[0].mode'],
    [{ models: [{ id: 'x', preset: 'deepseek', apiKeyEnv: 'sk-123 456' }] }, 'models[0].apiKeyEnv'],
    [{ models: [{ id: 'b', provider: 'builtin' }, { id: 'b', provider: 'builtin' }] }, 'models[1].id'],
    [{ models: [{ id: 'x', preset: 'ollama', residency: 'moon' }] }, 'models[0].residency'],
    [{ policy: { classifiedResidencies: ['cloud'] } }, 'policy.classifiedResidencies[0]'],
    [{ auth: { tokens: ['short'] } }, 'auth.tokens[0]'],
    [{ auth: { tokens: ['env:BANXIE_SURELY_UNSET_VAR'] } }, 'auth.tokens[0]'],
    [{ prot: 3100 }, 'prot'],
    [{ tls: { cert: 'a.crt' } }, 'tls.key'],
    [{ audit: { fiel: 'a.jsonl' } }, 'audit.fiel'],
    [{ models: [{ id: 'x', provider: 'builtin', description: { 'zh-CN': '中' } }] }, 'models[0].description'],
    [{ models: [{ provider: 'builtin' }] }, 'models[0].id'],
    [{ models: [] }, 'models'],
    [{ rateLimit: { max: 0 } }, 'rateLimit.max'],
    [{ logLevel: 'loud' }, 'logLevel'],
    [{ csp: { connectSrc: ['https://a.example https://b.example'] } }, 'csp.connectSrc[0]'],
  ])('rejects %j naming %s in zh and en', (raw, field) => {
    const err = errorOf(() => resolveConfig(raw));
    expect(err.field).toBe(field);
    expect(err.message).toContain(field);
    expect(err.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(err.en).toMatch(/[a-z]/);
  });

  it('reports unreadable and malformed files', () => {
    expect(errorOf(() => loadConfig(path.join(tmp, 'missing.yaml'))).field).toBe('BANXIE_CONFIG');
    expect(errorOf(() => loadConfig(write('bad.json', '{ nope'))).field).toBe('(file)');
  });

  it('reads tokens from the environment', () => {
    const c = resolveConfig({ auth: { tokens: ['env:TOK'] } }, tmp, { TOK: 'abcdefghijklmnopqrstuvwxyz' });
    expect(c.auth.tokens).toEqual(['abcdefghijklmnopqrstuvwxyz']);
  });
});

describe('config: scale-out options', () => {
  it('reads workers, redis, trustProxy, drainDelayMs and model replicas, with defaults', () => {
    const d = resolveConfig({});
    expect(d).toMatchObject({ workers: 1, trustProxy: [], drainDelayMs: 0 });
    expect(d.redis).toBeUndefined();
    const c = resolveConfig({
      workers: 'auto', redis: { url: 'redis://10.0.0.30:6379' }, trustProxy: ['127.0.0.1', '10.0.0.0/8'], drainDelayMs: 5000,
      models: [{ id: 'v', preset: 'vllm', baseUrls: ['http://a:8000/v1', 'http://b:8000/v1'], maxConcurrent: 8, maxQueue: 4, fallbackToBuiltin: true }],
    });
    expect(c).toMatchObject({ workers: 'auto', redis: { url: 'redis://10.0.0.30:6379' }, trustProxy: ['127.0.0.1', '10.0.0.0/8'], drainDelayMs: 5000 });
    expect(c.models[0]).toMatchObject({ baseUrl: 'http://a:8000/v1', baseUrls: ['http://a:8000/v1', 'http://b:8000/v1'], maxConcurrent: 8, maxQueue: 4, fallbackToBuiltin: true });
    expect(resolveConfig({ models: [{ id: 'o', preset: 'ollama' }] }).models[0]).toMatchObject({ baseUrls: ['http://127.0.0.1:11434/v1'], maxConcurrent: 64, maxQueue: 32, fallbackToBuiltin: false });
    expect(resolveConfig({ workers: 4 }).workers).toBe(4);
  });

  it.each([
    [{ workers: 0 }, 'workers'],
    [{ workers: 1.5 }, 'workers'],
    [{ workers: 'many' }, 'workers'],
    [{ redis: { url: 'http://x' } }, 'redis.url'],
    [{ redis: { host: 'x' } }, 'redis.host'],
    [{ trustProxy: '127.0.0.1' }, 'trustProxy'],
    [{ models: [{ id: 'v', preset: 'vllm', baseUrls: [] }] }, 'models[0].baseUrls'],
    [{ models: [{ id: 'v', preset: 'vllm', baseUrl: 'http://a/v1', baseUrls: ['http://b/v1'] }] }, 'models[0].baseUrls'],
    [{ models: [{ id: 'v', preset: 'vllm', baseUrls: ['http://a/v1', 'ftp://b'] }] }, 'models[0].baseUrls[1]'],
    [{ models: [{ id: 'v', preset: 'vllm', maxConcurrent: 0 }] }, 'models[0].maxConcurrent'],
  ])('refuses %j naming %s', (raw, field) => {
    expect(() => resolveConfig(raw)).toThrow(expect.objectContaining({ field }));
  });
});
