// Settings schema: defaults, per-field validation, admin lock, consent rules, and both stores.
import fc from 'fast-check';
import {
  DEFAULT_SETTINGS,
  MemorySettingsStore,
  effectiveServiceUrl,
  hasConsent,
  maxCharsFor,
  validateSettings,
  withConsent,
  withoutConsent,
} from '../../../src/core/settings';
import { LocalStorageSettingsStore, RoamingSettingsStore, SETTINGS_KEY, type StorageLike } from '../../../src/taskpane/settingsStores';

class MapStorage implements StorageLike {
  m = new Map<string, string>();
  getItem(k: string): string | null {
    return this.m.has(k) ? (this.m.get(k) as string) : null;
  }
  setItem(k: string, v: string): void {
    this.m.set(k, v);
  }
}

test('nothing stored → defaults: zh-CN, built-in model, enabled, same-origin service', () => {
  const s = validateSettings(undefined);
  expect(s).toEqual(DEFAULT_SETTINGS);
  expect(s.language).toBe('zh-CN');
  expect(s.model).toBe('builtin');
});

test('one bad field falls back alone; the rest, including consent, survive', () => {
  const s = validateSettings({ language: 'fr', model: 'deepseek', debounceMs: 'soon', consent: { deepseek: 'v2', bad: 3 }, length: 'long' });
  expect(s.language).toBe('zh-CN');
  expect(s.debounceMs).toBe(DEFAULT_SETTINGS.debounceMs);
  expect(s.model).toBe('deepseek');
  expect(s.length).toBe('long');
  expect(s.consent).toEqual({ deepseek: 'v2' });
});

test('delay is clamped into range; service URL must be http(s) without credentials', () => {
  expect(validateSettings({ debounceMs: 5 }).debounceMs).toBe(150);
  expect(validateSettings({ debounceMs: 1e9 }).debounceMs).toBe(3000);
  expect(validateSettings({ serviceUrl: 'javascript:alert(1)' }).serviceUrl).toBe('');
  expect(validateSettings({ serviceUrl: 'https://u:p@host' }).serviceUrl).toBe('');
  expect(validateSettings({ serviceUrl: ' https://banxie.gov.local:8443 ' }).serviceUrl).toBe('https://banxie.gov.local:8443');
});

test('a locked admin service URL wins over the stored one; an unlocked one is only a default', () => {
  const locked = { serviceUrl: 'https://it', serviceUrlLocked: true };
  expect(validateSettings({ serviceUrl: 'http://mine' }, locked).serviceUrl).toBe('https://it');
  expect(effectiveServiceUrl({ serviceUrl: 'http://mine' }, locked)).toBe('https://it');
  expect(validateSettings({ serviceUrl: 'http://mine' }, { serviceUrl: 'https://it' }).serviceUrl).toBe('http://mine');
  expect(effectiveServiceUrl({ serviceUrl: 'http://mine' }, { serviceUrl: 'https://it' })).toBe('http://mine');
  // nothing chosen: the deployment's default, else the pane's own origin
  expect(effectiveServiceUrl({ serviceUrl: '' }, { serviceUrl: 'https://it' })).toBe('https://it');
  expect(effectiveServiceUrl({ serviceUrl: '' })).toBe('');
});

test('length maps to maxChars, short < medium < long', () => {
  const [a, b, c] = (['short', 'medium', 'long'] as const).map((length) => maxCharsFor({ length }));
  expect(a).toBeLessThan(b);
  expect(b).toBeLessThan(c);
});

test('consent holds only for the notice version accepted; a new version asks again', () => {
  const s = withConsent(DEFAULT_SETTINGS, 'deepseek', 'v1');
  expect(hasConsent(s, 'deepseek', 'v1')).toBe(true);
  expect(hasConsent(s, 'deepseek', 'v2')).toBe(false);
  expect(hasConsent(s, 'qwen', 'v1')).toBe(false);
  expect(hasConsent(s, 'deepseek', null)).toBe(false);
});

