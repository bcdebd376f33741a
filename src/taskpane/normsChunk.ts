// What the "norms" chunk holds: the checker (src/norms) and the 规范 list's strings — pure code and data, no React
// or Fluent: a chunk that shared the pane's components would keep webpack from inlining them into the initial
// bundle (module concatenation stops at a module another chunk imports), which costs more than the chunk saves.
import normsEn from './locales/norms.en';
import normsZhCN from './locales/norms.zh-CN';

export { applyFix, checkNorms, RULE_BY_ID, RULES, searchTarget } from '../norms';
export const strings = { 'zh-CN': normsZhCN, en: normsEn };
