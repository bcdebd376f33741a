// Settings › 诊断 in one object: the collector and the developer log wirePane installs, the service
// reachability check the user can repeat, the host's self-report, and the report the copy button takes.
import type { DocumentHost, HostDiagnostics } from '../../core/DocumentHost';
import type { SessionCounters } from '../../core/session';
import type { HealthStatus } from '../../core/client/CompletionClient';
import type { PaneController } from '../PaneController';
import { DebugLog, type TransitionSource } from './DebugLog';
import { DiagnosticsCollector, safeCode } from './DiagnosticsCollector';
import { buildReport, type ServiceCheck } from './report';

export interface PaneDiagnosticsDeps {
  pane: 'full' | 'lite';
  /** the host as given (not the observed wrapper): its diagnostics() */
  host: DocumentHost;
  health(signal?: AbortSignal): Promise<HealthStatus>;
  controller: Pick<PaneController, 'snapshot' | 'serviceUrl' | 'serviceUrlLocked'>;
  session: TransitionSource & { readonly counters: SessionCounters };
  now?: () => number;
}

export class PaneDiagnostics {
  private deps: PaneDiagnosticsDeps | null = null;
  private last: ServiceCheck | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly log: DebugLog,
    readonly collector: DiagnosticsCollector,
  ) {
    collector.subscribe(() => this.notify());
    log.subscribe(() => this.notify());
  }

  /** called once the session exists (it is built with the collector's wrappers) */
  attach(deps: PaneDiagnosticsDeps): void {
    this.deps = deps;
    this.log.attach(deps.session);
  }

  private get d(): PaneDiagnosticsDeps {
    if (!this.deps) throw new Error('PaneDiagnostics used before attach()');
    return this.deps;
  }

  private now(): number {
    return (this.d.now ?? Date.now)();
  }

  /** the host's self-report, or null when this host gives none ("not reported by this host") */
  hostDiagnostics(): HostDiagnostics | null {
    try {
      return this.d.host.diagnostics?.() ?? null;
    } catch {
      return null;
    }
  }

  counters(): SessionCounters {
    return this.d.session.counters;
  }

  hostName(): string {
    return this.d.host.name;
  }

  get service(): ServiceCheck | null {
    return this.last;
  }

  /** A timed /health call: is the service there, which version, how fast. */
  async checkService(signal?: AbortSignal): Promise<ServiceCheck> {
    const t0 = this.now();
    try {
      const h = await this.d.health(signal);
      this.last = { at: t0, reachable: h.ok, version: typeof h.version === 'string' ? h.version : '', ms: this.now() - t0, ...(h.ok ? {} : { code: 'not_ready' }) };
    } catch (e) {
      const code = safeCode((e as { code?: unknown } | null)?.code);
      this.last = { at: t0, reachable: false, version: '', ms: this.now() - t0, code };
      if (code !== 'aborted') this.collector.recordError('service', code);
    }
    this.notify();
    return this.last;
  }

  report(): Record<string, unknown> {
    const d = this.d;
    return buildReport({
      now: this.now(),
      pane: d.pane,
      snapshot: d.controller.snapshot,
      serviceUrl: d.controller.serviceUrl(),
      serviceUrlLocked: d.controller.serviceUrlLocked,
      service: this.last,
      counters: d.session.counters,
      latency: this.collector.latency(),
      errors: this.collector.recentErrors(),
      hostName: d.host.name,
      host: this.hostDiagnostics(),
      debugLog: this.log.enabled,
      userAgent: globalThis.navigator?.userAgent ?? '',
    });
  }

  reportJson(): string {
    return JSON.stringify(this.report(), null, 2);
  }

  subscribe(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }
}

/** ?debug=1 on the pane's URL switches the developer log on from the start. */
export function debugFromUrl(search: string | undefined): boolean {
  return /[?&]debug=1(?:&|$)/.test(search ?? '');
}
