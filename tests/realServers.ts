// Real Redis, real nginx and real service processes on loopback ports in a temp folder, for the
// scale-out tests and bench/scale.ts. Every start has a stop; callers stop all in `finally`/afterAll.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { freePort } from './freePort';

const root = path.join(__dirname, '..');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The path of a Debian binary, also when /usr/sbin is not on PATH; null when it is not installed. */
export function binary(name: 'redis-server' | 'nginx'): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (found) return found;
  for (const dir of ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin']) {
    if (fs.existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  return null;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `banxie-${prefix}-`));
}

/** Resolves once something accepts TCP connections on 127.0.0.1:port. */
export async function waitForPort(port: number, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => { s.destroy(); resolve(true); });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > end) throw new Error(`nothing listens on ${port}`);
    await sleep(50);
  }
}

export interface Proc {
  proc: ChildProcess;
  /** SIGTERM and wait for the exit (SIGKILL after `graceMs`); resolves with the exit code */
  stop(graceMs?: number): Promise<number | null>;
}

function procOf(proc: ChildProcess): Proc {
  const exited = new Promise<number | null>((r) => {
    if (proc.exitCode !== null || proc.signalCode !== null) r(proc.exitCode);
    else proc.once('exit', (code) => r(code));
  });
  return {
    proc,
    stop: async (graceMs = 15_000) => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(t);
      return code;
    },
  };
}

export interface RedisServer extends Proc {
  port: number;
  url: string;
  /** starts it again on the same port (after a stop) */
  restart(): Promise<void>;
}

export async function startRedis(port?: number): Promise<RedisServer> {
  const bin = binary('redis-server');
  if (!bin) throw new Error('redis-server is not installed (apt-get install redis-server)');
  const p = port ?? (await freePort());
  const launch = async (): Promise<Proc> => {
    const proc = spawn(bin, ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'warning'], { stdio: 'ignore' });
    await waitForPort(p);
    return procOf(proc);
  };
  let current = await launch();
  const server: RedisServer = {
    port: p, url: `redis://127.0.0.1:${p}`,
    get proc() { return current.proc; },
    stop: (g) => current.stop(g),
    restart: async () => { current = await launch(); },
  };
  return server;
}

export interface Nginx extends Proc {
  port: number;
  url: string;
  dir: string;
}

/**
 * nginx in front of `backends`, with the upstream and server blocks of deploy/nginx-instances.conf
 * (ports replaced), so the tests check the example IT copies.
 */