test('withdrawing consent for the model in use returns to the built-in model', () => {
  const s = { ...withConsent(withConsent(DEFAULT_SETTINGS, 'deepseek', 'v1'), 'qwen', 'v1'), model: 'deepseek' };
  const w = withoutConsent(s, 'deepseek');
  expect(w.model).toBe('builtin');
  expect(w.consent).toEqual({ qwen: 'v1' });
  // withdrawing for another model leaves the current one alone
  expect(withoutConsent(s, 'qwen').model).toBe('deepseek');
});

test('property: whatever is stored, validation yields settings that validate to themselves', () => {
  fc.assert(
    fc.property(fc.anything(), (raw) => {
      const s = validateSettings(raw);
      expect(validateSettings(JSON.parse(JSON.stringify(s)))).toEqual(s);
      expect(['zh-CN', 'en']).toContain(s.language);
    }),
  );
});

test('LocalStorageSettingsStore round-trips, and corrupt or throwing storage gives defaults', async () => {
  const storage = new MapStorage();
  const store = new LocalStorageSettingsStore(SETTINGS_KEY, { storage });
  await store.save({ ...DEFAULT_SETTINGS, language: 'en', model: 'qwen', consent: { qwen: 'v3' } });
  expect(await store.load()).toMatchObject({ language: 'en', model: 'qwen', consent: { qwen: 'v3' } });

  storage.setItem(SETTINGS_KEY, '{not json');
  expect(await store.load()).toEqual(DEFAULT_SETTINGS);

  const throwing: StorageLike = {
    getItem: () => {
      throw new Error('SecurityError');
    },
    setItem: () => {
      throw new Error('QuotaExceeded');
    },
  };
  const t = new LocalStorageSettingsStore(SETTINGS_KEY, { storage: throwing });
  expect(await t.load()).toEqual(DEFAULT_SETTINGS);
  await expect(t.save(DEFAULT_SETTINGS)).resolves.toBeUndefined();
});

test('RoamingSettingsStore writes through set + saveAsync and reads back', async () => {
  const bag = new Map<string, unknown>();
  let saves = 0;
  const roaming = {
    get: (k: string) => bag.get(k),
    set: (k: string, v: unknown) => void bag.set(k, v),
    saveAsync: (cb?: (r: { status: unknown }) => void) => {
      saves++;
      setTimeout(() => cb?.({ status: 'succeeded' }), 0);
    },
  };
  const store = new RoamingSettingsStore(roaming, {});
  expect(await store.load()).toEqual(DEFAULT_SETTINGS);
  await store.save({ ...DEFAULT_SETTINGS, display: 'paneOnly' });
  expect(saves).toBe(1);
  expect((await store.load()).display).toBe('paneOnly');
  bag.set(SETTINGS_KEY, 42);
  expect(await store.load()).toEqual(DEFAULT_SETTINGS);
});

test('MemorySettingsStore keeps a copy, not a reference', async () => {
  const m = new MemorySettingsStore();
  const s = { ...DEFAULT_SETTINGS, consent: { a: '1' } };
  await m.save(s);
  s.consent.a = '2';
  expect((await m.load()).consent.a).toBe('1');
});

test('stores apply the admin lock on load', async () => {
  const storage = new MapStorage();
  storage.setItem('k', JSON.stringify({ serviceUrl: 'http://mine' }));
  const store = new LocalStorageSettingsStore('k', { storage, admin: { serviceUrl: 'https://it', serviceUrlLocked: true } });
  expect((await store.load()).serviceUrl).toBe('https://it');
});

test('selfCheckLimit (issue 16 §1): default 2, kept within 1–10, junk falls back to the default', () => {
  expect(DEFAULT_SETTINGS.selfCheckLimit).toBe(2);
  expect(validateSettings({ selfCheckLimit: 4 }).selfCheckLimit).toBe(4);
  expect(validateSettings({ selfCheckLimit: 0 }).selfCheckLimit).toBe(1);
  expect(validateSettings({ selfCheckLimit: 99 }).selfCheckLimit).toBe(10);
  expect(validateSettings({ selfCheckLimit: 2.6 }).selfCheckLimit).toBe(3);
  expect(validateSettings({ selfCheckLimit: 'often' }).selfCheckLimit).toBe(2);
  expect(validateSettings({ selfCheckLimit: Number.NaN, model: 'm1' })).toMatchObject({ selfCheckLimit: 2, model: 'm1' });
});
