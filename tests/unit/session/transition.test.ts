// The transition function on its own: for each state and event, the next state and the effects
// the session must perform. Contexts are annotated strings ('特此|' = caret after 特此).
import type { HostContext } from '../../../src/core/DocumentHost';
import { parseAnnotated } from '../../../src/simulators/annotated';
import {
  transition,
  typedSince,
  tooShort,
  type SessionEvent,
  type SuggestionState,
  type TransitionConfig,
} from '../../../src/core/session';

const cfg: TransitionConfig = { minContextChars: 2, inline: true };
const pane: TransitionConfig = { ...cfg, inline: false };

function ctx(annotated: string, selectionEmpty = true): HostContext {
  const a = parseAnnotated(annotated);
  return { text: a.text, cursor: a.cursor, selectionEmpty };
}

const idle = (c: HostContext | null = ctx('特此|')): SuggestionState => ({ kind: 'idle', context: c });
const debouncing = (v = 1, c = ctx('特此|')): SuggestionState => ({ kind: 'debouncing', version: v, context: c });
const requesting = (v = 1, c = ctx('特此|')): SuggestionState => ({ kind: 'requesting', version: v, context: c, bypassCache: false });
/** the model and request every answer in these tests comes from */
const FROM = { model: 'qwen', requestId: 'r1' };
const answer = (text: string) => ({ text, ...FROM });
const showing = (text = '通知如下：', inline = true, c = ctx('特此|'), v = 1): SuggestionState => ({ kind: 'showing', text, ...FROM, inline, version: v, context: c });
const error = (code = 'unreachable', c = ctx('特此|')): SuggestionState => ({ kind: 'error', code, version: 1, context: c });
const disabled: SuggestionState = { kind: 'disabled' };

const on = (s: SuggestionState, ev: SessionEvent, c: TransitionConfig = cfg) => transition(s, ev, c);
const context = (annotated: string, version = 2, extra: Partial<Extract<SessionEvent, { type: 'context' }>> = {}): SessionEvent => ({
  type: 'context', context: ctx(annotated), version, ...extra,
});

describe('helpers', () => {
  it('typedSince sees an insertion at the old cursor and nothing else', () => {
    expect(typedSince(ctx('特此|。'), ctx('特此通知|。'))).toBe('通知');
    expect(typedSince(ctx('特此|。'), ctx('特此|通知。'))).toBeNull(); // inserted after the cursor
    expect(typedSince(ctx('特此|。'), ctx('特|。'))).toBeNull(); // deleted
    expect(typedSince(ctx('特此|。'), ctx('通知特此|。'))).toBeNull(); // typed elsewhere then moved
    expect(typedSince(ctx('特此|'), ctx('特此通|', false))).toBeNull(); // now a selection
  });

  it('tooShort counts non-blank characters before the cursor', () => {
    expect(tooShort(ctx(' \n特|'), 2)).toBe(true);
    expect(tooShort(ctx('特 此|'), 2)).toBe(false);
    expect(tooShort(ctx('特|此通知'), 2)).toBe(true);
  });
});

describe('from idle', () => {
  it('a baseline read only remembers where the cursor is', () => {
    const r = on(idle(null), { type: 'baseline', context: ctx('特此|') });
    expect(r.state).toEqual(idle(ctx('特此|')));
    expect(r.effects).toEqual([]);
  });

  it('a baseline after the first read is ignored', () => {
    const s = idle();
    expect(on(s, { type: 'baseline', context: ctx('别处|') }).state).toBe(s);
  });

  it('a new context starts the debounce', () => {
    const r = on(idle(), context('特此通|'));
    expect(r.state).toEqual(debouncing(2, ctx('特此通|')));
    expect(r.effects).toEqual([{ do: 'startTimer', version: 2 }]);
  });

  it('the same context again changes nothing (merged and self-fired events)', () => {
    const s = idle();
    const r = on(s, { type: 'context', context: { ...ctx('特此|') }, version: 2 });
    expect(r.state).toBe(s);
    expect(r.effects).toEqual([]);
  });

  it('a selection or too little text leaves it idle', () => {
    expect(on(idle(), { type: 'context', context: ctx('特此通|', false), version: 2 }).state.kind).toBe('idle');
    expect(on(idle(), context('特|')).state.kind).toBe('idle');
  });

  it('a cache hit shows at once; a cached empty answer stays idle', () => {
    const hit = on(idle(), context('特此通|', 2, { cached: answer('知。') }));
    expect(hit.state).toEqual(showing('知。', true, ctx('特此通|'), 2));
    expect(hit.effects).toEqual([
      { do: 'count', counter: 'cacheHits', by: 1 },
      { do: 'count', counter: 'shown', by: 1 },
      { do: 'showGhost', text: '知。' },
    ]);
    const nothing = on(idle(), context('特此通|', 2, { cached: answer('') }));
    expect(nothing.state.kind).toBe('idle');
    expect(nothing.effects).toEqual([{ do: 'count', counter: 'cacheHits', by: 1 }]);
  });

  it('a cache hit in pane-only writes nothing to the document', () => {
    const r = on(idle(), context('特此通|', 2, { cached: answer('知。') }), pane);
    expect(r.state).toMatchObject({ kind: 'showing', inline: false });
    expect(r.effects.some((e) => e.do === 'showGhost')).toBe(false);
  });
});

