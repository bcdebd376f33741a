// What became of each suggestion shown, read from the session's transitions (onTransition): when a shown
// suggestion leaves, one report says how — accepted, partial, dismissed, typedThrough, expired, replaced —
// with counts and times. Never its text: the IT department's figures (POST /v1/events), not the clerk's words.
import type { Effect, SessionEvent, SuggestionState } from './transition';

export type Outcome = 'accepted' | 'partial' | 'dismissed' | 'typedThrough' | 'expired' | 'replaced';

export interface OutcomeReport {
  requestId: string;
  model: string;
  outcome: Outcome;
  /** characters the suggestion offered (a streamed one: all it came to show) */
  shownChars: number;
  acceptedChars: number;
  shownMs: number;
  /** from the request to the first text shown; 0 for an answer from the cache */
  latencyMs: number;
  inline: boolean;
}

/** What is known of the suggestion on screen; `typed`: characters of it the user typed through. */
interface Shown { r: OutcomeReport; since: number; typed: number }

export interface OutcomeTracker {
  /** SuggestionSession's onTransition */
  observe(from: SuggestionState, ev: SessionEvent, to: SuggestionState, effects: readonly Effect[]): void;
  /** Ends the suggestion on screen now (the pane is closing): expired, or as accepted so far. */
  end(outcome?: Outcome): void;
}

// A closure, not a class: this goes into both panes, and the ES5 pane pays for every class helper.
export function outcomeTracker(report: (r: OutcomeReport) => void, now: () => number = Date.now): OutcomeTracker {
  let cur: Shown | null = null;
  let askedVersion = -1;
  let askedAt = 0;
  const end = (outcome: Outcome = 'expired'): void => {
    if (!cur) return;
    const r = cur.r;
    r.shownChars = Math.max(r.shownChars, r.acceptedChars);
    if (r.acceptedChars) outcome = r.acceptedChars < r.shownChars ? 'partial' : 'accepted';
    r.outcome = outcome;
    r.shownMs = Math.round(now() - cur.since);
    cur = null;
    report(r);
  };
  return {
    end,
    observe(from, ev, to, effects) {
      const t = now();
      let all = false;
      let typedOn = false;
      // forEach, not for-of: the ES5 pane would carry an iterator protocol for it
      effects.forEach((e) => {
        if (e.do === 'fetch') { askedVersion = e.version; askedAt = t; }
        if (e.do === 'accepted' && cur) { cur.r.acceptedChars += e.accepted.text.length; all = e.accepted.all; }
        if (e.do === 'count' && e.counter === 'typeThroughs') typedOn = true;
      });
      const left = to.kind === 'showing' && cur && to.requestId === cur.r.requestId && !all ? to.text.length : -1;
      if (cur && from.kind === 'showing') {
        // typed through: the text left shrank without an accept (all of it: none left)
        const typed = typedOn ? from.text.length - Math.max(left, 0) : 0;
        cur.typed += typed;
        if (left >= 0) cur.r.shownChars = Math.max(cur.r.shownChars, cur.r.acceptedChars + cur.typed + left);
        else end(ev.type === 'dismiss' ? 'dismissed' : typed ? 'typedThrough' : to.kind === 'showing' || ev.type === 'askAgain' ? 'replaced' : 'expired');
      }
      if (to.kind === 'showing' && !cur) {
        const answered = (ev.type === 'answer' || ev.type === 'partial') && ev.version === askedVersion;
        cur = {
          since: t, typed: 0,
          r: {
            requestId: to.requestId, model: to.model, inline: to.inline, outcome: 'expired', shownChars: to.text.length, acceptedChars: 0,
            shownMs: 0, latencyMs: answered ? Math.round(t - askedAt) : 0,
          },
        };
      }
    },
  };
}
