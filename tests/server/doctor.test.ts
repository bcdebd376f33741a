// `npm run doctor` against fake model servers that answer as real ones do: each verdict right, including
// a model that thinks with no off switch (unusable, with the sentence to fix it) and one that is down.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveConfig } from '../../src/server/config';
import { doctor } from '../../scripts/doctor';
import { startFakeUpstream, type FakeUpstream } from './fakeUpstream';
import { freePort } from '../freePort';

const ANSWER = '请各单位高度重视，认真组织实施。';
let good: FakeUpstream;
let thinker: FakeUpstream;
let keyed: FakeUpstream;
let chatty: FakeUpstream;
let dead: string;
beforeAll(async () => {
  good = await startFakeUpstream({ text: ANSWER, firstTokenMs: 60, chunkChars: 2, chunkDelayMs: 10, rejectSuffix: true, tokensPerChar: 0.8,
    think: { ms: 5000, style: 'tags' }, offSwitch: 'chat_template_kwargs' });
  thinker = await startFakeUpstream({ text: ANSWER, think: { ms: 20_000, style: 'reasoning' } }); // Ollama that ignores every switch
  keyed = await startFakeUpstream({ text: ANSWER, apiKey: 'right-key' });
  chatty = await startFakeUpstream({ text: '好的，这是续写：请各单位高度重视。以上是我为您续写的内容' });
  dead = `http://127.0.0.1:${await freePort()}/v1`;
});
afterAll(async () => { await Promise.all([good, thinker, keyed, chatty].map((u) => u.close())); });

const config = () => resolveConfig({
  models: [
    { id: 'builtin', provider: 'builtin' },
    { id: 'vllm-qwen3', preset: 'vllm', baseUrl: good.baseUrl },
    { id: 'ollama-thinker', preset: 'ollama', baseUrl: thinker.baseUrl, firstAnswerMs: 400 },
    { id: 'down', preset: 'vllm', baseUrl: dead },
    { id: 'wrong-key', preset: 'deepseek', baseUrl: keyed.baseUrl, apiKeyEnv: 'DOCTOR_TEST_KEY' },
    { id: 'chatty', preset: 'vllm', baseUrl: chatty.baseUrl },
  ],
  upstreamTimeoutMs: 2000,
});

describe('doctor', () => {
  let report: Awaited<ReturnType<typeof doctor>>;
  beforeAll(async () => { report = await doctor(config(), { lang: 'en', env: { DOCTOR_TEST_KEY: 'wrong' } }); }, 30_000);
  const of = (id: string) => report.models.find((m) => m.id === id)!;

  it('a model that streams, thinks only when not told otherwise: usable, off switch works, modes it takes', () => {
    expect(of('vllm-qwen3')).toMatchObject({
      usable: true, reachable: true, keyAccepted: true, streams: true, thinks: false, thinkingOffWorks: true, chatterLeft: false,
      modes: { chat: true, complete: true, fim: false }, advice: '',
    });
    const m = of('vllm-qwen3');
    expect(m.firstCharMsP50).toBeGreaterThanOrEqual(60);
    expect(m.firstCharMsP50).toBeLessThan(1000);
    expect(m.charsPerSecond).toBeGreaterThan(10);
    expect(m.charsPerToken).toBeCloseTo(1.25, 1);
  });

  it('a model that thinks with no working off switch: unusable, with the sentence to fix it', () => {
    expect(of('ollama-thinker')).toMatchObject({ usable: false, reachable: true, thinks: true, thinkingOffWorks: false });
    expect(of('ollama-thinker').advice).toMatch(/thinks and the off switch did not work.*use a model that does not think/);
  });

  it('a model that is down: unreachable, with what to check', () => {
    expect(of('down')).toMatchObject({ usable: false, reachable: false });
    expect(of('down').advice).toMatch(/Cannot connect to http:\/\/127\.0\.0\.1:\d+\/v1/);
  });

  it('a refused key names the environment variable', () => {
    expect(of('wrong-key')).toMatchObject({ usable: false, reachable: true, keyAccepted: false });
    expect(of('wrong-key').advice).toContain('DOCTOR_TEST_KEY');
  });

  it('chatter the clean-up leaves is reported', () => {
    expect(of('chatty')).toMatchObject({ chatterLeft: true });
  });

  it('the built-in engine is always usable', () => {
    expect(of('builtin')).toMatchObject({ usable: true });
  });
});

describe('npm run doctor (the command)', () => {
  it('--json prints the report and exits 1 when a model is unusable; zh sentences by default', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-doctor-'));
    const file = path.join(dir, 'banxie.json');
    fs.writeFileSync(file, JSON.stringify({ models: [{ id: 'down', preset: 'vllm', baseUrl: dead }] }));
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, [require.resolve('tsx/cli'), 'scripts/doctor.ts', '--json', '--config', file], { cwd: path.join(__dirname, '../..'), env: { ...process.env, LANG: 'zh_CN.UTF-8' } },
        (err, out) => resolve({ code: err ? Number((err as { code?: number }).code) : 0, stdout: out }));
    });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(1);
    const json = JSON.parse(stdout) as { models: Array<Record<string, unknown>> };
    expect(json.models[0]).toMatchObject({ id: 'down', usable: false, reachable: false, firstCharMsP50: null, charsPerSecond: null, thinks: false, thinkingOffWorks: null, chatterLeft: false });
    expect(json.models[0].modes).toEqual({ chat: false, complete: false, fim: false });
    expect(json.models[0].advice).toMatch(/无法连接/);
  }, 30_000);
});
