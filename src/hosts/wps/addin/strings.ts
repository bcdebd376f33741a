// Ribbon texts of the WPS add-in page, by i18n key. The ribbon page does not load the task pane's
// i18next bundle (it must stay small and start with WPS), so its few labels live here.

export type RibbonLang = 'zh-CN' | 'en';

const zhCN = {
  'wps.ribbon.showPane': '伴写窗格',
  'wps.ribbon.showPane.tip': '显示或隐藏伴写任务窗格',
  'wps.ribbon.accept': '全部接受',
  'wps.ribbon.accept.tip': '接受灰色建议文字',
  'wps.ribbon.acceptNext': '接受一词',
  'wps.ribbon.acceptNext.tip': '只接受建议的下一个词',
  'wps.ribbon.dismiss': '忽略',
  'wps.ribbon.dismiss.tip': '去掉灰色建议文字',
  'wps.pane.title': '伴写',
  'wps.undo.label': '伴写',
} as const;

export type RibbonKey = keyof typeof zhCN;

const en: Record<RibbonKey, string> = {
  'wps.ribbon.showPane': 'Banxie pane',
  'wps.ribbon.showPane.tip': 'Show or hide the Banxie task pane',
  'wps.ribbon.accept': 'Accept all',
  'wps.ribbon.accept.tip': 'Accept the grey suggestion',
  'wps.ribbon.acceptNext': 'Accept word',
  'wps.ribbon.acceptNext.tip': 'Accept only the next word of the suggestion',
  'wps.ribbon.dismiss': 'Dismiss',
  'wps.ribbon.dismiss.tip': 'Remove the grey suggestion',
  'wps.pane.title': 'Banxie',
  'wps.undo.label': 'Banxie',
};

export const RIBBON_STRINGS: Record<RibbonLang, Record<RibbonKey, string>> = { 'zh-CN': zhCN, en };

/** zh-CN unless the page's language is something else that we have (English) */
export function ribbonLang(navLang: string | undefined): RibbonLang {
  return navLang && !navLang.toLowerCase().startsWith('zh') && navLang.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

export function rt(lang: RibbonLang, key: RibbonKey): string {
  return RIBBON_STRINGS[lang][key];
}
