// The lite pane's Settings › 诊断信息 view, loaded when IT opens it: a chunk of its own with its own words and
// no imports (a module shared with the main bundle would cost it its scope hoisting; the lite budget is 60 KB
// gzipped, bench/bundle.ts). The report: liteReport.ts. IE11 copies what is selected, so the view says how to copy it.
import type { UiLanguage } from '../core/settings';

export { liteReport } from './liteReport';

const WORDS = {
  'zh-CN': ['诊断信息', '供信息技术部门排查问题，不含文档内容、个人信息或令牌。在框里按 Ctrl+A、Ctrl+C 复制，发给信息技术部门。', '返回设置'],
  en: ['Diagnostics', 'For your IT department: no document text, personal data or tokens. In the box press Ctrl+A, then Ctrl+C, and send it to IT.', 'Back to settings'],
};

function el(tag: string, cls: string, text?: string): HTMLElement {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text) e.appendChild(document.createTextNode(text));
  return e;
}

export function drawDiagnostics(language: UiLanguage, report: string, back: () => void): HTMLElement {
  const w = language === 'en' ? WORDS.en : WORDS['zh-CN'];
  const view = el('div', 'bx-stack');
  view.setAttribute('role', 'tabpanel');
  view.setAttribute('data-testid', 'diagnostics-view');
  view.appendChild(el('h2', 'bx-title', w[0]));
  view.appendChild(el('div', 'bx-small bx-muted', w[1]));
  const box = el('textarea', 'bx-report') as HTMLTextAreaElement;
  box.readOnly = true;
  box.rows = 12;
  box.value = report;
  box.setAttribute('data-testid', 'diag-report');
  box.setAttribute('aria-label', w[0]!);
  box.onfocus = () => box.select();
  view.appendChild(box);
  const actions = el('div', 'bx-actions');
  const button = el('button', 'bx-btn', w[2]) as HTMLButtonElement;
  button.type = 'button';
  button.setAttribute('data-testid', 'diag-back');
  button.onclick = back;
  actions.appendChild(button);
  view.appendChild(actions);
  return view;
}
