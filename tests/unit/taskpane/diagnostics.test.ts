// Settings › 诊断 without the view: the pane wired as in Office (wirePane + the diagnostics it installs) over an
// in-memory host that reports diagnostics, talking to a scripted service. The copied report must carry the
// facts and counters IT needs and nothing else: canaries planted in the document, the settings and the
// service's own error messages never reach it, nor the developer log.
import type { HostDiagnostics } from '../../../src/core/DocumentHost';
import type { HttpRequest, HttpResponse, HttpTransport } from '../../../src/core/client/transport';
import { DEFAULT_SETTINGS, MemorySettingsStore } from '../../../src/core/settings';
import { DebugLog, formatEntry } from '../../../src/taskpane/diagnostics/DebugLog';
import { DiagnosticsCollector, ERRORS_KEPT, HOST_CALL_FAILED } from '../../../src/taskpane/diagnostics/DiagnosticsCollector';
import { PaneDiagnostics, debugFromUrl } from '../../../src/taskpane/diagnostics/PaneDiagnostics';
import { REPORT_SCHEMA, safeServiceUrl } from '../../../src/taskpane/diagnostics/report';
import { loadPaneSettings, wirePane, type WiredPane } from '../../../src/taskpane/wirePane';
import { MemoryHost } from '../session/MemoryHost';

const DOC_CANARY = '金丝雀正文甲乙丙丁';
const DOC_CANARY_ASCII = 'CanaryDocTextXyz';
const TOKEN_CANARY = 'canaryTOKEN9f8e7d';
const CONSENT_CANARY = 'canaryCONSENTv42';
const SERVER_CANARY = '服务器消息金丝雀';

/** MemoryHost plus the self-report real hosts give (values as WordHost reports them on Windows). */
class DiagnosingHost extends MemoryHost {
  syncs = 0;
  override async readContext(): ReturnType<MemoryHost['readContext']> {
    this.syncs++;
    return super.readContext();
  }
  override async showGhost(text: string): ReturnType<MemoryHost['showGhost']> {
    this.syncs += 2;
    return super.showGhost(text);
  }
  diagnostics(): HostDiagnostics {
    return {
      facts: {
        host: 'word',
        platform: 'PC',
        version: '16.0.17928.20114',
        apiSets: { 'WordApi 1.1': true, 'WordApi 1.3': true, 'WordApi 1.4': false },
        trackChanges: false,
        readOnly: false,
        cloudDocument: 'unknown',
        protection: 'none',
      },
      checks: { caretBeforeGhost: { ok: 3, failed: 0 }, ghostReadBack: { ok: 2, failed: 1 } },
      verificationFailures: 1,
      syncMs: { count: this.syncs, p50: 18, p95: 41 },
      switches: {},
    };
  }
}

type Script = (req: HttpRequest) => HttpResponse;

function scriptedService(completion: Script): { transport: HttpTransport; requests: HttpRequest[] } {
  const requests: HttpRequest[] = [];
  const transport: HttpTransport = async (req) => {
    requests.push(req);
    // the route goes under the address's path; the address's query (the token canary) follows it
    const path = req.url.replace(/\?.*$/, '');
    if (path.endsWith('/health')) return { status: 200, data: { status: 'ok', version: '0.9.3' } };
    if (path.endsWith('/v1/models')) {
      return {
        status: 200,
        data: { models: [{ id: 'builtin', label: '内置引擎', residency: 'builtin', provider: 'builtin', acceptsClassified: true, needsConsent: false }] },
      };
    }
    if (path.endsWith('/v1/privacy')) return { status: 200, data: { version: 'v1', text: { 'zh-CN': '说明', en: 'notice' } } };
    if (path.endsWith('/v1/completions')) return completion(req);
    return { status: 404, data: { error: { code: 'not_found', message: 'no' } } };
  };
  return { transport, requests };
}

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

