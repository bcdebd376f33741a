// The host's self-check (issue 16 §1), shared by WordHost and WpsHost: the facts read at start, the
// checks made during real ghost cycles (never a write made only to test), the round-trip times, and
// the decision to stop writing ghosts after `limit` failed checks. Holds no document text.

import type { HostCheck, HostDiagnostics, HostFacts } from '../core/DocumentHost';

/** the pane-only reason once the host gave up on inline ghosts for this session (i18n key) */
export const SELF_CHECK_FAILED = 'host.selfCheckFailed';
/** failed checks before the switch to pane-only, when nobody says otherwise (settings: selfCheckLimit) */
export const DEFAULT_SELF_CHECK_LIMIT = 2;
/** round trips kept for p50/p95: the latest ones */
const SAMPLES = 256;

/** a deep copy of plain data (diagnostics hand out snapshots, never the live records) */
const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

export class SelfCheck {
  private facts: HostFacts;
  private readonly checks: HostDiagnostics['checks'] = {};
  private failures = 0;
  /** the i18n key to go pane-only with, once `limit` checks have failed this session */
  paneOnlyReason: string | undefined;
  private readonly samples: number[] = [];
  private count = 0;
  readonly switches: Record<string, boolean | 'unknown'> = {};

  constructor(facts: HostFacts, private limit = DEFAULT_SELF_CHECK_LIMIT, switchNames: readonly string[] = []) {
    this.facts = facts;
    for (const n of switchNames) this.switches[n] = 'unknown';
  }

  /** a limit below 1 is taken as 1: a host that failed a check cannot be told to ignore it forever */
  setLimit(limit: number): void {
    this.limit = Math.max(1, Math.floor(limit));
    if (this.failures >= this.limit) this.paneOnlyReason ??= SELF_CHECK_FAILED;
  }

  setFacts(patch: Partial<HostFacts>): void {
    this.facts = { ...this.facts, ...patch };
  }

  /** count one check; the failure that reaches the limit switches the host to pane-only */
  observe(check: HostCheck, ok: boolean): void {
    const c = (this.checks[check] ??= { ok: 0, failed: 0 });
    if (ok) c.ok++;
    else {
      c.failed++;
      if (++this.failures >= this.limit) this.paneOnlyReason = SELF_CHECK_FAILED;
    }
  }

  /** what a §6 switch was seen to be (callers report only conclusive sightings; the latest wins) */
  sawSwitch(name: string, value: boolean): void {
    this.switches[name] = value;
  }

  /** one round trip (Office.js context.sync(), a WPS host operation), ms */
  recordMs(ms: number): void {
    this.samples[this.count++ % SAMPLES] = ms;
  }

  diagnostics(): HostDiagnostics {
    const sorted = this.samples.slice().sort((a, b) => a - b);
    const n = sorted.length;
    const pct = (p: number) => (n ? sorted[Math.ceil((p / 100) * n) - 1] : 0);
    return {
      facts: copy(this.facts),
      checks: copy(this.checks),
      verificationFailures: this.failures,
      syncMs: { count: this.count, p50: pct(50), p95: pct(95) },
      ...(this.paneOnlyReason ? { paneOnlyReason: this.paneOnlyReason } : {}),
      switches: copy(this.switches),
    };
  }
}
