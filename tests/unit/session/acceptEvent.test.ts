// Accept is one event (issue 32 §2): the shown suggestion carries its text, model and request id, and an
// accept — all, next unit, pane-only insert — emits one `accepted` effect that the counters, the AIGC label
// and the pane consume, with what went in and which model wrote it. Documents: `|` caret, `[...]` ghost.
import { SuggestionSession, type Accepted, type SuggestionSessionInit } from '../../../src/core/session';
import { FakeService, MemoryHost } from './MemoryHost';

const DEBOUNCE = 400;
const QWEN = { model: 'qwen', requestId: 'r-qwen' };

async function setup(doc: string, opts: Partial<SuggestionSessionInit> = {}) {
  const host = new MemoryHost(doc);
  const svc = new FakeService();
  const accepted: Accepted[] = [];
  const session = new SuggestionSession({ host, fetchSuggestion: svc.fetch, debounceMs: DEBOUNCE, onAccepted: (a) => void accepted.push(a), ...opts });
  await session.start();
  const typeAndWait = async (s: string) => {
    host.type(s);
    await session.settled();
    await jest.advanceTimersByTimeAsync(DEBOUNCE);
    await session.settled();
  };
  return { host, svc, session, accepted, typeAndWait };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test('the shown suggestion carries its text, model and request id', async () => {
  const { svc, session, typeAndWait } = await setup('特此|');
  svc.reply = () => ({ text: '通知如下：', ...QWEN });
  await typeAndWait('通知');
  expect(session.state).toMatchObject({ kind: 'showing', text: '通知如下：', model: 'qwen', requestId: 'r-qwen', inline: true });
});

test('accept next, then the rest: two accept events, each with what went in and the model that wrote it', async () => {
  const { host, svc, session, accepted, typeAndWait } = await setup('特此|');
  svc.reply = () => ({ text: '通知如下：', ...QWEN });
  await typeAndWait('通知');
  await session.acceptNext();
  expect(host.show()).toBe('特此通知通知|[如下：]');
  await session.acceptAll();
  expect(host.show()).toBe('特此通知通知如下：|');
  expect(accepted).toEqual([
    { text: '通知', ...QWEN, all: false },
    { text: '如下：', ...QWEN, all: true },
  ]);
  expect(session.counters).toMatchObject({ accepts: 2, acceptedChars: 5 });
});

test('pane-only: the insert at the cursor is the same event', async () => {
  const { host, svc, session, accepted, typeAndWait } = await setup('特此|', { inline: false });
  svc.reply = () => ({ text: '通知。', ...QWEN });
  await typeAndWait('通知');
  await session.acceptAll();
  expect(host.show()).toBe('特此通知通知。|');
  expect(host.callsOf('insertAtCursor')).toEqual(['insertAtCursor:通知。']);
  expect(accepted).toEqual([{ text: '通知。', ...QWEN, all: true }]);
});

test('a type-through keeps the model: accepting the rest is still labelled with it', async () => {
  const { host, svc, session, accepted, typeAndWait } = await setup('特此|');
  svc.reply = () => ({ text: '通知如下：', ...QWEN });
  await typeAndWait('通知');
  host.type('通知');
  await session.settled();
  expect(session.state).toMatchObject({ kind: 'showing', text: '如下：', model: 'qwen' });
  await session.acceptAll();
  expect(accepted).toEqual([{ text: '如下：', ...QWEN, all: true }]);
});

test('a cache hit shows the model that wrote the cached answer, not the latest one', async () => {
  const { host, svc, session, accepted, typeAndWait } = await setup('特此|');
  let n = 0;
  svc.reply = () => (n++ === 0 ? { text: '认真落实。', model: 'builtin', requestId: 'r1' } : { text: '要认真落实。', model: 'deepseek', requestId: 'r2' });
  await typeAndWait('通知');
  await typeAndWait('各');
  expect(session.state).toMatchObject({ kind: 'showing', model: 'deepseek' });
  host.backspace();
  await session.settled();
  expect(session.state).toMatchObject({ kind: 'showing', text: '认真落实。', model: 'builtin', requestId: 'r1' });
  await session.acceptAll();
  expect(accepted).toEqual([{ text: '认真落实。', model: 'builtin', requestId: 'r1', all: true }]);
});

test('a write that failed is no accept: nothing reported, nothing counted', async () => {
  const { host, svc, session, accepted, typeAndWait } = await setup('特此|');
  svc.reply = () => ({ text: '通知。', ...QWEN });
  await typeAndWait('通知');
  host.acceptGhost = () => Promise.reject(Object.assign(new Error('GeneralException'), { code: 'GeneralException' }));
  await session.acceptAll();
  expect(accepted).toEqual([]);
  expect(session.counters).toMatchObject({ accepts: 0, acceptedChars: 0, hostErrors: 1 });
});

test('a test double answering a plain string: shown and accepted, with no model to label', async () => {
  const { svc, session, accepted, typeAndWait } = await setup('特此|');
  svc.reply = () => '通知。';
  await typeAndWait('通知');
  await session.acceptAll();
  expect(accepted).toEqual([{ text: '通知。', model: '', requestId: '', all: true }]);
});