interface Rig {
  host: DiagnosingHost;
  pane: WiredPane;
  diag: PaneDiagnostics;
  log: DebugLog;
  consoleLines: string[];
  requests: HttpRequest[];
}

const opened: WiredPane[] = [];
afterEach(() => {
  for (const p of opened.splice(0)) p.dispose();
});

async function rig(completion: Script, host = new DiagnosingHost(`关于${DOC_CANARY}的通知\n各科室：${DOC_CANARY_ASCII}|`)): Promise<Rig> {
  const consoleLines: string[] = [];
  const log = new DebugLog({ console: { debug: (...a: unknown[]) => void consoleLines.push(a.join(' ')) } });
  const diag = new PaneDiagnostics(log, new DiagnosticsCollector(log));
  const { transport, requests } = scriptedService(completion);
  const store = new MemorySettingsStore({
    ...DEFAULT_SETTINGS,
    debounceMs: 150,
    serviceUrl: `http://svc.example:8080/banxie/?token=${TOKEN_CANARY}`,
    consent: { 'ext-model': CONSENT_CANARY },
  });
  const loaded = await loadPaneSettings({ host, settingsStore: store });
  const pane = wirePane({ host, settingsStore: store }, loaded, { transport, onLanguage: () => undefined, diagnostics: diag });
  opened.push(pane);
  await pane.start();
  return { host, pane, diag, log, consoleLines, requests };
}

const answer = (text: string): HttpResponse => ({ status: 200, data: { text, model: 'builtin', finishReason: 'stop', latencyMs: 3 } });

test('the report carries the expected facts and counters, and no document text, token, consent record or server message', async () => {
  let n = 0;
  const r = await rig(() => {
    n++;
    if (n === 1) return answer('各单位要高度重视。');
    if (n === 2) return { status: 502, data: { error: { code: 'upstream_error', message: `上游失败：${SERVER_CANARY} ${DOC_CANARY}` } } };
    // a server that puts text where a code belongs: the report keeps no such "code"
    return { status: 500, data: { error: { code: `${DOC_CANARY}`, message: DOC_CANARY } } };
  });
  r.log.setEnabled(true); // the developer log must not leak either
  const s = r.pane.session;

  r.host.type('现将有关事项通知如下：');
  await until(() => s.state.kind === 'showing');
  await s.acceptAll();
  await until(() => s.state.kind === 'debouncing' || s.state.kind === 'requesting' || s.state.kind === 'error');
  await until(() => s.state.kind === 'error');
  r.host.type('一、');
  await until(() => s.counters.errors === 2);
  await r.diag.checkService();

  // what was sent carried the canaries (so the test means something)...
  const sent = JSON.stringify(r.requests.map((q) => q.body ?? null)) + r.requests.map((q) => q.url).join(' ');
  expect(sent).toContain(DOC_CANARY);
  expect(sent).toContain(TOKEN_CANARY);

  // ...the report does not
  const json = r.diag.reportJson();
  for (const canary of [DOC_CANARY, DOC_CANARY_ASCII, TOKEN_CANARY, CONSENT_CANARY, SERVER_CANARY, '现将有关事项', '各单位要高度重视']) {
    expect([canary, json.includes(canary)]).toEqual([canary, false]);
    expect([canary, r.consoleLines.join('\n').includes(canary)]).toEqual([canary, false]);
    expect([canary, r.log.entries().map(formatEntry).join('\n').includes(canary)]).toEqual([canary, false]);
  }
  expect(json).not.toMatch(/authorization|bearer/i);

  const report = JSON.parse(json);
  expect(report).toMatchObject({
    schema: REPORT_SCHEMA,
    pane: { kind: 'full', language: 'zh-CN', debugLog: true },
    host: {
      name: 'simulator',
      facts: { host: 'word', platform: 'PC', version: '16.0.17928.20114', apiSets: { 'WordApi 1.3': true, 'WordApi 1.4': false }, cloudDocument: 'unknown' },
      checks: { ghostReadBack: { ok: 2, failed: 1 } },
      verificationFailures: 1,
      syncMs: { p50: 18, p95: 41 },
      capabilities: { inlineGhost: true },
    },
    service: { url: 'http://svc.example:8080/banxie/', reachable: true, version: '0.9.3', connection: 'online' },
    models: [{ id: 'builtin', residency: 'builtin' }],
    settings: { model: 'builtin', debounceMs: 150, consentedModels: ['ext-model'] },
    counters: { shown: 1, accepts: 1, errors: 2, verificationFailures: 1 },
    latencyMs: { requests: 1 },
  });
  expect(report.latencyMs.p50).toEqual(expect.any(Number));
  expect(report.latencyMs.p95).toBeGreaterThanOrEqual(report.latencyMs.p50);
  expect(report.errors.map((e: { code: string; source: string }) => [e.code, e.source])).toEqual([
    ['upstream_error', 'request'],
    ['unknown', 'request'],
  ]);
  for (const e of report.errors) expect(new Date(e.at).toISOString()).toBe(e.at);
  expect(new Date(report.generatedAt).getTime()).not.toBeNaN();

  // the developer log saw the cycle: transitions, the requests with their latency, host calls with syncs
  const lines = r.log.entries().map(formatEntry).join('\n');
  expect(lines).toMatch(/debouncing --timerFired--> requesting \[fetch\]/);
  expect(lines).toMatch(/request answer \d+ ms ctx=\d+ answer=9/);
  expect(lines).toMatch(/request error \d+ ms ctx=\d+ code=upstream_error/);
  expect(lines).toMatch(/host\.showGhost ok \d+ ms syncs=2 chars=9/);
  expect(r.consoleLines.length).toBe(r.log.entries().length);
  expect(r.consoleLines[0]).toMatch(/^\[banxie\] /);
});

