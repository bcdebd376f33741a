// The full pane's "norms" bundle (its own webpack entry, window.banxieNorms): the checker (src/norms) and the
// 规范 list's strings, pure code and data. Loaded by loadNorms.ts when the checks first run.
import normsEn from './locales/norms.en';
import normsZhCN from './locales/norms.zh-CN';

export { applyFix, checkNorms, RULE_BY_ID, RULES, searchTarget } from '../norms';
export const strings = { 'zh-CN': normsZhCN, en: normsEn };