export async function startNginx(backends: number[], opts: { workerConnections?: number } = {}): Promise<Nginx> {
  const port = await freePort();
  const example = fs.readFileSync(path.join(root, 'deploy/nginx-instances.conf'), 'utf8');
  const servers = backends.map((b) => `    server 127.0.0.1:${b} max_fails=3 fail_timeout=2s;`).join('\n');
  const site = example
    .replace(/(upstream banxie \{\n)(?:\s*server [^\n]*\n)+/, `$1${servers}\n`)
    .replace(/listen 80;/, `listen 127.0.0.1:${port};`);
  if (site === example || !site.includes(`127.0.0.1:${port}`)) throw new Error('deploy/nginx-instances.conf no longer has the expected shape');
  return startNginxSite(() => site, { port, ...opts });
}

/**
 * nginx running `site` (server and upstream blocks, made with its own temp folder `dir` for files it needs,
 * e.g. an htpasswd), listening on `port` (a free one unless given).
 */
export async function startNginxSite(site: (dir: string) => string, opts: { port?: number; workerConnections?: number } = {}): Promise<Nginx> {
  const bin = binary('nginx');
  if (!bin) throw new Error('nginx is not installed (apt-get install nginx)');
  const dir = tempDir('nginx');
  fs.chmodSync(dir, 0o755);
  const port = opts.port ?? (await freePort());
  const conf = nginxConf(dir, site(dir), opts.workerConnections);
  const file = path.join(dir, 'nginx.conf');
  fs.writeFileSync(file, conf);
  const proc = spawn(bin, ['-c', file, '-p', dir, '-e', path.join(dir, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (c: Buffer) => { err += c.toString(); });
  await waitForPort(port, 10_000).catch((e: unknown) => { proc.kill('SIGKILL'); throw new Error(`nginx did not start: ${err} ${String(e)}`); });
  const p = procOf(proc);
  return {
    ...p, port, url: `http://127.0.0.1:${port}`, dir,
    // nginx's graceful stop is SIGQUIT; SIGTERM is its fast stop, which is all a test needs.
    stop: async (g) => { const code = await p.stop(g); fs.rmSync(dir, { recursive: true, force: true }); return code; },
  };
}

/** `nginx -t` on `site` in a throwaway folder: nginx's own verdict on the file's syntax and directives. */
export function nginxTest(site: (dir: string) => string): { ok: boolean; output: string } {
  const bin = binary('nginx');
  if (!bin) throw new Error('nginx is not installed (apt-get install nginx)');
  const dir = tempDir('nginx-t');
  try {
    const file = path.join(dir, 'nginx.conf');
    fs.writeFileSync(file, nginxConf(dir, site(dir)));
    const r = spawnSync(bin, ['-t', '-c', file, '-p', dir, '-e', path.join(dir, 'error.log')], { encoding: 'utf8' });
    return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function nginxConf(dir: string, site: string, workerConnections = 4096): string {
  return `
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
${process.getuid?.() === 0 ? 'user root;' : ''}
events { worker_connections ${workerConnections}; }
http {
  # per request: which instance(s) answered (two = nginx retried), its connect and answer times, nginx's total
  # (the last field: a load generator's own request number, bench/scale.ts)
  log_format timing '$msec|$upstream_addr|$upstream_connect_time|$upstream_header_time|$upstream_response_time|$request_time|$status|$http_x_bench_id';
  access_log ${dir}/access.log timing buffer=256k flush=1s;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${site}
}
`;
}

export interface Instance extends Proc {
  port: number;
  url: string;
  /** every line it printed (pino JSON on stdout, errors on stderr) */
  lines: string[];
}

/**
 * The service with `config` written as its config file: from source (src/server/main.ts through tsx), or,
 * given `built` (a dist/server/main.js of `npm run build`), as IT runs it.
 */
export async function startInstance(config: Record<string, unknown>, dir: string, name: string, opts: { built?: string } = {}): Promise<Instance> {
  const port = typeof config.port === 'number' && config.port > 0 ? config.port : await freePort();
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify({ ...config, port, host: '127.0.0.1' }));
  const proc = spawn(process.execPath, opts.built ? [opts.built] : ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root, env: { ...process.env, BANXIE_CONFIG: file, PORT: '', HOST: '' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const onLine = (line: string): void => { lines.push(line); };
  readline.createInterface({ input: proc.stdout! }).on('line', onLine);
  readline.createInterface({ input: proc.stderr! }).on('line', onLine);
  // The port, not a log line: the config's logLevel may hide the "listening" line.
  const exited = new Promise<never>((_r, reject) => proc.once('exit', (code) => reject(new Error(`${name} exited ${code}: ${lines.slice(-5).join('\n')}`))));
  exited.catch(() => undefined);
  await Promise.race([waitForPort(port, 60_000), exited]).catch((err: unknown) => { proc.kill('SIGKILL'); throw err; });
  return { ...procOf(proc), port, url: `http://127.0.0.1:${port}`, lines };
}

export interface Answer {
  status: number;
  ms: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/**
 * One POST as a clerk's pane sends it, from `localAddress` (any 127.x.y.z: each clerk its own address,
 * as behind a real balancer) over the clerk's keep-alive `agent`. Never rejects: a failed connection is status 0.
 */
export function post(url: string, body: string, opts: { agent?: http.Agent; localAddress?: string; timeoutMs?: number; headers?: Record<string, string> } = {}): Promise<Answer> {
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const req = http.request(url, {
      method: 'POST', agent: opts.agent, localAddress: opts.localAddress,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...opts.headers },
    }, (res) => {
      let b = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { b += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - started) / 1e6, body: b, headers: res.headers }));
      res.on('error', () => resolve({ status: 0, ms: 0, body: '', headers: {} }));
    });
    req.setTimeout(opts.timeoutMs ?? 30_000, () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, ms: Number(process.hrtime.bigint() - started) / 1e6, body: String(e), headers: {} }));
    req.end(body);
  });
}

export async function getJson(url: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url);
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