test('a host without diagnostics: the report says so, and the counters it cannot know are null', async () => {
  const host = new MemoryHost('关于开展检查的通知\n各科室：|');
  const consoleLines: string[] = [];
  const log = new DebugLog({ console: { debug: (...a: unknown[]) => void consoleLines.push(a.join(' ')) } });
  const diag = new PaneDiagnostics(log, new DiagnosticsCollector(log));
  const { transport } = scriptedService(() => answer('特此通知。'));
  const store = new MemorySettingsStore({ ...DEFAULT_SETTINGS, debounceMs: 150 });
  const pane = wirePane({ host, settingsStore: store }, await loadPaneSettings({ host, settingsStore: store }), { transport, onLanguage: () => undefined, diagnostics: diag });
  opened.push(pane);
  await pane.start();
  const report = diag.report() as { host: Record<string, unknown>; counters: Record<string, unknown>; service: Record<string, unknown> };
  expect(diag.hostDiagnostics()).toBeNull();
  expect(report.host).toMatchObject({ name: 'simulator', reported: false });
  expect(report.host.facts).toBeUndefined();
  expect(report.counters.verificationFailures).toBeNull();
  expect(report.service).toMatchObject({ url: '', sameOrigin: true, checkedAt: null });
});

test('the developer log is off by default and then costs nothing: no session listener, no entries, no console', async () => {
  const r = await rig(() => answer('各单位要高度重视。'));
  const session = r.pane.session as unknown as { onTransition?: unknown };
  expect(session.onTransition).toBeUndefined();
  r.host.type('现将有关事项通知如下：');
  await until(() => r.pane.session.state.kind === 'showing');
  expect(r.log.entries()).toEqual([]);
  expect(r.consoleLines).toEqual([]);
  // switched on at run time: installed; off again: removed
  r.log.setEnabled(true);
  expect(session.onTransition).toEqual(expect.any(Function));
  await r.pane.session.dismiss();
  expect(r.log.entries().some((e) => e.kind === 'transition' && e.event === 'dismiss')).toBe(true);
  r.log.setEnabled(false);
  expect(session.onTransition).toBeUndefined();
});

