// Builds the pages once (development mode, into .e2e-dist/) and starts the real completion service
// serving them on one loopback port, with the built-in model plus two OpenAI-compatible models
// (one "local", one "external" needing consent) answered by a fake upstream on loopback.
import path from 'node:path';
import fs from 'node:fs';
import webpack from 'webpack';
import { buildApp } from '../../src/server/app';
import { defaultConfig, type ServerConfig } from '../../src/server/config';
import { startFakeUpstream } from '../server/fakeUpstream';

const root = path.resolve(__dirname, '../..');
export const E2E_DIST = path.join(root, '.e2e-dist');

async function buildPages(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(root, 'webpack.config.js'));
  const config = await makeConfig({ outDir: E2E_DIST }, { mode: "development" });
  config.devtool = false;
  await new Promise<void>((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true, errorDetails: true })));
      resolve();
    });
  });
}

export default async function globalSetup(): Promise<void> {
  if (process.env.E2E_SKIP_BUILD !== '1' || !fs.existsSync(path.join(E2E_DIST, 'playground.html'))) await buildPages();
  const upstream = await startFakeUpstream({ text: '各单位要高度重视，认真组织实施，确保各项措施落到实处。' });
  const config: ServerConfig = {
    ...defaultConfig(),
    port: 0,
    staticDir: E2E_DIST,
    logLevel: 'silent',
    rateLimit: { max: 100_000, windowMs: 60_000 },
  };
  config.models = [
    ...config.models,
    { ...config.models[0], id: 'ollama-local', label: '本机模型（测试）', description: 'Local model server (test double)', provider: 'openai-compatible', residency: 'local', needsConsent: true, baseUrl: upstream.url, upstreamModel: 'qwen2.5', mode: 'chat' },
    { ...config.models[0], id: 'deepseek-external', label: '外部模型（测试）', description: 'External API (test double)', provider: 'openai-compatible', residency: 'external', needsConsent: true, baseUrl: upstream.url, upstreamModel: 'deepseek-chat', mode: 'chat' },
  ];
  const app = await buildApp(config, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.env.E2E_BASE_URL = `http://127.0.0.1:${port}`;
  (globalThis as Record<string, unknown>).__banxieE2E = { app, upstream };
}
