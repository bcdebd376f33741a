// How much the service adds: the same fake upstream called directly and through the service, same
// request shape, same concurrency, one run. Upstream and service each run in their own process (as
// deployed), the load generator in this one. Latency p50 from an interleaved sequential keep-alive
// client (sub-millisecond resolution); throughput from autocannon at equal concurrency.
// Also the child-process launcher for bench/load.ts and bench/health.ts (BANXIE_BENCH_ROLE).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import autocannon from 'autocannon';
import { buildDigest } from '../src/core/digest';
import { resolveConfig, type ServerConfig } from '../src/server/config';
import { OpenAICompatibleProvider } from '../src/server/providers/openai-compatible';

export interface Target { url: string; body?: string; method?: 'GET' | 'POST' }
export const ANSWER = '请各单位高度重视，认真组织实施，确保各项工作落到实处。';
// A real digest, as the pane sends it (~2,000 characters): the cursor after a heading of a real 通知.
const FIXTURE = fs.readFileSync(path.join(__dirname, '../tests/fixtures/gongwen/01-tongzhi-anquanshengchan.txt'), 'utf8');
const CURSOR_AFTER = '（一）切实加强组织领导。';
export const DIGEST = buildDigest(FIXTURE, FIXTURE.indexOf(CURSOR_AFTER) + CURSOR_AFTER.length);
export const MAX_CHARS = 40;

/** The service's configuration in the benchmarks: a local and an external model on the fake upstream. */
export function benchConfig(upstream: string, audit?: string): ServerConfig {
  return resolveConfig({
    models: [
      { id: 'builtin', provider: 'builtin' },
      { id: 'lan', preset: 'generic', baseUrl: upstream, model: 'fake', residency: 'local', needsConsent: false },
      { id: 'ext', preset: 'generic', baseUrl: upstream, model: 'fake', residency: 'external', needsConsent: false },
    ],
    rateLimit: { max: 1e9, windowMs: 60_000 },
    // the overhead benches time the service, not the clerk's patience: no first-answer deadline under load
    firstAnswerMs: 0,
    ...(audit ? { audit: { file: audit } } : {}),
  });
}

/** Exactly what the service sends upstream for DIGEST with model 'lan': the direct call and the bare proxy send it too. */
export function upstreamCall(upstream: string): { url: string; body: string } {
  const model = benchConfig(upstream).models.find((m) => m.id === 'lan')!;
  const call = new OpenAICompatibleProvider({ model, timeoutMs: 10_000 }).buildCall({ digest: DIGEST, maxChars: MAX_CHARS });
  return { url: call.url, body: JSON.stringify(call.body) };
}

// ---- child processes -------------------------------------------------------------------------

export interface Child { url: string; pid: number; proc: ChildProcess; stop(): Promise<void> }

/** Starts this file as a server in its own process; resolves once it printed its URL. */
export function spawnRole(role: 'upstream' | 'service' | 'bare' | 'proxy', env: Record<string, string> = {}): Promise<Child> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', __filename], {
      env: { ...process.env, ...env, BANXIE_BENCH_ROLE: role },
      stdio: ['ignore', 'pipe', 'inherit'],
      cwd: path.join(__dirname, '..'),
    });
    const timer = setTimeout(() => { proc.kill('SIGKILL'); reject(new Error(`${role} did not start`)); }, 30_000);
    proc.once('exit', (code) => reject(new Error(`${role} exited with ${code}`)));
    readline.createInterface({ input: proc.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      const { url } = JSON.parse(line) as { url: string };
      resolve({
        url, pid: proc.pid!, proc,
        stop: () => new Promise((r) => { if (proc.exitCode !== null) { r(); return; } proc.once('exit', () => r()); proc.kill('SIGTERM'); }),
      });
    });
  });
}

/** CPU time (user + system, all threads) a process has used so far, in ms, from /proc (Linux); NaN elsewhere. */
export function cpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return NaN;
  }
}

