// SuggestionSession: listens to a DocumentHost, asks for a suggestion when the user pauses and
// shows it. All state lives in one SuggestionState changed only by `transition`; this class runs
// the effects (host writes, timers, the request) and turns host events and user commands into events.
import type { DocumentHost, HostCapabilities, HostChange, HostContext, ReadHow } from '../DocumentHost';
import type { Terms } from '../text/terms';
import { LruCache } from './LruCache';
import { inlinePolicy, samePolicy, type InlinePolicy } from './inlinePolicy';
import {
  sameContext,
  transition,
  type Accepted,
  type CounterName,
  type DropReason,
  type Effect,
  type SessionEvent,
  type Suggestion,
  type SuggestionState,
  type TransitionConfig,
} from './transition';

/** Asks for a suggestion at `ctx`. A plain string is an answer whose model is not known (test doubles,
 * benches): its text is shown and accepted like any other, but nothing can be labelled with its model. */
export type FetchSuggestion = (ctx: HostContext, signal: AbortSignal, onPartial?: (partial: Suggestion) => void) => Promise<Suggestion | string>;

export interface SessionClock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export interface SuggestionSessionOptions {
  /** the pause after the last keystroke before asking, ms */
  debounceMs: number;
  /** fewer non-blank characters before the cursor: do not ask */
  minContextChars: number;
  /** answers remembered by context */
  cacheSize: number;
  /** the user's setting: false = pane-only (the suggestion stays in state and is inserted on accept) */
  inline: boolean;
  /** the admin made the deployment pane-only */
  adminPaneOnly: boolean;
  /** false: this pane never shows inline (the lite pane) */
  paneInline: boolean;
  /** the user opted in to inline ghosts in cloud documents */
  cloudInline: boolean;
  /**
   * Read the host's capabilities this long before the debounce ends, so the safety check that
   * must precede every ghost (track changes on?) is done when the answer comes. 0 = read with
   * the request. 'auto' = what the last such reads took plus 5 ms, at most a quarter of the
   * debounce: a read started early is wasted when the user types on, so start it just in time.
   */
  preflightMs: number | 'auto';
  /**
   * The preflight also reads the document, and asks only if it is as the last event said.
   * Events come tens of ms late (HOST-API-NOTES §3): without this a keystroke made just before
   * the pause ended is asked past, and its answer flashes up as a ghost that no longer fits.
   */
  verifyBeforeAsk: boolean;
  /**
   * The host's self-checks (issue 16 §1): after this many failed checks in a session the host shows
   * no more ghosts; the session passes it on (settings.selfCheckLimit) and follows the host's verdict.
   */
  selfCheckLimit: number;
}

export interface SuggestionSessionInit extends Partial<SuggestionSessionOptions> {
  host: DocumentHost;
  /** '' = nothing to show; throws an Error with a string `code` on failure */
  fetchSuggestion: FetchSuggestion;
  /** timers; defaults to the global ones (Jest fake timers replace those) */
  clock?: SessionClock;
  /**
   * The accept event, after it went into the document (all, next word, pane-only insert): the text taken,
   * the model that wrote it and its request. Runs in the host queue right after the write, and only when
   * it succeeded; what it throws is swallowed — the accept stands (issue 16 §4).
   */
  onAccepted?: (accepted: Accepted) => Promise<void> | void;
  /** called for every transition (the outcome events); the developer log adds its own with setTransitionListener */
  onTransition?: (from: SuggestionState, event: SessionEvent, to: SuggestionState, effects: readonly Effect[]) => void;
  /** called when a read of the host's capabilities differs from the one before (diagnostics) */
  onCapabilities?: (caps: HostCapabilities) => void;
  /** called when the InlinePolicy changes: the one value both panes draw "pane-only, because …" from */
  onInlinePolicy?: (policy: InlinePolicy) => void;
  /** the whole words accept-next keeps (core/text terms: the official ones plus the document's names) */
  acceptTerms?: () => Terms | undefined;
}

export interface SessionCounters {
  /** requests started (cache hits are not requests) */
  requests: number;
  shown: number;
  acceptedChars: number;
  accepts: number;
  dismissed: number;
  /** answers that arrived for a context that had changed meanwhile */
  staleDrops: number;
  /** requests aborted because the context changed, the user dismissed, ... */
  aborted: number;
  cacheHits: number;
  errors: number;
  /** keystrokes that matched the ghost and only shrank it */
  typeThroughs: number;
  /** host writes that threw (the session carries on) */
  hostErrors: number;
  lastDropReason: DropReason | null;
}

