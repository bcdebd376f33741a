// The lite pane's look: Fluent UI 9's web light theme (its token values, written out) in CSS that
// Internet Explorer 11 understands — no custom properties, no flex gap, no :focus-visible.
const FONT = '"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif';

export const LITE_CSS = `
.bx-pane{box-sizing:border-box;min-width:280px;min-height:100%;padding:12px;font-family:${FONT};font-size:14px;line-height:20px;color:#242424;background:#fff}
.bx-pane *{box-sizing:border-box}
.bx-header{margin-bottom:0}
.bx-tabs{margin-bottom:12px}
.bx-title{margin:10px 0 22px;font-size:16px;line-height:22px;font-weight:bold}
.bx-tabs{margin-left:-10px}
.bx-tab{position:relative;margin:0;padding:6px 10px;border:0;background:transparent;font:inherit;font-size:14px;color:#424242;cursor:pointer}
.bx-tab:hover{color:#242424}
.bx-tab-selected{font-weight:bold;color:#242424}
.bx-tab-selected:after{content:"";position:absolute;left:10px;right:10px;bottom:0;height:3px;border-radius:2px;background:#0f6cbd}
.bx-pane .bx-stack>*{margin-top:0;margin-bottom:12px}
.bx-pane .bx-settings>*{margin-bottom:20px}
.bx-row{display:-ms-flexbox;display:flex;-ms-flex-align:center;align-items:center;-ms-flex-wrap:wrap;flex-wrap:wrap}
.bx-row>*{margin-right:8px}
.bx-between{-ms-flex-pack:justify;justify-content:space-between;margin-top:4px}
.bx-block{display:block}
.bx-small{font-size:12px;line-height:16px}
.bx-muted{color:#616161}
.bx-back{font-weight:600;color:#8a5a00}
.bx-report{width:100%;box-sizing:border-box;font-family:Consolas,monospace;font-size:11px}
.bx-card{border:1px solid #d1d1d1;border-radius:4px;padding:12px;background:#fff}
.bx-card:focus{outline:2px solid #000;outline-offset:1px}
.bx-card .bx-small{margin-top:4px}
.bx-text{white-space:pre-wrap;word-break:break-all;font-size:16px;line-height:22px;color:#242424;margin-bottom:8px}
.bx-actions{margin-top:8px}
.bx-btn{display:inline-block;min-width:64px;min-height:24px;margin:0 8px 4px 0;padding:3px 8px;border:1px solid #d1d1d1;border-radius:4px;background:#fff;color:#242424;font:inherit;font-size:12px;line-height:16px;cursor:pointer;vertical-align:middle}
.bx-btn:hover{background:#f5f5f5;border-color:#c7c7c7}
.bx-btn:active{background:#e0e0e0}
.bx-btn-medium{min-height:32px;padding:5px 12px;font-size:14px;line-height:20px;font-weight:bold}
.bx-btn-primary{background:#0f6cbd;border-color:transparent;color:#fff}
.bx-btn-primary:hover{background:#115ea3;border-color:transparent}
.bx-btn-primary:active{background:#0c3b5e}
.bx-btn[disabled],.bx-btn[disabled]:hover{background:#f0f0f0;border-color:#e0e0e0;color:#bdbdbd;cursor:default}
.bx-switch{display:-ms-flexbox;display:flex;-ms-flex-align:center;align-items:center;cursor:pointer;position:relative;padding:8px}
.bx-switch-input{position:absolute;left:8px;top:8px;width:40px;height:20px;margin:0;opacity:0;cursor:pointer}
.bx-switch-track{position:relative;display:inline-block;width:40px;height:20px;margin-right:8px;border:1px solid #616161;border-radius:10px;background:#fff}
.bx-switch-thumb{position:absolute;top:2px;left:3px;width:14px;height:14px;border-radius:7px;background:#616161}
.bx-switch-input:checked+.bx-switch-track{background:#0f6cbd;border-color:transparent}
.bx-switch-input:checked+.bx-switch-track .bx-switch-thumb{left:22px;background:#fff}
.bx-switch-input:focus+.bx-switch-track{outline:2px solid #000;outline-offset:1px}
.bx-status{padding-top:8px;border-top:1px solid #e0e0e0;color:#424242;font-size:12px;line-height:16px}
.bx-status>div{margin-bottom:4px;line-height:20px}
.bx-badge{display:inline-block;min-width:20px;height:20px;padding:1px 6px;border:1px solid #e0e0e0;border-radius:10px;background:#f0f0f0;color:#616161;font-size:12px;line-height:16px;font-weight:bold;text-align:center;vertical-align:middle}
.bx-badge-builtin{background:#f1faf1;border-color:#9fd89f;color:#0e700e}
.bx-badge-local{background:#f0f0f0;border-color:#e0e0e0;color:#424242}
.bx-badge-intranet{background:#ebf3fc;border-color:#b4d6fa;color:#115ea3}
.bx-badge-external{background:#fdf3f4;border-color:#eeacb2;color:#b10e1c}
.bx-bar{padding:8px 12px;border:1px solid #e0e0e0;border-radius:4px;background:#fafafa}
.bx-bar .bx-actions{margin-top:8px}
.bx-bar-error{background:#fdf3f4;border-color:#eeacb2}
.bx-bar-warning{background:#fff9f5;border-color:#fdcfb4}
.bx-fieldset{border:0;margin:0;padding:0;min-width:0}
.bx-fieldset legend{padding:0;margin-bottom:8px}
.bx-fieldset .bx-bar{margin-bottom:8px}
.bx-radio{display:-ms-flexbox;display:flex;-ms-flex-align:start;align-items:flex-start;padding:8px}
.bx-radio input{margin:2px 8px 0 0;width:16px;height:16px;accent-color:#0f6cbd;-ms-flex-negative:0;flex-shrink:0}
.bx-radio label{cursor:pointer}
.bx-row .bx-radio{margin-right:4px}
.bx-radio .bx-block{margin-top:2px}
.bx-disabled label{color:#bdbdbd;cursor:default}
.bx-disabled .bx-muted{color:#bdbdbd}
.bx-field label{display:block;margin-bottom:4px}
.bx-select{width:100%;height:32px;padding:0 8px;border:1px solid #d1d1d1;border-bottom-color:#616161;border-radius:4px;background:#fff;font:inherit;color:#242424}
.bx-pane .bx-h2{margin-top:0;font-size:20px;line-height:28px;font-weight:normal;outline:none}
.bx-notice{white-space:pre-wrap;max-height:50vh;overflow-y:auto;border:1px solid #e0e0e0;border-radius:4px;padding:12px;background:#fafafa;line-height:22px}
.bx-spinner{display:inline-block;width:16px;height:16px;margin-right:8px;border:2px solid #e0e0e0;border-top-color:#0f6cbd;border-radius:8px;vertical-align:-3px;animation:bx-spin 1s linear infinite}
@keyframes bx-spin{to{transform:rotate(360deg)}}
`;

/** Adds the stylesheet once per document. */
export function installStyles(doc: Document): void {
  if (doc.getElementById('bx-lite-css')) return;
  const style = doc.createElement('style');
  style.id = 'bx-lite-css';
  style.appendChild(doc.createTextNode(LITE_CSS));
  (doc.head || doc.getElementsByTagName('head')[0]).appendChild(style);
}