/** Resident set size of a process in MB, from /proc (Linux). */
export function rssMB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function serveRole(role: string): Promise<void> {
  let url: string;
  if (role === 'upstream') {
    const { startFakeUpstream } = await import('../tests/server/fakeUpstream');
    const up = await startFakeUpstream({ mode: 'ok', text: ANSWER, chunkChars: 8 });
    up.requests.length = 0;
    // The recorder would grow forever under load; keep it empty.
    setInterval(() => { up.requests.length = 0; }, 200).unref();
    url = up.baseUrl;
  } else if (role === 'service') {
    const { buildApp } = await import('../src/server/app');
    const app = await buildApp(benchConfig(process.env.BANXIE_BENCH_UPSTREAM!, process.env.BANXIE_BENCH_AUDIT));
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    process.on('SIGTERM', () => { void app.close().then(() => process.exit(0)); });
  } else if (role === 'proxy') {
    // The ceiling for any service in front of the upstream on this machine: the least a proxy can
    // do (node:http in, parse the JSON, keep-alive node:http out with the service's upstream request,
    // read the stream, answer JSON), no framework, no policy, no prompt building.
    const { url: upUrl, body } = upstreamCall(process.env.BANXIE_BENCH_UPSTREAM!);
    const upstream = new URL(upUrl);
    const proxyAgent = new http.Agent({ keepAlive: true, maxSockets: 256 });
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const up = http.request(upstream, { method: 'POST', agent: proxyAgent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (ur) => {
          let raw = '';
          ur.setEncoding('utf8');
          ur.on('data', (d: string) => { raw += d; });
          ur.on('end', () => {
            const out = JSON.stringify({ text: raw.length > 0 ? ANSWER : '', model: 'lan', finishReason: 'stop', latencyMs: 0 });
            res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(out) });
            res.end(out);
          });
        });
        up.on('error', () => { res.writeHead(502); res.end(); });
        up.end(body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  } else {
    // The baseline for /health: the least a Node server can do to answer the same JSON.
    const body = JSON.stringify({ status: 'ok', version: '0.0.0' });
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  process.on('SIGTERM', () => process.exit(0));
  process.stdout.write(`${JSON.stringify({ url })}\n`);
}

if (process.env.BANXIE_BENCH_ROLE) {
  serveRole(process.env.BANXIE_BENCH_ROLE).catch((err: unknown) => { console.error(err); process.exit(1); });
}

// ---- measuring -------------------------------------------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function once(t: Target): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const get = (t.method ?? (t.body ? 'POST' : 'GET')) === 'GET';
    const req = http.request(t.url, { method: get ? 'GET' : 'POST', agent, headers: get ? {} : { 'content-type': 'application/json' } }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => {
        if ((res.statusCode ?? 0) >= 400) reject(new Error(`status ${res.statusCode} from ${t.url}`));
        else resolve(Number(process.hrtime.bigint() - started) / 1e6);
      });
    });
    req.on('error', reject);
    req.end(get ? undefined : t.body);
  });
}

/** p50 latency (ms) of each target, measured interleaved so machine noise hits all alike. */
export async function interleavedP50(targets: Target[], n: number, warmup = 300): Promise<number[]> {
  for (let i = 0; i < warmup; i++) for (const t of targets) await once(t);
  const samples: number[][] = targets.map(() => []);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < targets.length; j++) samples[j].push(await once(targets[j]));
  }
  return samples.map((s) => [...s].sort((a, b) => a - b)[Math.floor(s.length / 2)]);
}

/** Fails the benchmark when the service drops the answer: timing an empty suggestion measures nothing. */
async function expectSuggestion(t: Target): Promise<void> {
  const res = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: t.body });
  const { text } = (await res.json()) as { text?: string };
  if (res.status !== 200 || text !== ANSWER) throw new Error(`the service answered ${res.status} ${JSON.stringify(text)}, not the upstream's answer`);
}

export async function cannon(t: Target, connections: number, seconds: number): Promise<{ rps: number; requests: number; errors: number }> {
  const get = (t.method ?? (t.body ? 'POST' : 'GET')) === 'GET';
  const r = await autocannon({
    url: t.url, method: get ? 'GET' : 'POST', connections, duration: seconds,
    headers: get ? {} : { 'content-type': 'application/json' }, body: get ? undefined : t.body,
  });
  return { rps: r.requests.average, requests: r.requests.total, errors: r.errors + r.timeouts + r.non2xx };
}

