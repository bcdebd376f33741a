// The lite pane's Settings › 诊断信息: the facts IT asks for first, as the full pane's report names them
// (diagnostics/report.ts, schema banxie.diagnostics/1) but only those the lite pane has without the full
// pane's collector, whose weight is over the lite budget: no error history or latency percentiles.
// Nothing from the document: codes, counts, versions and the service's address without credentials.
import type { DocumentHost } from '../core/DocumentHost';
import type { SessionCounters } from '../core/session';
import type { PaneController } from '../taskpane/PaneController';

export interface LiteReportInput {
  controller: PaneController;
  session: { readonly counters: SessionCounters };
  host: DocumentHost;
  now: number;
}

export function liteReport(p: LiteReportInput): string {
  const s = p.controller.snapshot;
  const facts = p.host.diagnostics ? p.host.diagnostics().facts : null;
  const url = /^(https?:\/\/)(?:[^/?#@]*@)?([^/?#]*)([^?#]*)/i.exec(p.controller.serviceUrl());
  return JSON.stringify(
    {
      schema: 'banxie.diagnostics/1',
      pane: 'lite',
      at: p.now,
      host: facts ? { host: facts.host, platform: facts.platform, version: facts.version, apiSets: facts.apiSets } : { host: p.host.name },
      service: { url: url ? url[1] + url[2] + url[3] : '', connection: s.connection },
      model: p.controller.currentModel().id,
      classified: !!s.classification,
      counters: p.session.counters,
      lastError: s.suggestion.kind === 'error' ? s.suggestion.code : null,
      userAgent: typeof navigator === 'undefined' ? '' : navigator.userAgent,
    },
    null,
    2,
  );
}
