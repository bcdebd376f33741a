// AbortController for IE11, which has none: only what this code uses (abort(reason), signal.aborted,
// signal.reason, onabort, add/removeEventListener('abort')). A dozen lines instead of the
// abortcontroller-polyfill package (~1 KB gzipped), which the lite pane's size budget (bench/bundle.ts) could not spare.
type Listener = (this: LiteAbortSignal, ev: { type: 'abort'; target: LiteAbortSignal }) => void;

class LiteAbortSignal {
  aborted = false;
  reason: unknown = undefined;
  onabort: Listener | null = null;
  private listeners: Listener[] = [];
  addEventListener(type: string, fn: Listener): void {
    if (type === 'abort' && this.listeners.indexOf(fn) < 0) this.listeners.push(fn);
  }
  removeEventListener(type: string, fn: Listener): void {
    const i = type === 'abort' ? this.listeners.indexOf(fn) : -1;
    if (i >= 0) this.listeners.splice(i, 1);
  }
  /** @internal */
  fire(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason === undefined ? new Error('aborted') : reason;
    const ev = { type: 'abort' as const, target: this };
    if (this.onabort) this.onabort.call(this, ev);
    for (const fn of this.listeners.slice()) fn.call(this, ev);
  }
}

class LiteAbortController {
  readonly signal = new LiteAbortSignal();
  abort(reason?: unknown): void {
    this.signal.fire(reason);
  }
}

/** Installs the stand-in where the browser has no AbortController. */
export function installAbortController(g: Record<string, unknown>): void {
  if (typeof g.AbortController === 'function') return;
  g.AbortController = LiteAbortController;
  g.AbortSignal = LiteAbortSignal;
}
