// Many clerks on two instances behind nginx, with Redis, against a model with realistic latency, one
// instance restarted (SIGTERM, drain, start) mid-run. All on loopback; bounded in time.
// Each clerk has its own 127.x address (nginx passes it on; the rate limit counts per clerk) and its own
// keep-alive connection, and asks every 2–3 s. The fake model answers after 300–1500 ms, chosen per
// request, and tells (in its own process, by its own clock) how long it took; the service's overhead for
// a request is the latency the clerk saw minus that — the baseline measured in the same run.
// limitExact: meanwhile one clerk asks 2×max times; exactly max must pass, whichever instance answers.
// The instances run the service as IT does: built (npm run build's dist/server/main.js), not through tsx
// (--from-source for that). Clerks arrive over a warm-up (--warmup, 10 s) that the figures leave out.
// Three yardsticks in the same run, because this machine's own share is large: `baseline` (clerks straight
// to the model), `floor` (clerks through their own nginx to a bare Node proxy: what any service behind
// nginx pays here) and the overhead as nginx itself timed it (without this load generator's stalls).
// --dump FILE writes one line per request (ms since start, instance, overhead at nginx, overhead seen).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DIGEST, argNum, cpuMs, round } from './service';
import { getJson, post, startInstance, startNginx, startRedis, tempDir, type Answer, type Instance, type Nginx } from '../tests/realServers';

const ANSWER = '请各单位高度重视，认真组织实施，确保各项工作落到实处。';
const LIMIT = 120;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// ---- the fake model, in its own process ------------------------------------------------------------

