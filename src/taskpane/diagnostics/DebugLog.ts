// The developer log (?debug=1, or the switch in Settings › 诊断): session transitions, requests with their
// latency and host calls with their sync counts, kept in a short ring for the pane and written to the console.
// Off by default and then free: no session listener is installed and nothing is formatted.
// Entries carry kinds, codes, lengths and times — never document text.
import type { Effect, SessionEvent, SuggestionState } from '../../core/session/transition';
import { safeCode } from './safeCode';

export type DebugEntry =
  | { kind: 'transition'; at: number; from: SuggestionState['kind']; event: SessionEvent['type']; to: SuggestionState['kind']; effects: Effect['do'][]; code?: string; drop?: string }
  | { kind: 'request'; at: number; ms: number; outcome: 'answer' | 'empty' | 'error' | 'aborted'; contextChars: number; answerChars?: number; code?: string }
  | { kind: 'host'; at: number; call: string; ms: number; ok: boolean; syncs?: number; chars?: number; code?: string };

/** The session's listener signature (SuggestionSessionInit['onTransition']). */
type TransitionListener = (from: SuggestionState, event: SessionEvent, to: SuggestionState, effects: readonly Effect[]) => void;

/** What the log needs of a session: its transition listener slot. */
export interface TransitionSource {
  setTransitionListener(cb: TransitionListener | undefined): void;
}

const KEEP = 200;

/** One line for the console and the pane's log view. */
export function formatEntry(e: DebugEntry): string {
  const t = new Date(e.at).toISOString().slice(11, 23);
  switch (e.kind) {
    case 'transition':
      return `${t} ${e.from} --${e.event}--> ${e.to}${e.effects.length ? ` [${e.effects.join(',')}]` : ''}${e.code ? ` code=${e.code}` : ''}${e.drop ? ` drop=${e.drop}` : ''}`;
    case 'request':
      return `${t} request ${e.outcome} ${e.ms.toFixed(0)} ms ctx=${e.contextChars}${e.answerChars !== undefined ? ` answer=${e.answerChars}` : ''}${e.code ? ` code=${e.code}` : ''}`;
    case 'host':
      return `${t} host.${e.call} ${e.ok ? 'ok' : 'failed'} ${e.ms.toFixed(0)} ms${e.syncs !== undefined ? ` syncs=${e.syncs}` : ''}${e.chars !== undefined ? ` chars=${e.chars}` : ''}${e.code ? ` code=${e.code}` : ''}`;
  }
}

export class DebugLog {
  private on = false;
  private readonly ring: DebugEntry[] = [];
  private readonly listeners = new Set<() => void>();
  private source: TransitionSource | null = null;

  constructor(private readonly opts: { console?: Pick<Console, 'debug'> | null; now?: () => number } = {}) {}

  get enabled(): boolean {
    return this.on;
  }

  /** the session whose transitions are logged while the log is on */
  attach(source: TransitionSource): void {
    this.source = source;
    if (this.on) source.setTransitionListener(this.onTransition);
  }

  setEnabled(on: boolean): void {
    if (on === this.on) return;
    this.on = on;
    this.source?.setTransitionListener(on ? this.onTransition : undefined);
    this.notify();
  }

  entries(): readonly DebugEntry[] {
    return this.ring;
  }

  clear(): void {
    this.ring.length = 0;
    this.notify();
  }

  /** for the live view; returns an unsubscribe function */
  subscribe(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** callers check `enabled` first, so that nothing is built while the log is off */
  add(e: DebugEntry): void {
    if (!this.on) return;
    this.ring.push(e);
    if (this.ring.length > KEEP) this.ring.splice(0, this.ring.length - KEEP);
    const c = this.opts.console === undefined ? globalThis.console : this.opts.console;
    c?.debug('[banxie]', formatEntry(e));
    this.notify();
  }

  now(): number {
    return (this.opts.now ?? Date.now)();
  }

  private readonly onTransition: TransitionListener = (from, event, to, effects) => {
    if (from === to && effects.length === 0) return; // a re-read that found nothing new: noise
    const drop = effects.find((x): x is Extract<Effect, { do: 'drop' }> => x.do === 'drop');
    this.add({
      kind: 'transition',
      at: this.now(),
      from: from.kind,
      event: event.type,
      to: to.kind,
      effects: effects.map((x) => x.do),
      ...(event.type === 'failed' ? { code: safeCode(event.code) } : {}),
      ...(drop ? { drop: drop.reason } : {}),
    });
  };

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }
}