export const DEFAULT_SESSION_OPTIONS: SuggestionSessionOptions = {
  debounceMs: 400,
  minContextChars: 2,
  cacheSize: 64,
  inline: true,
  adminPaneOnly: false,
  paneInline: true,
  cloudInline: false,
  preflightMs: 'auto',
  verifyBeforeAsk: true,
  selfCheckLimit: 2,
};

/** Characters around the cursor kept verbatim in a cache key; the rest of the text is hashed. */
const KEY_BEFORE = 256;
const KEY_AFTER = 64;

/**
 * Cache key: the text before and after the cursor (ghost-free by contract). The whole text
 * counts, since a changed title or heading changes the answer, but is kept as a length and a
 * hash so 64 keys of a 60 000-character document do not hold 64 copies of it; the text next
 * to the cursor is kept verbatim, so a hash collision alone can never return a wrong answer.
 */
export function cacheKey(c: HostContext): string {
  let h = 0x811c9dc5;
  const t = c.text;
  for (let i = 0; i < t.length; i++) {
    h ^= t.charCodeAt(i);
    // × the FNV prime 2^24 + 2^8 + 2^7 + 2^4 + 2^1 + 1, mod 2^32, as shifts: what Math.imul does, which IE11 lacks
    h = (h + (h << 1) + (h << 4) + (h << 7) + (h << 8) + (h << 24)) >>> 0;
  }
  const near = t.slice(Math.max(0, c.cursor - KEY_BEFORE), c.cursor) + '\u0000' + t.slice(c.cursor, c.cursor + KEY_AFTER);
  return `${c.cursor}:${t.length}:${h.toString(36)}:${near}`;
}

/** The error code a host throws when it refuses to write a ghost where inline is unsafe. */
export const INLINE_UNAVAILABLE = 'host.inlineUnavailable';

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code ? code : 'unknown';
}

export class SuggestionSession {
  private _state: SuggestionState = { kind: 'idle', context: null };
  private options: SuggestionSessionOptions;
  private readonly host: DocumentHost;
  private readonly fetchSuggestion: FetchSuggestion;
  private readonly clock: SessionClock;
  private onTransition: SuggestionSessionInit['onTransition'];
  /** a listener that stays whatever the developer log does with its own (setTransitionListener): the outcome events */
  transitionObserver: SuggestionSessionInit['onTransition'];
  private readonly onAccepted: SuggestionSessionInit['onAccepted'];
  private readonly onCapabilities: SuggestionSessionInit['onCapabilities'];
  private readonly onInlinePolicy: SuggestionSessionInit['onInlinePolicy'];
  private readonly acceptTerms: SuggestionSessionInit['acceptTerms'];
  /** computed from the options and the host's word each time either changes; never anywhere else */
  private policy: InlinePolicy | null = null;
  /** what onCapabilities was last told: inline?|reason */
  private reportedCaps = '';
  private readonly cache: LruCache<Suggestion>;
  private readonly subscribers = new Set<(s: SuggestionState) => void>();
  /** no inline ghost until the host has said it is safe (start() reads it) */
  private caps: HostCapabilities = { inlineGhost: false, trackChanges: false, keyboardShortcuts: false };
  private unsubscribeHost: (() => void) | null = null;
  private timer: unknown = null;
  private preflightTimer: unknown = null;
  /** capabilities read ahead for the debounce of `version` */
  private preflight: { version: number; at: number; caps: Promise<HostCapabilities>; context: Promise<HostContext | null> | null } | null = null;
  /** how long the last readContext() took, ms (for the 'auto' preflight) */
  private readMs: number | null = null;
  /** when the host last told us of a change: the pause is counted from there, not from our read */
  private changeSeenAt: number | null = null;
  /** how long the last capabilities() took, ms (for the 'auto' preflight) */
  private capsMs: number | null = null;
  /** set while dispatching a freshly read context: when the change it shows was first heard of */
  private pauseFrom: number | null = null;
  private inflight: { version: number; controller: AbortController } | null = null;
  /** host calls run one after another: a read never sees half of our own write */
  private hostQueue: Promise<void> = Promise.resolve();
  private reading: Promise<void> | null = null;
  private dirty = false;
  private version = 0;
  private disposed = false;
  private started = false;

  readonly counters: SessionCounters = {
    requests: 0, shown: 0, acceptedChars: 0, accepts: 0, dismissed: 0, staleDrops: 0, aborted: 0,
    cacheHits: 0, errors: 0, typeThroughs: 0, hostErrors: 0, lastDropReason: null,
  };

