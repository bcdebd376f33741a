// Issue 16 §4, over both simulators: a clerk accepts a model's suggestion and the document's custom
// property AIGC carries the GB 45438-2025 label. The real session, pane controller and host, a real local
// HTTP service (fakeService) playing /v1/models with the policy the server sends (each model's aigcLabel).
import { CompletionClient } from '../../src/core/client/CompletionClient';
import { axiosTransport } from '../../src/core/client/axiosTransport';
import { digestOf } from '../../src/core/digest';
import { parseAigcLabel, AIGC_MAX_LENGTH } from '../../src/core/aigc';
import type { DocumentHost } from '../../src/core/DocumentHost';
import type { CompletionRequest, ModelInfo } from '../../src/core/protocol';
import { SuggestionSession } from '../../src/core/session';
import { DEFAULT_SETTINGS, MemorySettingsStore } from '../../src/core/settings';
import { WordHost } from '../../src/hosts/word/WordHost';
import { WpsHost } from '../../src/hosts/wps/WpsHost';
import { createWordSimulator, type WordSimulation } from '../../src/simulators/word/WordSimulator';
import type { WordVersion } from '../../src/simulators/word/versions';
import { createWpsSimulator } from '../../src/simulators/wps/WpsSimulator';
import { PaneController } from '../../src/taskpane/PaneController';
import { startFakeService, type FakeService } from './taskpane/fakeService';
import { MemoryHost } from './session/MemoryHost';

const PRODUCER = '东江省大数据管理局';
const ANSWER = '各单位要高度重视。';
const USER_PROPS = { 公文编号: '东大数〔2026〕1号', 审核人: '张三', 份数: 12 };

const labelled = (m: ModelInfo): ModelInfo => ({ ...m, aigcLabel: { producer: PRODUCER } });
const BUILTIN: ModelInfo = { id: 'builtin', label: '内置引擎', residency: 'builtin', provider: 'builtin', acceptsClassified: true, needsConsent: false };
const DEEPSEEK: ModelInfo = { id: 'deepseek', label: 'DeepSeek', residency: 'intranet', provider: 'openai-compatible', acceptsClassified: true, needsConsent: false };
const QWEN: ModelInfo = { id: 'qwen', label: '千问', residency: 'intranet', provider: 'openai-compatible', acceptsClassified: true, needsConsent: false };
/** the default policy: every model labelled */
const LABEL_ALL = [labelled(BUILTIN), labelled(DEEPSEEK), labelled(QWEN)];

type Answer = (body: CompletionRequest) => [number, unknown];
const answering = (extra: object = {}): Answer => (body) => [200, { text: ANSWER, model: body.model, finishReason: 'stop', latencyMs: 1, ...extra }];

let services: FakeService[] = [];
afterEach(async () => {
  await Promise.all(services.map((s) => s.close()));
  services = [];
});

interface Doc {
  host: DocumentHost;
  type(text: string): void;
  text(): string;
  props(): Record<string, unknown>;
}

interface DocOptions {
  wordVersion?: WordVersion;
  /** WPS without Document.CustomDocumentProperties */
  noWpsProperties?: boolean;
}

const DOCS: Record<'word' | 'wps', (o: DocOptions) => Doc> = {
  word: (o) => {
    const sim: WordSimulation = createWordSimulator({ version: o.wordVersion ?? '365', customProperties: USER_PROPS });
    sim.user.load('关于开展安全生产检查的通知\n各科室：\n');
    return {
      host: new WordHost({ Word: sim.Word, Office: sim.Office, pollMs: 10 }),
      type: (t) => {
        sim.user.select(sim.text().length);
        sim.user.type(t);
      },
      text: () => sim.text(),
      props: () => sim.customProperties(),
    };
  },
  wps: (o) => {
    const sim = createWpsSimulator({ text: '关于开展安全生产检查的通知\n各科室：\n', customProperties: USER_PROPS, customDocumentProperties: !o.noWpsProperties });
    return {
      host: new WpsHost({ Application: sim.Application, pollMs: 10 }),
      type: (t) => {
        sim.user.select(sim.text().length);
        sim.user.type(t);
      },
      text: () => sim.text(),
      props: () => sim.customProperties(),
    };
  },
};