export const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

export function argNum(args: string[], name: string, def: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && Number.isFinite(Number(args[i + 1])) ? Number(args[i + 1]) : def;
}

export default async function serviceBench(args: string[]): Promise<Record<string, unknown>> {
  const n = argNum(args, 'n', 2000);
  const seconds = argNum(args, 'seconds', 5);
  const connections = argNum(args, 'connections', 10);

  const up = await spawnRole('upstream');
  const svc = await spawnRole('service', { BANXIE_BENCH_UPSTREAM: up.url }).catch(async (err: unknown) => { await up.stop(); throw err; });
  const proxy = await spawnRole('proxy', { BANXIE_BENCH_UPSTREAM: up.url }).catch(async (err: unknown) => { await Promise.all([svc.stop(), up.stop()]); throw err; });
  try {
    // The direct call is exactly what the service sends upstream for this digest: a streamed chat completion.
    const direct: Target = upstreamCall(up.url);
    const request = JSON.stringify({ requestId: 'bench-1', model: 'lan', maxChars: MAX_CHARS, digest: DIGEST });
    const viaService: Target = { url: `${svc.url}/v1/completions`, body: request };
    const viaProxy: Target = { url: `${proxy.url}/v1/completions`, body: request };
    await expectSuggestion(viaService);

    const [directP50Ms, serviceP50Ms, proxyP50Ms] = await interleavedP50([direct, viaService, viaProxy], n);
    // Alternate the throughput runs and keep each side's better one: a burst of load from a
    // neighbour then hurts one run of each, not one side.
    // CPU each middle process spends per request over its two runs: steadier than rps on a noisy machine.
    const spent = { service: { ms: 0, requests: 0 }, proxy: { ms: 0, requests: 0 } };
    const measured = async (t: Target, who: 'service' | 'proxy', pid: number) => {
      const before = cpuMs(pid);
      const r = await cannon(t, connections, seconds);
      spent[who].ms += cpuMs(pid) - before;
      spent[who].requests += r.requests;
      return r;
    };
    const d1 = await cannon(direct, connections, seconds);
    const s1 = await measured(viaService, 'service', svc.pid);
    const p1 = await measured(viaProxy, 'proxy', proxy.pid);
    const s2 = await measured(viaService, 'service', svc.pid);
    const d2 = await cannon(direct, connections, seconds);
    const p2 = await measured(viaProxy, 'proxy', proxy.pid);
    const directRps = Math.max(d1.rps, d2.rps);
    const serviceRps = Math.max(s1.rps, s2.rps);
    const proxyRps = Math.max(p1.rps, p2.rps);
    return {
      directP50Ms: round(directP50Ms),
      serviceP50Ms: round(serviceP50Ms),
      overheadP50Ms: round(serviceP50Ms - directP50Ms),
      directRps: Math.round(directRps),
      serviceRps: Math.round(serviceRps),
      throughputRatio: round(serviceRps / directRps),
      // The same for the least any proxy can do (3 processes share 2 cores here): the floor of the
      // overhead and the ceiling of the ratio on this machine, and the service's share of that ceiling.
      bareProxyOverheadP50Ms: round(proxyP50Ms - directP50Ms),
      bareProxyRps: Math.round(proxyRps),
      bareProxyRatio: round(proxyRps / directRps),
      serviceVsBareProxy: round(serviceRps / proxyRps),
      serviceCpuUsPerRequest: Math.round((spent.service.ms * 1000) / spent.service.requests),
      bareProxyCpuUsPerRequest: Math.round((spent.proxy.ms * 1000) / spent.proxy.requests),
      requestBytes: Buffer.byteLength(request),
      upstreamBytes: Buffer.byteLength(direct.body!),
      errors: d1.errors + d2.errors + s1.errors + s2.errors + p1.errors + p2.errors,
      samples: n, connections, seconds,
    };
  } finally {
    agent.destroy();
    await Promise.all([svc.stop(), proxy.stop(), up.stop()]);
  }
}
