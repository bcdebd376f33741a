// `npm run bench -- events --json`: what the outcome events cost.
// - eventRequestsPer100Suggestions: 100 rounds of typing and a suggestion over the real SuggestionSession, outcome tracker and
//   the pane's batching (taskpane/outcomeEvents.ts) in virtual time — one every 4 s, accepted or dismissed by
//   turns — then the pane closes; the POST /v1/events requests, per 100 suggestions shown (target ≤ 10).
// - metricsScrapeMs: median time of one /metrics scrape (prom-client text) with 20 models counted (target ≤ 5).
// - overheadP50DeltaMs: the service's p50 time per completion (inject, built-in engine) with outcome events on
//   (events posted between the completions) less the same with them off, interleaved in one run (target ≤ 0.1).
import { performance } from 'node:perf_hooks';
import FakeTimers from '@sinonjs/fake-timers';
import { buildApp } from '../src/server/app';
import { resolveConfig } from '../src/server/config';
import { Metrics } from '../src/server/metrics';
import { SuggestionSession } from '../src/core/session';
import type { CompletionClient, OutcomeEvent } from '../src/core/client/CompletionClient';
import { startOutcomeEvents } from '../src/taskpane/outcomeEvents';
import { FakeService, MemoryHost } from '../tests/unit/session/MemoryHost';

async function eventRequests(suggestions: number): Promise<{ requests: number; events: number }> {
  const pagehide: Array<() => void> = [];
  const g = globalThis as { window?: unknown };
  const hadWindow = 'window' in g;
  g.window = { addEventListener: (type: string, fn: () => void) => { if (type === 'pagehide') pagehide.push(fn); } };
  const clock = FakeTimers.install({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  try {
    let requests = 0;
    let events = 0;
    const client = { sendEvents: (list: OutcomeEvent[]) => { requests++; events += list.length; return Promise.resolve(); } } as unknown as CompletionClient;
    const host = new MemoryHost('现将有关事项通知如下|');
    const svc = new FakeService();
    let n = 0;
    svc.reply = () => ({ text: '请认真贯彻执行。', model: 'builtin', requestId: `r${++n}` });
    const { observe } = startOutcomeEvents({ client, host, pane: 'full', docType: () => '通知' });
    const session = new SuggestionSession({ host, fetchSuggestion: svc.fetch, debounceMs: 400, onTransition: observe });
    await session.start();
    for (let i = 0; i < suggestions; i++) {
      host.type('。');
      await clock.tickAsync(1000);
      await session.settled();
      if (i % 2) await session.acceptAll();
      else await session.dismiss();
      await clock.tickAsync(3000);
    }
    pagehide.forEach((fn) => fn());
    session.dispose();
    return { requests, events };
  } finally {
    clock.uninstall();
    if (!hadWindow) delete g.window;
  }
}

async function scrapeMs(): Promise<number> {
  const models = Array.from({ length: 20 }, (_, i) => `model-${i}`);
  const replicas = models.map((m) => [m, [{ host: `10.0.0.${models.indexOf(m)}:8000`, state: 'closed' }, { host: `10.0.1.${models.indexOf(m)}:8000`, state: 'open' }]] as [string, unknown]);
  const metrics = new Metrics({ models, upstreams: () => replicas });
  const outcomes = ['ok', 'empty', 'partial', 'aborted', 'upstream_timeout', 'classified_blocked'];
  for (const model of models) {
    for (let i = 0; i < 200; i++) {
      metrics.record({ time: '', requestId: 'r', user: 'u', model, residency: 'local', charsSent: 1, charsReceived: 1, latencyMs: 300 + i, upstreamMs: 290 + i, outcome: outcomes[i % outcomes.length]!, piiMasked: { PHONE: 1 } });
      metrics.record({ type: 'outcome', time: '', eventId: 'e', requestId: 'r', user: 'u', model, outcome: i % 3 ? 'accepted' : 'dismissed', shownChars: 20, acceptedChars: i % 3 ? 20 : 0, shownMs: 900, latencyMs: 300, docType: '通知', inline: true, host: 'word' });
    }
  }
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    await metrics.text();
    times.push(performance.now() - t);
  }
  return median(times);
}

async function overheadDelta(rounds: number): Promise<{ on: number; off: number }> {
  const base = { rateLimit: { max: 1e9, windowMs: 60_000 }, logLevel: 'silent' };
  const on = await buildApp(resolveConfig(base));
  const off = await buildApp(resolveConfig({ ...base, policy: { outcomeEvents: false } }));
  const body = { requestId: 'bench-1', model: 'builtin', maxChars: 40, digest: { before: '为切实做好安全生产工作，现将有关事项通知如下：\n一、总体要求\n', after: '' } };
  const event = (i: number) => ({ id: `bench-event-${i}`, requestId: `r${i}`, model: 'builtin', outcome: 'accepted', shownChars: 10, acceptedChars: 10, shownMs: 900, latencyMs: 300, docType: '通知', inline: true, host: 'bench' });
  const t: { on: number[]; off: number[] } = { on: [], off: [] };
  try {
    for (let i = 0; i < rounds; i++) {
      for (const [name, app] of (i % 2 ? [['on', on], ['off', off]] : [['off', off], ['on', on]]) as Array<['on' | 'off', typeof on]>) {
        const s = performance.now();
        const res = await app.inject({ method: 'POST', url: '/v1/completions', payload: body });
        if (i > 50) t[name].push(performance.now() - s);
        if (res.statusCode !== 200) throw new Error(`completion answered ${res.statusCode}`);
        // with events on, a batch arrives every tenth completion (a pane's 20 events or its 60 s)
        if (name === 'on' && i % 10 === 0) await app.inject({ method: 'POST', url: '/v1/events', payload: { events: [event(i)] } });
      }
    }
  } finally {
    await on.close();
    await off.close();
  }
  return { on: median(t.on), off: median(t.off) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

const r3 = (x: number): number => Math.round(x * 1000) / 1000;

export default async function run(): Promise<Record<string, unknown>> {
  const ev = await eventRequests(100);
  const scrape = await scrapeMs();
  const p50 = await overheadDelta(1500);
  return {
    // accepting all starts the next suggestion at once (as Copilot does), so more are shown than asked for
    eventRequestsPer100Suggestions: r3((ev.requests / ev.events) * 100),
    suggestionsShown: ev.events,
    metricsScrapeMs: r3(scrape),
    overheadP50DeltaMs: r3(p50.on - p50.off),
    completionP50MsEventsOn: r3(p50.on),
    completionP50MsEventsOff: r3(p50.off),
    targets: { eventRequestsPer100Suggestions: 10, metricsScrapeMs: 5, overheadP50DeltaMs: 0.1 },
  };
}
