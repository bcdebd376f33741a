// Two service instances as IT runs them (main.ts processes), a real Redis and a real nginx with the
// deploy/ example: the rate limit holds across instances, Redis can die and come back, and an instance
// can be stopped (SIGTERM) under load — without a clerk seeing a failed request.
import http from 'node:http';
import fs from 'node:fs';
import { startFakeUpstream, type FakeUpstream } from './fakeUpstream';
import { completionBody } from './helpers';
import { getJson, post, startInstance, startNginx, startRedis, tempDir, type Answer, type Instance, type Nginx, type RedisServer } from '../realServers';

jest.setTimeout(120_000);
const LIMIT = 100;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

let dir: string;
let redis: RedisServer;
let up: FakeUpstream;
let a: Instance;
let b: Instance;
let nginx: Nginx;

function config(port = 0): Record<string, unknown> {
  return {
    port,
    models: [{ id: 'lan', preset: 'generic', baseUrl: up.baseUrl, model: 'fake', residency: 'local', needsConsent: false }],
    rateLimit: { max: LIMIT, windowMs: 60_000 },
    redis: { url: redis.url },
    trustProxy: ['127.0.0.1'],
    upstreamTimeoutMs: 5000,
    logLevel: 'warn',
  };
}

beforeAll(async () => {
  dir = tempDir('scale');
  redis = await startRedis();
  // ~120 ms per answer, so a stop or an outage always finds requests in flight.
  up = await startFakeUpstream({ mode: 'ok', text: '请各单位高度重视，认真组织实施。', chunkChars: 4, chunkDelayMs: 30 });
  [a, b] = await Promise.all([startInstance(config(), dir, 'a'), startInstance(config(), dir, 'b')]);
  nginx = await startNginx([a.port, b.port]);
});

