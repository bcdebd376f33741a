// The pane against a real service that wants to know who asks (auth.tokens, auth.required): the organisation's
// token from the admin policy (the page address), a user's own token from Settings where the admin allows it, and
// a wrong or missing one, which shows the sign-on problem — not an empty pane — and is not retried in a loop.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { axiosTransport } from '../../../src/core/client/axiosTransport';
import type { HttpTransport } from '../../../src/core/client/transport';
import { DEFAULT_SETTINGS, MemorySettingsStore, effectiveToken, validateSettings } from '../../../src/core/settings';
import { buildApp } from '../../../src/server/app';
import { resolveConfig } from '../../../src/server/config';
import { adminPolicyFromUrl } from '../../../src/taskpane/detectHost';
import { DebugLog } from '../../../src/taskpane/diagnostics/DebugLog';
import { DiagnosticsCollector } from '../../../src/taskpane/diagnostics/DiagnosticsCollector';
import { PaneDiagnostics } from '../../../src/taskpane/diagnostics/PaneDiagnostics';
import { currentProblem } from '../../../src/taskpane/problem';
import { loadPaneSettings, wirePane, type PaneDeps, type WiredPane } from '../../../src/taskpane/wirePane';
import { MemoryHost } from '../session/MemoryHost';

const ORG_TOKEN = 'org-token-0123456789abcdef';
const USER_TOKEN = 'user-token-fedcba9876543210';

let app: FastifyInstance;
let baseUrl: string;
let modelsAsked = 0;
let completionsAsked = 0;
const opened: WiredPane[] = [];

beforeAll(async () => {
  app = await buildApp(resolveConfig({ models: [{ id: 'builtin', provider: 'builtin' }], auth: { tokens: [ORG_TOKEN, USER_TOKEN], required: true }, cors: { origins: [] } }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  for (const p of opened) p.dispose();
  await app.close();
});

const until = async (cond: () => boolean, ms = 3000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

async function open(search: string, stored: Record<string, unknown> = {}, diagnostics?: PaneDiagnostics): Promise<WiredPane> {
  const host = new MemoryHost('关于开展安全生产检查的通知\n各科室：\n现将有关事项通知如下：|');
  const settingsStore = new MemorySettingsStore({ ...DEFAULT_SETTINGS, ...stored });
  const deps: PaneDeps = { host, settingsStore, ...adminPolicyFromUrl(search), serviceUrl: baseUrl, reconnectMs: 20 };
  const transport: HttpTransport = (req) => {
    if (req.url.includes('v1/models')) modelsAsked++;
    if (req.url.includes('v1/completions')) completionsAsked++;
    return axiosTransport(req);
  };
  const pane = wirePane(deps, await loadPaneSettings(deps), { transport, onLanguage: () => undefined, ...(diagnostics ? { diagnostics } : {}) });
  opened.push(pane);
  await pane.start();
  return pane;
}

const problemOf = (pane: WiredPane) => currentProblem(pane.controller.snapshot, pane.controller);

test('the admin policy on the page address gives the organisation token and may let users enter their own', () => {
  expect(adminPolicyFromUrl(`?token=${ORG_TOKEN}&userToken=1`)).toEqual({ token: ORG_TOKEN, userTokenAllowed: true });
  expect(adminPolicyFromUrl('?token=has%20space')).toEqual({});
  const s = validateSettings({ token: ` ${USER_TOKEN} ` });
  expect(s.token).toBe(USER_TOKEN);
  expect(validateSettings({ token: '中文令牌' }).token).toBe('');
  expect(effectiveToken(s, { token: ORG_TOKEN })).toBe(ORG_TOKEN); // the user's only where allowed
  expect(effectiveToken(s, { token: ORG_TOKEN, userTokenAllowed: true })).toBe(USER_TOKEN);
  expect(effectiveToken({ token: '' }, { token: ORG_TOKEN, userTokenAllowed: true })).toBe(ORG_TOKEN);
});

test('with the organisation token from the admin policy the pane loads and suggests', async () => {
  const pane = await open(`?token=${ORG_TOKEN}`);
  await until(() => pane.controller.snapshot.connection === 'online');
  expect(pane.controller.snapshot.models?.map((m) => m.id)).toEqual(['builtin']);
  expect(problemOf(pane)).toBeNull();
  pane.session.askAgain();
  await until(() => pane.session.state.kind === 'showing' || pane.session.state.kind === 'error');
  expect(pane.session.state.kind).toBe('showing');
});

test('without a token, or with a wrong one, the pane says to sign in; a token entered in Settings lets it in', async () => {
  const log = new DebugLog({ console: null });
  const diag = new PaneDiagnostics(log, new DiagnosticsCollector(log));
  const before = modelsAsked;
  const pane = await open('?userToken=1', { token: 'wrong-token-000000000000' }, diag);
  await until(() => pane.controller.snapshot.signOnNeeded);
  expect(problemOf(pane)).toEqual({ key: 'signon', code: 'signon_required' });
  const completionsBefore = completionsAsked;
  pane.session.askAgain(); // typing on: no request goes out while the service refuses the pane
  await new Promise((r) => setTimeout(r, 100)); // reconnectMs is 20: a refused pane does not keep asking
  expect(modelsAsked - before).toBe(1);
  expect(completionsAsked).toBe(completionsBefore);
  await pane.controller.updateSettings({ token: USER_TOKEN });
  await until(() => pane.controller.snapshot.connection === 'online');
  expect(problemOf(pane)).toBeNull();
  expect(pane.controller.snapshot.signOnNeeded).toBe(false);
  // the token is a setting, never a fact the diagnostics copy or the developer log keeps
  const report = JSON.stringify(diag.report());
  expect(report).not.toContain(USER_TOKEN);
  expect(JSON.stringify(log.entries())).not.toContain(USER_TOKEN);
});

test('a user token is not sent where the admin does not allow one', async () => {
  const pane = await open('', { token: USER_TOKEN });
  await until(() => pane.controller.snapshot.signOnNeeded);
  expect(problemOf(pane)?.key).toBe('signon');
});

test('a sign-on gateway\'s own 401 page (HTML, not the service\'s JSON) also shows the sign-on problem', async () => {
  const host = new MemoryHost('通知|');
  const settingsStore = new MemorySettingsStore(DEFAULT_SETTINGS);
  const deps: PaneDeps = { host, settingsStore, serviceUrl: 'http://gateway.example/banxie/', reconnectMs: 20 };
  const transport: HttpTransport = async (req) => (req.url.endsWith('health') ? { status: 200, data: { ok: true } } : { status: 401, data: '<html><body>401 Authorization Required</body></html>' });
  const pane = wirePane(deps, await loadPaneSettings(deps), { transport, onLanguage: () => undefined });
  opened.push(pane);
  await pane.start();
  await until(() => pane.controller.snapshot.signOnNeeded);
  expect(problemOf(pane)?.key).toBe('signon');
});
