// 规范 tab states and Settings › 规范提示 (components/NormsPanel), zh-CN: the full pane's only (the lite pane
// does not carry them), shown before the norms bundle with the list's own strings arrives. Keys mirror normsPane.en.ts.
const normsPaneZhCN = {
  off: '规范提示已关闭（可在“设置”中开启）',
  waiting: '正在检查格式…',
  failed: '无法加载规范检查，请稍后重试',
  heading: '规范提示',
  enabled: '检查公文格式（GB/T 9704-2012）',
  advice: '显示建议（不只是错误）',
  rules: '逐条开关',
  note: '检查只在本机进行，不发送任何内容。',
};

export default normsPaneZhCN;
