// The one state machine of a suggestion: (old state, event) -> new state + effects to perform.
// Pure: no host, no timers, no fetch. SuggestionSession runs the effects; tests can call this directly.
import type { HostContext } from '../DocumentHost';
import { acceptNextText } from '../text/units';
import type { Terms } from '../text/terms';

/** One answer of the service: its text, the model that wrote it (after any fallback) and the request it
 * answered. The shown suggestion carries all three, so an accept knows what it took and from whom. */
export interface Suggestion {
  text: string;
  /** the model id that wrote `text` ('' when unknown: a test double, a bench) */
  model: string;
  requestId: string;
}

/** What one accept took into the document: the accept event the AIGC label, the counters and the pane consume. */
export interface Accepted {
  /** the characters that went into the document */
  text: string;
  model: string;
  requestId: string;
  /** the whole suggestion was taken (false: the next unit, the rest stays shown) */
  all: boolean;
}

/** A suggestion shown before its answer was complete. */
export interface Stream {
  version: number;
  shown: string;
  taken: number;
}

export type SuggestionState =
  /** the user switched suggestions off (or the session is disposed) */
  | { kind: 'disabled' }
  /** nothing under way; `context` is the last context seen (null before the first read) */
  | { kind: 'idle'; context: HostContext | null }
  /** the user is typing; a request starts when the debounce timer for `version` fires */
  | { kind: 'debouncing'; version: number; context: HostContext }
  /** a request for `context` (tagged `version`) is in flight */
  | { kind: 'requesting'; version: number; context: HostContext; bypassCache: boolean }
  /** `text` (written by `model` for `requestId`) is proposed at `context`; `inline` = shown as ghost in
   * the document, else in the pane only. After a partial accept or a type-through `text` is what is left. */
  | {
      kind: 'showing'; text: string; model: string; requestId: string; inline: boolean; version: number; context: HostContext;
      /** the answer is still streaming (request `version`): `shown` went up first, `taken` of it was typed
       * through or accepted since; the complete answer extends the ghost once */
      stream?: Stream;
    }
  /** the request for `context` failed with a stable error `code` (e.g. 'unreachable', 'consent_required') */
  | { kind: 'error'; code: string; version: number; context: HostContext };

export type SuggestionStateKind = SuggestionState['kind'];

export type SessionEvent =
  /** first read after start/enable: remember where we are, ask nothing */
  | { type: 'baseline'; context: HostContext }
  /** a fresh read of the document; `cached` is the cache's answer for it, if any (text '' = known nothing) */
  | { type: 'context'; context: HostContext; version: number; cached?: Suggestion }
  /** the debounce timer for `version` fired; `cached` as above */
  | { type: 'timerFired'; version: number; cached?: Suggestion }
  | { type: 'answer'; version: number; suggestion: Suggestion; inline: boolean }
  /** the first whole clause(s) of a streaming answer: shown at once; later parts wait for the whole answer */
  | { type: 'partial'; version: number; suggestion: Suggestion; inline: boolean }
  | { type: 'failed'; version: number; code: string }
  | { type: 'acceptAll' }
  | { type: 'acceptNext'; terms?: Terms }
  | { type: 'dismiss' }
  /** ask now at `context`, bypassing debounce and cache */
  | { type: 'askAgain'; context: HostContext; version: number }
  /** the user undid or deleted the ghost: not an error, just gone */
  | { type: 'ghostLost' }
  /** the document is being saved: the ghost must not be in the file */
  | { type: 'save' }
  | { type: 'enable' }
  | { type: 'disable' }
  /** whether a ghost may be shown inline changed (user option, track changes, ...) */
  | { type: 'inlineChanged'; inline: boolean };

export type DropReason = 'context-changed' | 'dismissed' | 'disabled' | 'not-requesting' | 'superseded' | 'disposed';

/** counted by `count` effects; accepts and accepted characters are counted from the `accepted` effect */
export type CounterName = 'shown' | 'dismissed' | 'cacheHits' | 'errors' | 'typeThroughs' | 'staleDrops';

