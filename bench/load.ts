// Sustained load: 100 concurrent clients for 30 s through the service (its own process) to a fake
// upstream, mixing the local and the external (PII-masking) model. Reports errors and the service's
// RSS growth from after a warm-up to the end — the leak check. `--seconds` and `--connections` override.
import { argNum, cannon, DIGEST, rssMB, round, spawnRole } from './service';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export default async function loadBench(args: string[]): Promise<Record<string, unknown>> {
  const seconds = argNum(args, 'seconds', 30);
  const connections = argNum(args, 'connections', 100);
  const up = await spawnRole('upstream');
  const svc = await spawnRole('service', { BANXIE_BENCH_UPSTREAM: up.url }).catch(async (err: unknown) => { await up.stop(); throw err; });
  try {
    const body = (model: string): string => JSON.stringify({
      requestId: 'load-1', model, maxChars: 40,
      digest: { ...DIGEST, before: `${DIGEST.before}联系人：王芳，电话13912345678，邮箱wang.fang@example.gov.cn。` },
    });
    // Warm-up: JIT, pools and caches reach their working size before the baseline is taken.
    await Promise.all([
      cannon({ url: `${svc.url}/v1/completions`, body: body('lan') }, connections / 2, 3),
      cannon({ url: `${svc.url}/v1/completions`, body: body('ext') }, connections / 2, 3),
    ]);
    await sleep(500);
    const rssBefore = rssMB(svc.pid);
    const [a, b] = await Promise.all([
      cannon({ url: `${svc.url}/v1/completions`, body: body('lan') }, connections / 2, seconds),
      cannon({ url: `${svc.url}/v1/completions`, body: body('ext') }, connections / 2, seconds),
    ]);
    await sleep(500);
    const rssAfter = rssMB(svc.pid);
    return {
      requests: a.requests + b.requests,
      errors: a.errors + b.errors,
      rssGrowthMB: round(rssAfter - rssBefore, 1),
      rps: Math.round(a.rps + b.rps),
      rssBeforeMB: round(rssBefore, 1),
      rssAfterMB: round(rssAfter, 1),
      connections, seconds,
    };
  } finally {
    await Promise.all([svc.stop(), up.stop()]);
  }
}
