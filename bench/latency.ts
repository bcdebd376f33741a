// `npm run bench -- latency [--json] [--runs N]`: issue 24's figures. The service side over real
// sockets: a fake model at 300 ms to the first token and 25 tokens/s (one character a token) answers a
// 30-character answer of two clauses; over SSE, when does the first whole clause leave the service
// against the whole answer (ratio, target ≤ 0.6)? And a model that thinks for 20 s: how soon after the
// request is it stopped (thinkingStoppedMs, target ≤ 1500)? And the clerk's side: the real pane wiring on the
// Word simulator, streamed and whole, in the same run: firstGhostMs / wholeGhostMs and syncsPerSuggestion.
import { WordHost } from '../src/hosts/word/WordHost';
import { createWordSimulator } from '../src/simulators/word/WordSimulator';
import { axiosTransport } from '../src/core/client/axiosTransport';
import { fetchStreamTransport } from '../src/core/client/fetchStreamTransport';
import { sseCompletions } from '../src/core/client/streamCompletion';
import { DEFAULT_SETTINGS, MemorySettingsStore } from '../src/core/settings';
import { loadPaneSettings, wirePane } from '../src/taskpane/wirePane';
import { loadAnnotated, renderAnnotated } from '../tests/scenarios/hostScenarios';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/server/app';
import { resolveConfig } from '../src/server/config';
import { startFakeUpstream } from '../tests/server/fakeUpstream';

// two clauses of 15 characters: at best the first leaves at (300 + 15·40) / (300 + 30·40) = 0.60 of the whole
const ANSWER = '各单位要高度重视汛期安全工作，切实加强组织领导督促检查落实。';
const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const round = (x: number): number => Math.round(x * 10) / 10;

/** Type after the sample's last line, pause, and time the ghost in the Word simulator: first text, then all
 * 30 characters; and the syncs from the keystroke to the whole ghost (medians over `runs`). */
async function ghostTimes(serviceUrl: string, stream: boolean, runs: number): Promise<{ first: number; whole: number; syncs: number; ratioFromRequest: number }> {
  const first: number[] = [];
  const whole: number[] = [];
  const syncs: number[] = [];
  const fromRequest: number[] = [];
  // when the pane's streamed request leaves (fetch): the clerk's pause before it is the same with or without streaming
  const realFetch = globalThis.fetch;
  let sentAt = -1;
  globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    if (sentAt < 0 && String(input).includes('/v1/completions')) sentAt = performance.now();
    return realFetch(input, init);
  }) as typeof fetch;
  for (let r = 0; r < runs; r++) {
    const sim = createWordSimulator({ version: '365' });
    loadAnnotated(sim, '关于做好汛期安全生产工作的通知\n各单位：\n为切实做好汛期安全生产工作，现将有关事项通知如下：\n|');
    const host = new WordHost({ Word: sim.Word, Office: sim.Office });
    const deps = { host, settingsStore: new MemorySettingsStore({ ...DEFAULT_SETTINGS, model: 'fast', debounceMs: 150 }), serviceUrl };
    const pane = wirePane(deps, await loadPaneSettings(deps), {
      transport: axiosTransport, onLanguage: () => undefined, ...(stream ? { streamer: sseCompletions(fetchStreamTransport) } : {}),
    });
    await pane.start();
    await new Promise((res) => setTimeout(res, 300));
    const ghost = (): string => /\[(.*)\]/s.exec(renderAnnotated(sim))?.[1] ?? '';
    const s0 = sim.stats.syncs;
    sentAt = -1;
    const t0 = performance.now();
    sim.user.type('一');
    let firstAt = -1;
    for (;;) {
      const g = ghost();
      if (firstAt < 0 && g) firstAt = performance.now() - t0;
      if (Array.from(g).length >= 28) break;
      if (performance.now() - t0 > 10_000) throw new Error(`no whole ghost (${stream ? 'stream' : 'whole'}): ${renderAnnotated(sim)}`);
      await new Promise((res) => setTimeout(res, 2));
    }
    whole.push(performance.now() - t0);
    first.push(firstAt);
    if (sentAt >= 0) fromRequest.push((firstAt - (sentAt - t0)) / (whole[whole.length - 1] - (sentAt - t0)));
    syncs.push(sim.stats.syncs - s0);
    pane.dispose();
    host.dispose();
    sim.dispose();
  }
  globalThis.fetch = realFetch;
  return { first: median(first), whole: median(whole), syncs: median(syncs), ratioFromRequest: fromRequest.length ? median(fromRequest) : NaN };
}

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
    // The clerk's side: the same model through the real pane wiring on WordHost over the Word simulator (365),
    // streamed (the full pane) and whole (what the pane did before): when is the ghost in the document?
    const streamed = await ghostTimes(url.replace(/\/v1\/completions$/, ''), true, runs);
    const wholeOnly = await ghostTimes(url.replace(/\/v1\/completions$/, ''), false, runs);
    return {
      firstGhostMs: round(streamed.first),
      wholeGhostMs: round(streamed.whole),
      ghostRatio: Math.round((streamed.first / streamed.whole) * 100) / 100,
      // issue 24's ratio on the clerk's side: from the request's departure (the model's 300 ms + 15 characters
      // against 300 ms + 30 = 0.60 at best); ghostRatio above counts the clerk's pause in both
      ghostRatioFromRequest: Math.round(streamed.ratioFromRequest * 100) / 100,
      wholeAnswerGhostMs: round(wholeOnly.whole),
      syncsPerSuggestion: streamed.syncs,
      syncsPerSuggestionWhole: wholeOnly.syncs,
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
