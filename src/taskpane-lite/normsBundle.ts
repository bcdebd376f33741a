// The lite pane's "norms" bundle (window.banxieNormsLite, ES5 for Internet Explorer 11), loaded when the checks
// are on: the checker, the runner and the 规范 tab's plain-DOM list — message, the text it is about, 定位. No 修正
// here (the lite pane's host has no replaceText). Everything lives in this bundle, so the lite pane's own bundle
// carries only the tab button and the loader (its budget).
import type { DocumentHost } from '../core/DocumentHost';
import { applyFix, checkNorms, searchTarget } from '../norms';
import type { Finding } from '../norms/check';
import type { PaneController } from '../taskpane/PaneController';
import { NormsRunner, type NormsRunnerDeps, type NormsSnapshot } from '../taskpane/NormsRunner';
import normsEn from '../taskpane/locales/norms.en';
import normsZhCN from '../taskpane/locales/norms.zh-CN';
import { h, Part } from './dom';
import type { LitePane } from './LitePane';

type Strings = typeof normsZhCN;

/** the items drawn at most (the count says how many there are) */
const SHOWN_MAX = 100;
const EXCERPT_MAX = 30;

function fill(s: string, vars: Record<string, string | number>): string {
  return s.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (vars[name] !== undefined ? String(vars[name]) : whole));
}

export function attachNorms(opts: { host: DocumentHost; session: NormsRunnerDeps['session']; controller: PaneController; view: LitePane }): () => void {
  const { controller, view } = opts;
  const runner = new NormsRunner({
    host: opts.host,
    session: opts.session,
    load: () => Promise.resolve({ checkNorms, searchTarget, applyFix }),
    settings: () => controller.snapshot.settings.norms,
  });
  const strings = (): { s: Strings; zh: boolean } => {
    const zh = controller.snapshot.settings.language !== 'en';
    return { s: zh ? normsZhCN : normsEn, zh };
  };
  const count = (): string | null => {
    const snap = runner.snapshot;
    if (snap.status !== 'ready') return null;
    const { s, zh } = strings();
    const errors = snap.findings.filter((f) => f.severity === 'error').length;
    return `${s.heading}${zh ? '：' : ': '}${snap.findings.length ? fill(s.count, { errors, advice: snap.findings.length - errors }) : s.none}`;
  };
  const panel = new Part(h('div', { class: 'bx-stack', 'data-testid': 'norms-panel' }));
  const item = (f: Finding, text: string, s: Strings, zh: boolean): HTMLElement => {
    let about = text.slice(f.start, f.end).replace(/\n/g, '⏎');
    if (about.length > EXCERPT_MAX) about = `${about.slice(0, EXCERPT_MAX - 1)}…`;
    about = about || s.empty;
    return h('li', { class: 'bx-card', 'data-rule': f.rule },
      h('div', {}, h('strong', {}, f.severity === 'error' ? s.error : s.advice), ' ', zh ? f.message.zh : f.message.en),
      h('div', { class: 'bx-small' }, fill(s.about, { text: about })),
      runner.locatable(f) && h('button', { type: 'button', class: 'bx-btn', 'data-testid': 'norms-locate', 'aria-label': fill(s.locateLabel, { text: about }),
        onclick: () => void runner.locate(f) }, s.locate),
    );
  };
  let shown: NormsSnapshot | null = null;
  let version = 0;
  const draw = (): void => {
    const snap = runner.snapshot;
    const { s, zh } = strings();
    if (snap !== shown) version++;
    shown = snap;
    panel.draw(`${version}|${zh}`, () => [
      h('div', { class: 'bx-small bx-muted', role: 'status', 'data-testid': 'norms-summary' }, snap.status === 'ready' ? count() : '…'),
      snap.notice && h('div', { class: 'bx-small', role: 'alert', 'data-testid': 'norms-notice' }, s[snap.notice]),
      snap.findings.length > 0 && h('ul', { class: 'bx-stack', 'data-testid': 'norms-list', style: 'list-style:none;margin:0;padding:0' },
        snap.findings.slice(0, SHOWN_MAX).map((f) => item(f, snap.text, s, zh))),
      snap.findings.length > SHOWN_MAX && h('div', { class: 'bx-small' }, fill(s.more, { n: snap.findings.length - SHOWN_MAX })),
    ]);
    view.showNorms({ panel: panel.el, count });
  };
  const stop = runner.subscribe(draw);
  runner.start();
  draw();
  return () => {
    stop();
    runner.dispose();
  };
}
