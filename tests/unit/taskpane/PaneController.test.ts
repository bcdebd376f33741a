// The pane's decisions — consent, classification, connection, model fallback — against a real local
// HTTP service (node:http on 127.0.0.1) that plays the completion service, with a recording session.
import { CompletionClient, CompletionError } from '../../../src/core/client/CompletionClient';
import { axiosTransport } from '../../../src/core/client/axiosTransport';
import { digestOf } from '../../../src/core/digest';
import type { ModelInfo } from '../../../src/core/protocol';
import type { SuggestionState } from '../../../src/core/session/transition';
import { DEFAULT_SETTINGS, MemorySettingsStore, validateSettings, type Settings } from '../../../src/core/settings';
import type { HostContext } from '../../../src/core/DocumentHost';
import { PaneController, type SessionLike } from '../../../src/taskpane/PaneController';
import { startFakeService, type FakeService } from './fakeService';

const MODELS: ModelInfo[] = [
  { id: 'builtin', label: '内置引擎', residency: 'builtin', provider: 'builtin', acceptsClassified: true, needsConsent: false },
  { id: 'ollama', label: '本机模型', residency: 'local', provider: 'openai-compatible', acceptsClassified: true, needsConsent: true },
  { id: 'deepseek', label: 'DeepSeek', residency: 'external', provider: 'openai-compatible', acceptsClassified: false, needsConsent: true },
];

let svc: FakeService;
beforeAll(async () => {
  svc = await startFakeService(MODELS, { version: 'v1', text: { 'zh-CN': '说明', en: 'Notice' } }, () => [200, {}]);
});
afterAll(() => svc.close());
/** What the pane sent, in the fields these tests check. */
const completions = (): { model: string; consent: unknown; classification: unknown; maxChars: number }[] =>
  svc.requests.map((b) => ({ model: b.model, consent: b.consent, classification: b.digest.classification, maxChars: b.maxChars }));

class RecordingSession implements SessionLike {
  state: SuggestionState = { kind: 'idle', context: null };
  calls: string[] = [];
  private cbs = new Set<(s: SuggestionState) => void>();
  subscribe(cb: (s: SuggestionState) => void): () => void {
    this.cbs.add(cb);
    return () => this.cbs.delete(cb);
  }
  emit(s: SuggestionState): void {
    this.state = s;
    for (const cb of this.cbs) cb(s);
  }
  acceptAll(): void { this.calls.push('acceptAll'); }
  acceptNext(): void { this.calls.push('acceptNext'); }
  dismiss(): void { this.calls.push('dismiss'); }
  askAgain(): void { this.calls.push('askAgain'); }
  setEnabled(on: boolean): void { this.calls.push(`setEnabled:${on}`); }
}

const PLAIN = '关于开展安全生产检查的通知\n各科室：\n现将有关事项通知如下：';
const SECRET = '秘密★1年\n关于开展安全生产检查的通知\n各科室：\n现将有关事项通知如下：';
const ctx = (text: string): HostContext => ({ text, cursor: text.length, selectionEmpty: true });
const signal = (): AbortSignal => new AbortController().signal;

let controllers: PaneController[] = [];
async function setup(stored: Partial<Settings> = {}, reconnectMs = 20): Promise<{ c: PaneController; session: RecordingSession; store: MemorySettingsStore }> {
  const store = new MemorySettingsStore({ ...DEFAULT_SETTINGS, ...stored });
  const initialSettings = await store.load();
  const c = new PaneController({
    client: new CompletionClient({ transport: axiosTransport, baseUrl: svc.baseUrl, timeoutMs: 2000 }),
    store,
    initialSettings,
    digest: (ctx) => digestOf(ctx),
    reconnectMs,
  });
  const session = new RecordingSession();
  c.attachSession(session);
  controllers.push(c);
  await c.init();
  return { c, session, store };
}

beforeEach(() => {
  svc.notice.version = 'v1';
  svc.down = false;
  svc.requests.length = 0;
  svc.answer = (b) => [200, { text: '特此通知。', model: b.model, finishReason: 'stop', latencyMs: 1 }];
});
afterEach(() => {
  for (const c of controllers) c.dispose();
  controllers = [];
});

async function expectCode(p: Promise<unknown>, code: string): Promise<void> {
  await expect(p).rejects.toBeInstanceOf(CompletionError);
  await expect(p).rejects.toMatchObject({ code });
}

test('first run: built-in model, online, no consent asked, suggestion fetched with maxChars from the length', async () => {
  const { c } = await setup({ length: 'short' });
  expect(c.snapshot.connection).toBe('online');
  expect(c.snapshot.consentPrompt).toBeNull();
  expect(await c.fetchSuggestion(ctx(PLAIN), signal())).toMatchObject({ text: '特此通知。', model: 'builtin' });
  expect(completions()).toEqual([{ model: 'builtin', consent: null, classification: null, maxChars: 20 }]);
});