test('?debug=1 turns the log on from the URL', () => {
  expect(debugFromUrl('?debug=1')).toBe(true);
  expect(debugFromUrl('?host=word&debug=1&lang=en')).toBe(true);
  expect(debugFromUrl('?debug=10')).toBe(false);
  expect(debugFromUrl('')).toBe(false);
  expect(debugFromUrl(undefined)).toBe(false);
});

test('the collector keeps the last 20 errors, drops aborts, and refuses codes that are not codes', async () => {
  let t = 1000;
  const c = new DiagnosticsCollector(null, () => t++);
  const ctx = { text: 'x', cursor: 1, selectionEmpty: true };
  const fail = (code: unknown) => c.observeFetch(async () => {
    throw Object.assign(new Error('message with 正文'), { code });
  });
  for (let i = 0; i < 25; i++) await expect(fail(`e${i}`)(ctx, new AbortController().signal)).rejects.toThrow();
  await expect(fail('aborted')(ctx, new AbortController().signal)).rejects.toThrow();
  const aborted = new AbortController();
  aborted.abort();
  await expect(fail('unreachable')(ctx, aborted.signal)).rejects.toThrow();
  await expect(fail('有 文字 的 code')(ctx, new AbortController().signal)).rejects.toThrow();
  const codes = c.recentErrors().map((e) => e.code);
  expect(codes).toHaveLength(ERRORS_KEPT);
  expect(codes[0]).toBe('e6');
  expect(codes[ERRORS_KEPT - 1]).toBe('unknown');
  expect(c.latency()).toEqual({ count: 0, p50: null, p95: null });
});

test('latency percentiles come from answered requests', async () => {
  let t = 0;
  const c = new DiagnosticsCollector(null, () => t);
  const ctx = { text: 'x', cursor: 1, selectionEmpty: true };
  for (let ms = 1; ms <= 100; ms++) {
    const f = c.observeFetch(async () => {
      t += ms;
      return 'y';
    });
    await f(ctx, new AbortController().signal);
  }
  expect(c.latency()).toEqual({ count: 100, p50: 51, p95: 96 });
});

test('the observed host hides nothing: unknown methods are forwarded, optional ones present only when the host has them; failures are recorded', async () => {
  class Extra extends MemoryHost {
    calledWith: unknown = null;
    selfCheck(n: number): string {
      this.calledWith = n;
      return `checked ${this.text.length}`;
    }
    override async clearGhost(): Promise<void> {
      throw Object.assign(new Error('x'), { code: 'GeneralException' });
    }
    override async trimGhost(): Promise<void> {
      throw new Error('no code');
    }
  }
  const c = new DiagnosticsCollector(null);
  const inner = new Extra('ab|');
  const observed = c.observeHost(inner) as DocumentHostWith<{ selfCheck(n: number): string }>;
  expect(observed.selfCheck(7)).toBe('checked 2');
  expect(inner.calledWith).toBe(7);
  expect(observed.diagnostics).toBeUndefined();
  expect(observed.labelAiContent).toBeUndefined();
  expect(c.observeHost(new DiagnosingHost('a|')).diagnostics?.().facts.host).toBe('word');
  await expect(observed.clearGhost()).rejects.toThrow();
  await expect(observed.trimGhost(1)).rejects.toThrow();
  expect(c.recentErrors().map((e) => [e.source, e.code])).toEqual([
    ['host', 'GeneralException'],
    ['host', HOST_CALL_FAILED],
  ]);
});

type DocumentHostWith<T> = import('../../../src/core/DocumentHost').DocumentHost & T;

test('the service address keeps origin and path only', () => {
  expect(safeServiceUrl('')).toBe('');
  expect(safeServiceUrl('https://svc.example/banxie/?key=secret#frag')).toBe('https://svc.example/banxie/');
  expect(safeServiceUrl('https://user:pw@svc.example:8443/x')).toBe('https://svc.example:8443/x');
  expect(safeServiceUrl('javascript:alert(1)')).toBe('invalid');
});

