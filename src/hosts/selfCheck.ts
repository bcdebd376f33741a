// The host's self-check (issue 16 §1), shared by WordHost and WpsHost: the facts read at start, the
// checks made during real ghost cycles (never a write made only to test), the round-trip times, and
// the decision to stop writing ghosts after `limit` failed checks. Holds no document text.

import type { HostCheck, HostDiagnostics, HostFacts } from '../core/DocumentHost';

/** the pane-only reason once the host gave up on inline ghosts for this session (i18n key) */
export const SELF_CHECK_FAILED = 'host.selfCheckFailed';
/** failed checks before the switch to pane-only, when nobody says otherwise (settings: selfCheckLimit) */
export const DEFAULT_SELF_CHECK_LIMIT = 2;
/** round trips kept for p50/p95: the latest ones, in a ring */
const SAMPLES = 256;

export class SelfCheck {
  private facts: HostFacts;
  private readonly checks: HostDiagnostics['checks'] = {};
  private failures = 0;
  private reason: string | undefined;
  private readonly ring = new Float64Array(SAMPLES);
  private count = 0;
  readonly switches: Record<string, boolean | 'unknown'>;

  constructor(facts: HostFacts, private limit = DEFAULT_SELF_CHECK_LIMIT, switchNames: readonly string[] = []) {
    this.facts = facts;
    this.switches = Object.fromEntries(switchNames.map((n) => [n, 'unknown' as const]));
  }

  /** a limit below 1 is taken as 1: a host that failed a check cannot be told to ignore it forever */
  setLimit(limit: number): void {
    this.limit = Math.max(1, Math.floor(limit));
    if (this.failures >= this.limit) this.reason ??= SELF_CHECK_FAILED;
  }

  setFacts(patch: Partial<HostFacts>): void {
    this.facts = { ...this.facts, ...patch };
  }

  /** the i18n key to go pane-only with, once `limit` checks have failed this session */
  get paneOnlyReason(): string | undefined {
    return this.reason;
  }

  /** count one check; true when this failure is the one that switches the host to pane-only */
  observe(check: HostCheck, ok: boolean): boolean {
    const c = (this.checks[check] ??= { ok: 0, failed: 0 });
    if (ok) {
      c.ok++;
      return false;
    }
    c.failed++;
    this.failures++;
    if (this.reason || this.failures < this.limit) return false;
    this.reason = SELF_CHECK_FAILED;
    return true;
  }

  /** what a §6 switch was seen to be (callers report only conclusive sightings; the latest wins) */
  sawSwitch(name: string, value: boolean): void {
    this.switches[name] = value;
  }

  /** one round trip (Office.js context.sync(), a WPS host operation), ms */
  recordMs(ms: number): void {
    this.ring[this.count % SAMPLES] = ms;
    this.count++;
  }

  diagnostics(): HostDiagnostics {
    const n = Math.min(this.count, SAMPLES);
    const sorted = Array.from(this.ring.subarray(0, n)).sort((a, b) => a - b);
    const pct = (p: number) => (n ? sorted[Math.min(n - 1, Math.ceil((p / 100) * n) - 1)] : 0);
    const checks: HostDiagnostics['checks'] = {};
    for (const [k, v] of Object.entries(this.checks) as Array<[HostCheck, { ok: number; failed: number }]>) checks[k] = { ...v };
    return {
      facts: { ...this.facts, apiSets: { ...this.facts.apiSets } },
      checks,
      verificationFailures: this.failures,
      syncMs: { count: this.count, p50: pct(50), p95: pct(95) },
      ...(this.reason ? { paneOnlyReason: this.reason } : {}),
      switches: { ...this.switches },
    };
  }
}