test('choosing a model that needs consent shows the notice and sends nothing until accepted', async () => {
  const { c, store, session } = await setup();
  await c.selectModel('deepseek');
  expect(c.snapshot.consentPrompt?.model.id).toBe('deepseek');
  expect(c.snapshot.consentPrompt?.changed).toBe(false);
  expect(c.snapshot.settings.model).toBe('builtin'); // not switched yet
  await c.acceptConsent();
  expect(c.snapshot.consentPrompt).toBeNull();
  expect(c.snapshot.settings).toMatchObject({ model: 'deepseek', consent: { deepseek: 'v1' } });
  expect(validateSettings(store.raw)).toMatchObject({ model: 'deepseek', consent: { deepseek: 'v1' } });
  expect(session.calls).toContain('askAgain');
  await c.fetchSuggestion(ctx(PLAIN), signal());
  expect(completions()[0]).toMatchObject({ model: 'deepseek', consent: { version: 'v1' } });
});

test('declining keeps (or returns to) the built-in model', async () => {
  const { c } = await setup();
  await c.selectModel('deepseek');
  await c.declineConsent();
  expect(c.snapshot.settings.model).toBe('builtin');
  expect(c.snapshot.settings.consent).toEqual({});
});

test('a stored consent for an older notice version is asked again on load, marked as changed; nothing is sent meanwhile', async () => {
  svc.notice.version = 'v2';
  const { c } = await setup({ model: 'deepseek', consent: { deepseek: 'v1' } });
  expect(c.snapshot.consentPrompt).toMatchObject({ model: { id: 'deepseek' }, changed: true });
  await expectCode(c.fetchSuggestion(ctx(PLAIN), signal()), 'consent_required');
  expect(completions()).toHaveLength(0);
  await c.acceptConsent();
  expect(c.snapshot.settings.consent.deepseek).toBe('v2');
});

test('the notice changing while the pane is open: server says consent_required → notice refetched, asked again', async () => {
  const { c } = await setup({ model: 'deepseek', consent: { deepseek: 'v1' } });
  expect(c.snapshot.consentPrompt).toBeNull();
  svc.notice.version = 'v2';
  svc.answer = () => [403, { error: { code: 'consent_required', message: '须同意' } }];
  await expectCode(c.fetchSuggestion(ctx(PLAIN), signal()), 'consent_required');
  await waitFor(() => c.snapshot.consentPrompt !== null);
  expect(c.snapshot.notice?.version).toBe('v2');
  expect(c.snapshot.consentPrompt?.changed).toBe(true);
});

test('withdrawing consent for the model in use returns to built-in and later requests carry no consent', async () => {
  const { c, session } = await setup({ model: 'deepseek', consent: { deepseek: 'v1' } });
  session.emit({ kind: 'showing', text: '外部模型写的', model: 'deepseek', requestId: 'r1', inline: true, version: 1, context: ctx(PLAIN) });
  await c.withdrawConsent('deepseek');
  expect(session.calls).toContain('dismiss'); // the external model's suggestion does not linger
  expect(c.snapshot.settings).toMatchObject({ model: 'builtin', consent: {} });
  expect(c.snapshot.flash).toBe('settings.consent.withdrawn');
  await c.fetchSuggestion(ctx(PLAIN), signal());
  expect(completions()[0]).toMatchObject({ model: 'builtin', consent: null });
});

test('the pane judges a marking under the policy the service published (core/policy), strictly when it published none', async () => {
  const INTERNAL = '内部\n关于开展安全生产检查的通知\n各科室：\n现将有关事项通知如下：';
  const deepseek = MODELS[2]!;
  const strict = (await setup({ model: 'deepseek', consent: { deepseek: 'v1' } })).c;
  await expectCode(strict.fetchSuggestion(ctx(INTERNAL), signal()), 'classified_blocked');
  expect(strict.modelAllowed(deepseek)).toBe(false);
  svc.policy = { classifiedResidencies: ['builtin', 'local'], restrictedAsClassified: false };
  try {
    const lenient = (await setup({ model: 'deepseek', consent: { deepseek: 'v1' } })).c;
    await lenient.fetchSuggestion(ctx(INTERNAL), signal());
    expect(lenient.modelAllowed(deepseek)).toBe(true);
    expect(completions().at(-1)).toMatchObject({ model: 'deepseek' });
  } finally {
    svc.policy = undefined;
  }
});

