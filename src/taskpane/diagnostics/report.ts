// The diagnostics report IT and bug reports get from 复制诊断信息 / Copy diagnostics: facts, counters, codes.
// Built field by field from allow-lists, so nothing new in a snapshot reaches it by accident: no document text,
// no personal data, no tokens (the service address keeps only its origin and path).
import type { HostDiagnostics } from '../../core/DocumentHost';
import type { SessionCounters } from '../../core/session';
import type { PaneSnapshot } from '../PaneController';
import { safeCode, type ErrorEntry, type LatencySummary } from './DiagnosticsCollector';

export const REPORT_SCHEMA = 'banxie.diagnostics/1';

/** The service as the last reachability check saw it. */
export interface ServiceCheck {
  /** Date.now() of the check */
  at: number;
  reachable: boolean;
  /** the service's version from /health, '' when it sent none */
  version: string;
  /** how long /health took, ms */
  ms: number;
  /** why it failed (a client or server error code) */
  code?: string;
}

export interface ReportInput {
  now: number;
  pane: 'full' | 'lite';
  snapshot: PaneSnapshot;
  /** where requests go ('' = the pane's own origin) */
  serviceUrl: string;
  serviceUrlLocked: boolean;
  service: ServiceCheck | null;
  counters: SessionCounters;
  latency: LatencySummary;
  errors: readonly ErrorEntry[];
  hostName: string;
  /** null when the host does not report diagnostics */
  host: HostDiagnostics | null;
  debugLog: boolean;
  userAgent: string;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** A short label from a host or a server: kept when it looks like one, else dropped. */
function label(v: unknown, max = 80): string {
  if (typeof v !== 'string') return 'unknown';
  const s = v.replace(/[\u0000-\u001f]/g, ' ').trim();
  return s.length <= max ? s : s.slice(0, max) + '…';
}

/** origin + path of the service address: no credentials, query or fragment (where keys like to hide) */
export function safeServiceUrl(url: string): string {
  if (!url) return '';
  const m = /^(https?:\/\/)(?:[^/?#@]*@)?([^/?#]*)([^?#]*)/i.exec(url);
  return m ? `${m[1]}${m[2]}${m[3]}` : 'invalid';
}

const tri = (v: unknown): boolean | 'unknown' => (typeof v === 'boolean' ? v : 'unknown');

function hostPart(h: HostDiagnostics): Record<string, unknown> {
  const f = h.facts;
  const checks: Record<string, { ok: number; failed: number }> = {};
  for (const [k, v] of Object.entries(h.checks ?? {})) if (v) checks[safeCode(k)] = { ok: Number(v.ok) || 0, failed: Number(v.failed) || 0 };
  const apiSets: Record<string, boolean> = {};
  for (const [k, v] of Object.entries(f.apiSets ?? {})) apiSets[label(k, 40)] = v === true;
  const switches: Record<string, boolean | 'unknown'> = {};
  for (const [k, v] of Object.entries(h.switches ?? {})) switches[safeCode(k)] = tri(v);
  return {
    facts: {
      host: label(f.host, 20),
      platform: label(f.platform),
      version: label(f.version),
      apiSets,
      trackChanges: tri(f.trackChanges),
      readOnly: tri(f.readOnly),
      cloudDocument: tri(f.cloudDocument),
      protection: label(f.protection, 40),
    },
    checks,
    verificationFailures: Number(h.verificationFailures) || 0,
    syncMs: { count: Number(h.syncMs?.count) || 0, p50: Number(h.syncMs?.p50) || 0, p95: Number(h.syncMs?.p95) || 0 },
    ...(h.paneOnlyReason ? { paneOnlyReason: safeCode(h.paneOnlyReason) } : {}),
    switches,
  };
}

export function buildReport(r: ReportInput): Record<string, unknown> {
  const s = r.snapshot;
  const c = r.counters;
  const caps = s.capabilities;
  return {
    schema: REPORT_SCHEMA,
    generatedAt: iso(r.now),
    pane: { kind: r.pane, language: s.settings.language, userAgent: label(r.userAgent, 300), debugLog: r.debugLog },
    host: {
      name: label(r.hostName, 20),
      ...(r.host ? hostPart(r.host) : { reported: false }),
      capabilities: caps
        ? { inlineGhost: caps.inlineGhost, ...(caps.inlineGhostOffReason ? { inlineGhostOffReason: safeCode(caps.inlineGhostOffReason) } : {}), trackChanges: caps.trackChanges, keyboardShortcuts: caps.keyboardShortcuts }
        : null,
    },
    service: {
      url: safeServiceUrl(r.serviceUrl),
      sameOrigin: r.serviceUrl === '',
      locked: r.serviceUrlLocked,
      connection: s.connection,
      ...(r.service
        ? { checkedAt: iso(r.service.at), reachable: r.service.reachable, version: label(r.service.version, 40), healthMs: Math.round(r.service.ms), ...(r.service.code ? { code: safeCode(r.service.code) } : {}) }
        : { checkedAt: null }),
    },
    models: (s.models ?? []).map((m) => ({
      id: label(m.id, 80),
      residency: m.residency,
      provider: label(m.provider, 40),
      needsConsent: m.needsConsent,
      acceptsClassified: m.acceptsClassified,
    })),
    settings: {
      enabled: s.settings.enabled,
      model: label(s.settings.model, 80),
      length: s.settings.length,
      debounceMs: s.settings.debounceMs,
      display: s.settings.display,
      // which models the user consented for, not the consent records themselves
      consentedModels: Object.keys(s.settings.consent).map((id) => label(id, 80)),
    },
    state: {
      suggestion: s.suggestion.kind,
      ...(s.suggestion.kind === 'error' ? { code: safeCode(s.suggestion.code) } : {}),
      classified: s.classification !== null,
      modelFallback: s.modelFallback,
    },
    counters: {
      requests: c.requests,
      shown: c.shown,
      accepts: c.accepts,
      acceptedChars: c.acceptedChars,
      dismissed: c.dismissed,
      staleDrops: c.staleDrops,
      aborted: c.aborted,
      cacheHits: c.cacheHits,
      errors: c.errors,
      typeThroughs: c.typeThroughs,
      hostErrors: c.hostErrors,
      lastDropReason: c.lastDropReason,
      verificationFailures: r.host ? Number(r.host.verificationFailures) || 0 : null,
    },
    latencyMs: { requests: r.latency.count, p50: r.latency.p50, p95: r.latency.p95 },
    errors: r.errors.map((e) => ({ at: iso(e.at), code: safeCode(e.code), source: e.source })),
  };
}
