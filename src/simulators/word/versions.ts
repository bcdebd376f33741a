// Which requirement sets each simulated Word answers `isSetSupported` for.
// Source: https://learn.microsoft.com/javascript/api/requirement-sets/word/word-api-requirement-sets
// and HOST-API-NOTES §3/§7.
//
// Choice for '2016': Word 2016 click-to-run (retail / Microsoft 365 channel builds) reaches
// WordApi 1.3, while Word 2016 MSI 16.0.4266 stops at 1.1 (§3). Our manifest requires
// WordApi 1.3, so an MSI 2016 never even loads the add-in; we still offer '2016-msi' so
// tests can show WordHost refusing to run on it. Volume-licensed 2019/2021 stop at 1.3.

export type WordVersion = '2016-msi' | '2016' | '2021' | '365' | 'web';

const range = (name: string, maxMinor: number): [string, number][] =>
  Array.from({ length: maxMinor }, (_, i) => [name, 1 + (i + 1) / 10] as [string, number]).concat([[name, 1.0]]);

const SETS: Record<WordVersion, [string, number][]> = {
  '2016-msi': [['WordApi', 1.1]],
  '2016': range('WordApi', 3),
  '2021': range('WordApi', 3),
  // Microsoft 365 current channel: WordApi 1.6+ needs 2308 (§3); keyboard shortcuts need
  // SharedRuntime 1.1 and build 2408 (§7). WordApiDesktop is desktop-only.
  '365': [...range('WordApi', 9), ['WordApiDesktop', 1.1], ['WordApiDesktop', 1.2], ['SharedRuntime', 1.1], ['KeyboardShortcuts', 1.1]],
  'web': [...range('WordApi', 9), ['SharedRuntime', 1.1], ['KeyboardShortcuts', 1.1]],
};

export function supportedSets(v: WordVersion): ReadonlyMap<string, number> {
  const m = new Map<string, number>();
  for (const [name, ver] of SETS[v]) m.set(name.toLowerCase(), Math.max(m.get(name.toLowerCase()) ?? 0, ver));
  return m;
}

/** Office.context.requirements.isSetSupported(name, minVersion): version given as "1.3" or 1.3 */
export function isSetSupported(v: WordVersion, name: string, minVersion?: string | number): boolean {
  const have = supportedSets(v).get(name.toLowerCase());
  if (have === undefined) return false;
  if (minVersion === undefined) return true;
  const want = typeof minVersion === 'number' ? minVersion : parseFloat(minVersion);
  return have + 1e-9 >= want;
}

/** per-sync round trip: tens of ms on Windows, hundreds on Mac and web (§4, #4812 #3982) */
export const DEFAULT_SYNC_MS: Record<WordVersion, number> = {
  '2016-msi': 30, '2016': 30, '2021': 25, '365': 20, 'web': 150,
};