test('an unreachable service: the check says so with its code, and the error is listed', async () => {
  const host = new MemoryHost('通知|');
  const log = new DebugLog({ console: null });
  const diag = new PaneDiagnostics(log, new DiagnosticsCollector(log));
  const transport: HttpTransport = async () => {
    const { unreachable } = await import('../../../src/core/client/transport');
    throw unreachable();
  };
  const store = new MemorySettingsStore({ ...DEFAULT_SETTINGS });
  const pane = wirePane({ host, settingsStore: store }, await loadPaneSettings({ host, settingsStore: store }), { transport, onLanguage: () => undefined, diagnostics: diag, reconnectMs: 60_000 } as never);
  opened.push(pane);
  await pane.start();
  const check = await diag.checkService();
  expect(check).toMatchObject({ reachable: false, code: 'unreachable', version: '' });
  // listed twice: the pane's start could not load the model list, then the check
  expect(diag.collector.recentErrors().map((e) => [e.source, e.code])).toEqual([['service', 'unreachable'], ['service', 'unreachable']]);
});

test('a service refusing the model list or the notice at start is listed, once however often the pane retries', async () => {
  const host = new MemoryHost('通知|');
  const log = new DebugLog({ console: null });
  const diag = new PaneDiagnostics(log, new DiagnosticsCollector(log));
  let modelsAsked = 0;
  let refuse = true;
  const transport: HttpTransport = async (req) => {
    const path = req.url.replace(/\?.*$/, '');
    if (path.endsWith('/health')) return { status: 200, data: { status: 'ok', version: '0.9.3' } };
    if (path.endsWith('/v1/models')) {
      modelsAsked++;
      if (refuse) return { status: 401, data: { error: { code: 'unauthorized', message: SERVER_CANARY } } };
      return { status: 200, data: { models: [{ id: 'builtin', label: '内置引擎', residency: 'builtin', provider: 'builtin', acceptsClassified: true, needsConsent: false }] } };
    }
    if (path.endsWith('/v1/privacy')) return { status: 500, data: { error: { code: 'internal_error', message: SERVER_CANARY } } };
    return { status: 404, data: { error: { code: 'not_found', message: 'no' } } };
  };
  const store = new MemorySettingsStore({ ...DEFAULT_SETTINGS, serviceUrl: 'http://svc.example:8080/banxie/' });
  const pane = wirePane({ host, settingsStore: store, reconnectMs: 20 }, await loadPaneSettings({ host, settingsStore: store }), { transport, onLanguage: () => undefined, diagnostics: diag });
  opened.push(pane);
  await pane.start();
  // a 401 is not an outage: the pane asks the clerk to sign in and does not keep asking (each wrong token
  // would count against the address, see server FailureWindow); the Retry button asks again
  await until(() => pane.controller.snapshot.signOnNeeded);
  await new Promise((r) => setTimeout(r, 100));
  expect(modelsAsked).toBe(1);
  await pane.controller.retry();
  await pane.controller.retry();
  expect(modelsAsked).toBe(3);
  const listed = (): string[][] => diag.collector.recentErrors().filter((e) => e.source === 'service').map((e) => [e.source, e.code]);
  expect(listed().filter(([, code]) => code === 'unauthorized')).toEqual([['service', 'unauthorized']]);
  refuse = false; // the admin fixed it: the pane comes online; the notice still fails, and is listed once
  await pane.controller.retry();
  await until(() => pane.controller.snapshot.connection === 'online');
  expect(pane.controller.snapshot.signOnNeeded).toBe(false);
  expect(listed()).toEqual(expect.arrayContaining([['service', 'unauthorized'], ['service', 'internal_error']]));
  expect(listed()).toHaveLength(2);
  expect(JSON.stringify(diag.report())).not.toContain(SERVER_CANARY);
});
