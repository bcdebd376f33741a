// The lite pane's "norms" bundle (window.banxieNormsLite, ES5 for Internet Explorer 11): the checker only — the
// lite pane shows each finding's message from the finding itself and has its own few strings.
export { applyFix, checkNorms, searchTarget } from '../norms';
