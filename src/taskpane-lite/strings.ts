// The lite pane's translations: the full pane's own locale files (one source for both panes), read by a
// twenty-line lookup instead of i18next, which would cost the ES5 bundle more than all its strings.
import type { UiLanguage } from '../core/settings';
import zhCN from '../taskpane/locales/zh-CN';

type Tree = { [key: string]: string | Tree };
// English comes in a chunk of its own when first asked for: Word 2016's clerks read Chinese, and the bytes
// saved pay for the lite pane's 诊断信息 (issue 31 §5; the lite budget, bench/bundle.ts).
const LOCALES: Partial<Record<UiLanguage, Tree>> = { 'zh-CN': zhCN };

export function hasLanguage(language: UiLanguage): boolean {
  return !!LOCALES[language];
}

export function loadLanguage(language: UiLanguage): Promise<void> {
  if (LOCALES[language]) return Promise.resolve();
  return import(/* webpackChunkName: "lite-en" */ '../taskpane/locales/en').then((m) => {
    LOCALES.en = m.default;
  });
}

function lookup(tree: Tree, key: string): string | null {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return null;
    node = node[part];
  }
  return typeof node === 'string' ? node : null;
}

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** i18next's behaviour for what the pane uses: dotted keys, {{name}} placeholders, zh-CN as the fallback. */
export function translator(language: UiLanguage): Translate {
  return (key, vars) => {
    const s = lookup(LOCALES[language] ?? zhCN, key) ?? lookup(zhCN, key) ?? key;
    return s.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (vars && vars[name] !== undefined ? String(vars[name]) : whole));
  };
}
