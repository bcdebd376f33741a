// 规范 in the pane (issue 26): the checks run on the text the session read, a moment after it stopped changing —
// never per keystroke —, load the checker once and only when they first run, follow the settings (and the
// admin's default until the user chooses), and carry out 定位/修正 through the host.
import fc from 'fast-check';
import type { DocumentHost, HostChange, HostContext, TextTarget } from '../../../src/core/DocumentHost';
import { validateSettings, type NormsSettings } from '../../../src/core/settings';
import type { SuggestionState } from '../../../src/core/session/transition';
import { applyFix, checkNorms, searchTarget } from '../../../src/norms';
import { adminPolicyFromUrl } from '../../../src/taskpane/detectHost';
import { NormsRunner, type NormsChecker } from '../../../src/taskpane/NormsRunner';

const DRAFT = '东川县水利局文件\n东水呈[2025]6号\n东川县水利局关于申请防汛物资资金的请示\n县人民政府：\n一、情况\n三、事项\n妥否,请批示。\n东川县水利局\n2025年4月7日';

/** a session that only holds a state, and a host that records what it was asked */
function setup(opts: { settings?: Partial<NormsSettings>; disabled?: boolean; hostText?: string } = {}) {
  let state: SuggestionState = opts.disabled ? { kind: 'disabled' } as SuggestionState : { kind: 'idle', context: null };
  const subs = new Set<(s: SuggestionState) => void>();
  const session = {
    get state() { return state; },
    subscribe(cb: (s: SuggestionState) => void) { subs.add(cb); return () => subs.delete(cb); },
    dismiss: jest.fn(),
  };
  const disable = () => {
    state = { kind: 'disabled' } as SuggestionState;
    for (const cb of subs) cb(state);
  };
  const setText = (text: string) => {
    state = { kind: 'idle', context: { text, cursor: text.length, selectionEmpty: true } };
    for (const cb of subs) cb(state);
  };
  const changes = new Set<(c: HostChange) => void>();
  let doc = opts.hostText ?? '';
  const host = {
    readContext: jest.fn(async (): Promise<HostContext> => ({ text: doc, cursor: 0, selectionEmpty: true })),
    onChange: (cb: (c: HostChange) => void) => { changes.add(cb); return () => changes.delete(cb); },
    selectText: jest.fn(async (t: TextTarget) => doc.includes(t.needle)),
    replaceText: jest.fn(async (t: TextTarget, r: string) => { if (!doc.includes(t.needle)) return false; doc = doc.replace(t.needle, r); return true; }),
  } as unknown as DocumentHost & { readContext: jest.Mock; selectText: jest.Mock; replaceText: jest.Mock };
  const emit = (c: HostChange) => { for (const cb of changes) cb(c); };
  let settings: NormsSettings = { enabled: true, advice: true, off: [], ...opts.settings };
  const checker: NormsChecker = { checkNorms: jest.fn(checkNorms), searchTarget, applyFix };
  const load = jest.fn(async () => checker);
  const runner = new NormsRunner({ host, session, load, settings: () => settings, delayMs: 500 });
  return {
    runner, host, load, checker, setText, emit, disable,
    setDoc: (t: string) => { doc = t; },
    setSettings: (s: Partial<NormsSettings>) => { settings = { ...settings, ...s }; runner.settingsChanged(); },
  };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

const settle = async () => { await jest.advanceTimersByTimeAsync(600); };

test('checks run once the text stopped changing, not per keystroke, and load the checker once', async () => {
  const { runner, load, checker, setText } = setup();
  runner.start();
  expect(load).not.toHaveBeenCalled();
  for (let i = 1; i <= DRAFT.length; i += 7) {
    setText(DRAFT.slice(0, i));
    await jest.advanceTimersByTimeAsync(100);
  }
  setText(DRAFT);
  expect(checker.checkNorms).not.toHaveBeenCalled();
  await settle();
  expect(checker.checkNorms).toHaveBeenCalledTimes(1);
  expect(load).toHaveBeenCalledTimes(1);
  expect(runner.snapshot.status).toBe('ready');
  expect(runner.snapshot.findings.map((f) => f.rule)).toEqual(['docnumber-brackets', 'ordinal-sequence', 'punctuation-width']);
  // the same text again (a selection change): no new check
  setText(DRAFT);
  await settle();
  expect(checker.checkNorms).toHaveBeenCalledTimes(1);
});

test('off in settings: nothing loaded, nothing checked; advice and single rules follow the settings', async () => {
  const { runner, load, setText, setSettings } = setup({ settings: { enabled: false } });
  runner.start();
  setText(DRAFT);
  await settle();
  expect(load).not.toHaveBeenCalled();
  expect(runner.snapshot.status).toBe('off');
  setSettings({ enabled: true, advice: false });
  await settle();
  expect(runner.snapshot.findings.map((f) => f.rule)).toEqual(['docnumber-brackets', 'ordinal-sequence']);
  setSettings({ off: ['ordinal-sequence'] });
  await settle();
  expect(runner.snapshot.findings.map((f) => f.rule)).toEqual(['docnumber-brackets']);
});

test('with suggestions off the checks read the document themselves after a content change', async () => {
  const { runner, host, emit, setDoc } = setup({ disabled: true, hostText: DRAFT });
  runner.start();
  await settle();
  expect(runner.snapshot.findings).toHaveLength(3);
  setDoc(DRAFT.replace('[2025]', '〔2025〕'));
  emit({ kind: 'selection' });
  await settle();
  expect(runner.snapshot.findings).toHaveLength(3);
  emit({ kind: 'content' });
  await settle();
  expect(runner.snapshot.findings).toHaveLength(2);
  expect(host.readContext).toHaveBeenCalledTimes(2);
});

test('suggestions switched off as the pane starts: the checks read the document once themselves', async () => {
  const { runner, disable } = setup({ hostText: DRAFT });
  runner.start();
  disable();
  await settle();
  expect(runner.snapshot.findings).toHaveLength(3);
});

test('定位 names the finding by its text and occurrence; 修正 writes the fix and the item goes at once', async () => {
  const { runner, host, setText, setDoc } = setup();
  setDoc(DRAFT);
  runner.start();
  setText(DRAFT);
  await settle();
  const [brackets, gap, comma] = runner.snapshot.findings;
  expect(runner.locatable(gap)).toBe(true);
  expect(runner.fixable(gap)).toBe(false); // no exact fix
  expect(runner.fixable(comma)).toBe(true);
  await expect(runner.locate(gap)).resolves.toBe(true);
  expect(host.selectText).toHaveBeenLastCalledWith({ needle: '三、', occurrence: 0, whole: true });
  await expect(runner.fix(brackets)).resolves.toBe(true);
  expect(host.replaceText).toHaveBeenCalledWith(expect.objectContaining({ needle: '[2025]', occurrence: 0 }), '〔2025〕');
  await jest.advanceTimersByTimeAsync(0);
  expect(runner.snapshot.findings.map((f) => f.rule)).toEqual(['ordinal-sequence', 'punctuation-width']);
});

test('a text that is gone when 定位 is pressed says so', async () => {
  const { runner, setText, setDoc } = setup();
  runner.start();
  setText(DRAFT);
  await settle();
  setDoc('');
  await expect(runner.locate(runner.snapshot.findings[0])).resolves.toBe(false);
  expect(runner.snapshot.notice).toBe('gone');
});

test('a checker that failed to load is tried again on the next check', async () => {
  const { runner, load, setText } = setup();
  load.mockRejectedValueOnce(new Error('offline'));
  runner.start();
  setText(DRAFT);
  await settle();
  expect(runner.snapshot.status).toBe('failed');
  setText(`${DRAFT}\n`);
  await settle();
  expect(runner.snapshot.status).toBe('ready');
});

describe('settings: the checks\' switches and the admin\'s default', () => {
  test('defaults: on, with advice, no rule off; the admin\'s ?norms= is the default until the user chooses', () => {
    expect(validateSettings(null).norms).toEqual({ enabled: true, advice: true, off: [] });
    expect(validateSettings(null, { norms: 'errors' }).norms).toEqual({ enabled: true, advice: false, off: [] });
    expect(validateSettings(null, { norms: 'off' }).norms).toEqual({ enabled: false, advice: false, off: [] });
    // the user's own choice wins over the admin's default
    expect(validateSettings({ norms: { enabled: true, advice: true, off: [] } }, { norms: 'off' }).norms.enabled).toBe(true);
    expect(adminPolicyFromUrl('?norms=errors')).toEqual({ norms: 'errors' });
    expect(adminPolicyFromUrl('?norms=bogus')).toEqual({});
  });
  test('anything stored turns into valid switches', () => {
    fc.assert(fc.property(fc.anything(), (raw) => {
      const n = validateSettings({ norms: raw }).norms;
      expect(typeof n.enabled).toBe('boolean');
      expect(typeof n.advice).toBe('boolean');
      expect(n.off.every((id) => /^[a-z][a-z0-9-]{0,40}$/.test(id))).toBe(true);
      expect(new Set(n.off).size).toBe(n.off.length);
    }));
  });
});
