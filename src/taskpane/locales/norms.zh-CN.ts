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
  gone: '文档已改动，未找到这段文字；已重新检查',
  more: '另有 {{n}} 条未列出',
};

export default normsZhCN;
