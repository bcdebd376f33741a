// Entry point for `npm run server` / `node dist/server/main.js`: config from BANXIE_CONFIG, listen, stop cleanly.
// With `workers` > 1 this process becomes the cluster's primary (cluster.ts) and each worker runs main() too.
import cluster from 'node:cluster';
import fs from 'node:fs';
import path from 'node:path';
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { DRAIN, PrimaryAudit, instanceMetrics, runPrimary, workerCount } from './cluster';
import { ConfigError, loadConfig, type ServerConfig } from './config';

async function main(): Promise<void> {
  let config: ServerConfig;
  try {
    config = loadConfig(process.env.BANXIE_CONFIG);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`伴写服务配置错误 / Banxie config error:\n  ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  if (process.env.PORT) config.port = Number(process.env.PORT);
  if (process.env.HOST) config.host = process.env.HOST;
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535) {
    console.error(`PORT 无效 / invalid PORT: ${process.env.PORT}`);
    process.exit(2);
  }

  // Built as dist/server/main.js, the pages sit one folder up: one process serves everything
  // unless the config names another folder.
  const builtPages = path.resolve(__dirname, '..');
  if (!config.staticDir && fs.existsSync(path.join(builtPages, 'taskpane.html'))) config.staticDir = builtPages;

  const workers = workerCount(config.workers);
  if (workers > 1 && cluster.isPrimary) {
    runPrimary(config, workers, { drainMs: drainBound(config), log: (m) => console.log(m) });
    return;
  }

  const tls = config.tls ? readTls(config.tls) : undefined;
  const app = await buildApp(config, { logger: true, ...(tls ? { https: tls } : {}), ...(cluster.isWorker ? { audit: new PrimaryAudit(), instanceMetrics } : {}) });
  drainOnSignals(app, config);
  const address = await app.listen({ port: config.port, host: config.host });
  if (!cluster.isWorker) app.log.info(`伴写服务已启动 / Banxie service listening on ${address}`);
  if (config.staticDir) app.log.info(`static files from ${config.staticDir}`);
}

/** The longest a completion in flight may still take: the slowest model's timeout, plus the drain delay. */
function drainBound(config: ServerConfig): number {
  const slowest = Math.max(config.upstreamTimeoutMs, ...config.models.map((m) => m.timeoutMs ?? 0));
  return config.drainDelayMs + slowest + 2000;
}

/**
 * SIGTERM/SIGINT: report unready at once (a polling balancer stops sending), keep answering for
 * drainDelayMs, then stop accepting and finish the completions in flight (bounded by the upstream
 * timeout), then exit 0. A second signal, or the bound running out, exits at once with 1.
 */
function drainOnSignals(app: FastifyInstance, config: ServerConfig): void {
  const grace = closeWithGrace({ delay: drainBound(config), logger: false }, async ({ signal, err }) => {
    if (err) app.log.error({ errType: err.name }, 'stopping after an uncaught error');
    app.readiness.drain();
    app.log.info({ signal }, '正在停止：不再接收新请求 / draining: finishing requests in flight');
    if (config.drainDelayMs > 0) await new Promise((r) => setTimeout(r, config.drainDelayMs));
    await app.close();
  });
  // A cluster worker also drains when its primary asks (the primary got the signal).
  if (cluster.isWorker) {
    process.on('message', (msg: { type?: string } | null) => {
      if (msg?.type === DRAIN && !app.readiness.isDraining) void grace.close();
    });
  }
}

function readTls(t: { cert: string; key: string }): { cert: Buffer; key: Buffer } {
  try {
    return { cert: fs.readFileSync(t.cert), key: fs.readFileSync(t.key) };
  } catch (err) {
    console.error(`无法读取 TLS 证书或私钥 / cannot read TLS cert or key: ${(err as NodeJS.ErrnoException).path ?? ''}`);
    process.exit(2);
  }
}

void main().catch((err: unknown) => {
  console.error('伴写服务启动失败 / Banxie service failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