/** Answers like an OpenAI-compatible server after 300–1500 ms; records its own time per request id (from 文号). */
async function serveUpstream(): Promise<void> {
  const took = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const started = process.hrtime.bigint();
      const id = /文号：〔bench〕(\d+)号/.exec(Buffer.concat(chunks).toString('utf8'))?.[1];
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        for (let i = 0; i < ANSWER.length; i += 8) {
          res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: ANSWER.slice(i, i + 8) } }] })}\n\n`);
        }
        res.end('data: [DONE]\n\n', () => {
          if (id) took.set(id, Number(process.hrtime.bigint() - started) / 1e6);
        });
      }, 300 + Math.random() * 1200);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  process.on('message', (msg: string) => {
    if (msg === 'report') process.send!({ took: [...took] });
  });
  process.send!({ port: (server.address() as AddressInfo).port });
}

/**
 * The floor: the least any service behind nginx could do on this machine — node:http in, the JSON parsed,
 * a keep-alive call to the model, its stream read, a JSON answer. No framework, policy, limit or prompt.
 * What clerks see through it over the model's time is what this machine charges for one more Node hop.
 */
async function serveBareProxy(): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxFreeSockets: 512 });
  const model = Number(process.env.BANXIE_SCALE_MODEL_PORT);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { digest } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { digest: { docNumber: string } };
      const call = JSON.stringify({ model: 'fake', stream: true, messages: [{ role: 'user', content: `文号：${digest.docNumber}` }] });
      const up = http.request({ host: '127.0.0.1', port: model, path: '/v1/chat/completions', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(call) } }, (ur) => {
        let raw = '';
        ur.setEncoding('utf8');
        ur.on('data', (d: string) => { raw += d; });
        ur.on('end', () => {
          const out = JSON.stringify({ text: raw ? ANSWER : '', model: 'lan', finishReason: 'stop', latencyMs: 0 });
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(out) });
          res.end(out);
        });
      });
      up.on('error', () => { res.writeHead(502); res.end(); });
      up.end(call);
    });
  });
  server.keepAliveTimeout = 72_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  process.send!({ port: (server.address() as AddressInfo).port });
}

if (process.env.BANXIE_SCALE_ROLE === 'upstream') void serveUpstream();
if (process.env.BANXIE_SCALE_ROLE === 'bare') void serveBareProxy();

function startBareProxy(modelPort: number): Promise<{ port: number; proc: ChildProcess }> {
  const proc = fork(__filename, [], { env: { ...process.env, BANXIE_SCALE_ROLE: 'bare', BANXIE_SCALE_MODEL_PORT: String(modelPort) }, execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    proc.once('error', reject);
    proc.once('message', (m: { port: number }) => resolve({ port: m.port, proc }));
  });
}

function startUpstream(): Promise<{ port: number; proc: ChildProcess; report(): Promise<Map<string, number>> }> {
  const proc = fork(__filename, [], { env: { ...process.env, BANXIE_SCALE_ROLE: 'upstream' }, execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    proc.once('error', reject);
    proc.once('message', (m: { port: number }) => resolve({
      port: m.port, proc,
      report: () => new Promise((r) => {
        proc.once('message', (x: { took: [string, number][] }) => r(new Map(x.took)));
        proc.send('report');
      }),
    }));
  });
}

// ---- the run --------------------------------------------------------------------------------------

interface Sample { id: number; at: number; answer: Answer }

/** CPU of a process's children (nginx's worker), from /proc. */
function childCpu(pid: number): number {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).reduce((sum, c) => sum + cpuMs(Number(c)), 0);
  } catch {
    return 0;
  }
}

/** The service bundled as `npm run build` does, under node_modules/.cache (so it finds the dependencies). */
function buildService(): string {
  const root = path.join(__dirname, '..');
  const out = path.join(root, 'node_modules/.cache/banxie-bench-scale');
  const built = spawnSync(process.execPath, ['scripts/build.mjs', '--skip-pages', '--out-dir', out], { cwd: root, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`npm run build failed: ${built.stderr}`);
  return path.join(out, 'server/main.js');
}

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

export default async function scaleBench(args: string[]): Promise<Record<string, unknown>> {
  const clerks = argNum(args, 'clerks', 1000);
  const seconds = argNum(args, 'seconds', 40);
  // Clerks arrive over the warm-up (as they do in a morning, not all in one second on a cold service);
  // figures count from its end. The restart falls in the measured part.
  const warmup = argNum(args, 'warmup', 10);
  const built = args.includes('--from-source') ? undefined : buildService();
  const dir = tempDir('bench-scale');
  const redis = await startRedis();
  const upstream = await startUpstream();
  const bare = await startBareProxy(upstream.port);
  const instances: Instance[] = [];
  let nginx: Nginx | undefined;
  let floorNginx: Nginx | undefined;
  try {
    const config = (port = 0): Record<string, unknown> => ({
      port,
      models: [{
        id: 'lan', preset: 'vllm', baseUrl: `http://127.0.0.1:${upstream.port}/v1`, model: 'fake', residency: 'local', needsConsent: false,
        // a model cluster sized for this load: the bench measures the service, not the queue
        maxConcurrent: 1000, maxQueue: 100,
      }],
      rateLimit: { max: LIMIT, windowMs: 60_000 },
      redis: { url: redis.url },
      trustProxy: ['127.0.0.1'],
      upstreamTimeoutMs: 5000,
      logLevel: 'warn',
    });
    instances.push(...await Promise.all([startInstance(config(), dir, 'a', { built }), startInstance(config(), dir, 'b', { built })]));
    nginx = await startNginx(instances.map((i) => i.port), { workerConnections: 8192 });
    floorNginx = await startNginx([bare.port], { workerConnections: 1024 });
    const url = `${nginx.url}/v1/completions`;

    const t0 = Date.now();
    const from = t0 + warmup * 1000;
    const end = from + seconds * 1000;
    const arrival = (): Promise<void> => sleep(Math.random() * warmup * 800);
    // CPU each part uses over the run (cores), to see which one the machine runs short for.
    const cpuAt = (): Record<string, number> => ({
      b: cpuMs(instances[1].proc.pid!), nginx: cpuMs(nginx!.proc.pid!) + childCpu(nginx!.proc.pid!), model: cpuMs(upstream.proc.pid!), bench: cpuMs(process.pid), redis: cpuMs(redis.proc.pid!),
    });
    const cpu0 = cpuAt();
    const samples: Sample[] = [];
    let nextId = 1;
    // The request serialised once; each clerk's request only differs in its number (the load generator shares the CPU).
    const template = JSON.stringify({ requestId: 'bench-ID', model: 'lan', maxChars: 40, digest: { ...DIGEST, docNumber: '〔bench〕ID号' } }).split('ID');
    if (template.length !== 3) throw new Error('the digest itself contains "ID"');
    const body = (id: number): string => template.join(String(id));

    /** A clerk: arrives during the warm-up, then asks every 2–3 s until the end, over one keep-alive connection. */
    const clerk = async (into: Sample[], ask: (id: number, agent: http.Agent) => Promise<Answer>): Promise<void> => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      await arrival();
      while (Date.now() < end) {
        const started = Date.now();
        const id = nextId++;
        into.push({ id, at: started, answer: await ask(id, agent) });
        await sleep(Math.max(0, 2000 + Math.random() * 1000 - (Date.now() - started)));
      }
      agent.destroy();
    };
    const benchId = (id: number): Record<string, string> => ({ 'x-bench-id': String(id) });

    // One instance restarted mid-run: SIGTERM (drain), exit, start again on its port.
    let restart = { from: 0, to: 0, exitCode: null as number | null };
    const rolling = (async () => {
      await sleep(warmup * 1000 + seconds * 400);
      const from = Date.now();
      const old = instances[0];
      const exitCode = await old.stop(30_000);
      instances[0] = await startInstance(config(old.port), dir, 'a', { built });
      restart = { from, to: Date.now() + 2000, exitCode }; // + nginx's fail_timeout before it sends there again
    })();

    // The limit: one clerk asks 2×LIMIT times through nginx (so both instances count), 20 at a time.
    const probe = (async () => {
      await sleep(3000);
      const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
      const statuses: number[] = [];
      for (let i = 0; i < LIMIT * 2; i += 20) {
        statuses.push(...(await Promise.all(Array.from({ length: 20 }, () => post(url, body(0), { agent, localAddress: '127.2.0.1' })))).map((a) => a.status));
      }
      agent.destroy();
      return statuses;
    })();

    // The baseline: a tenth as many clerks, same rhythm, straight to the model (no nginx, no service).
    // What they see over the model's own time is this machine's share (scheduling, loopback), not ours.
    const direct: Sample[] = [];
    const askModel = (id: number, agent: http.Agent): Promise<Answer> => post(`http://127.0.0.1:${upstream.port}/v1/chat/completions`,
      JSON.stringify({ model: 'fake', stream: true, messages: [{ role: 'user', content: `文号：〔bench〕${id}号` }] }), { agent });

    // The floor: a tenth as many clerks, same rhythm, same request, through their own nginx to the bare proxy.
    const floor: Sample[] = [];
    const floorUrl = `${floorNginx.url}/v1/completions`;

    const tenth = Math.ceil(clerks / 10);
    await Promise.all([
      // each clerk of the service its own 127.x address (the rate limit counts per clerk)
      ...Array.from({ length: clerks }, (_x, i) => clerk(samples, (id, agent) =>
        post(url, body(id), { agent, localAddress: `127.1.${Math.floor(i / 250)}.${(i % 250) + 1}`, headers: benchId(id) }))),
      ...Array.from({ length: tenth }, () => clerk(direct, askModel)),
      ...Array.from({ length: tenth }, (_x, i) => clerk(floor, (id, agent) =>
        post(floorUrl, body(id), { agent, localAddress: `127.3.0.${(i % 250) + 1}`, headers: benchId(id) }))),
      rolling,
    ]);
    const probeStatuses = await probe;
    const cpu1 = cpuAt();
    // Each instance's own view (/health/ready): how late its event loop ran since it started.
    const loops = await Promise.all(instances.map(async (i) => ((await getJson(`${i.url}/health/ready`)).json.eventLoop ?? null) as Record<string, number> | null));
    const wall = Date.now() - t0;
    const cores = Object.fromEntries(Object.keys(cpu0).map((k) => [k, round((cpu1[k] - cpu0[k]) / wall, 2)]));
    const took = await upstream.report();

    // nginx's reasons for what it could not pass on (its own 502s), most frequent first
    const nginxErrors = new Map<string, number>();
    for (const line of fs.readFileSync(`${nginx.dir}/error.log`, 'utf8').split('\n')) {
      const m = /\[(?:error|crit|alert)\] [\d#]+: (?:\*\d+ )?([^,]*)/.exec(line);
      if (m) nginxErrors.set(m[1].slice(0, 90), (nginxErrors.get(m[1].slice(0, 90)) ?? 0) + 1);
    }
    const measured = (s: Sample): boolean => s.at >= from;
    const ok = samples.filter((s) => s.answer.status === 200 && measured(s));
    const measuredIds = new Set(ok.map((s) => String(s.id)));
    const failed = samples.filter((s) => s.answer.status !== 200); // errors count over the whole run
    /** what each clerk waited beyond the model's own time, sorted */
    const overheadOf = (list: Sample[]): number[] => list.map((s) => s.answer.ms - (took.get(String(s.id)) ?? NaN)).filter(Number.isFinite).sort((a, b) => a - b);
    const overheads = overheadOf(ok);
    const inRestart = (s: Sample): boolean => s.at + s.answer.ms >= restart.from && s.at <= restart.to;
    const steady = overheadOf(ok.filter((s) => !inRestart(s)));
    const baseline = overheadOf(direct.filter((s) => s.answer.status === 200 && measured(s)));
    const latencies = ok.map((s) => s.answer.ms).sort((a, b) => a - b);
    const upstreamMs = [...took.values()].sort((a, b) => a - b);
    // Where the time goes, from nginx's own log: its share (total minus the instance's answer time) and
    // how often it had to try the other instance.
    await sleep(1200); // nginx flushes its access log every second
    const accessLog = (n: Nginx): string[][] => fs.readFileSync(`${n.dir}/access.log`, 'utf8').trim().split('\n').map((l) => l.split('|'));
    const access = accessLog(nginx);
    const ms = (v: string | undefined): number => (v ?? '').split(/[,:] */).reduce((sum, x) => sum + (Number(x) || 0), 0) * 1000;
    const nginxOwn = access.map((f) => ms(f[5]) - ms(f[4])).sort((a, b) => a - b);
    // The deployment's overhead as nginx sees it (from the clerk's request read to the answer sent, minus
    // the model's time): without this load generator's own stalls, which a real clerk's PC does not share.
    // nginx times in whole milliseconds.
    // (log fields: 4 the instance's answer time, 5 nginx's total, 6 status, 7 the bench id)
    const servedOf = (lines: string[][], ids: Set<string>): string[][] => lines.filter((f) => f[6] === '200' && ids.has(f[7] ?? '') && took.has(f[7]));
    const beyondModel = (lines: string[][], field: number): number[] => lines.map((f) => ms(f[field]) - took.get(f[7])!).sort((a, b) => a - b);
    const served = servedOf(access, measuredIds);
    const floorOk = floor.filter((s) => s.answer.status === 200 && measured(s));
    const floorSeen = overheadOf(floorOk);
    const floorAtNginx = beyondModel(servedOf(accessLog(floorNginx), new Set(floor.filter(measured).map((s) => String(s.id)))), 5);
    const atNginx = beyondModel(served, 5);
    const atInstance = beyondModel(served, 4);
    // --dump FILE: one line per request (time, instance, overheads) to see when and where the tail happens
    const dumpAt = args.indexOf('--dump');
    if (dumpAt >= 0) {
      const seen = new Map(samples.map((s) => [String(s.id), s]));
      fs.writeFileSync(args[dumpAt + 1], served.map((f) => [Math.round(Number(f[0]) * 1000 - t0), f[1], ms(f[5]) - took.get(f[7])!, (seen.get(f[7])?.answer.ms ?? NaN) - took.get(f[7])!].join('\t')).join('\n'));
    }
    return {
      instances: 2,
      clerks,
      requests: samples.length,
      errors: failed.length,
      // overhead per request over the model's own latency
      p50Ms: round(pct(overheads, 0.5), 2),
      p99Ms: round(pct(overheads, 0.99), 2),
      rollingRestartErrors: failed.filter(inRestart).length,
      // 2×LIMIT asked: exactly LIMIT refused means exactly LIMIT let through, whatever became of them after
      limitExact: probeStatuses.filter((s) => s === 429).length === LIMIT,
      // for information: the same measure straight to the model, same run (the machine's own share)
      baselineP50Ms: round(pct(baseline, 0.5), 2),
      baselineP99Ms: round(pct(baseline, 0.99), 2),
      p99OverBaselineMs: round(pct(overheads, 0.99) - pct(baseline, 0.99), 2),
      // the floor (nginx + a bare Node proxy, same run, same rhythm): what this machine charges any service
      floorP50Ms: round(pct(floorSeen, 0.5), 2),
      floorP99Ms: round(pct(floorSeen, 0.99), 2),
      floorAtNginxP50Ms: round(pct(floorAtNginx, 0.5), 2),
      floorAtNginxP99Ms: round(pct(floorAtNginx, 0.99), 2),
      p99OverFloorMs: round(pct(overheads, 0.99) - pct(floorSeen, 0.99), 2),
      floorErrors: floor.filter((s) => s.answer.status !== 200).length,
      p999Ms: round(pct(overheads, 0.999), 2),
      nginxOwnP99Ms: round(pct(nginxOwn, 0.99), 2),
      // the same overhead measured at nginx (nginx + instance), and at the instance alone (as nginx timed it)
      serviceP50Ms: round(pct(atNginx, 0.5), 2),
      serviceP99Ms: round(pct(atNginx, 0.99), 2),
      instanceP99Ms: round(pct(atInstance, 0.99), 2),
      // [kept instance, restarted instance]: event-loop delay p99 and max, and how busy each loop was
      instanceLoops: loops.map((l) => l && { delayP99Ms: l.delayP99Ms, delayMaxMs: l.delayMaxMs, utilization: l.utilization }).reverse(),
      built: Boolean(built),
      nginxRetries: access.filter((f) => f[1]?.includes(',')).length,
      // outside the restart (a new instance compiling at start competes for the same 2 cores)
      steadyP50Ms: round(pct(steady, 0.5), 2),
      steadyP99Ms: round(pct(steady, 0.99), 2),
      maxMs: round(overheads[overheads.length - 1] ?? NaN, 2),
      latencyP50Ms: round(pct(latencies, 0.5), 1),
      latencyP99Ms: round(pct(latencies, 0.99), 1),
      upstreamP50Ms: round(pct(upstreamMs, 0.5), 1),
      upstreamP99Ms: round(pct(upstreamMs, 0.99), 1),
      requestsPerSecond: Math.round(ok.length / seconds),
      warmupSeconds: warmup,
      warmupRequests: samples.length - samples.filter(measured).length,
      requestsDuringRestart: samples.filter(inRestart).length,
      restartedInstanceExit: restart.exitCode,
      restartSeconds: round((restart.to - 2000 - restart.from) / 1000, 1),
      limitAllowed: probeStatuses.filter((s) => s !== 429).length,
      limit: LIMIT,
      errorStatuses: [...new Set(failed.map((s) => s.answer.status))],
      errorKinds: [...new Set(failed.map((s) => `${s.answer.status} ${(/"code":"(\w+)"|<title>([^<]*)<\/title>/.exec(s.answer.body) ?? []).slice(1).join('')}`))].slice(0, 5),
      cpuCores: cores,
      machineLoad: os.loadavg().map((x) => round(x, 1)),
      nginxErrors: Object.fromEntries([...nginxErrors].sort((x, y) => y[1] - x[1]).slice(0, 4)),
      seconds,
    };
  } finally {
    await Promise.allSettled([nginx?.stop(), floorNginx?.stop(), ...instances.map((i) => i.stop()), redis.stop()]);
    upstream.proc.kill('SIGTERM');
    bare.proc.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
