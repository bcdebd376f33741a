// 规范 / Format rules list (components/NormsView), zh-CN: a file of its own so the lite pane does not
// carry strings only the full pane shows. Keys mirror norms.en.ts.
const normsZhCN = {
  heading: '规范提示',
  count: '{{errors}} 处错误，{{advice}} 条建议',
  none: '未发现格式问题',
  error: '错误',
  advice: '建议',
  about: '原文：「{{text}}」',
  clause: '依据：{{clause}}',
  locate: '定位',
  locateLabel: '在文档中选中「{{text}}」',
  fix: '修正',
  fixLabel: '改为「{{text}}」',
  fixDelete: '删去「{{text}}」',
  empty: '（空）',
  off: '规范提示已关闭（可在“设置”中开启）',
  waiting: '正在检查格式…',
  ready: '',
  failed: '无法加载规范检查，请稍后重试',
  gone: '文档已改动，未找到这段文字；已重新检查',
  more: '另有 {{n}} 条未列出',
  settingsHeading: '规范提示',
  settingsEnabled: '检查公文格式（GB/T 9704-2012）',
  settingsAdvice: '显示建议（不只是错误）',
  settingsRules: '逐条开关',
  settingsNote: '检查只在本机进行，不发送任何内容。',
};

export default normsZhCN;