  constructor(init: SuggestionSessionInit) {
    this.host = init.host;
    this.fetchSuggestion = init.fetchSuggestion;
    this.clock = init.clock ?? {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      now: () => Date.now(),
    };
    this.transitionObserver = init.onTransition;
    this.onAccepted = init.onAccepted;
    this.onCapabilities = init.onCapabilities;
    this.onInlinePolicy = init.onInlinePolicy;
    this.acceptTerms = init.acceptTerms;
    // the options are the init's keys that DEFAULT_SESSION_OPTIONS names (no rest pattern: its ES5 helper costs the lite pane)
    const opts: Partial<Record<keyof SuggestionSessionOptions, unknown>> = {};
    (Object.keys(DEFAULT_SESSION_OPTIONS) as Array<keyof SuggestionSessionOptions>).forEach((k) => { if (init[k] !== undefined) opts[k] = init[k]; });
    this.options = { ...DEFAULT_SESSION_OPTIONS, ...(opts as Partial<SuggestionSessionOptions>) };
    this.cache = new LruCache(this.options.cacheSize);
  }

  get state(): SuggestionState {
    return this._state;
  }

  /** whether a ghost may be inline now, and why not; null until the host was first asked */
  get inlinePolicy(): InlinePolicy | null {
    return this.policy;
  }

  /** Called with every new state; returns an unsubscribe function. */
  subscribe(cb: (state: SuggestionState) => void): () => void {
    this.subscribers.add(cb);
    return () => this.subscribers.delete(cb);
  }

  /** Sweep crash leftovers, learn the host's capabilities, read where the cursor is, listen. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.configureSelfCheck();
    await this.host.init();
    this.setCaps(await this.readCapabilities());
    this.unsubscribeHost = this.host.onChange((ch) => this.onHostChange(ch));
    await this.readBaseline();
  }

  dispose(): void {
    if (this.disposed) return;
    // 'disable' aborts the request, stops the timer and queues clearGhost if a ghost is up:
    // a closed pane must not leave grey text in the document.
    this.dispatch({ type: 'disable' });
    this.disposed = true;
    this.unsubscribeHost?.();
    this.unsubscribeHost = null;
    this.subscribers.clear();
  }

  /** Accept the whole suggestion. */
  async acceptAll(): Promise<void> {
    this.dispatch({ type: 'acceptAll' });
    await this.settled();
  }

  /** Accept the next word (with its punctuation), keep showing the rest. */
  async acceptNext(): Promise<void> {
    const terms = this.acceptTerms?.();
    this.dispatch(terms ? { type: 'acceptNext', terms } : { type: 'acceptNext' });
    await this.settled();
  }

  async dismiss(): Promise<void> {
    this.dispatch({ type: 'dismiss' });
    await this.settled();
  }

  /** Ask now at the cursor, without waiting and without the cache. */
  async askAgain(): Promise<void> {
    if (this.disposed || this._state.kind === 'disabled') return;
    // asked here and now: the host may measure the caret where it otherwise would not (Word on the web)
    const context = await this.read({ exact: true });
    if (!context) return;
    this.dispatch({ type: 'askAgain', context, version: ++this.version });
    await this.settled();
  }

  async setEnabled(on: boolean): Promise<void> {
    if (this.disposed) return;
    if (on) {
      if (this._state.kind !== 'disabled') return;
      this.dispatch({ type: 'enable' });
      await this.readBaseline();
    } else {
      this.dispatch({ type: 'disable' });
    }
    await this.settled();
  }

  /** Replace the transition listener (the pane's developer log, switched on and off at run time); undefined = none. */
  setTransitionListener(cb: SuggestionSessionInit['onTransition']): void {
    this.onTransition = cb;
  }

  /** Forget cached answers: they came from another model or service than the one asked next. */
  forgetAnswers(): void {
    this.cache.clear();
  }

  async setOptions(partial: Partial<SuggestionSessionOptions>): Promise<void> {
    this.options = { ...this.options, ...stripUndefined(partial) };
    this.cache.resize(this.options.cacheSize);
    if (partial.selfCheckLimit !== undefined) this.configureSelfCheck();
    if (partial.inline !== undefined || partial.adminPaneOnly !== undefined || partial.paneInline !== undefined || partial.cloudInline !== undefined) {
      // Track changes may have been switched on since we last looked: re-read before showing inline.
      this.setCaps(await this.readCapabilities());
      this.dispatch({ type: 'inlineChanged', inline: this.inlineAllowed() });
    }
    await this.settled();
  }

