// A trivial honest benchmark: GET /health through the service over a real socket vs a bare
// node:http server answering the same JSON, each in its own process, measured interleaved.
import { argNum, cannon, interleavedP50, round, spawnRole } from './service';

export default async function healthBench(args: string[]): Promise<Record<string, unknown>> {
  const n = argNum(args, 'n', 3000);
  const seconds = argNum(args, 'seconds', 3);
  const bare = await spawnRole('bare');
  const svc = await spawnRole('service', { BANXIE_BENCH_UPSTREAM: 'http://127.0.0.1:9/v1' }).catch(async (err: unknown) => { await bare.stop(); throw err; });
  try {
    const [bareP50Ms, serviceP50Ms] = await interleavedP50([{ url: `${bare.url}/health` }, { url: `${svc.url}/health` }], n);
    const b = await cannon({ url: `${bare.url}/health` }, 10, seconds);
    const s = await cannon({ url: `${svc.url}/health` }, 10, seconds);
    return {
      bareP50Ms: round(bareP50Ms),
      serviceP50Ms: round(serviceP50Ms),
      ratio: round(serviceP50Ms / bareP50Ms, 2),
      bareRps: Math.round(b.rps),
      serviceRps: Math.round(s.rps),
      errors: b.errors + s.errors,
      samples: n,
    };
  } finally {
    await Promise.all([svc.stop(), bare.stop()]);
  }
}