describe('from debouncing', () => {
  it('typing on restarts the timer with a new version (no separate cancel)', () => {
    const r = on(debouncing(1), context('特此通|', 2));
    expect(r.state).toEqual(debouncing(2, ctx('特此通|')));
    expect(r.effects).toEqual([{ do: 'startTimer', version: 2 }]);
  });

  it('selecting text cancels the timer', () => {
    const r = on(debouncing(1), { type: 'context', context: ctx('特此通|', false), version: 2 });
    expect(r.state.kind).toBe('idle');
    expect(r.effects).toEqual([{ do: 'cancelTimer' }]);
  });

  it('the timer for this version starts the request', () => {
    const r = on(debouncing(1), { type: 'timerFired', version: 1 });
    expect(r.state).toEqual(requesting(1));
    expect(r.effects).toEqual([{ do: 'fetch', version: 1, context: ctx('特此|'), bypassCache: false }]);
  });

  it('a timer for an older version is ignored', () => {
    const s = debouncing(2);
    expect(on(s, { type: 'timerFired', version: 1 }).state).toBe(s);
  });

  it('when the timer fires and the cache knows the answer, no request', () => {
    const r = on(debouncing(1), { type: 'timerFired', version: 1, cached: answer('通知') });
    expect(r.state).toMatchObject({ kind: 'showing', text: '通知' });
    expect(r.effects.some((e) => e.do === 'fetch')).toBe(false);
  });

  it('dismiss cancels the timer', () => {
    const r = on(debouncing(1), { type: 'dismiss' });
    expect(r.state).toEqual(idle());
    expect(r.effects).toEqual([{ do: 'cancelTimer' }]);
  });
});

describe('from requesting', () => {
  it('a context change aborts the request and debounces again', () => {
    const r = on(requesting(1), context('特此通|', 2));
    expect(r.state).toEqual(debouncing(2, ctx('特此通|')));
    expect(r.effects).toEqual([{ do: 'abort', reason: 'context-changed' }, { do: 'startTimer', version: 2 }]);
  });

  it('the answer for this version is shown inline', () => {
    const r = on(requesting(1), { type: 'answer', version: 1, suggestion: answer('通知'), inline: true });
    expect(r.state).toEqual(showing('通知'));
    expect(r.effects).toEqual([{ do: 'count', counter: 'shown', by: 1 }, { do: 'showGhost', text: '通知' }]);
  });

  it('an answer marked pane-only is kept in state only', () => {
    const r = on(requesting(1), { type: 'answer', version: 1, suggestion: answer('通知'), inline: false });
    expect(r.state).toEqual(showing('通知', false));
    expect(r.effects).toEqual([{ do: 'count', counter: 'shown', by: 1 }]);
  });

  it('an empty answer goes back to idle', () => {
    expect(on(requesting(1), { type: 'answer', version: 1, suggestion: answer(''), inline: true }).state).toEqual(idle());
  });

  it('an answer for another version is dropped as stale', () => {
    const s = requesting(2);
    const r = on(s, { type: 'answer', version: 1, suggestion: answer('通知'), inline: true });
    expect(r.state).toBe(s);
    expect(r.effects).toEqual([{ do: 'drop', reason: 'context-changed', version: 1 }]);
  });

  it('an answer nobody waits for is dropped and says so', () => {
    expect(on(idle(), { type: 'answer', version: 1, suggestion: answer('通知'), inline: true }).effects).toEqual([
      { do: 'drop', reason: 'not-requesting', version: 1 },
    ]);
    expect(on(disabled, { type: 'answer', version: 1, suggestion: answer('通知'), inline: true }).effects).toEqual([
      { do: 'drop', reason: 'disabled', version: 1 },
    ]);
  });

  it('a failure becomes an error state with its code', () => {
    const r = on(requesting(1), { type: 'failed', version: 1, code: 'consent_required' });
    expect(r.state).toEqual(error('consent_required'));
    expect(r.effects).toEqual([{ do: 'count', counter: 'errors', by: 1 }]);
  });

  it('a stale failure is dropped', () => {
    expect(on(requesting(2), { type: 'failed', version: 1, code: 'unreachable' }).effects).toEqual([
      { do: 'drop', reason: 'context-changed', version: 1 },
    ]);
  });

  it('dismiss aborts the request', () => {
    const r = on(requesting(1), { type: 'dismiss' });
    expect(r.state).toEqual(idle());
    expect(r.effects).toEqual([{ do: 'abort', reason: 'dismissed' }]);
  });
});

