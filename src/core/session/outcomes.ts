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

interface Shown {
  requestId: string; model: string; inline: boolean; since: number; latencyMs: number;
  shown: number; accepted: number; typed: number;
}

export class OutcomeTracker {
  private current: Shown | null = null;
  private asked = { version: -1, at: 0 };

  constructor(private readonly report: (r: OutcomeReport) => void, private readonly now: () => number = Date.now) {}

  /** SuggestionSession's onTransition. */
  observe(from: SuggestionState, ev: SessionEvent, to: SuggestionState, effects: readonly Effect[]): void {
    const t = this.now();
    let acceptedAll = false;
    for (const e of effects) {
      if (e.do === 'fetch') this.asked = { version: e.version, at: t };
      if (e.do === 'accepted' && this.current) {
        this.current.accepted += e.accepted.text.length;
        acceptedAll = e.accepted.all;
      }
    }
    const cur = this.current;
    const same = !!cur && to.kind === 'showing' && to.requestId === cur.requestId && !acceptedAll;
    if (cur && from.kind === 'showing') {
      // what the user typed of it: the text left shrank without an accept
      const typed = ev.type === 'context' && effects.some((e) => e.do === 'count' && e.counter === 'typeThroughs')
        ? from.text.length - (same && to.kind === 'showing' ? to.text.length : 0) : 0;
      cur.typed += typed;
      if (same && to.kind === 'showing') cur.shown = Math.max(cur.shown, cur.accepted + cur.typed + to.text.length);
      else this.end(cur.accepted > 0 ? '' : ev.type === 'dismiss' ? 'dismissed'
        : typed > 0 ? 'typedThrough' : to.kind === 'showing' || ev.type === 'askAgain' ? 'replaced' : 'expired');
    }
    if (to.kind === 'showing' && !this.current) {
      const answered = (ev.type === 'answer' || ev.type === 'partial') && ev.version === this.asked.version;
      this.current = {
        requestId: to.requestId, model: to.model, inline: to.inline, since: t, latencyMs: answered ? t - this.asked.at : 0,
        shown: to.text.length, accepted: 0, typed: 0,
      };
    }
  }

  /** Reports the suggestion on screen now (the pane is closing) as expired, or as accepted so far. */
  end(outcome: Outcome | '' = 'expired'): void {
    const c = this.current;
    if (!c) return;
    this.current = null;
    const shownChars = Math.max(c.shown, c.accepted);
    this.report({
      requestId: c.requestId, model: c.model, inline: c.inline, shownChars, acceptedChars: c.accepted,
      outcome: c.accepted === 0 ? outcome || 'expired' : c.accepted >= shownChars ? 'accepted' : 'partial',
      shownMs: Math.round(this.now() - c.since), latencyMs: Math.round(c.latencyMs),
    });
  }
}