async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function setup(kind: 'word' | 'wps', models: ModelInfo[], o: DocOptions & { model?: string; inline?: boolean; answer?: Answer } = {}) {
  const svc = await startFakeService(models, { version: 'v1', text: { 'zh-CN': '说明', en: 'Notice' } }, o.answer ?? answering());
  services.push(svc);
  const doc = DOCS[kind](o);
  const store = new MemorySettingsStore({ ...DEFAULT_SETTINGS, model: o.model ?? 'deepseek' });
  const warnings: unknown[][] = [];
  const controller = new PaneController({
    client: new CompletionClient({ transport: axiosTransport, baseUrl: svc.baseUrl, timeoutMs: 3000 }),
    store,
    initialSettings: await store.load(),
    digest: (ctx) => digestOf(ctx),
    warn: (...args) => void warnings.push(args),
  });
  const session = new SuggestionSession({
    host: doc.host,
    fetchSuggestion: controller.fetchSuggestion,
    onAccepted: (a) => controller.labelAccepted(doc.host, a),
    debounceMs: 20,
    inline: o.inline ?? true,
  });
  controller.attachSession(session);
  await controller.init();
  await session.start();
  /** type, wait for the suggestion, then accept it all (or only the next word first) */
  const typeAndAccept = async (typed: string, how: 'all' | 'next-then-all' | 'dismiss' = 'all') => {
    doc.type(typed);
    await waitFor(() => session.state.kind === 'showing');
    if (how === 'dismiss') return session.dismiss();
    if (how === 'next-then-all') await session.acceptNext();
    await session.acceptAll();
    await session.settled();
  };
  const label = () => {
    const keys = Object.keys(doc.props()).filter((k) => k.toLowerCase() === 'aigc');
    return { count: keys.length, raw: keys.length ? doc.props()[keys[0]!] : undefined };
  };
  const done = () => {
    session.dispose();
    controller.dispose();
    doc.host.dispose();
  };
  return { doc, session, controller, typeAndAccept, label, warnings, done };
}

describe.each(['word', 'wps'] as const)('%s', (kind) => {
  test('accepting a model\'s suggestion writes one AIGC property: the label, the model and the count; the user\'s own properties stay', async () => {
    const t = await setup(kind, LABEL_ALL);
    await t.typeAndAccept('现将有关事项通知如下：');
    expect(t.doc.text()).toContain(`现将有关事项通知如下：${ANSWER}`);
    const { count, raw } = t.label();
    expect(count).toBe(1);
    expect(typeof raw).toBe('string');
    expect((raw as string).length).toBeLessThanOrEqual(AIGC_MAX_LENGTH);
    expect(JSON.parse(raw as string)).toEqual({
      Label: '1', ContentProducer: PRODUCER, ProduceID: expect.stringMatching(/^[0-9a-f-]{36}$/),
      ReservedCode1: '', ContentPropagator: '', PropagateID: '', ReservedCode2: '',
      BanxieModels: 'deepseek', BanxieChars: String(ANSWER.length),
    });
    expect(t.doc.props()).toMatchObject(USER_PROPS);
    expect(Object.keys(t.doc.props())).toHaveLength(Object.keys(USER_PROPS).length + 1);
    expect(t.controller.snapshot.aigcLabelled).toBe(true);
    expect(t.warnings).toEqual([]);
    t.done();
  });

  test('later accepts — next word, the rest, another model — update the same property; the content ID stays', async () => {
    const t = await setup(kind, LABEL_ALL);
    await t.typeAndAccept('现将有关事项通知如下：', 'next-then-all');
    const first = parseAigcLabel(t.label().raw)!;
    expect(first.chars).toBe(ANSWER.length);
    await t.controller.selectModel('qwen');
    await t.typeAndAccept('\n二、');
    const l = parseAigcLabel(t.label().raw)!;
    expect(t.label().count).toBe(1);
    expect(l.chars).toBe(2 * ANSWER.length);
    expect(l.models).toEqual(['deepseek', 'qwen']);
    expect(l.fields.ProduceID).toBe(first.fields.ProduceID);
    expect(t.doc.props()).toMatchObject(USER_PROPS);
    t.done();
  });

  test('pane-only: the insert at the cursor is labelled too', async () => {
    const t = await setup(kind, LABEL_ALL, { inline: false });
    await t.typeAndAccept('现将有关事项通知如下：');
    expect(t.doc.text()).toContain(ANSWER);
    expect(parseAigcLabel(t.label().raw)!.chars).toBe(ANSWER.length);
    t.done();
  });

  test('nothing accepted (shown, then dismissed): no property', async () => {
    const t = await setup(kind, LABEL_ALL);
    await t.typeAndAccept('现将有关事项通知如下：', 'dismiss');
    await t.session.settled();
    expect(t.label().count).toBe(0);
    expect(t.doc.props()).toEqual(USER_PROPS);
    t.done();
  });

  test('the admin turned labelling off (no model carries aigcLabel): accepts write nothing', async () => {
    const t = await setup(kind, [BUILTIN, DEEPSEEK, QWEN]);
    await t.typeAndAccept('现将有关事项通知如下：');
    expect(t.doc.text()).toContain(ANSWER);
    expect(t.label().count).toBe(0);
    expect(t.doc.props()).toEqual(USER_PROPS);
    t.done();
  });

  test('built-in engine exempted: its text is not labelled, including a fallback answer from it; the model\'s is', async () => {
    const exempt = [BUILTIN, labelled(DEEPSEEK)];
    const b = await setup(kind, exempt, { model: 'builtin' });
    await b.typeAndAccept('现将有关事项通知如下：');
    expect(b.label().count).toBe(0);
    b.done();
    const fb = await setup(kind, exempt, { answer: answering({ fallback: 'builtin' }) });
    await fb.typeAndAccept('现将有关事项通知如下：');
    expect(fb.doc.text()).toContain(ANSWER);
    expect(fb.label().count).toBe(0);
    fb.done();
    const m = await setup(kind, exempt);
    await m.typeAndAccept('现将有关事项通知如下：');
    expect(parseAigcLabel(m.label().raw)!.models).toEqual(['deepseek']);
    m.done();
  });

  test('a label that cannot be written leaves the accept standing and the session going; the warning holds no document text', async () => {
    const t = await setup(kind, LABEL_ALL);
    t.doc.host.labelAiContent = () => Promise.reject(Object.assign(new Error(`failed near ${ANSWER}`), { code: 'GeneralException' }));
    await t.typeAndAccept('现将有关事项通知如下：');
    expect(t.doc.text()).toContain(`现将有关事项通知如下：${ANSWER}`);
    expect(t.warnings).toHaveLength(1);
    expect(JSON.stringify(t.warnings)).not.toContain(ANSWER);
    expect(JSON.stringify(t.warnings)).toContain('GeneralException');
    expect(t.session.counters.hostErrors).toBe(0);
    await t.typeAndAccept('\n二、'); // and the next suggestion comes and is accepted
    expect(t.session.counters.accepts).toBe(2);
    t.done();
  });
});

