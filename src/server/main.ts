// Entry point for `npm run server` / `node dist/server/main.js`: config from BANXIE_CONFIG, listen, stop cleanly.
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from './app';
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

  const tls = config.tls ? readTls(config.tls) : undefined;
  const app = await buildApp(config, { logger: true, ...(tls ? { https: tls } : {}) });
  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info(`伴写服务已启动 / Banxie service listening on ${address}`);
  onSignals(() => app.close());
  if (config.staticDir) app.log.info(`static files from ${config.staticDir}`);
}

function readTls(t: { cert: string; key: string }): { cert: Buffer; key: Buffer } {
  try {
    return { cert: fs.readFileSync(t.cert), key: fs.readFileSync(t.key) };
  } catch (err) {
    console.error(`无法读取 TLS 证书或私钥 / cannot read TLS cert or key: ${(err as NodeJS.ErrnoException).path ?? ''}`);
    process.exit(2);
  }
}

function onSignals(stop: () => Promise<unknown>): void {
  let stopping = false;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      if (stopping) process.exit(1); // a second signal: stop waiting
      stopping = true;
      stop().then(() => process.exit(0), () => process.exit(1));
    });
  }
}

void main().catch((err: unknown) => {
  console.error('伴写服务启动失败 / Banxie service failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