describe('from showing', () => {
  it('type-through: typing the first characters trims the ghost and caches the rest', () => {
    const r = on(showing('通知如下：'), context('特此通|', 2));
    expect(r.state).toEqual(showing('知如下：', true, ctx('特此通|'), 2));
    expect(r.effects).toEqual([
      { do: 'count', counter: 'typeThroughs', by: 1 },
      { do: 'trimGhost', chars: 1 },
      { do: 'cache', context: ctx('特此通|'), suggestion: answer('知如下：') },
    ]);
  });

  it('typing all of it clears the ghost and debounces for the next', () => {
    const r = on(showing('通知'), context('特此通知|', 2));
    expect(r.state).toEqual(debouncing(2, ctx('特此通知|')));
    expect(r.effects).toEqual([{ do: 'count', counter: 'typeThroughs', by: 1 }, { do: 'clearGhost' }, { do: 'startTimer', version: 2 }]);
  });

  it('typing something else clears the ghost', () => {
    const r = on(showing('通知'), context('特此报|', 2));
    expect(r.state).toEqual(debouncing(2, ctx('特此报|')));
    expect(r.effects).toEqual([{ do: 'clearGhost' }, { do: 'startTimer', version: 2 }]);
  });

  it('moving the cursor clears the ghost; a cached answer there shows instead', () => {
    const r = on(showing('通知', true, ctx('请各单位|特此')), context('请各|单位特此', 2, { cached: answer('别的') }));
    expect(r.effects).toEqual([
      { do: 'clearGhost' },
      { do: 'count', counter: 'cacheHits', by: 1 },
      { do: 'count', counter: 'shown', by: 1 },
      { do: 'showGhost', text: '别的' },
    ]);
  });

  it('pane-only type-through touches nothing in the document', () => {
    const r = on(showing('通知如下：', false), context('特此通|', 2), pane);
    expect(r.state).toMatchObject({ kind: 'showing', text: '知如下：', inline: false });
    expect(r.effects.some((e) => e.do === 'trimGhost')).toBe(false);
  });

  it('accept all makes the ghost text and waits for the next pause', () => {
    const r = on(showing('通知如下：'), { type: 'acceptAll' });
    expect(r.state).toMatchObject({ kind: 'debouncing', context: { text: '特此通知如下：', cursor: 7 } });
    expect(r.effects).toEqual([
      { do: 'accepted', accepted: { text: '通知如下：', model: 'qwen', requestId: 'r1', all: true }, inline: true },
      { do: 'startTimer', version: 1 },
    ]);
  });

  it('accept all in pane-only inserts the text', () => {
    const r = on(showing('通知', false), { type: 'acceptAll' }, pane);
    expect(r.effects[0]).toEqual({ do: 'accepted', accepted: { text: '通知', model: 'qwen', requestId: 'r1', all: true }, inline: false });
  });

  it('accept next takes one unit and keeps showing the rest at the moved cursor', () => {
    const r = on(showing('通知如下：'), { type: 'acceptNext' });
    expect(r.state).toMatchObject({ kind: 'showing', text: '如下：', context: { text: '特此通知', cursor: 4 } });
    expect(r.effects).toEqual([{ do: 'accepted', accepted: { text: '通知', model: 'qwen', requestId: 'r1', all: false }, inline: true }]);
  });

  it('accept next of the last unit accepts it all (no partial count left to the host)', () => {
    const r = on(showing('如下：'), { type: 'acceptNext' });
    expect(r.effects[0]).toEqual({ do: 'accepted', accepted: { text: '如下：', model: 'qwen', requestId: 'r1', all: true }, inline: true });
    expect(r.state.kind).toBe('debouncing');
  });

  it('after accepting, the host re-reading the context we predicted changes nothing', () => {
    const after = on(showing('通知如下：'), { type: 'acceptNext' }).state;
    expect(on(after, { type: 'context', context: { ...ctx('特此通知|') }, version: 3 }).state).toBe(after);
  });

  it('dismiss clears the ghost and counts', () => {
    const r = on(showing('通知'), { type: 'dismiss' });
    expect(r.state).toEqual(idle());
    expect(r.effects).toEqual([{ do: 'clearGhost' }, { do: 'count', counter: 'dismissed', by: 1 }]);
  });

  it('ghost lost (user undid it): idle, nothing to clear', () => {
    const r = on(showing('通知'), { type: 'ghostLost' });
    expect(r.state).toEqual(idle());
    expect(r.effects).toEqual([]);
  });

  it('save clears the ghost first', () => {
    const r = on(showing('通知'), { type: 'save' });
    expect(r.state).toEqual(idle());
    expect(r.effects).toEqual([{ do: 'clearGhost' }]);
  });

  it('save and ghost lost leave a pane-only suggestion alone', () => {
    const s = showing('通知', false);
    expect(on(s, { type: 'save' }).state).toBe(s);
    expect(on(s, { type: 'ghostLost' }).state).toBe(s);
  });

  it('inline switched off takes the ghost out but keeps the suggestion; on again shows it', () => {
    const off = on(showing('通知'), { type: 'inlineChanged', inline: false });
    expect(off.state).toEqual(showing('通知', false));
    expect(off.effects).toEqual([{ do: 'clearGhost' }]);
    const back = on(off.state, { type: 'inlineChanged', inline: true });
    expect(back.state).toEqual(showing('通知', true));
    expect(back.effects).toEqual([{ do: 'showGhost', text: '通知' }]);
  });
});