  /** Something may have changed in the document: read it (coalescing bursts of calls). */
  notifyChange(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    this.changeSeenAt ??= this.clock.now();
    this.dirty = true;
    this.reading ??= this.readLoop();
    return this.reading;
  }

  /**
   * Resolves when every queued host call and the pending read have finished (tests, commands).
   * It does not wait for an unanswered request: that may take seconds, or never come.
   */
  async settled(): Promise<void> {
    for (;;) {
      const q = this.hostQueue;
      const r = this.reading;
      await q;
      if (r) await r;
      if (q === this.hostQueue && r === this.reading) return;
    }
  }

  // ---- internals -------------------------------------------------------------------------

  private inlineAllowed(): boolean {
    return !!this.policy?.inline;
  }

  /** The host's latest word: the one place the InlinePolicy is recomputed. */
  private setCaps(caps: HostCapabilities): void {
    this.caps = caps;
    const o = this.options;
    const next = inlinePolicy({
      userInline: o.inline,
      adminPaneOnly: o.adminPaneOnly,
      paneInline: o.paneInline,
      cloudInline: o.cloudInline,
      caps,
      cloudDocument: this.host.diagnostics?.().facts.cloudDocument ?? 'unknown',
    });
    if (samePolicy(this.policy, next)) return;
    this.policy = next;
    this.onInlinePolicy?.(next);
  }

  private config(): TransitionConfig {
    return { minContextChars: this.options.minContextChars, inline: this.inlineAllowed() };
  }

  private dispatch(ev: SessionEvent): void {
    if (this.disposed) return;
    const from = this._state;
    const { state, effects } = transition(from, ev, this.config());
    this.transitionObserver?.(from, ev, state, effects);
    this.onTransition?.(from, ev, state, effects);
    this._state = state;
    // forEach rather than for-of: no iterator protocol in the ES5 pane
    effects.forEach((e) => this.run(e, from));
    if (state !== from) [...this.subscribers].forEach((cb) => cb(state));
  }

  private run(e: Effect, from: SuggestionState): void {
    switch (e.do) {
      case 'startTimer': {
        this.cancelTimer();
        // The user paused when the change happened, not when our read of it finished (a read
        // is one or more syncs: tens of ms on Windows, hundreds on Mac): count from the event.
        const since = this.pauseFrom === null ? 0 : Math.max(0, this.clock.now() - this.pauseFrom);
        const wait = Math.max(0, this.options.debounceMs - since);
        this.timer = this.clock.setTimeout(() => void this.onTimer(e.version), wait);
        const pre = this.preflightLead();
        if (pre > 0 && wait > pre) {
          this.preflightTimer = this.clock.setTimeout(() => {
            this.preflightTimer = null;
            this.preflight = {
              version: e.version,
              at: this.clock.now(),
              caps: this.readCapabilities(),
              context: this.options.verifyBeforeAsk ? this.read() : null,
            };
          }, wait - pre);
        }
        return;
      }
      case 'cancelTimer':
        this.cancelTimer();
        return;
      case 'fetch':
        this.startFetch(e.version, e.context);
        return;
      case 'abort':
        if (this.inflight) {
          this.counters.aborted++;
          this.counters.lastDropReason = e.reason;
          this.inflight.controller.abort(e.reason);
          this.inflight = null;
        }
        return;
      case 'showGhost':
        this.write(async () => {
          const shown = await this.host.showGhost(e.text);
          if (!shown.inline) this.inlineRefused(shown.reason);
        }, true);
        return;
      case 'trimGhost':
        this.write(() => this.host.trimGhost(e.chars), true);
        return;
      case 'clearGhost':
        this.write(() => this.host.clearGhost());
        return;
      case 'accepted':
        this.accept(e.accepted, e.inline);
        return;
      case 'cache':
        this.cache.set(cacheKey(e.context), e.suggestion);
        return;
      case 'count':
        this.counters[e.counter satisfies CounterName] += e.by;
        return;
      case 'drop':
        this.counters.staleDrops++;
        this.counters.lastDropReason = e.reason;
        return;
    }
  }