test('a classified document: never sent to a model that refuses classified text; such models cannot be chosen', async () => {
  const { c } = await setup({ model: 'deepseek', consent: { deepseek: 'v1' } });
  await expectCode(c.fetchSuggestion(ctx(SECRET), signal()), 'classified_blocked');
  expect(completions()).toHaveLength(0);
  expect(c.snapshot.classification).toEqual({ marking: '秘密' });
  const deepseek = MODELS[2]!;
  expect(c.modelAllowed(deepseek)).toBe(false);
  expect(c.modelAllowed(MODELS[1]!)).toBe(true);
  await c.selectModel('deepseek');
  expect(c.snapshot.consentPrompt).toBeNull();
  // the local model accepts classified text: allowed, and the marking travels so the server can check too
  await c.selectModel('ollama');
  await c.acceptConsent();
  await c.fetchSuggestion(ctx(SECRET), signal());
  expect(completions()[0]).toMatchObject({ model: 'ollama', classification: '秘密' });
  // marking removed from the document → external models come back
  await c.fetchSuggestion(ctx(PLAIN), signal());
  expect(c.snapshot.classification).toBeNull();
});

test('the server finding a marking we missed (classified_blocked) marks the document classified', async () => {
  const { c } = await setup({ model: 'ollama', consent: { ollama: 'v1' } });
  svc.answer = () => [403, { error: { code: 'classified_blocked', message: '涉密' } }];
  await expectCode(c.fetchSuggestion(ctx(PLAIN), signal()), 'classified_blocked');
  expect(c.snapshot.classification).toEqual({ marking: null });
});

test('service down → offline; it comes back → online by itself and the session is asked again', async () => {
  const { c, session } = await setup();
  svc.down = true;
  await expectCode(c.fetchSuggestion(ctx(PLAIN), signal()), 'unreachable');
  expect(c.snapshot.connection).toBe('offline');
  svc.down = false;
  await waitFor(() => c.snapshot.connection === 'online');
  expect(session.calls).toContain('askAgain');
});

test('service down at start → offline with no model list; Retry recovers', async () => {
  svc.down = true;
  const { c } = await setup({}, 60_000);
  expect(c.snapshot.connection).toBe('offline');
  expect(c.snapshot.models).toBeNull();
  svc.down = false;
  await c.retry();
  expect(c.snapshot.connection).toBe('online');
  expect(c.snapshot.models?.map((m) => m.id)).toEqual(['builtin', 'ollama', 'deepseek']);
});

test('a stored model the service no longer offers falls back to built-in', async () => {
  const { c } = await setup({ model: 'gone' });
  expect(c.currentModel().id).toBe('builtin');
  await waitFor(() => c.snapshot.settings.model === 'builtin');
});

test('turning the switch off disables the session; settings are validated before saving', async () => {
  const { c, session, store } = await setup();
  await c.updateSettings({ enabled: false, debounceMs: -5 });
  expect(session.calls).toContain('setEnabled:false');
  expect(validateSettings(store.raw)).toMatchObject({ enabled: false, debounceMs: 150 });
});

async function waitFor(cond: () => boolean, ms = 2000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('one status, always true (issue 31 §4)', () => {
  test('the classified marking is known as soon as the document is read, before any suggestion, and the status names no model it may not go to', async () => {
    const { c } = await setup({ model: 'deepseek', consent: { deepseek: 'v1' } });
    expect(c.answeringModel()?.id).toBe('deepseek');
    c.readDocument(ctx(SECRET));
    expect(c.snapshot.classification).toEqual({ marking: '秘密' });
    expect(svc.requests).toHaveLength(0); // reading the document sends nothing
    expect(c.answeringModel()).toBeNull(); // 模型：暂停 — not "DeepSeek 外部"
    c.readDocument(ctx(PLAIN));
    expect(c.answeringModel()?.id).toBe('deepseek');
  });

  test('a request error stops showing once its cause is gone: another model, consent withdrawn', async () => {
    const { c, session } = await setup({ model: 'deepseek', consent: { deepseek: 'v1' } });
    svc.answer = () => [502, { error: { code: 'upstream_error', message: 'the model server failed' } }];
    await expectCode(c.fetchSuggestion(ctx(PLAIN), signal()), 'upstream_error');
    session.emit({ kind: 'error', code: 'upstream_error', version: 1, context: ctx(PLAIN) });
    expect(c.requestErrorApplies()).toBe(true);
    // 撤回: consent for the model that failed is gone, so its failure says nothing any more
    await c.withdrawConsent('deepseek');
    expect(c.requestErrorApplies()).toBe(false);

    const again = await setup({ model: 'deepseek', consent: { deepseek: 'v1' } });
    await expectCode(again.c.fetchSuggestion(ctx(PLAIN), signal()), 'upstream_error');
    expect(again.c.requestErrorApplies()).toBe(true);
    await again.c.useBuiltin();
    expect(again.c.requestErrorApplies()).toBe(false);
  });
});
