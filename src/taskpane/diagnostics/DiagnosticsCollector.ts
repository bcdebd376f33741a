// What Settings › 诊断 and the copied report know about this pane's session beyond the session's own
// counters: request latencies and the last errors (a code and a time, never a message or text). It watches
// the two doors the session uses — fetchSuggestion and the DocumentHost — and feeds the developer log when on.
import type { DocumentHost, HostContext, GhostShown, ReadHow } from '../../core/DocumentHost';
import type { FetchSuggestion } from '../../core/session';
import type { DebugLog } from './DebugLog';
import { safeCode } from './safeCode';

export { safeCode };

export type ErrorSource = 'request' | 'host' | 'service';

export interface ErrorEntry {
  /** Date.now() when it happened */
  at: number;
  code: string;
  source: ErrorSource;
}

export interface LatencySummary {
  count: number;
  p50: number | null;
  p95: number | null;
}

/** errors kept for the view and the report */
export const ERRORS_KEPT = 20;
/** request latencies kept for the percentiles: the recent ones say how the service is doing now */
const LATENCIES_KEPT = 500;

/** The code a host error carries when it carries none of its own. */
export const HOST_CALL_FAILED = 'host.callFailed';


function codeOf(err: unknown, fallback: string): string {
  const code = (err as { code?: unknown } | null)?.code;
  return code === undefined ? fallback : safeCode(code);
}

export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

