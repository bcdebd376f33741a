// Whether this instance should get traffic (/health/ready): the checks that must pass, the ones whose
// failure only degrades it, the upstreams' last state for the operator, and the drain on SIGTERM.
// Other parts plug in their own check with `app.readiness.add(name, check)` (e.g. a corpus still indexing).
import type { LoopReport } from './eventLoop';

export type CheckState = 'ok' | 'pending' | 'down';

export interface ReadinessReport {
  /** ready: all well; degraded: serving, an optional dependency is down; not_ready/draining: send elsewhere */
  status: 'ready' | 'degraded' | 'not_ready' | 'draining';
  checks: Record<string, CheckState>;
  upstreams: Record<string, unknown>;
  /** how late this process's event loop ran over the last minute: informative, never decides readiness */
  eventLoop?: LoopReport;
}

interface Check {
  state: () => CheckState;
  /** a required check that is not ok makes the instance not ready; an optional one makes it degraded */
  required: boolean;
}

export class Readiness {
  private readonly checks = new Map<string, Check>();
  private readonly upstreams = new Map<string, () => unknown>();
  private draining = false;
  private loop: (() => LoopReport) | null = null;

  /** Registers (or replaces) a check; `required: false` for a dependency the service can run without. */
  add(name: string, state: () => CheckState, opts: { required?: boolean } = {}): void {
    this.checks.set(name, { state, required: opts.required ?? true });
  }

  /** An upstream's state for the report; informative only, never decides readiness. */
  addUpstream(name: string, status: () => unknown): void {
    this.upstreams.set(name, status);
  }

  /** The event loop's figures for the report. */
  watchLoop(report: () => LoopReport): void {
    this.loop = report;
  }

  /** From now on the instance reports itself not ready, so balancers stop sending new work. */
  drain(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  report(): ReadinessReport {
    const checks: Record<string, CheckState> = {};
    let missing = false;
    let degraded = false;
    for (const [name, c] of this.checks) {
      const s = c.state();
      checks[name] = s;
      if (s !== 'ok') {
        if (c.required) missing = true;
        else degraded = true;
      }
    }
    const upstreams: Record<string, unknown> = {};
    for (const [name, status] of this.upstreams) upstreams[name] = status();
    const status = this.draining ? 'draining' : missing ? 'not_ready' : degraded ? 'degraded' : 'ready';
    return { status, checks, upstreams, ...(this.loop ? { eventLoop: this.loop() } : {}) };
  }
}
