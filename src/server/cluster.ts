// `workers: N | auto`: one primary process forks N workers (node:cluster) that each load the same config
// and share the listening port. The primary serves no requests; it keeps the workers running and is the
// audit log's one writer, so the file stays one file with whole lines (workers send records over IPC).
// On SIGTERM/SIGINT it passes the signal on, waits for every worker to drain, then exits.
// A scrape of /metrics reaches one worker: that worker asks the primary, which sums every worker's registry
// (prom-client's AggregatorRegistry, over the same IPC channel), so one scrape shows the whole instance.
import cluster, { type Worker } from 'node:cluster';
import os from 'node:os';
import { AggregatorRegistry, type Registry } from 'prom-client';
import type { ServerConfig } from './config';
import { AuditLog, type AuditLine, type AuditSink } from './policy/audit';

const AUDIT = 'banxie:audit';
/** the primary's "drain now" to a worker: a message, not a signal, so a worker that already got the
 * signal itself (Ctrl-C, systemd's cgroup kill) does not take it as a second one (= exit at once) */
export const DRAIN = 'banxie:drain';
/** a worker's "the whole instance's metrics, please" and the primary's answer */
const METRICS_ASK = 'banxie:metrics?';
const METRICS = 'banxie:metrics';
/** longer than prom-client's own 5 s wait for the workers */
const METRICS_WAIT_MS = 6000;

export function workerCount(workers: ServerConfig['workers']): number {
  return workers === 'auto' ? os.availableParallelism() : workers;
}

/** A worker's audit sink: each record goes to the primary as one message. */
export class PrimaryAudit implements AuditSink {
  write(rec: AuditLine): void {
    process.send?.({ type: AUDIT, rec });
  }

  async close(): Promise<void> { /* the primary closes the file */ }
}

/**
 * In a worker: the primary answers a scrape with every worker's figures summed (counters and histograms add up;
 * a gauge is the sum too — for the breaker states, how many workers see that state). `registry` is this worker's
 * part. Rejects when the primary does not answer in time: a failed scrape, not one worker's figures passed off as
 * the instance's.
 */
export function instanceMetrics(registry: Registry): () => Promise<string> {
  AggregatorRegistry.setRegistries([registry]);
  new AggregatorRegistry(); // registers the worker's side: it answers the primary's requests for its registry
  let next = 0;
  const waiting = new Map<number, { resolve: (t: string) => void; reject: (e: Error) => void }>();
  process.on('message', (msg: { type?: string; id?: number; text?: string; error?: string }) => {
    const w = msg?.type === METRICS && msg.id !== undefined ? waiting.get(msg.id) : undefined;
    if (!w) return;
    waiting.delete(msg.id!);
    if (msg.error !== undefined) w.reject(new Error(msg.error));
    else w.resolve(msg.text ?? '');
  });
  return () => new Promise((resolve, reject) => {
    const id = next++;
    const timer = setTimeout(() => {
      waiting.delete(id);
      reject(new Error('the primary did not answer'));
    }, METRICS_WAIT_MS);
    waiting.set(id, {
      resolve: (t) => { clearTimeout(timer); resolve(t); },
      reject: (e) => { clearTimeout(timer); reject(e); },
    });
    process.send?.({ type: METRICS_ASK, id });
  });
}

interface PrimaryOptions {
  /** how long a worker may take to drain before it is killed: the upstream timeout and some */
  drainMs: number;
  log: (msg: string) => void;
}

export function runPrimary(config: ServerConfig, n: number, opts: PrimaryOptions): void {
  const audit = new AuditLog(config.audit.file, config.audit.retentionDays);
  let stopping = false;
  let announced = false;
  const listening = new Set<number>();

  if (!config.redis && n > 1) {
    opts.log(`注意：${n} 个工作进程各自计算限流，未配置 redis / note: without redis each of the ${n} workers keeps its own rate limit`);
  }
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (w: Worker, msg: { type?: string; rec?: AuditLine; id?: number }) => {
    if (msg?.type === AUDIT && msg.rec) audit.write(msg.rec);
    else if (msg?.type === METRICS_ASK) {
      aggregator.clusterMetrics().then(
        (text) => w.send({ type: METRICS, id: msg.id, text }),
        (e: Error) => w.send({ type: METRICS, id: msg.id, error: e.message }),
      );
    }
  });
  cluster.on('listening', (w, address) => {
    listening.add(w.id);
    if (announced || listening.size < n) return;
    announced = true;
    const host = address.address && address.address.includes(':') ? `[${address.address}]` : address.address ?? '127.0.0.1';
    const scheme = config.tls ? 'https' : 'http';
    opts.log(`伴写服务已启动 / Banxie service listening on ${scheme}://${host}:${address.port} (${n} workers)`);
  });
  let recentCrashes = 0;
  cluster.on('exit', (w, code, signal) => {
    listening.delete(w.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) void audit.close().then(() => process.exit(0));
      return;
    }
    // A worker that dies unasked is replaced; one that keeps dying is replaced more slowly.
    recentCrashes++;
    setTimeout(() => { recentCrashes = Math.max(0, recentCrashes - 1); }, 60_000).unref();
    opts.log(`工作进程 ${w.process.pid} 退出（${signal ?? code}），重新启动 / worker ${w.process.pid} exited (${signal ?? code}), restarting`);
    setTimeout(() => { if (!stopping) cluster.fork(); }, Math.min(recentCrashes * 500, 10_000));
  });

  const stop = (sig: NodeJS.Signals): void => {
    if (stopping) {
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGKILL');
      process.exit(1);
    }
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) { void audit.close().then(() => process.exit(0)); return; }
    // A worker still starting may not listen for the message yet; it has nothing to drain: a signal ends it.
    for (const w of workers) {
      if (w && listening.has(w.id)) w.send({ type: DRAIN, signal: sig });
      else w?.process.kill('SIGTERM');
    }
    setTimeout(() => {
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGKILL');
      void audit.close().then(() => process.exit(1));
    }, opts.drainMs).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  for (let i = 0; i < n; i++) cluster.fork();
}
