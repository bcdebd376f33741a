// Outcome tracking over the real SuggestionSession and an in-memory host: each suggestion shown ends in exactly
// one report — accepted, partial, dismissed, typedThrough, expired, replaced — with its counts and times.
import { SuggestionSession } from '../../../src/core/session';
import { outcomeTracker, type OutcomeReport } from '../../../src/core/session/outcomes';
import { FakeService, MemoryHost } from './MemoryHost';

const DEBOUNCE = 400;
let rid = 0;

async function setup(doc: string) {
  const host = new MemoryHost(doc);
  const svc = new FakeService();
  const reports: OutcomeReport[] = [];
  const tracker = outcomeTracker((r) => reports.push(r), () => Date.now());
  const session = new SuggestionSession({ host, fetchSuggestion: svc.fetch, debounceMs: DEBOUNCE, onTransition: tracker.observe });
  await session.start();
  const pause = async (ms = DEBOUNCE) => { await jest.advanceTimersByTimeAsync(ms); await session.settled(); };
  const type = async (s: string) => { host.type(s); await session.settled(); };
  // each answer from model m for its own request; it arrives 120 ms after the request
  svc.reply = null;
  const answer = async (text: string) => {
    await pause();
    await jest.advanceTimersByTimeAsync(120);
    svc.release({ text, model: 'm', requestId: `r${++rid}` });
    await session.settled();
  };
  return { host, svc, session, reports, tracker, pause, type, answer };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

it('accepted whole: all its characters, how long it was shown, the time from request to answer', async () => {
  const { session, reports, type, answer } = await setup('特此|');
  await type('通知');
  await answer('如下：');
  await jest.advanceTimersByTimeAsync(900);
  await session.acceptAll();
  expect(reports).toEqual([{ requestId: `r${rid}`, model: 'm', outcome: 'accepted', shownChars: 3, acceptedChars: 3, shownMs: 900, latencyMs: 120, inline: true }]);
});

it('partial: the next word accepted, then the rest dismissed', async () => {
  const { session, reports, type, answer } = await setup('现将有关事项|');
  await type('通');
  await answer('知如下，请认真贯彻执行。');
  await session.acceptNext();
  expect(reports).toEqual([]);
  await session.dismiss();
  expect(reports).toHaveLength(1);
  expect(reports[0]).toMatchObject({ outcome: 'partial', shownChars: 12, inline: true });
  expect(reports[0]!.acceptedChars).toBeGreaterThan(0);
  expect(reports[0]!.acceptedChars).toBeLessThan(12);
});

it('dismissed, and typed through to the end', async () => {
  const { session, reports, type, answer } = await setup('特此|');
  await type('通');
  await answer('知。');
  await session.dismiss();
  await type('知');
  await answer('。');
  await type('。');
  expect(reports.map((r) => [r.outcome, r.shownChars, r.acceptedChars])).toEqual([['dismissed', 2, 0], ['typedThrough', 1, 0]]);
});

it('expired when the user typed something else; replaced when asked again', async () => {
  const { session, reports, type, answer, host } = await setup('特此|');
  await type('通');
  await answer('知。');
  await type('报');
  await answer('如下。');
  await session.askAgain();
  await jest.advanceTimersByTimeAsync(10);
  expect(reports.map((r) => r.outcome)).toEqual(['expired', 'replaced']);
  expect(host.show()).not.toContain('[');
});

it('a pane that closes ends what is on screen as expired, once', async () => {
  const { reports, tracker, type, answer } = await setup('特此|');
  await type('通');
  await answer('知。');
  tracker.end();
  tracker.end();
  expect(reports.map((r) => r.outcome)).toEqual(['expired']);
});

it('keeps reporting while the developer log sets and clears its own listener', async () => {
  const { session, reports, type, answer } = await setup('特此|');
  const logged: string[] = [];
  session.setTransitionListener((_f, ev) => logged.push(ev.type));
  await type('通');
  await answer('知。');
  session.setTransitionListener(undefined);
  await session.dismiss();
  expect(logged.length).toBeGreaterThan(0);
  expect(reports.map((r) => r.outcome)).toEqual(['dismissed']);
});