export class DiagnosticsCollector {
  private readonly latencies: number[] = [];
  private readonly errors: ErrorEntry[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(
    /** the developer log, fed while it is on */
    readonly log: DebugLog | null = null,
    private readonly now: () => number = () => Date.now(),
  ) {}

  recordError(source: ErrorSource, code: string): void {
    this.errors.push({ at: this.now(), code: safeCode(code), source });
    if (this.errors.length > ERRORS_KEPT) this.errors.splice(0, this.errors.length - ERRORS_KEPT);
    for (const l of [...this.listeners]) l();
  }

  /** the last errors, newest last */
  recentErrors(): readonly ErrorEntry[] {
    return this.errors;
  }

  latency(): LatencySummary {
    const s = [...this.latencies].sort((a, b) => a - b);
    return { count: s.length, p50: percentile(s, 0.5), p95: percentile(s, 0.95) };
  }

  subscribe(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** fetchSuggestion, timed: answered requests give a latency, failed ones an error code; aborted ones neither. */
  observeFetch(fetch: FetchSuggestion): FetchSuggestion {
    return async (ctx: HostContext, signal: AbortSignal, onPartial?: Parameters<FetchSuggestion>[2]) => {
      const t0 = this.now();
      try {
        const answer = await fetch(ctx, signal, onPartial);
        const text = typeof answer === 'string' ? answer : answer.text;
        const ms = this.now() - t0;
        this.latencies.push(ms);
        if (this.latencies.length > LATENCIES_KEPT) this.latencies.shift();
        if (this.log?.enabled) this.log.add({ kind: 'request', at: t0, ms, outcome: text ? 'answer' : 'empty', contextChars: ctx.text.length, answerChars: text.length });
        return answer;
      } catch (err) {
        const code = codeOf(err, 'unknown');
        const aborted = signal.aborted || code === 'aborted';
        if (!aborted) this.recordError('request', code);
        if (this.log?.enabled) this.log.add({ kind: 'request', at: t0, ms: this.now() - t0, outcome: aborted ? 'aborted' : 'error', contextChars: ctx.text.length, code });
        throw err;
      }
    };
  }

  /** The host, with each call's failure recorded and, while the log is on, each call logged with its syncs. */
  observeHost(host: DocumentHost): DocumentHost {
    return new ObservedHost(host, this);
  }

  /** @internal ObservedHost's way in */
  hostCall<T>(host: DocumentHost, call: string, chars: number | undefined, op: () => Promise<T>): Promise<T> {
    const log = this.log;
    if (!log?.enabled) {
      return op().catch((err: unknown) => {
        this.recordError('host', codeOf(err, HOST_CALL_FAILED));
        throw err;
      });
    }
    const t0 = this.now();
    const syncs0 = host.diagnostics?.().syncMs.count;
    const done = (ok: boolean, code?: string): void => {
      const syncs1 = syncs0 === undefined ? undefined : host.diagnostics?.().syncMs.count;
      log.add({
        kind: 'host', at: t0, call, ms: this.now() - t0, ok,
        ...(syncs0 !== undefined && syncs1 !== undefined ? { syncs: syncs1 - syncs0 } : {}),
        ...(chars !== undefined ? { chars } : {}),
        ...(code ? { code } : {}),
      });
    };
    return op().then(
      (v) => {
        done(true);
        return v;
      },
      (err: unknown) => {
        const code = codeOf(err, HOST_CALL_FAILED);
        this.recordError('host', code);
        done(false, code);
        throw err;
      },
    );
  }
}

/**
 * A DocumentHost that passes every call through to `inner`, observed by the collector. Methods it does not
 * know (optional ones a host adds later) are forwarded as they are, so wrapping never hides a capability.
 */
class ObservedHost implements DocumentHost {
  declare diagnostics?: DocumentHost['diagnostics'];
  declare labelAiContent?: DocumentHost['labelAiContent'];

  constructor(
    private readonly inner: DocumentHost,
    private readonly c: DiagnosticsCollector,
  ) {
    const self = this as unknown as Record<string, unknown>;
    const from = inner as unknown as Record<string, unknown>;
    for (let o: object | null = inner; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
      for (const k of Object.getOwnPropertyNames(o)) {
        if (k === 'constructor' || k in self || typeof from[k] !== 'function') continue;
        self[k] = (...args: unknown[]) => (from[k] as (...a: unknown[]) => unknown).apply(inner, args);
      }
    }
    if (inner.labelAiContent) {
      this.labelAiContent = (accept, label, signal) => c.hostCall(inner, 'labelAiContent', accept.chars, () => inner.labelAiContent!(accept, label, signal));
    }
  }

  get name(): DocumentHost['name'] {
    return this.inner.name;
  }
  init(signal?: AbortSignal): Promise<void> {
    return this.c.hostCall(this.inner, 'init', undefined, () => this.inner.init(signal));
  }
  capabilities(): ReturnType<DocumentHost['capabilities']> {
    return this.c.hostCall(this.inner, 'capabilities', undefined, () => this.inner.capabilities());
  }
  readContext(signal?: AbortSignal, how?: ReadHow): Promise<HostContext> {
    return this.c.hostCall(this.inner, 'readContext', undefined, () => this.inner.readContext(signal, how));
  }
  showGhost(text: string, signal?: AbortSignal): Promise<GhostShown> {
    return this.c.hostCall(this.inner, 'showGhost', text.length, () => this.inner.showGhost(text, signal));
  }
  trimGhost(typedChars: number, signal?: AbortSignal): Promise<void> {
    return this.c.hostCall(this.inner, 'trimGhost', typedChars, () => this.inner.trimGhost(typedChars, signal));
  }
  acceptGhost(chars?: number, signal?: AbortSignal): Promise<void> {
    return this.c.hostCall(this.inner, 'acceptGhost', chars, () => this.inner.acceptGhost(chars, signal));
  }
  clearGhost(signal?: AbortSignal): Promise<void> {
    return this.c.hostCall(this.inner, 'clearGhost', undefined, () => this.inner.clearGhost(signal));
  }
  insertAtCursor(text: string, signal?: AbortSignal): Promise<void> {
    return this.c.hostCall(this.inner, 'insertAtCursor', text.length, () => this.inner.insertAtCursor(text, signal));
  }
  onChange(cb: Parameters<DocumentHost['onChange']>[0]): () => void {
    return this.inner.onChange(cb);
  }
  dispose(): void {
    this.inner.dispose();
  }
}