export type Effect =
  | { do: 'startTimer'; version: number }
  | { do: 'cancelTimer' }
  | { do: 'fetch'; version: number; context: HostContext; bypassCache: boolean }
  | { do: 'abort'; reason: DropReason }
  | { do: 'showGhost'; text: string }
  | { do: 'trimGhost'; chars: number }
  | { do: 'clearGhost' }
  /**
   * The one accept event: write `accepted.text` into the document — by keeping that much of the inline
   * ghost (all of it when `accepted.all`), or by inserting it at the cursor when the suggestion is in the
   * pane — and, once written, report it (counters, AIGC label, pane). One effect, so nothing hangs on order.
   */
  | { do: 'accepted'; accepted: Accepted; inline: boolean }
  | { do: 'cache'; context: HostContext; suggestion: Suggestion }
  | { do: 'count'; counter: CounterName; by: number }
  /** an answer arrived for a request nobody waits for any more */
  | { do: 'drop'; reason: DropReason; version: number };

export interface TransitionConfig {
  /** fewer non-blank characters than this before the cursor: too little to go on */
  minContextChars: number;
  /** may a ghost be shown inline now (user option and host capability); used for instant cache hits */
  inline: boolean;
}

export interface Transition {
  state: SuggestionState;
  effects: Effect[];
}

const same = (state: SuggestionState): Transition => ({ state, effects: [] });

export function sameContext(a: HostContext, b: HostContext): boolean {
  return a.cursor === b.cursor && a.selectionEmpty === b.selectionEmpty && a.noSuggestion === b.noSuggestion && a.text === b.text;
}

/**
 * What the user typed at the cursor between `a` and `b`, or null when the change was anything
 * else (deletion, cursor move, typing elsewhere). Context texts exclude the ghost, so text typed
 * in front of the ghost shows up here as a plain insertion at the old cursor.
 */
export function typedSince(a: HostContext, b: HostContext): string | null {
  const n = b.cursor - a.cursor;
  if (n <= 0 || !b.selectionEmpty || a.noSuggestion || b.noSuggestion || b.text.length - a.text.length !== n) return null;
  if (b.text.slice(0, a.cursor) !== a.text.slice(0, a.cursor)) return null;
  if (b.text.slice(b.cursor) !== a.text.slice(a.cursor)) return null;
  return b.text.slice(a.cursor, b.cursor);
}

/** The context after `inserted` went in at the cursor (our own accept): saves a read-back. */
export function contextAfterInsert(c: HostContext, inserted: string): HostContext {
  return {
    text: c.text.slice(0, c.cursor) + inserted + c.text.slice(c.cursor),
    cursor: c.cursor + inserted.length,
    selectionEmpty: true,
  };
}

/** no suggestion with a selection, nor where the host could not say exactly where the caret is */
const mayAsk = (c: HostContext): boolean => c.selectionEmpty && !c.noSuggestion;

export function tooShort(c: HostContext, minChars: number): boolean {
  // Count non-blank characters backwards, stopping at minChars: O(minChars), not O(document).
  let seen = 0;
  for (let i = c.cursor - 1; i >= 0 && seen < minChars; i--) if (!/\s/.test(c.text[i]!)) seen++;
  return seen < minChars;
}

/** Effects that undo whatever the current state has under way, before moving elsewhere. */
function leave(s: SuggestionState, reason: DropReason): Effect[] {
  switch (s.kind) {
    case 'debouncing':
      return [{ do: 'cancelTimer' }];
    case 'requesting':
      return [{ do: 'abort', reason }];
    case 'showing':
      return [...(s.inline ? [{ do: 'clearGhost' } as const] : []), ...stopStream(s, reason)];
    default:
      return [];
  }
}

/** A suggestion still streaming when it goes away: the rest of its answer is not wanted. */
function stopStream(s: SuggestionState, reason: DropReason): Effect[] {
  return s.kind === 'showing' && s.stream ? [{ do: 'abort', reason }] : [];
}

/** The state without its stream (the answer is complete, or no more of it will come). */
function ended(s: Extract<SuggestionState, { kind: 'showing' }>): Extract<SuggestionState, { kind: 'showing' }> {
  const rest = { ...s };
  delete rest.stream;
  return rest;
}

/** `n` more characters of a streaming suggestion were typed through or accepted. */
const took = (st: Stream | undefined, n: number): { stream?: Stream } => (st ? { stream: { ...st, taken: st.taken + n } } : {});

/** Where a fresh context leads when nothing shown carries over: idle, an instant cache hit, or a debounce. */
function settleAt(context: HostContext, version: number, cached: Suggestion | undefined, inline: boolean, cfg: TransitionConfig): Transition {
  if (!mayAsk(context) || tooShort(context, cfg.minContextChars)) return { state: { kind: 'idle', context }, effects: [] };
  if (cached !== undefined) {
    const hit: Effect = { do: 'count', counter: 'cacheHits', by: 1 };
    if (cached.text === '') return { state: { kind: 'idle', context }, effects: [hit] };
    return {
      state: { kind: 'showing', ...shown(cached), inline, version, context },
      effects: [hit, { do: 'count', counter: 'shown', by: 1 }, ...(inline ? [{ do: 'showGhost', text: cached.text } as const] : [])],
    };
  }
  return { state: { kind: 'debouncing', version, context }, effects: [{ do: 'startTimer', version }] };
}

