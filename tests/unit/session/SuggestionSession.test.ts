// SuggestionSession over an in-memory host with fake timers: what the user sees after each
// keystroke, pause and command. Documents are annotated strings: `|` caret, `[...]` ghost.
import { SuggestionSession, cacheKey, type SuggestionSessionInit, type SuggestionState } from '../../../src/core/session';
import { FakeService, MemoryHost } from './MemoryHost';

const DEBOUNCE = 400;

async function setup(doc: string, opts: Partial<SuggestionSessionInit> = {}) {
  const host = new MemoryHost(doc);
  const svc = new FakeService();
  const states: SuggestionState['kind'][] = [];
  const session = new SuggestionSession({ host, fetchSuggestion: svc.fetch, debounceMs: DEBOUNCE, ...opts });
  session.subscribe((s) => states.push(s.kind));
  await session.start();
  const pause = async (ms = DEBOUNCE) => {
    await jest.advanceTimersByTimeAsync(ms);
    await session.settled();
  };
  const type = async (s: string) => {
    host.type(s);
    await session.settled();
  };
  return { host, svc, session, states, pause, type };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('asking after a pause', () => {
  it('asks once the user stops typing and shows the answer as ghost', async () => {
    const { host, svc, session, pause, type } = await setup('特此|');
    svc.reply = () => '通知。';
    await type('通知');
    expect(session.state.kind).toBe('debouncing');
    await pause(DEBOUNCE - 1);
    expect(svc.count).toBe(0);
    await pause(1);
    expect(svc.count).toBe(1);
    expect(svc.requests[0]!.ctx.text).toBe('特此通知');
    expect(host.show()).toBe('特此通知|[通知。]');
    expect(session.state).toMatchObject({ kind: 'showing', text: '通知。', inline: true });
    expect(session.counters).toMatchObject({ requests: 1, shown: 1 });
  });

  it('does not ask when the pane opens, only after the user types', async () => {
    const { svc, session, pause } = await setup('特此通知|');
    await pause(2000);
    expect(svc.count).toBe(0);
    expect(session.state.kind).toBe('idle');
  });

  it('restarts the debounce on each keystroke: three quick pauses, one request', async () => {
    const { svc, pause, type } = await setup('为深入贯彻|');
    svc.reply = () => '落实';
    for (const ch of '党中央') {
      await type(ch);
      await pause(DEBOUNCE / 2);
    }
    expect(svc.count).toBe(0);
    await pause(DEBOUNCE / 2);
    expect(svc.count).toBe(1);
  });

  it('does not ask while text is selected', async () => {
    const { host, svc, session, pause, type } = await setup('关于做好安全生产工作的通知|');
    await type('。');
    host.select(0, 4);
    await session.settled();
    await pause(2000);
    expect(svc.count).toBe(0);
    expect(session.state.kind).toBe('idle');
  });

  it('does not ask with too little text before the cursor', async () => {
    const { svc, session, pause, type } = await setup('|', { minContextChars: 4 });
    await type('关于');
    await pause(2000);
    expect(svc.count).toBe(0);
    expect(session.state.kind).toBe('idle');
    await type('做好');
    await pause();
    expect(svc.count).toBe(1);
  });

  it('shows nothing for an empty answer and goes back to idle', async () => {
    const { host, svc, session, pause, type } = await setup('特此|');
    svc.reply = () => '';
    await type('通知');
    await pause();
    expect(session.state.kind).toBe('idle');
    expect(host.callsOf('showGhost')).toEqual([]);
  });

  it('goes through debouncing → requesting → showing, telling subscribers each time', async () => {
    const { svc, states, pause, type } = await setup('特此|');
    await type('通知');
    await pause();
    svc.release('如下：');
    await pause(0);
    expect(states).toEqual(['idle', 'debouncing', 'requesting', 'showing']);
  });
});

describe('observing the session', () => {
  it('every transition is reported with the event and the effects, and unsubscribing stops notifications', async () => {
    const log: string[] = [];
    const { svc, session, pause, type } = await setup('特此|', {
      onTransition: (from, ev, to, effects) => log.push(`${from.kind} -${ev.type}-> ${to.kind} [${effects.map((e) => e.do).join(',')}]`),
    });
    const seen: string[] = [];
    const off = session.subscribe((st) => seen.push(st.kind));
    svc.reply = () => '通知。';
    await type('，');
    off();
    await pause();
    expect(log).toEqual([
      'idle -baseline-> idle []',
      'idle -context-> debouncing [startTimer]',
      'debouncing -timerFired-> requesting [fetch]',
      'requesting -answer-> showing [count,showGhost]',
    ]);
    expect(seen).toEqual(['debouncing']);
  });
});

describe('timing against a slow host', () => {
  it('counts the pause from the change event, not from when the slow read finished', async () => {
    const { host, svc } = await setup('特此|', { verifyBeforeAsk: false });
    host.readDelayMs = 150;
    host.type('通知');
    await jest.advanceTimersByTimeAsync(DEBOUNCE - 1);
    expect(svc.count).toBe(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(svc.count).toBe(1);
  });

  it('a debounce ending while a keystroke is still being read asks nothing for the old text', async () => {
    const { host, svc, session } = await setup('特此|');
    host.readDelayMs = 150;
    host.type('通知');
    await jest.advanceTimersByTimeAsync(DEBOUNCE - 50); // read done; timer due in 50 ms
    host.type('如下'); // its read ends 100 ms after the timer
    await jest.advanceTimersByTimeAsync(200);
    expect(svc.count).toBe(0);
    expect(session.state.kind).toBe('debouncing');
    await jest.advanceTimersByTimeAsync(DEBOUNCE);
    expect(svc.requests.map((r) => r.ctx.text)).toEqual(['特此通知如下']);
  });

  it('reads capabilities shortly before the pause ends, once, not again with the request', async () => {
    const { host, svc, pause, type } = await setup('特此|', { preflightMs: 80 });
    svc.reply = () => '通知。';
    host.calls.length = 0;
    await type('，');
    await pause(DEBOUNCE - 81);
    expect(host.callsOf('capabilities')).toEqual([]);
    await pause(1);
    expect(host.callsOf('capabilities')).toEqual(['capabilities']);
    await pause(80);
    expect(svc.count).toBe(1);
    expect(host.callsOf('capabilities')).toEqual(['capabilities']);
    expect(host.ghost).toBe('通知。');
  });

  it('auto preflight starts the read just in time: a bit more than the last read took', async () => {
    const host = new MemoryHost('特此|');
    host.capsDelayMs = 40; // measured at start(): lead = 40 + 5 = 45 ms (reads take 0 here)
    const svc = new FakeService();
    svc.reply = () => '通知。';
    const session = new SuggestionSession({ host, fetchSuggestion: svc.fetch, debounceMs: DEBOUNCE });
    const started = session.start();
    await jest.advanceTimersByTimeAsync(40);
    await started;
    host.calls.length = 0;
    host.type('，');
    await jest.advanceTimersByTimeAsync(DEBOUNCE - 46);
    expect(host.callsOf('capabilities')).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(host.callsOf('capabilities')).toEqual(['capabilities']);
    await jest.advanceTimersByTimeAsync(45);
    await session.settled();
    expect(host.ghost).toBe('通知。'); // the safety read was done when the pause ended
    expect(host.callsOf('capabilities')).toEqual(['capabilities']);
  });

  it('typing on after the preflight read throws that read away and reads again for the next pause', async () => {
    const { host, svc, pause, type } = await setup('特此|', { preflightMs: 80 });
    svc.reply = () => '通知。';
    host.calls.length = 0;
    await type('，');
    await pause(DEBOUNCE - 40);
    await type('现');
    await pause(DEBOUNCE);
    expect(host.callsOf('capabilities')).toEqual(['capabilities', 'capabilities']);
    expect(svc.count).toBe(1);
  });

  it('a keystroke whose event has not arrived yet is seen by the preflight read: nothing asked for the old text', async () => {
    const { host, svc, session, type } = await setup('特此|', { preflightMs: 50 });
    svc.reply = () => '通知。';
    await type('，');
    await jest.advanceTimersByTimeAsync(DEBOUNCE - 60);
    host.autoEmit = false; // its event is late
    host.type('现');
    await jest.advanceTimersByTimeAsync(60);
    await session.settled();
    expect(svc.count).toBe(0);
    expect(session.state).toMatchObject({ kind: 'debouncing', context: { text: '特此，现' } });
    await jest.advanceTimersByTimeAsync(DEBOUNCE);
    await session.settled();
    expect(svc.requests.map((r) => r.ctx.text)).toEqual(['特此，现']);
    expect(host.ghost).toBe('通知。');
  });

  it('without verifyBeforeAsk, that late keystroke is asked past (what the preflight read prevents)', async () => {
    const { host, svc, session, type } = await setup('特此|', { preflightMs: 50, verifyBeforeAsk: false });
    svc.reply = () => '通知。';
    await type('，');
    await jest.advanceTimersByTimeAsync(DEBOUNCE - 60);
    host.autoEmit = false;
    host.type('现');
    await jest.advanceTimersByTimeAsync(60);
    await session.settled();
    expect(svc.requests.map((r) => r.ctx.text)).toEqual(['特此，']);
  });

  it('an event during the pause calls the preflight off; if it changed nothing, the timer reads instead', async () => {
    const { host, svc, session, type } = await setup('特此|', { preflightMs: 50 });
    svc.reply = () => '通知。';
    await type('，');
    host.calls.length = 0;
    await jest.advanceTimersByTimeAsync(DEBOUNCE - 60);
    host.emit('selection'); // a spurious event 10 ms before the preflight
    await jest.advanceTimersByTimeAsync(60);
    await session.settled();
    expect(host.calls).toEqual(['readContext', 'capabilities', 'readContext', 'showGhost:通知。']);
    expect(svc.count).toBe(1);
  });

  it('without a preflight, capabilities are read alongside each request', async () => {
    const { host, svc, pause, type } = await setup('特此|', { preflightMs: 0 });
    svc.reply = () => '通知。';
    host.calls.length = 0;
    await type('，');
    await pause();
    expect(host.calls).toEqual(['readContext', 'capabilities', 'showGhost:通知。']);
  });

  it('track changes switched on during the pause: the preflight sees it and the answer stays in the pane', async () => {
    const { host, svc, session, pause, type } = await setup('特此|');
    svc.reply = () => '通知。';
    await type('，');
    await pause(200);
    host.caps = { ...host.caps, inlineGhost: false, trackChanges: true };
    await pause(200);
    expect(session.state).toMatchObject({ kind: 'showing', inline: false });
    expect(host.ghost).toBe('');
  });
});

describe('the context changes while asking', () => {
  it('aborts the in-flight request the moment the context changes', async () => {
    const { svc, session, pause, type } = await setup('特此|');
    await type('通知');
    await pause();
    expect(session.state.kind).toBe('requesting');
    await type('如');
    expect(svc.requests[0]!.signal.aborted).toBe(true);
    expect(session.state.kind).toBe('debouncing');
    expect(session.counters).toMatchObject({ aborted: 1, lastDropReason: 'context-changed' });
  });

  it('drops a late answer for an old context and says why', async () => {
    const { host, svc, session, pause, type } = await setup('特此|');
    await type('通知');
    await pause(); // request 0 for 特此通知
    await type('如下');
    await pause(); // request 1 for 特此通知如下
    svc.release('不该出现', 0); // the service ignored the abort and answered anyway
    svc.release('：', 1);
    await pause(0);
    expect(host.show()).toBe('特此通知如下|[：]');
    // request 0 was aborted: its answer never reaches the state
    expect(session.counters.aborted).toBe(1);
    expect(session.state).toMatchObject({ kind: 'showing', text: '：' });
  });

  it('drops a late answer by version when the request was not aborted in time', async () => {
    // A fetch that ignores abort and resolves before the session learns of the change.
    let resolveFirst!: (t: string) => void;
    const host = new MemoryHost('特此|');
    let n = 0;
    const session = new SuggestionSession({
      host,
      debounceMs: DEBOUNCE,
      fetchSuggestion: () => new Promise<string>((r) => (n++ === 0 ? (resolveFirst = r) : r('：'))),
    });
    await session.start();
    host.type('通知');
    await session.settled();
    await jest.advanceTimersByTimeAsync(DEBOUNCE);
    // Answer 0 arrives while the document is already different and the session is re-reading.
    host.autoEmit = false;
    host.type('如下');
    const reading = session.notifyChange();
    resolveFirst('晚到的');
    await reading;
    await session.settled();
    expect(host.ghost).not.toBe('晚到的');
    expect(session.counters.aborted + session.counters.staleDrops).toBe(1);
    expect(session.counters.lastDropReason).toBe('context-changed');
  });

  it('records a failure as an error state with its code, and recovers on the next pause', async () => {
    const { svc, session, pause, type } = await setup('特此|');
    await type('通知');
    await pause();
    svc.fail('unreachable');
    await pause(0);
    expect(session.state).toMatchObject({ kind: 'error', code: 'unreachable' });
    expect(session.counters.errors).toBe(1);
    svc.reply = () => '。';
    await type('如下');
    await pause();
    expect(session.state).toMatchObject({ kind: 'showing', text: '。' });
  });

  it('uses "unknown" for errors without a code', async () => {
    const { svc, session, pause, type } = await setup('特此|');
    await type('通知');
    await pause();
    svc.requests[0]!.reject(new Error('boom'));
    await pause(0);
    expect(session.state).toMatchObject({ kind: 'error', code: 'unknown' });
  });
});

describe('typing with a ghost shown', () => {
  async function showing(doc = '特此|', answer = '通知如下：') {
    const env = await setup(doc);
    env.svc.reply = () => answer;
    await env.type('，现将有关事项');
    await env.pause();
    expect(env.host.show()).toBe(`${doc.replace('|', '')}，现将有关事项|[${answer}]`);
    return env;
  }

  it('type-through: typing the ghost\'s first characters shrinks it and asks nothing', async () => {
    const { host, svc, session, type, pause } = await showing();
    await type('通');
    expect(host.show()).toBe('特此，现将有关事项通|[知如下：]');
    await type('知');
    await pause(2000);
    expect(host.show()).toBe('特此，现将有关事项通知|[如下：]');
    expect(svc.count).toBe(1);
    expect(host.callsOf('trimGhost')).toEqual(['trimGhost:1', 'trimGhost:1']);
    expect(session.counters.typeThroughs).toBe(2);
  });

  it('type-through copes with several keystrokes merged into one event', async () => {
    const { host, session } = await showing();
    host.autoEmit = false;
    host.type('通');
    host.type('知如');
    await session.notifyChange();
    expect(host.show()).toBe('特此，现将有关事项通知如|[下：]');
  });

  it('typing the whole ghost removes it and asks afresh after a pause', async () => {
    const { host, svc, session, type, pause } = await showing('特此|', '通知');
    await type('通知');
    expect(host.show()).toBe('特此，现将有关事项通知|');
    expect(session.state.kind).toBe('debouncing');
    svc.reply = () => '如下：';
    await pause();
    expect(svc.count).toBe(2);
    expect(host.show()).toBe('特此，现将有关事项通知|[如下：]');
  });

  it('typing something else clears the ghost and waits for the next pause', async () => {
    const { host, session, type } = await showing();
    await type('报');
    expect(host.show()).toBe('特此，现将有关事项报|');
    expect(session.state.kind).toBe('debouncing');
  });

  it('backspace clears the ghost', async () => {
    const { host, session } = await showing();
    host.backspace();
    await session.settled();
    expect(host.show()).toBe('特此，现将有关事|');
    expect(session.state.kind).toBe('debouncing');
  });

  it('moving the cursor away clears the ghost', async () => {
    const { host, session } = await showing();
    host.select(2);
    await session.settled();
    expect(host.ghost).toBe('');
    expect(host.show()).toBe('特此|，现将有关事项');
  });

  it('selecting text clears the ghost and asks nothing', async () => {
    const { host, svc, session, pause } = await showing();
    host.select(0, 2);
    await session.settled();
    await pause(2000);
    expect(host.ghost).toBe('');
    expect(session.state.kind).toBe('idle');
    expect(svc.count).toBe(1);
  });

  it('an event fired by nothing the user did (or by our own write) changes nothing', async () => {
    const { host, session, svc, pause } = await showing();
    const before = session.state;
    host.emit('selection');
    host.emit('content');
    await session.settled();
    await pause(2000);
    expect(session.state).toBe(before);
    expect(svc.count).toBe(1);
  });

  it('the user undoing the ghost is not an error: back to idle, no new request', async () => {
    const { host, svc, session, pause } = await showing();
    host.undoGhost();
    await session.settled();
    await pause(2000);
    expect(session.state.kind).toBe('idle');
    expect(svc.count).toBe(1);
    expect(host.callsOf('clearGhost')).toEqual([]);
  });

  it('clears the ghost when the host reports a save', async () => {
    const { host, session } = await showing();
    host.emit('save');
    await session.settled();
    expect(host.ghost).toBe('');
    expect(session.state.kind).toBe('idle');
  });

  it('a ghost the host refuses as unsafe (tracking switched on meanwhile) stays in the pane', async () => {
    const env = await setup('特此|');
    // the host answers what it rendered: nothing inline, and why (WPS used to return silently, issue 32 §1)
    env.host.refuseInline = 'host.trackChanges';
    env.svc.reply = () => '通知';
    await env.type('，');
    await env.pause();
    expect(env.session.state).toMatchObject({ kind: 'showing', text: '通知', inline: false });
    expect(env.host.ghost).toBe('');
    await env.session.acceptAll();
    // accepted from the pane: inserted once at the cursor, not "accepted" as a ghost that was never there
    expect(env.host.show()).toBe('特此，通知|');
    expect(env.host.callsOf('insertAtCursor')).toHaveLength(1);
    expect(env.host.callsOf('acceptGhost')).toEqual([]);
  });

  it('a failed ghost write leaves no suggestion behind', async () => {
    const env = await setup('特此|');
    env.host.showGhost = async () => {
      throw new Error('GeneralException');
    };
    env.svc.reply = () => '通知';
    await env.type('，');
    await env.pause();
    expect(env.session.state.kind).toBe('idle');
    expect(env.session.counters.hostErrors).toBe(1);
  });
});

describe('accepting and dismissing', () => {
  async function showing(answer: string) {
    const env = await setup('各区人民政府|');
    env.svc.reply = () => answer;
    await env.type('，');
    await env.pause();
    return env;
  }

  it('accept all makes the ghost normal text with the caret after it', async () => {
    const { host, session } = await showing('市政府各委、办、局：');
    await session.acceptAll();
    expect(host.show()).toBe('各区人民政府，市政府各委、办、局：|');
    expect(session.counters).toMatchObject({ acceptedChars: 10, accepts: 1 });
    expect(session.state.kind).toBe('debouncing'); // the next suggestion comes after a pause
  });

  it('accept next takes one word with its punctuation, twice', async () => {
    const { host, session, svc } = await showing('市政府各委、办、局：');
    await session.acceptNext();
    expect(host.show()).toBe('各区人民政府，市政府|[各委、办、局：]');
    await session.acceptNext();
    expect(host.show()).toBe('各区人民政府，市政府各委、|[办、局：]');
    expect(session.state).toMatchObject({ kind: 'showing', text: '办、局：' });
    expect(session.counters.acceptedChars).toBe(6);
    expect(svc.count).toBe(1);
  });

  it('accept next on the last unit ends the suggestion', async () => {
    const { host, session } = await showing('如下：');
    await session.acceptNext();
    await session.acceptNext();
    expect(host.show()).toBe('各区人民政府，如下：|');
    expect(session.state.kind).toBe('debouncing');
  });

  it('dismiss removes the ghost and counts it', async () => {
    const { host, session, svc, pause } = await showing('市政府各委、办、局：');
    await session.dismiss();
    await pause(2000);
    expect(host.show()).toBe('各区人民政府，|');
    expect(session.state.kind).toBe('idle');
    expect(session.counters.dismissed).toBe(1);
    expect(svc.count).toBe(1); // dismissing is not a reason to ask again
  });

  it('dismiss while waiting cancels the request', async () => {
    const { session, svc, pause, type } = await setup('特此|');
    await type('通知');
    await pause();
    await session.dismiss();
    expect(svc.requests[0]!.signal.aborted).toBe(true);
    expect(session.counters.lastDropReason).toBe('dismissed');
    expect(session.state.kind).toBe('idle');
  });

  it('commands without a suggestion do nothing', async () => {
    const { host, session } = await setup('特此通知|');
    await session.acceptAll();
    await session.acceptNext();
    await session.dismiss();
    expect(host.calls.filter((c) => !['init', 'capabilities', 'readContext'].includes(c))).toEqual([]);
  });
});

describe('cache and ask again', () => {
  it('coming back to the same place answers at once from the cache', async () => {
    const { host, svc, session, pause, type } = await setup('特此|');
    svc.reply = () => '通知。';
    await type('，');
    await pause();
    host.select(0);
    await session.settled();
    expect(host.ghost).toBe('');
    host.select(3);
    await session.settled();
    expect(host.show()).toBe('特此，|[通知。]');
    expect(svc.count).toBe(1);
    expect(session.counters.cacheHits).toBe(1);
  });

  it('after forgetAnswers (another model now) the same place asks the service again', async () => {
    const { host, svc, session, pause, type } = await setup('特此|');
    svc.reply = () => '通知。';
    await type('，');
    await pause();
    host.select(0);
    await session.settled();
    session.forgetAnswers();
    svc.reply = () => '通报。';
    host.select(3);
    await session.settled();
    await pause();
    expect(host.show()).toBe('特此，|[通报。]');
    expect(svc.count).toBe(2);
    expect(session.counters.cacheHits).toBe(0);
  });

  it('backspacing over a typed-through character finds the earlier suggestion again', async () => {
    const { host, svc, session, pause, type } = await setup('特此|');
    svc.reply = () => '通知。';
    await type('，');
    await pause();
    await type('通');
    host.backspace();
    await session.settled();
    expect(host.show()).toBe('特此，|[通知。]');
    expect(svc.count).toBe(1);
  });

  it('an answer that came back after the user moved on is kept for when they return', async () => {
    const { host, svc, session, pause, type } = await setup('特此|');
    await type('，');
    await pause(); // request for 特此，
    await type('现'); // aborts it
    svc.release('通知。', 0); // the service answers anyway
    await pause(0);
    expect(host.ghost).toBe('');
    host.backspace();
    await session.settled();
    expect(host.show()).toBe('特此，|[通知。]');
    expect(session.counters.cacheHits).toBe(1);
  });

  it('ask again bypasses the cache and the debounce', async () => {
    const { host, svc, session, pause, type } = await setup('特此|');
    svc.reply = () => '通知。';
    await type('，');
    await pause();
    svc.reply = () => '函告。';
    await session.askAgain();
    expect(svc.count).toBe(2);
    expect(host.show()).toBe('特此，|[函告。]');
  });

  it('an edit far from the cursor (the title) is a different context: asked afresh', async () => {
    const { host, svc, session, pause, type } = await setup('关于做好防汛工作的通知\n各单位：特此|');
    svc.reply = () => '通知。';
    await type('，');
    await pause();
    host.select(2); // into the title
    host.type('切实');
    host.select(host.text.length);
    await session.settled();
    await pause();
    expect(session.counters.cacheHits).toBe(0);
    expect(svc.count).toBe(2);
  });

  it('cache keys keep the neighbourhood of the cursor and only a hash of the rest', () => {
    const long = '一'.repeat(60_000);
    const key = cacheKey({ text: long + '特此' + long, cursor: 60_002, selectionEmpty: true });
    expect(key.length).toBeLessThan(400);
    expect(key).toContain('特此\u0000');
    expect(cacheKey({ text: '甲特此', cursor: 3, selectionEmpty: true })).not.toBe(
      cacheKey({ text: '乙特此', cursor: 3, selectionEmpty: true }),
    );
  });

  it('an LRU of cacheSize entries forgets the oldest place', async () => {
    const { host, svc, session, pause, type } = await setup('特此|', { cacheSize: 1 });
    svc.reply = (c) => `〔${c.cursor}〕`;
    await type('，');
    await pause();
    await type('现');
    await pause();
    host.select(3);
    await session.settled();
    await pause();
    expect(svc.count).toBe(3);
  });
});

describe('pane-only', () => {
  it('keeps the suggestion in state, never writes a ghost, inserts on accept', async () => {
    const { host, svc, session, pause, type } = await setup('特此|', { inline: false });
    svc.reply = () => '通知如下：';
    await type('，');
    await pause();
    expect(session.state).toMatchObject({ kind: 'showing', text: '通知如下：', inline: false });
    expect(host.ghost).toBe('');
    await session.acceptNext();
    expect(host.show()).toBe('特此，通知|');
    expect(session.state).toMatchObject({ kind: 'showing', text: '如下：' });
    await session.acceptAll();
    expect(host.show()).toBe('特此，通知如下：|');
    expect(host.callsOf('showGhost')).toEqual([]);
    expect(host.callsOf('insertAtCursor')).toEqual(['insertAtCursor:通知', 'insertAtCursor:如下：']);
  });

  it('follows the host: no inline ghost when the host says so (track changes on)', async () => {
    const { host, svc, session, pause, type } = await setup('特此|');
    host.caps = { ...host.caps, inlineGhost: false, trackChanges: true, inlineGhostOffReason: 'host.trackChanges' };
    svc.reply = () => '通知如下：';
    await type('，');
    await pause();
    expect(session.state).toMatchObject({ kind: 'showing', inline: false });
    expect(host.ghost).toBe('');
  });

  it('type-through in pane-only shrinks the suggestion without touching the document', async () => {
    const { host, svc, session, pause, type } = await setup('特此|', { inline: false });
    svc.reply = () => '通知如下：';
    await type('，');
    await pause();
    await type('通知');
    expect(session.state).toMatchObject({ kind: 'showing', text: '如下：' });
    expect(host.callsOf('trimGhost')).toEqual([]);
  });

  it('switching to pane-only while a ghost shows takes the ghost out, and back puts it in', async () => {
    const { host, svc, session, pause, type } = await setup('特此|');
    svc.reply = () => '通知。';
    await type('，');
    await pause();
    await session.setOptions({ inline: false });
    expect(host.ghost).toBe('');
    expect(session.state).toMatchObject({ kind: 'showing', inline: false, text: '通知。' });
    await session.setOptions({ inline: true });
    expect(host.show()).toBe('特此，|[通知。]');
  });
});

describe('switching off and disposing', () => {
  it('disabling clears the ghost and ignores typing until enabled again', async () => {
    const { host, svc, session, pause, type } = await setup('特此|');
    svc.reply = () => '通知。';
    await type('，');
    await pause();
    await session.setEnabled(false);
    expect(host.ghost).toBe('');
    expect(session.state.kind).toBe('disabled');
    await type('现将');
    await pause(2000);
    expect(svc.count).toBe(1);
    await session.setEnabled(true);
    expect(session.state.kind).toBe('idle');
    await type('有关');
    await pause();
    expect(svc.count).toBe(2);
  });

  it('disabling while a request is in flight aborts it and drops its answer', async () => {
    const { svc, session, pause, type } = await setup('特此|');
    await type('通知');
    await pause();
    await session.setEnabled(false);
    expect(svc.requests[0]!.signal.aborted).toBe(true);
    expect(session.counters.lastDropReason).toBe('disabled');
  });

  it('dispose clears the ghost and stops listening', async () => {
    const { host, svc, session, pause, type } = await setup('特此|');
    svc.reply = () => '通知。';
    await type('，');
    await pause();
    session.dispose();
    await session.settled();
    expect(host.ghost).toBe('');
    await type('现将');
    await pause(2000);
    expect(svc.count).toBe(1);
  });
});

describe('the InlinePolicy', () => {
  it('pane-only by the admin: the host may show inline, but the session never calls showGhost and says why', async () => {
    const policies: unknown[] = [];
    const { host, svc, session, pause, type } = await setup('特此|', { adminPaneOnly: true, onInlinePolicy: (p) => void policies.push(p) });
    svc.reply = () => '通知。';
    await type('通知');
    await pause();
    expect(session.state).toMatchObject({ kind: 'showing', text: '通知。', inline: false });
    expect(host.callsOf('showGhost')).toEqual([]);
    expect(session.inlinePolicy).toEqual({ inline: false, reason: 'host.adminPaneOnly' });
    expect(policies).toEqual([{ inline: false, reason: 'host.adminPaneOnly' }]);
  });

  it('a host refusing the ghost: the policy carries the host\'s reason from the refusal, whatever capabilities said before', async () => {
    const { host, svc, session, pause, type } = await setup('特此|');
    expect(session.inlinePolicy).toEqual({ inline: true });
    host.refuseInline = 'host.selectionNotEmpty';
    svc.reply = () => '通知。';
    await type('通知');
    await pause();
    expect(session.state).toMatchObject({ kind: 'showing', inline: false });
    expect(session.inlinePolicy).toEqual({ inline: false, reason: 'host.selectionNotEmpty' });
  });

  it('the user switching to pane-only takes the ghost out and the policy says so', async () => {
    const { host, svc, session, pause, type } = await setup('特此|');
    svc.reply = () => '通知。';
    await type('通知');
    await pause();
    expect(host.show()).toBe('特此通知|[通知。]');
    await session.setOptions({ inline: false });
    expect(host.show()).toBe('特此通知|');
    expect(session.state).toMatchObject({ kind: 'showing', inline: false });
    expect(session.inlinePolicy).toEqual({ inline: false, reason: 'host.userChoice' });
  });
});
