// Issue 16 §4: the admin's GB 45438-2025 labelling policy — policy.aigcLabel, aigcProducer,
// aigcExemptBuiltin — checked by the schema and delivered to the pane as each model's aigcLabel in
// /v1/models (the way acceptsClassified reaches it); the generated notice says labelling is on.
import { Writable } from 'node:stream';
import { buildApp } from '../../src/server/app';
import { ConfigError, checkConfigSchema, defaultConfig, resolveConfig } from '../../src/server/config';

const MODELS = [
  { id: 'builtin', provider: 'builtin' },
  { id: 'lan', preset: 'generic', baseUrl: 'http://127.0.0.1:9/v1', model: 'm', residency: 'local' },
];

async function modelsWith(policy: Record<string, unknown>): Promise<Array<{ id: string; aigcLabel?: { producer: string } }>> {
  const app = await buildApp(resolveConfig({ models: MODELS, policy }));
  try {
    const res = await app.inject('/v1/models');
    expect(res.statusCode).toBe(200);
    return res.json().models;
  } finally {
    await app.close();
  }
}

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

test('on by default: every model carries aigcLabel with the configured producer', async () => {
  expect(defaultConfig().policy).toMatchObject({ aigcLabel: true, aigcProducer: '', aigcExemptBuiltin: false });
  const models = await modelsWith({ aigcProducer: '  东江省大数据管理局 ' });
  expect(models.map((m) => [m.id, m.aigcLabel])).toEqual([
    ['builtin', { producer: '东江省大数据管理局' }],
    ['lan', { producer: '东江省大数据管理局' }],
  ]);
});

test('an empty producer while labels are on is logged once at start, in both languages; a producer or labels off say nothing', async () => {
  const warningsWith = async (policy: Record<string, unknown>): Promise<string[]> => {
    const lines: string[] = [];
    const stream = new Writable({ write(chunk, _enc, cb) { lines.push(...String(chunk).split('\n').filter(Boolean)); cb(); } });
    const app = await buildApp(resolveConfig({ models: MODELS, policy }), { logger: { stream } });
    await app.close();
    return lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level === 40 && l.msg.includes('aigcProducer')).map((l) => l.msg);
  };
  const empty = await warningsWith({});
  expect(empty).toHaveLength(1);
  expect(empty[0]).toMatch(/为空.*is empty/);
  expect(await warningsWith({ aigcProducer: '东江省大数据管理局' })).toEqual([]);
  expect(await warningsWith({ aigcLabel: false })).toEqual([]);
});

test('the built-in engine exempted: only its entry loses aigcLabel', async () => {
  const models = await modelsWith({ aigcProducer: '001', aigcExemptBuiltin: true });
  expect(models.find((m) => m.id === 'builtin')!.aigcLabel).toBeUndefined();
  expect(models.find((m) => m.id === 'lan')!.aigcLabel).toEqual({ producer: '001' });
});

test('turned off: no model carries aigcLabel, and the generated notice no longer mentions the label', async () => {
  const models = await modelsWith({ aigcLabel: false, aigcProducer: '001' });
  expect(models.every((m) => m.aigcLabel === undefined)).toBe(true);
  const on = await buildApp(resolveConfig({ models: MODELS }));
  const off = await buildApp(resolveConfig({ models: MODELS, policy: { aigcLabel: false } }));
  try {
    const [a, b] = [(await on.inject('/v1/privacy')).json(), (await off.inject('/v1/privacy')).json()];
    expect(a.text['zh-CN']).toContain('AIGC');
    expect(a.text.en).toContain('AIGC');
    expect(b.text['zh-CN']).not.toContain('AIGC');
    expect(a.version).not.toBe(b.version);
  } finally {
    await on.close();
    await off.close();
  }
});

test('the schema checks the new options and rejects unknown ones, in zh and en', () => {
  expect(() => checkConfigSchema({ policy: { aigcLabel: true, aigcProducer: '东江省大数据管理局', aigcExemptBuiltin: false } })).not.toThrow();
  expect(errorOf(() => checkConfigSchema({ policy: { aigcLabel: 'yes' } })).field).toBe('policy.aigcLabel');
  const long = errorOf(() => checkConfigSchema({ policy: { aigcProducer: '单位'.repeat(40) } }));
  expect(long.field).toBe('policy.aigcProducer');
  expect(long.zh).toContain('64');
  expect(long.en).toContain('64');
  expect(errorOf(() => checkConfigSchema({ policy: { aigcLable: false } })).field).toBe('policy.aigcLable');
});