afterAll(async () => {
  await Promise.allSettled([nginx?.stop(), a?.stop(), b?.stop(), redis?.stop()]);
  await up?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const BODY = JSON.stringify(completionBody('lan'));

/** `clerks` clients, each from its own 127.x address with its own keep-alive connection, asking in a loop until `until` resolves. */
async function load(url: string, clerks: number, firstAddress: number, until: Promise<unknown>): Promise<Answer[]> {
  let done = false;
  void until.then(() => { done = true; });
  const answers: Answer[] = [];
  await Promise.all(Array.from({ length: clerks }, async (_x, i) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const localAddress = `127.${firstAddress}.${Math.floor(i / 250)}.${(i % 250) + 1}`;
    while (!done) {
      answers.push(await post(`${url}/v1/completions`, BODY, { agent, localAddress }));
      await sleep(100 + Math.random() * 100); // well under LIMIT a minute per clerk over a test
    }
    agent.destroy();
  }));
  return answers;
}

/** `n` requests from one address straight to the instances in turn (no proxy), ten at a time. */
async function burst(n: number, localAddress: string): Promise<{ statuses: number[]; byInstance: number[][] }> {
  const agents = [new http.Agent({ keepAlive: true }), new http.Agent({ keepAlive: true })];
  const statuses: number[] = [];
  const byInstance: number[][] = [[], []];
  for (let i = 0; i < n; i += 10) {
    await Promise.all(Array.from({ length: Math.min(10, n - i) }, async (_x, j) => {
      const k = (i + j) % 2;
      const { status } = await post(`${[a, b][k].url}/v1/completions`, BODY, { agent: agents[k], localAddress });
      statuses.push(status);
      byInstance[k].push(status);
    }));
  }
  agents.forEach((ag) => ag.destroy());
  return { statuses, byInstance };
}

const failures = (answers: Answer[]): string[] => answers.filter((x) => x.status !== 200).map((x) => `${x.status} ${x.body.slice(0, 120)}`);

describe('behind nginx, with Redis', () => {
  it('holds the rate limit across both instances: N requests in the window in total, not N each', async () => {
    const { statuses, byInstance } = await burst(LIMIT * 2, '127.9.0.1');
    expect(statuses.filter((s) => s === 200).length).toBe(LIMIT);
    expect(statuses.filter((s) => s === 429).length).toBe(LIMIT);
    // Both instances answered 200s and 429s: each saw the other's count.
    expect(byInstance.map((list) => new Set(list))).toEqual([new Set([200, 429]), new Set([200, 429])]);
    // Through nginx the limit counts the clerk (X-Forwarded-For from a trusted proxy), not nginx.
    expect((await post(`${nginx.url}/v1/completions`, BODY, { localAddress: '127.9.0.1' })).status).toBe(429);
    expect((await post(`${nginx.url}/v1/completions`, BODY, { localAddress: '127.9.0.2' })).status).toBe(200);
  });

  it('loses no request when Redis dies mid-run, reports degraded, and shares limits again when it returns', async () => {
    const stopLoad = (async () => {
      await sleep(1000);
      redis.proc.kill('SIGKILL');
      await sleep(1500);
    })();
    const answers = await load(nginx.url, 20, 10, stopLoad);
    expect(answers.length).toBeGreaterThan(40);
    expect(failures(answers)).toEqual([]);

    for (const inst of [a, b]) {
      const ready = await getJson(`${inst.url}/health/ready`);
      expect(ready.status).toBe(200); // degraded, still serving
      expect(ready.json).toMatchObject({ status: 'degraded', checks: { redis: 'down' } });
    }
    expect(a.lines.join('\n')).toContain('Redis unreachable');

    await redis.restart();
    const end = Date.now() + 15_000;
    while ((await getJson(`${a.url}/health/ready`)).json.status !== 'ready' || (await getJson(`${b.url}/health/ready`)).json.status !== 'ready') {
      if (Date.now() > end) throw new Error('did not recover after Redis came back');
      await sleep(200);
    }
    // Limits are shared again: a fresh clerk gets exactly LIMIT over both instances.
    const { statuses } = await burst(LIMIT + 10, '127.9.1.1');
    expect(statuses.filter((s) => s === 200).length).toBe(LIMIT);
  });

  it('fails no request when one instance gets SIGTERM under load, and takes it back when it returns', async () => {
    let exitCode: number | null = -1;
    const stopLoad = (async () => {
      await sleep(1000);
      exitCode = await a.stop(20_000); // drains: unready, finishes in flight, exits
      a = await startInstance(config(a.port), dir, 'a');
      await sleep(2500); // nginx's fail_timeout (2 s in the test) before it tries `a` again
    })();
    const answers = await load(nginx.url, 30, 20, stopLoad);
    expect(exitCode).toBe(0);
    expect(answers.length).toBeGreaterThan(100);
    expect(failures(answers)).toEqual([]);
    // Both instances serve again.
    const before = up.requests.length;
    for (let i = 0; i < 10; i++) expect((await post(`${a.url}/v1/completions`, BODY, { localAddress: '127.9.2.1' })).status).toBe(200);
    expect(up.requests.length).toBe(before + 10);
  });

  it('/health/ready turns 503 draining on SIGTERM while requests in flight still finish', async () => {
    up.set({ chunkDelayMs: 300 }); // ~1.2 s per answer
    try {
      const inFlight = post(`${b.url}/v1/completions`, BODY, { localAddress: '127.9.3.1' });
      await sleep(200);
      b.proc.kill('SIGTERM');
      await sleep(100);
      const ready = await fetch(`${b.url}/health/ready`).then(async (r) => ({ status: r.status, json: await r.json() as { status: string } }), () => null);
      // Either it still answers (503 draining) or it already stopped accepting connections.
      if (ready) expect(ready).toMatchObject({ status: 503, json: { status: 'draining' } });
      const answer = await inFlight;
      expect(answer.status).toBe(200);
      expect(answer.headers.connection).toBe('close');
      expect(await b.stop()).toBe(0);
    } finally {
      up.set({ chunkDelayMs: 30 });
      b = await startInstance(config(b.port), dir, 'b');
    }
  });
});