  /** The accept event: the write, then — only if it went in — the counters and onAccepted, in the host queue. */
  private accept(accepted: Accepted, inline: boolean): void {
    const chars = accepted.text.length;
    const written = this.write(() => (inline ? this.host.acceptGhost(accepted.all ? undefined : chars) : this.host.insertAtCursor(accepted.text)));
    const report = this.onAccepted;
    this.hostQueue = this.hostQueue
      .then(() => written)
      .then((ok) => {
        if (!ok) return;
        this.counters.accepts++;
        this.counters.acceptedChars += chars;
        return report?.(accepted);
      })
      .then(undefined, () => undefined); // the caller logs; the accept stands
  }

  private preflightLead(): number {
    const p = this.options.preflightMs;
    if (p !== 'auto') return p;
    if (this.capsMs === null) return 0; // nothing measured yet: read with the request
    const hostMs = this.capsMs + (this.options.verifyBeforeAsk ? (this.readMs ?? 0) : 0);
    // Just enough to be done when the pause ends: each ms earlier wastes the read more often
    // (the user types on); a host slower than last time only delays the request by the difference.
    return Math.min(this.options.debounceMs / 4, Math.ceil(hostMs) + 5);
  }

  /** capabilities(), timed (the clock sees the host's own latency, queue wait excluded) */
  private readCapabilities(): Promise<HostCapabilities> {
    return this.enqueue(async () => {
      const t0 = this.clock.now();
      const caps = await this.host.capabilities();
      this.capsMs = this.clock.now() - t0;
      this.reportCapabilities(caps);
      return caps;
    }, this.caps);
  }

  private configureSelfCheck(): void {
    this.host.configureSelfCheck?.({ failureLimit: this.options.selfCheckLimit });
  }

  private reportCapabilities(caps: HostCapabilities): void {
    const key = `${caps.inlineGhost}|${caps.inlineGhostOffReason}|${caps.trackChanges}`;
    if (key === this.reportedCaps) return;
    this.reportedCaps = key;
    this.onCapabilities?.(caps);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    if (this.preflightTimer !== null) this.clock.clearTimeout(this.preflightTimer);
    this.timer = null;
    this.preflightTimer = null;
  }

  private async onTimer(version: number): Promise<void> {
    this.timer = null;
    // A change was heard of and is being read: the pause is over only if that read says the
    // document is unchanged. Asking now would ask for text the user already typed past.
    if (this.reading) await this.reading;
    let pre = this.preflight?.version === version ? this.preflight : null;
    const now = this._state;
    if (!pre && this.options.verifyBeforeAsk && this.options.preflightMs !== 0 && now.kind === 'debouncing' && now.version === version) {
      // The preflight was called off by an event that turned out to change nothing: read now.
      pre = this.preflight = { version, at: this.clock.now(), caps: this.readCapabilities(), context: this.read() };
    }
    const seen = pre?.context ? await pre.context : null;
    const s = this._state;
    if (seen && s.kind === 'debouncing' && s.version === version && !sameContext(seen, s.context)) {
      // The document moved on before its event reached us: that is a new pause, from the read.
      this.preflight = null;
      this.dispatchContext(seen, pre!.at);
      return;
    }
    const cached = s.kind === 'debouncing' ? this.cache.get(cacheKey(s.context)) : undefined;
    this.dispatch({ type: 'timerFired', version, ...(cached === undefined ? {} : { cached }) });
  }

  private startFetch(version: number, context: HostContext): void {
    const controller = new AbortController();
    this.counters.requests++;
    this.inflight = { version, controller };
    void (async () => {
      // Capabilities are read for every request (ahead, by the preflight, or now in parallel):
      // track changes may have been switched on since, and a ghost under track changes becomes a revision.
      const pre = this.preflight?.version === version ? this.preflight.caps : null;
      this.preflight = null;
      const capsP = pre ?? this.readCapabilities();
      // A streaming answer's first whole clauses show at once — once the host's safety word is in, and
      // not while a change is being read (the answer may be for text the user already changed).
      const onPartial = (partial: Suggestion): void => {
        void capsP.then((caps) => {
          if (controller.signal.aborted || this.reading || this.disposed) return;
          this.setCaps(caps);
          this.dispatch({ type: 'partial', version, suggestion: partial, inline: this.inlineAllowed() });
        });
      };
      try {
        const [answer, caps] = await Promise.all([this.fetchSuggestion(context, controller.signal, onPartial), capsP]);
        const suggestion: Suggestion = typeof answer === 'string' ? { text: answer, model: '', requestId: '' } : answer;
        this.setCaps(caps);
        // A change event may have come in while we waited: let that read finish first, so an
        // answer for a document the user already changed is dropped instead of flashed.
        // A complete answer is right for its own context even if the user moved on: keep it
        // for when they come back, before deciding whether it is shown now.
        this.cache.set(cacheKey(context), suggestion);
        if (this.reading) await this.reading;
        if (controller.signal.aborted) return; // counted when aborted
        this.dispatch({ type: 'answer', version, suggestion, inline: this.inlineAllowed() });
      } catch (err) {
        if (controller.signal.aborted) return;
        this.dispatch({ type: 'failed', version, code: errorCode(err) });
      } finally {
        if (this.inflight?.controller === controller) this.inflight = null;
      }
    })();
  }

