// The playground toolbar's own words (the task pane has its own i18n resources).
export type Lang = 'zh-CN' | 'en';

const STRINGS = {
  'zh-CN': {
    title: '伴写 Banxie 试验场',
    host: '宿主',
    word: 'Word（模拟）',
    wps: 'WPS 文字（模拟）',
    version: 'Word 版本',
    sample: '示例文档',
    blank: '空白文档',
    tongzhi: '通知（示例）',
    classified: '涉密文件（示例）',
    reset: '重置',
    save: '保存（Ctrl+S）',
    saved: '已保存：{n} 字，未含提示文字',
    savedWithGhost: '已保存：{n} 字（含提示文字！）',
    hostMissing: '此宿主的模拟器尚未构建。',
    keysInPane: '键盘现在在任务窗格里（与 Word 桌面版相同），打字不会进入文档：请点击文档继续输入。',
    ribbon: '开始 › 伴写',
    ribbonWps: '伴写（WPS 功能区）',
    ribbonAccept: '接受',
    ribbonAcceptNext: '接受下一个词',
    ribbonDismiss: '忽略',
  },
  en: {
    title: 'Banxie playground',
    host: 'Host',
    word: 'Word (simulated)',
    wps: 'WPS Writer (simulated)',
    version: 'Word version',
    sample: 'Sample',
    blank: 'Blank document',
    tongzhi: 'Notice (sample)',
    classified: 'Classified document (sample)',
    reset: 'Reset',
    save: 'Save (Ctrl+S)',
    saved: 'Saved: {n} characters, no suggestion text',
    savedWithGhost: 'Saved: {n} characters (suggestion text included!)',
    hostMissing: 'The simulator for this host is not built yet.',
    keysInPane: 'The keyboard is now in the task pane (as in desktop Word); typing does not reach the document: click the document to type on.',
    ribbon: 'Home › Banxie',
    ribbonWps: 'Banxie (WPS ribbon)',
    ribbonAccept: 'Accept',
    ribbonAcceptNext: 'Accept next word',
    ribbonDismiss: 'Dismiss',
  },
} as const;

export type StringKey = keyof (typeof STRINGS)['zh-CN'];

export function t(lang: Lang, key: StringKey, vars: Record<string, string | number> = {}): string {
  return STRINGS[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}
