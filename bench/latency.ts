// `npm run bench -- latency [--json] [--runs N]`, the service side of issue 24's figures, over real
// sockets: a fake model at 300 ms to the first token and 25 tokens/s (one character a token) answers a
// 30-character answer of two clauses; over SSE, when does the first whole clause leave the service
// against the whole answer (ratio, target ≤ 0.6)? And a model that thinks for 20 s: how soon after the
// request is it stopped (thinkingStoppedMs, target ≤ 1500)? The pane-side ghost is measured elsewhere.
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/server/app';
import { resolveConfig } from '../src/server/config';
import { startFakeUpstream } from '../tests/server/fakeUpstream';

// two clauses of 15 characters: at best the first leaves at (300 + 15·40) / (300 + 30·40) = 0.60 of the whole
const ANSWER = '各单位要高度重视汛期安全工作，切实加强组织领导督促检查落实。';
const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const round = (x: number): number => Math.round(x * 10) / 10;

export default async function latencyBench(args: string[]): Promise<Record<string, unknown>> {
  const i = args.indexOf('--runs');
  const runs = i >= 0 ? Number(args[i + 1]) : 5;
  if (Array.from(ANSWER).length !== 30) throw new Error('the answer must be 30 characters');
  const model = await startFakeUpstream({ text: ANSWER, firstTokenMs: 300, chunkChars: 1, chunkDelayMs: 40 });
  const thinker = await startFakeUpstream({ text: ANSWER, think: { ms: 20_000, style: 'reasoning_content' }, chunkDelayMs: 40 });
  const app = await buildApp(resolveConfig({
    models: [
      { id: 'fast', preset: 'vllm', baseUrl: model.baseUrl, residency: 'local', needsConsent: false },
      { id: 'thinker', preset: 'vllm', baseUrl: thinker.baseUrl, residency: 'local', needsConsent: false },
    ],
    upstreamTimeoutMs: 30_000,
    rateLimit: { max: 1_000_000, windowMs: 60_000 },
  }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/v1/completions`;
  const body = (id: string, stream: boolean): string => JSON.stringify({
    requestId: 'bench', model: id, maxChars: 60, stream,
    digest: { before: '为切实做好汛期安全生产工作，现将有关事项通知如下：\n', after: '' },
  });
  try {
    const first: number[] = [];
    const whole: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body('fast', true) });
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      let firstAt = -1;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
        if (firstAt < 0 && text.includes('event: delta')) firstAt = performance.now() - t0;
      }
      if (!text.includes(`"text":"${ANSWER}"`)) throw new Error(`unexpected answer: ${text.slice(0, 300)}`);
      first.push(firstAt);
      whole.push(performance.now() - t0);
    }
    const stopped: number[] = [];
    for (let r = 0; r < Math.min(runs, 3); r++) {
      const t0 = performance.now();
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body('thinker', true) });
      await res.text();
      if (res.status !== 504) throw new Error(`the thinking model was not stopped: ${res.status}`);
      stopped.push(performance.now() - t0);
    }
    const firstClauseMs = median(first);
    const wholeAnswerMs = median(whole);
    return {
      firstClauseMs: round(firstClauseMs),
      wholeAnswerMs: round(wholeAnswerMs),
      ratio: Math.round((firstClauseMs / wholeAnswerMs) * 100) / 100,
      thinkingStoppedMs: round(median(stopped)),
      firstAnswerMs: 1200,
      runs,
      model: { firstTokenMs: 300, tokensPerSecond: 25, answerChars: 30, clauses: [15, 15], idealRatio: 0.6 },
    };
  } finally {
    await app.close();
    await model.close();
    await thinker.close();
  }
}
