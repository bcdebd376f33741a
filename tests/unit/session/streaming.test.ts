// Streaming ghost (issue 24 §6): the first whole clause shows as soon as it arrived, the whole answer
// extends the ghost once (two writes per suggestion at most); accept, accept-next, type-through and
// dismiss keep working mid-stream. Documents: `|` caret, `[...]` ghost; fake timers for the debounce.
import { SuggestionSession, type Accepted } from '../../../src/core/session';
import { FakeService, MemoryHost } from './MemoryHost';

const DEBOUNCE = 400;
const FROM = { model: 'qwen', requestId: 'r1' };
const FIRST = '各单位要高度重视，';
const WHOLE = '各单位要高度重视，认真落实。';

async function setup(doc = '现将有关事项通知如下：|') {
  const host = new MemoryHost(doc);
  const svc = new FakeService();
  const accepted: Accepted[] = [];
  const session = new SuggestionSession({ host, fetchSuggestion: svc.fetch, debounceMs: DEBOUNCE, onAccepted: (a) => void accepted.push(a) });
  await session.start();
  const settle = async () => {
    await jest.advanceTimersByTimeAsync(0);
    await session.settled();
  };
  /** type, pause, and let the first clause of the answer arrive */
  const typeAndStream = async (typed = '一、') => {
    host.type(typed);
    await session.settled();
    await jest.advanceTimersByTimeAsync(DEBOUNCE);
    await session.settled();
    svc.stream({ text: FIRST, ...FROM });
    await settle();
  };
  const finish = async (text = WHOLE) => {
    svc.release({ text, ...FROM });
    await settle();
  };
  return { host, svc, session, accepted, settle, typeAndStream, finish };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test('the first clause shows at once; the whole answer extends the ghost once: two writes', async () => {
  const { host, session, typeAndStream, finish } = await setup();
  await typeAndStream();
  expect(host.show()).toBe(`现将有关事项通知如下：一、|[${FIRST}]`);
  expect(session.state).toMatchObject({ kind: 'showing', text: FIRST, stream: { shown: FIRST, taken: 0 } });
  await finish();
  expect(host.show()).toBe(`现将有关事项通知如下：一、|[${WHOLE}]`);
  expect(session.state).toMatchObject({ kind: 'showing', text: WHOLE });
  expect(session.state).not.toHaveProperty('stream');
  expect(host.callsOf('showGhost')).toEqual([`showGhost:${FIRST}`, `showGhost:${WHOLE}`]);
  expect(session.counters.shown).toBe(1);
});

test('accept mid-stream takes what is shown and stops the stream; its end changes nothing', async () => {
  const { host, svc, session, accepted, typeAndStream, finish } = await setup();
  await typeAndStream();
  await session.acceptAll();
  expect(host.show()).toBe(`现将有关事项通知如下：一、${FIRST}|`);
  expect(accepted).toEqual([{ text: FIRST, ...FROM, all: true }]);
  expect(svc.requests[0]!.signal.aborted).toBe(true);
  await finish();
  expect(host.show()).toBe(`现将有关事项通知如下：一、${FIRST}|`);
  expect(host.callsOf('showGhost')).toEqual([`showGhost:${FIRST}`]);
});

test('accept-next mid-stream, then the answer completes: the ghost holds the rest of the whole answer', async () => {
  const { host, session, accepted, typeAndStream, finish } = await setup();
  await typeAndStream();
  await session.acceptNext();
  const unit = accepted[0]!.text;
  expect(WHOLE.startsWith(unit)).toBe(true);
  await finish();
  expect(host.show()).toBe(`现将有关事项通知如下：一、${unit}|[${WHOLE.slice(unit.length)}]`);
  await session.acceptAll();
  expect(host.show()).toBe(`现将有关事项通知如下：一、${WHOLE}|`);
  expect(accepted.map((a) => a.text).join('')).toBe(WHOLE);
});

test('type-through mid-stream, then the answer completes: the ghost grows from what is left', async () => {
  const { host, session, settle, typeAndStream, finish } = await setup();
  await typeAndStream();
  host.type('各单位');
  await settle();
  expect(host.show()).toBe('现将有关事项通知如下：一、各单位|[要高度重视，]');
  await finish();
  expect(host.show()).toBe('现将有关事项通知如下：一、各单位|[要高度重视，认真落实。]');
  expect(session.state).toMatchObject({ kind: 'showing', text: '要高度重视，认真落实。' });
});

test('dismiss mid-stream clears the ghost and stops the stream', async () => {
  const { host, svc, session, typeAndStream, finish } = await setup();
  await typeAndStream();
  await session.dismiss();
  expect(host.show()).toBe('现将有关事项通知如下：一、|');
  expect(svc.requests[0]!.signal.aborted).toBe(true);
  await finish();
  expect(session.state.kind).toBe('idle');
  expect(host.show()).toBe('现将有关事项通知如下：一、|');
});

test('a whole answer that does not continue what was shown (the service\'s last check emptied it) takes the ghost away', async () => {
  const { host, session, typeAndStream, finish } = await setup();
  await typeAndStream();
  await finish('');
  expect(host.show()).toBe('现将有关事项通知如下：一、|');
  expect(session.state.kind).toBe('idle');
});

test('a stream that breaks after its first clause keeps what is shown', async () => {
  const { host, svc, session, settle, typeAndStream } = await setup();
  await typeAndStream();
  svc.fail('upstream_error');
  await settle();
  expect(host.show()).toBe(`现将有关事项通知如下：一、|[${FIRST}]`);
  expect(session.state).toMatchObject({ kind: 'showing', text: FIRST });
  expect(session.state).not.toHaveProperty('stream');
});

test('later parts of the stream wait for the whole answer: no third write', async () => {
  const { host, svc, typeAndStream, settle, finish } = await setup();
  await typeAndStream();
  svc.stream({ text: '各单位要高度重视，认真落实，', ...FROM });
  await settle();
  await finish();
  expect(host.callsOf('showGhost')).toEqual([`showGhost:${FIRST}`, `showGhost:${WHOLE}`]);
});