test('Word below WordApi 1.3 (no customProperties): labelAiContent writes nothing, calls nothing, throws nothing', async () => {
  // Our manifest asks for WordApi 1.3, so such a Word does not even load the pane; the host still checks.
  const sim = createWordSimulator({ version: '2016-msi', customProperties: USER_PROPS });
  const host = new WordHost({ Word: sim.Word, Office: sim.Office, pollMs: 0 });
  await expect(host.labelAiContent({ model: 'deepseek', chars: 9 }, { producer: PRODUCER })).resolves.toBeUndefined();
  expect(sim.stats.syncs).toBe(0);
  expect(sim.customProperties()).toEqual(USER_PROPS);
  // and the simulator, like Word, refuses the API there
  await expect(sim.Word.run(async (ctx) => {
    ctx.document.properties.customProperties.add('AIGC', '{}');
    await ctx.sync();
  })).rejects.toMatchObject({ code: 'ApiNotFound' });
});

test('Word: the first label costs 2 syncs (read, then write), each later one 1; a pane opened later counts on from what is there', async () => {
  const sim = createWordSimulator({ customProperties: USER_PROPS });
  const host = new WordHost({ Word: sim.Word, Office: sim.Office, pollMs: 0 });
  const syncs = async (h: WordHost, chars: number) => {
    const before = sim.stats.syncs;
    await h.labelAiContent({ model: 'deepseek', chars }, { producer: PRODUCER });
    return sim.stats.syncs - before;
  };
  expect(await syncs(host, 5)).toBe(2);
  expect(await syncs(host, 3)).toBe(1);
  expect(await syncs(host, 2)).toBe(1);
  expect(parseAigcLabel(sim.customProperties().AIGC)!.chars).toBe(10);
  const reopened = new WordHost({ Word: sim.Word, Office: sim.Office, pollMs: 0 });
  expect(await syncs(reopened, 1)).toBe(2);
  expect(parseAigcLabel(sim.customProperties().AIGC)!.chars).toBe(11);
  expect(Object.keys(sim.customProperties()).filter((k) => k.toLowerCase() === 'aigc')).toHaveLength(1);
  expect(sim.stats.undoEntries).toBe(0);
});

test('the desktop Word simulator cuts a property at 255 characters, as documented; Word on the web keeps it whole', async () => {
  const write = async (version: WordVersion) => {
    const sim = createWordSimulator({ version });
    await sim.Word.run(async (ctx) => {
      ctx.document.properties.customProperties.add('Long', 'x'.repeat(300));
      await ctx.sync();
    });
    return (sim.customProperties().Long as string).length;
  };
  expect(await write('2021')).toBe(255);
  expect(await write('web')).toBe(300);
});