const shown = (a: Suggestion): Suggestion => ({ text: a.text, model: a.model, requestId: a.requestId });

function contextOf(s: SuggestionState): HostContext | null {
  return s.kind === 'disabled' ? null : s.context;
}

/**
 * The transition function. Answers carry their own `inline`, decided when they arrive from the
 * options and the host's capabilities read alongside the request; cache hits use `cfg.inline`.
 */
export function transition(s: SuggestionState, ev: SessionEvent, cfg: TransitionConfig): Transition {
  if (s.kind === 'disabled' && ev.type !== 'enable') {
    // Answers still come back for requests aborted on disable; say why they go nowhere.
    if (ev.type === 'answer' || ev.type === 'failed') return { state: s, effects: [{ do: 'drop', reason: 'disabled', version: ev.version }] };
    return same(s);
  }
  switch (ev.type) {
    case 'enable':
      return s.kind === 'disabled' ? { state: { kind: 'idle', context: null }, effects: [] } : same(s);

    case 'disable':
      return { state: { kind: 'disabled' }, effects: leave(s, 'disabled') };

    case 'baseline':
      return s.kind === 'idle' && s.context === null ? { state: { kind: 'idle', context: ev.context }, effects: [] } : same(s);

    case 'context': {
      const prev = contextOf(s);
      // Merged, repeated and self-fired events re-read an unchanged document: nothing to do.
      if (prev && sameContext(prev, ev.context)) return same(s);
      if (s.kind === 'showing') {
        const typed = typedSince(s.context, ev.context);
        if (typed !== null && s.text.startsWith(typed)) {
          const rest = s.text.slice(typed.length);
          const through: Effect = { do: 'count', counter: 'typeThroughs', by: 1 };
          if (rest === '') {
            // Typed it all: the ghost holds nothing the user still needs.
            const next = settleAt(ev.context, ev.version, ev.cached, cfg.inline, cfg);
            return { state: next.state, effects: [through, ...(s.inline ? [{ do: 'clearGhost' } as const] : []), ...stopStream(s, 'context-changed'), ...next.effects] };
          }
          return {
            state: { ...s, text: rest, version: ev.version, context: ev.context, ...took(s.stream, typed.length) },
            effects: [
              through,
              ...(s.inline ? [{ do: 'trimGhost', chars: typed.length } as const] : []),
              // half an answer is not remembered: the complete one is cached when it comes
              ...(s.stream ? [] : [{ do: 'cache', context: ev.context, suggestion: { ...shown(s), text: rest } } as const]),
            ],
          };
        }
      }
      const next = settleAt(ev.context, ev.version, ev.cached, cfg.inline, cfg);
      // A new debounce replaces the old timer, so cancelling it first would be redundant.
      const exit = s.kind === 'debouncing' && next.state.kind === 'debouncing' ? [] : leave(s, 'context-changed');
      return { state: next.state, effects: [...exit, ...next.effects] };
    }

    case 'timerFired': {
      if (s.kind !== 'debouncing' || s.version !== ev.version) return same(s);
      if (ev.cached !== undefined) return settleAt(s.context, s.version, ev.cached, cfg.inline, cfg);
      return {
        state: { kind: 'requesting', version: s.version, context: s.context, bypassCache: false },
        effects: [{ do: 'fetch', version: s.version, context: s.context, bypassCache: false }],
      };
    }

    case 'partial': {
      // only the first part is shown: at most two writes per suggestion (this one, then the whole answer)
      if (s.kind !== 'requesting' || s.version !== ev.version || ev.suggestion.text === '') return same(s);
      const a = ev.suggestion;
      return {
        state: { kind: 'showing', ...shown(a), inline: ev.inline, version: s.version, context: s.context, stream: { version: s.version, shown: a.text, taken: 0 } },
        effects: [{ do: 'count', counter: 'shown', by: 1 }, ...(ev.inline ? [{ do: 'showGhost', text: a.text } as const] : [])],
      };
    }

    case 'answer': {
      if (s.kind === 'showing' && s.stream?.version === ev.version) return completeStream(s, s.stream, ev.suggestion);
      if (s.kind !== 'requesting' || s.version !== ev.version) return { state: s, effects: [dropFor(s, ev.version)] };
      const a = ev.suggestion;
      if (a.text === '') return { state: { kind: 'idle', context: s.context }, effects: [] };
      return {
        state: { kind: 'showing', ...shown(a), inline: ev.inline, version: s.version, context: s.context },
        effects: [{ do: 'count', counter: 'shown', by: 1 }, ...(ev.inline ? [{ do: 'showGhost', text: a.text } as const] : [])],
      };
    }

    case 'failed': {
      // the stream broke after its first clauses: what is shown is whole clauses, and stays
      if (s.kind === 'showing' && s.stream?.version === ev.version) return { state: ended(s), effects: [] };
      if (s.kind !== 'requesting' || s.version !== ev.version) return { state: s, effects: [dropFor(s, ev.version)] };
      return {
        state: { kind: 'error', code: ev.code, version: s.version, context: s.context },
        effects: [{ do: 'count', counter: 'errors', by: 1 }],
      };
    }

    case 'acceptAll':
    case 'acceptNext': {
      if (s.kind !== 'showing') return same(s);
      const taken = ev.type === 'acceptAll' ? s.text : acceptNextText(s.text, ev.terms);
      const rest = s.text.slice(taken.length);
      const context = contextAfterInsert(s.context, taken);
      const accept: Effect = { do: 'accepted', accepted: { text: taken, model: s.model, requestId: s.requestId, all: rest === '' }, inline: s.inline };
      if (rest !== '') return { state: { ...s, text: rest, context, ...took(s.stream, taken.length) }, effects: [accept] };
      // All taken (mid-stream: what was shown): after a pause, offer what comes next, as Copilot does.
      const next = settleAt(context, s.version, undefined, cfg.inline, cfg);
      return { state: next.state, effects: [accept, ...stopStream(s, 'superseded'), ...next.effects] };
    }

    case 'dismiss': {
      if (s.kind === 'idle') return same(s);
      const counts: Effect[] = s.kind === 'showing' ? [{ do: 'count', counter: 'dismissed', by: 1 }] : [];
      return { state: { kind: 'idle', context: contextOf(s) }, effects: [...leave(s, 'dismissed'), ...counts] };
    }

    case 'askAgain': {
      const exit = leave(s, 'superseded');
      if (!mayAsk(ev.context)) return { state: { kind: 'idle', context: ev.context }, effects: exit };
      return {
        state: { kind: 'requesting', version: ev.version, context: ev.context, bypassCache: true },
        effects: [...exit, { do: 'fetch', version: ev.version, context: ev.context, bypassCache: true }],
      };
    }

    case 'ghostLost':
      // The ghost is already gone (undone, deleted): nothing to clear, no error to show.
      return s.kind === 'showing' && s.inline ? { state: { kind: 'idle', context: s.context }, effects: stopStream(s, 'dismissed') } : same(s);

    case 'save':
      return s.kind === 'showing' && s.inline
        ? { state: { kind: 'idle', context: s.context }, effects: [{ do: 'clearGhost' }, ...stopStream(s, 'dismissed')] }
        : same(s);

    case 'inlineChanged': {
      if (s.kind !== 'showing' || s.inline === ev.inline) return same(s);
      return {
        state: { ...s, inline: ev.inline },
        effects: [ev.inline ? { do: 'showGhost', text: s.text } : { do: 'clearGhost' }],
      };
    }
  }
}

/**
 * The whole answer of a suggestion shown while streaming: it extends what is left of the ghost (one more
 * write, which the host appends); the same text changes nothing; an answer that does not continue what
 * was shown (the service's last check rewrote or emptied it) takes the ghost away.
 */
function completeStream(s: Extract<SuggestionState, { kind: 'showing' }>, st: Stream, a: Suggestion): Transition {
  if (!a.text.startsWith(st.shown)) {
    return { state: { kind: 'idle', context: s.context }, effects: s.inline ? [{ do: 'clearGhost' }] : [] };
  }
  const text = a.text.slice(st.taken);
  const state = { ...ended(s), ...shown(a), text };
  if (a.text === st.shown) return { state, effects: [] };
  return { state, effects: s.inline ? [{ do: 'showGhost', text }] : [] };
}

function dropFor(s: SuggestionState, version: number): Effect {
  const reason: DropReason = 'version' in s && s.version !== version ? 'context-changed' : 'not-requesting';
  return { do: 'drop', reason, version };
}