describe('from error', () => {
  it('a new context debounces again', () => {
    expect(on(error(), context('特此通|')).state.kind).toBe('debouncing');
  });
  it('dismiss clears the error', () => {
    expect(on(error(), { type: 'dismiss' })).toEqual({ state: idle(), effects: [] });
  });
});

describe('ask again, enable, disable', () => {
  it('ask again requests at once, bypassing the cache, clearing what was shown', () => {
    const r = on(showing('通知'), { type: 'askAgain', context: ctx('特此|'), version: 5 });
    expect(r.state).toEqual({ kind: 'requesting', version: 5, context: ctx('特此|'), bypassCache: true });
    expect(r.effects).toEqual([{ do: 'clearGhost' }, { do: 'fetch', version: 5, context: ctx('特此|'), bypassCache: true }]);
  });

  it('ask again supersedes a request in flight', () => {
    expect(on(requesting(1), { type: 'askAgain', context: ctx('特此|'), version: 5 }).effects[0]).toEqual({ do: 'abort', reason: 'superseded' });
  });

  it('ask again with a selection does nothing but stop', () => {
    expect(on(debouncing(1), { type: 'askAgain', context: ctx('特此|', false), version: 5 }).state.kind).toBe('idle');
  });

  it('disable undoes whatever is under way', () => {
    expect(on(showing('通知'), { type: 'disable' })).toEqual({ state: disabled, effects: [{ do: 'clearGhost' }] });
    expect(on(requesting(1), { type: 'disable' }).effects).toEqual([{ do: 'abort', reason: 'disabled' }]);
    expect(on(debouncing(1), { type: 'disable' }).effects).toEqual([{ do: 'cancelTimer' }]);
  });

  it('disabled ignores everything but enable', () => {
    for (const ev of [context('特此通|'), { type: 'timerFired', version: 1 }, { type: 'acceptAll' }, { type: 'askAgain', context: ctx('特此|'), version: 2 }] as SessionEvent[]) {
      expect(on(disabled, ev).state).toBe(disabled);
    }
    expect(on(disabled, { type: 'enable' }).state).toEqual(idle(null));
  });

  it('enable when already on changes nothing', () => {
    const s = idle();
    expect(on(s, { type: 'enable' }).state).toBe(s);
  });
});