test('WPS without CustomDocumentProperties accepts as usual and writes no label, quietly', async () => {
  const t = await setup('wps', LABEL_ALL, { noWpsProperties: true });
  await t.typeAndAccept('现将有关事项通知如下：');
  expect(t.doc.text()).toContain(`现将有关事项通知如下：${ANSWER}`);
  expect(t.warnings).toEqual([]);
  expect(t.session.counters.hostErrors).toBe(0);
  t.done();
});

test('WPS simulator: Item throws on a missing name, Add refuses a name already there, strings stop at 255 (the VBA object model)', () => {
  const sim = createWpsSimulator({ customProperties: USER_PROPS });
  const props = sim.Application.ActiveDocument!.CustomDocumentProperties!;
  expect(() => props.Item('AIGC')).toThrow();
  expect(props.Item('审核人').Value).toBe('张三');
  expect(() => props.Add('审核人', false, 4, '李四')).toThrow();
  props.Add('Long', false, 4, 'x'.repeat(300));
  expect((props.Item('long').Value as string).length).toBe(255);
  expect(props.Count).toBe(Object.keys(USER_PROPS).length + 1);
});

test('a document that already carries our label (an earlier session) is counted on from, in place, with its content ID', async () => {
  const earlier = JSON.stringify({ Label: '1', ContentProducer: PRODUCER, ProduceID: 'earlier-id', ReservedCode1: '', ContentPropagator: '', PropagateID: '', ReservedCode2: '', BanxieModels: 'qwen', BanxieChars: '40' });
  const sim = createWpsSimulator({ text: '通知\n', customProperties: { ...USER_PROPS, AIGC: earlier } });
  const host = new WpsHost({ Application: sim.Application, pollMs: 0 });
  await host.labelAiContent({ model: 'deepseek', chars: 9 }, { producer: PRODUCER });
  const l = parseAigcLabel(sim.customProperties().AIGC)!;
  expect(l).toMatchObject({ chars: 49, models: ['qwen', 'deepseek'] });
  expect(l.fields.ProduceID).toBe('earlier-id');
  expect(Object.keys(sim.customProperties())).toHaveLength(Object.keys(USER_PROPS).length + 1);
  host.dispose();
});

test('the label names the model that wrote what was accepted, even when a later answer ends the same way', async () => {
  // The built-in engine (exempt: no aigcLabel) answered here first, as the service's fallback; then DeepSeek
  // answered one character on with text ending alike. Back where the first answer was, it shows again from
  // the cache: accepting it writes no label — guessing the model from the newest answer ending with the
  // shown text named DeepSeek.
  let n = 0;
  const svc = await startFakeService([BUILTIN, labelled(DEEPSEEK)], { version: 'v1', text: { 'zh-CN': '说明', en: 'Notice' } }, (body) =>
    n++ === 0
      ? [200, { text: '认真落实。', model: 'builtin', fallback: 'builtin', finishReason: 'stop', latencyMs: 1 }]
      : [200, { text: '要认真落实。', model: body.model, finishReason: 'stop', latencyMs: 1 }]);
  services.push(svc);
  const host = new MemoryHost('现将有关事项通知如下：|');
  const labels: unknown[] = [];
  host.labelAiContent = async (accept) => void labels.push(accept);
  const store = new MemorySettingsStore({ ...DEFAULT_SETTINGS, model: 'deepseek' });
  const controller = new PaneController({
    client: new CompletionClient({ transport: axiosTransport, baseUrl: svc.baseUrl, timeoutMs: 3000 }),
    store,
    initialSettings: await store.load(),
    digest: (ctx) => digestOf(ctx),
  });
  const session = new SuggestionSession({ host, fetchSuggestion: controller.fetchSuggestion, onAccepted: (a) => controller.labelAccepted(host, a), debounceMs: 20 });
  controller.attachSession(session);
  try {
  await controller.init();
  await session.start();
  host.type('一');
  await waitFor(() => session.state.kind === 'showing');
  host.type('二');
  await waitFor(() => session.state.kind === 'showing' && session.state.text === '要认真落实。');
  host.backspace();
  await waitFor(() => session.state.kind === 'showing' && session.state.text === '认真落实。');
  await session.acceptAll();
  await session.settled();
  expect(host.show()).toBe('现将有关事项通知如下：一认真落实。|');
  expect(labels).toEqual([]);
  // and DeepSeek's own text is labelled as DeepSeek's
  host.type('\n二、');
  await waitFor(() => session.state.kind === 'showing');
  await session.acceptAll();
  await session.settled();
  expect(labels).toEqual([{ model: 'deepseek', chars: '要认真落实。'.length }]);
  } finally {
    session.dispose();
    controller.dispose();
  }
});
