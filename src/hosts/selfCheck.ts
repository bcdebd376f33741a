// The host's self-check (issue 16 §1), shared by WordHost and WpsHost: the facts read at start, the
// checks made during real ghost cycles (never a write made only to test), the round-trip times, and
// the decision to stop writing ghosts after `limit` failed checks. Holds no document text.
// A closure rather than a class: the lite pane's ES5 build carries far less for it.

import type { HostCheck, HostDiagnostics, HostFacts } from '../core/DocumentHost';

/** the pane-only reason once the host gave up on inline ghosts for this session (i18n key) */
export const SELF_CHECK_FAILED = 'host.selfCheckFailed';
/** failed checks before the switch to pane-only, when nobody says otherwise (settings: selfCheckLimit) */
export const DEFAULT_SELF_CHECK_LIMIT = 2;
/** round trips kept for p50/p95: the latest ones */
const SAMPLES = 256;

/** a deep copy of plain data (diagnostics hand out snapshots, never the live records) */
const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

export interface SelfCheck {
  /** the i18n key to go pane-only with, once `limit` checks have failed this session */
  readonly paneOnlyReason: string | undefined;
  /** what each §6 switch was seen to be ('unknown' until then) */
  readonly switches: Record<string, boolean | 'unknown'>;
  /** a limit below 1 is taken as 1: a host that failed a check cannot be told to ignore it forever */
  setLimit(limit: number): void;
  setFacts(patch: Partial<HostFacts>): void;
  /** count one check; the failure that reaches the limit switches the host to pane-only */
  observe(check: HostCheck, ok: boolean): void;
  /** a conclusive sighting of a §6 switch (the latest wins) */
  sawSwitch(name: string, value: boolean): void;
  /** one round trip (Office.js context.sync(), a WPS host operation), ms */
  recordMs(ms: number): void;
  diagnostics(): HostDiagnostics;
}

export function createSelfCheck(facts: HostFacts, limit = DEFAULT_SELF_CHECK_LIMIT, switchNames: readonly string[] = []): SelfCheck {
  const checks: HostDiagnostics['checks'] = {};
  const samples: number[] = [];
  let failures = 0;
  let count = 0;
  const self = {
    paneOnlyReason: undefined as string | undefined,
    switches: {} as Record<string, boolean | 'unknown'>,
    setLimit(n: number) {
      limit = Math.max(1, Math.floor(n));
      if (failures >= limit) self.paneOnlyReason = SELF_CHECK_FAILED;
    },
    setFacts(patch: Partial<HostFacts>) {
      facts = { ...facts, ...patch };
    },
    observe(check: HostCheck, ok: boolean) {
      const c = (checks[check] ??= { ok: 0, failed: 0 });
      if (ok) c.ok++;
      else {
        c.failed++;
        if (++failures >= limit) self.paneOnlyReason = SELF_CHECK_FAILED;
      }
    },
    sawSwitch(name: string, value: boolean) {
      self.switches[name] = value;
    },
    recordMs(ms: number) {
      samples[count++ % SAMPLES] = ms;
    },
    diagnostics(): HostDiagnostics {
      const sorted = samples.slice().sort((a, b) => a - b);
      const n = sorted.length;
      const pct = (p: number) => (n ? sorted[Math.ceil((p / 100) * n) - 1] : 0);
      const d: HostDiagnostics = {
        facts: copy(facts),
        checks: copy(checks),
        verificationFailures: failures,
        syncMs: { count, p50: pct(50), p95: pct(95) },
        switches: copy(self.switches),
      };
      if (self.paneOnlyReason) d.paneOnlyReason = self.paneOnlyReason;
      return d;
    },
  };
  switchNames.forEach((name) => (self.switches[name] = 'unknown'));
  return self;
}