  private onHostChange(ch: HostChange): void {
    if (this.disposed) return;
    this.changeSeenAt = this.clock.now();
    // The person is likely still typing: a preflight now would be wasted. If the read finds
    // nothing changed after all, the timer does the reads itself when it fires.
    if (this.preflightTimer !== null) {
      this.clock.clearTimeout(this.preflightTimer);
      this.preflightTimer = null;
    }
    switch (ch.kind) {
      case 'save':
        this.dispatch({ type: 'save' });
        return;
      case 'ghostLost':
        this.dispatch({ type: 'ghostLost' });
        void this.notifyChange();
        return;
      default:
        void this.notifyChange();
    }
  }

  private async readLoop(): Promise<void> {
    // Yield once first: events fired together (merged by the host or not) share one read, and
    // `this.reading` is assigned before this can finish and clear it.
    await Promise.resolve();
    try {
      while (this.dirty && !this.disposed) {
        this.dirty = false;
        const seenAt = this.changeSeenAt ?? this.clock.now();
        this.changeSeenAt = null;
        if (this._state.kind === 'disabled') continue;
        const context = await this.read();
        if (!context || this.disposed) continue;
        this.dispatchContext(context, seenAt);
      }
    } finally {
      this.reading = null;
    }
  }

  /** a freshly read context, the pause counted from `pauseFrom` */
  private dispatchContext(context: HostContext, pauseFrom: number): void {
    const cached = this.cache.get(cacheKey(context));
    this.pauseFrom = pauseFrom;
    try {
      this.dispatch({ type: 'context', context, version: ++this.version, ...(cached === undefined ? {} : { cached }) });
    } finally {
      this.pauseFrom = null;
    }
  }

  private async readBaseline(): Promise<void> {
    const context = await this.read();
    if (context) this.dispatch({ type: 'baseline', context });
  }

  /** readContext(), timed like capabilities() */
  private async read(how?: ReadHow): Promise<HostContext | null> {
    return this.enqueue(async () => {
      const t0 = this.clock.now();
      const ctx = await this.host.readContext(undefined, how);
      this.readMs = this.clock.now() - t0;
      return ctx;
    }, null);
  }

  /**
   * Queue a host write. A ghost write the host refused as unsafe here (track changes switched
   * on since we asked, ...) keeps the suggestion, in the pane; any other failed ghost write
   * means there is no ghost to track.
   */
  private write(op: () => Promise<void>, isGhostWrite = false): Promise<boolean> {
    return this.enqueue(async () => {
      try {
        await op();
        return true;
      } catch (err) {
        if (isGhostWrite && errorCode(err) === INLINE_UNAVAILABLE) {
          const reason = (err as { reason?: unknown }).reason;
          this.inlineRefused(typeof reason === 'string' && reason ? reason : INLINE_UNAVAILABLE);
        } else if (isGhostWrite) {
          this.dispatch({ type: 'ghostLost' });
        }
        throw err;
      }
    }, false);
  }

  /** The host would not (or could not safely) show the ghost here: the suggestion stays, in the pane. */
  private inlineRefused(reason: string): void {
    // the host's word on why (a failed self-check may have made it pane-only for good) holds until the
    // host is asked again, with the next request: the pane shows that reason, not one worked out anew
    this.setCaps({ ...this.caps, inlineGhost: false, inlineGhostOffReason: reason });
    this.reportCapabilities(this.caps);
    this.dispatch({ type: 'inlineChanged', inline: false });
  }

  /** Run a host call after the ones before it; on failure count it and resolve to `fallback`. */
  private enqueue<T, F>(op: () => Promise<T>, fallback: F): Promise<T | F> {
    const run = this.hostQueue.then(op).catch(() => {
      this.counters.hostErrors++;
      return fallback;
    });
    this.hostQueue = run.then(() => undefined);
    return run;
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
