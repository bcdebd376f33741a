// Both languages carry exactly the same keys, no empty strings, the same {{placeholders}}; and every key the
// pane's source uses with t('...') exists — so no user ever sees a raw key.
import fs from 'node:fs';
import path from 'node:path';
import { createI18n, loadEnglish, zhResources } from '../../../src/taskpane/i18n';

function flatten(o: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(o)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v as object, key)) out.set(kk, vv);
  }
  return out;
}

const zh = flatten(zhResources.translation);
let enFlat = new Map<string, string>();
let english: { translation: object };
beforeAll(async () => {
  english = await loadEnglish();
  enFlat = flatten(english.translation);
});
const placeholders = (s: string): string[] => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();

test('zh-CN and en have the same key set', () => {
  expect([...enFlat.keys()].sort()).toEqual([...zh.keys()].sort());
});

test('no empty strings; placeholders agree between languages', () => {
  for (const [k, v] of zh) {
    expect(v.trim()).not.toBe('');
    expect([k, placeholders(enFlat.get(k) ?? '')]).toEqual([k, placeholders(v)]);
  }
});

test('the zh-CN strings are Chinese and the en strings are not (catches a copy-paste into the wrong file)', () => {
  const han = /\p{Script=Han}/u;
  const exempt = new Set(['settings.language.zh-CN', 'settings.language.en']);
  for (const [k, v] of zh) if (!exempt.has(k) && !/^\{\{/.test(v)) expect([k, han.test(v)]).toEqual([k, true]);
  for (const [k, v] of enFlat) if (!exempt.has(k)) expect([k, han.test(v)]).toEqual([k, false]);
});

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'locales' ? [] : sourceFiles(p);
    return /\.tsx?$/.test(d.name) ? [p] : [];
  });
}

test('every literal key used in the pane source exists in zh-CN', () => {
  const used = new Set<string>();
  for (const f of sourceFiles(path.resolve(__dirname, '../../../src/taskpane'))) {
    const src = fs.readFileSync(f, 'utf8');
    for (const m of src.matchAll(/\bt\(\s*'([a-zA-Z_.-]+)'/g)) used.add(m[1]!);
  }
  expect(used.size).toBeGreaterThan(30);
  const missing = [...used].filter((k) => !zh.has(k));
  expect(missing).toEqual([]);
});

test('createI18n speaks the requested language and falls back to zh-CN', () => {
  expect(createI18n('en', english).t('suggestion.accept')).toBe('Accept');
  expect(createI18n('en').t('suggestion.accept')).toBe('接受'); // English not loaded yet: Chinese, never a raw key
  expect(createI18n('zh-CN').t('suggestion.accept')).toBe('接受');
  expect(createI18n('zh-CN').t('status.residency.external')).toBe('外部');
});

test('every reason a host gives for pane-only mode has words in both languages', () => {
  // the hosts return i18n keys (src/hosts/**): a missing one would show the raw key to the clerk
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) files.push(p);
    }
  };
  walk(path.resolve(__dirname, '../../../src/hosts'));
  const keys = new Set(files.flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/'(host\.[A-Za-z]+)'/g)].map((m) => m[1])));
  expect(keys.size).toBeGreaterThan(5);
  for (const lang of ['zh-CN', 'en'] as const) {
    const i18n = createI18n(lang, english);
    for (const k of keys) expect([lang, k, i18n.exists(k)]).toEqual([lang, k, true]);
  }
});

test('switching to English loads the English strings even when another bundle already added a few English ones (the norms tab does)', async () => {
  const { createI18n, switchLanguage } = await import('../../../src/taskpane/i18n');
  const i18n = createI18n('zh-CN');
  i18n.addResourceBundle('en', 'translation', { norms: { title: 'Format checks' } }, true, false);
  await switchLanguage(i18n, 'en');
  expect(i18n.t('status.connection.online')).toBe('Service connected');
  expect(i18n.t('norms.title')).toBe('Format checks');
});
