// The lite pane's view: the full pane's suggestion card, switch, status line, settings (model with
// residency, length, language, consents) and consent view, drawn with plain DOM from the same PaneController
// snapshot and with the same data-testids, so the same end-to-end scenarios drive both panes.
import type { ModelInfo, Residency } from '../core/protocol';
import type { UiLanguage } from '../core/settings';
import type { PaneController, PaneSnapshot } from '../taskpane/PaneController';
import { consentLine, noticeLabel } from '../taskpane/consentLine';
import { maskedNote } from '../taskpane/maskedNote';
import { currentProblem, problemMessage, type Problem } from '../taskpane/problem';
import { connectionKey, idleKey, modelLine } from '../taskpane/statusLine';
import { keysHint } from '../taskpane/keysHint';
import { h, Part, type Child } from './dom';
import { hasLanguage, loadLanguage, translator, type Translate } from './strings';
import type { LiteReportInput } from './liteReport';

type Tab = 'main' | 'norms' | 'settings';

/** The 规范 tab as the lite norms bundle fills it (issue 26): its panel, which it draws itself, and the count. */
export interface LiteNormsTab {
  panel: HTMLElement;
  count(): string | null;
}

export class LitePane {
  private tab: Tab = 'main';
  private consentFocused = false;
  private norms: LiteNormsTab | null = null;
  /** the keyboard is in the pane (desktop Word keeps it there after a click, office-js #316) */
  private hasKeys = false;
  private back: HTMLElement | null = null;
  private t: Translate;
  private readonly header: Part;
  private readonly body: Part;
  private readonly unsubscribe: () => void;

  /** Settings › 诊断信息 is open */
  private diagOpen = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly c: PaneController,
    /** what the diagnostics report for IT is made of (liteReport.ts, loaded with the view) */
    private readonly report?: () => LiteReportInput,
  ) {
    this.t = translator(c.snapshot.settings.language);
    const pane = h('div', { class: 'bx-pane', 'data-testid': 'banxie-pane', onkeydown: (e) => this.onKeyDown(e as KeyboardEvent) });
    this.header = new Part(h('div', { class: 'bx-header' }));
    this.body = new Part(h('div', { class: 'bx-body' }));
    pane.appendChild(this.header.el);
    pane.appendChild(this.body.el);
    root.appendChild(pane);
    // a click or focus inside the pane gives it the keyboard; the window losing focus (the clerk clicked the
    // document) or focus outside the pane takes it back
    // its own element under the views: redrawing the view between press and release would lose the click
    const back = (this.back = h('div', { class: 'bx-small bx-back', role: 'status', 'data-testid': 'back-to-document' }));
    back.style.display = 'none';
    pane.appendChild(back);
    const keys = (on: boolean) => {
      if (on === this.hasKeys) return;
      this.hasKeys = on;
      back.style.display = on ? '' : 'none';
    };
    const onDown = (e: Event) => keys(!!this.c.snapshot.keyboard?.paneKeepsKeys && root.contains(e.target as Node));
    document.addEventListener('mousedown', onDown, true);
    document.addEventListener('focusin', onDown, true);
    window.addEventListener('blur', () => keys(false));
    this.unsubscribe = c.subscribe((s) => this.render(s));
    this.render(c.snapshot);
  }

  dispose(): void {
    this.unsubscribe();
    while (this.root.firstChild) this.root.removeChild(this.root.firstChild);
  }

  private onKeyDown(e: KeyboardEvent): void {
    // Esc anywhere in the pane dismisses a shown suggestion, as in the full pane.
    if ((e.key === 'Escape' || e.key === 'Esc') && this.c.snapshot.suggestion.kind === 'showing') {
      e.preventDefault();
      void this.c.sessionActions()?.dismiss();
    }
  }

  /** the norms bundle arrived (or changed its count): the tab and the status line show it */
  showNorms(norms: LiteNormsTab): void {
    this.norms = norms;
    this.render(this.c.snapshot);
  }

  private setTab(tab: Tab): void {
    this.tab = tab;
    this.diagOpen = false;
    this.c.clearFlash();
    this.render(this.c.snapshot);
  }

  private render(s: PaneSnapshot): void {
    const lang = s.settings.language;
    const ready = hasLanguage(lang);
    // Chinese until the English strings arrived, then drawn again
    if (!ready) void loadLanguage(lang).then(() => this.render(this.c.snapshot), () => undefined);
    this.t = translator(lang);
    if (this.back) this.back.textContent = this.t('keys.backToDocument');
    (this.root.firstChild as HTMLElement).setAttribute('lang', lang);
    const consent = !!s.consentPrompt;
    if (!consent) this.consentFocused = false;
    const norms = this.norms;
    this.header.draw(`${lang}|${ready}|${consent}|${this.tab}|${!!norms}`, () => this.drawHeader(consent));
    // Each view is drawn again when anything it shows changed; the key is that state, as JSON.
    const diag = this.diagOpen && this.diagView;
    const key = JSON.stringify([this.tab, s, this.c.currentModel(), this.c.serviceUrl(), ready, !!diag, norms && norms.count()]);
    this.body.draw(key, () =>
      s.consentPrompt ? this.drawConsent(s)
      : this.tab === 'main' ? this.drawMain(s)
      : this.tab === 'norms' && norms ? h('div', { role: 'tabpanel' }, norms.panel)
      : diag && this.report ? diag.drawDiagnostics(lang, diag.liteReport(this.report()), () => this.openDiagnostics(false))
      : this.drawSettings(s));
  }

  // ---- header and tabs ------------------------------------------------------------------------

  private drawHeader(consent: boolean): Child[] {
    const t = this.t;
    const tab = (value: Tab): HTMLElement =>
      h(
        'button',
        { type: 'button', role: 'tab', class: `bx-tab${this.tab === value ? ' bx-tab-selected' : ''}`, 'aria-selected': String(this.tab === value), 'data-testid': `tab-${value}`, onclick: () => this.setTab(value) },
        t(`app.tabs.${value}`),
      );
    return [
      h('h1', { class: 'bx-title' }, t('app.title')),
      !consent && h('div', { class: 'bx-tabs', role: 'tablist', 'aria-label': t('app.tabs.label') }, tab('main'), this.norms && tab('norms'), tab('settings')),
    ];
  }

  // ---- main view ------------------------------------------------------------------------------

  private drawMain(s: PaneSnapshot): Child[] {
    const t = this.t;
    const problem = currentProblem(s, this.c);
    const sw = h('input', {
      type: 'checkbox',
      role: 'switch',
      class: 'bx-switch-input',
      id: 'bx-enabled',
      checked: s.settings.enabled,
      'data-testid': 'enabled-switch',
      onclick: () => void this.c.updateSettings({ enabled: !s.settings.enabled }),
    });
    return [
      h('div', { role: 'tabpanel', class: 'bx-stack' },
        h('label', { class: 'bx-switch', for: 'bx-enabled' }, sw, h('span', { class: 'bx-switch-track', 'aria-hidden': 'true' }, h('span', { class: 'bx-switch-thumb' })), h('span', {}, t('toggle.label'))),
        problem && this.drawProblem(problem, s),
        !problem && s.modelFallback && h('div', { class: 'bx-bar', role: 'group', 'data-testid': 'model-fallback' },
          h('strong', {}, this.t('error.upstream_unavailable.title')), ' ', this.t('error.upstream_unavailable.fallback')),
        this.drawCard(s),
        this.drawStatus(s),
      ),
    ];
  }

  private drawProblem(problem: Problem, s: PaneSnapshot): HTMLElement {
    const t = this.t;
    const c = this.c;
    const { title, body, intent } = problemMessage(problem, s, c, t);
    return h('div', { class: `bx-bar bx-bar-${intent}`, role: 'group', 'data-testid': `problem-${problem.key}` },
      h('div', {}, h('strong', {}, title), ' ', body),
      h('div', { class: 'bx-actions' },
        (problem.key === 'unreachable' || problem.key === 'signon') && button(t('error.retry'), 'problem-retry', () => void c.retry()),
        problem.key === 'consent_required' && button(t('error.readNotice'), 'problem-read-notice', () => c.showConsentFor(), true),
        (problem.key === 'consent_required' || problem.key === 'classified_blocked') && button(t('error.useBuiltin'), 'problem-use-builtin', () => void c.useBuiltin()),
      ),
    );
  }

  private drawCard(s: PaneSnapshot): HTMLElement {
    const t = this.t;
    const st = s.suggestion;
    const showing = st.kind === 'showing' ? st : null;
    const session = this.c.sessionActions();
    let body: HTMLElement;
    if (showing) body = h('div', { class: 'bx-text', 'data-testid': 'suggestion-text', lang: 'zh-CN' }, withParagraphMarks(showing.text, t));
    else if (st.kind === 'requesting') body = h('div', { class: 'bx-muted' }, h('span', { class: 'bx-spinner', 'aria-hidden': 'true' }), t('suggestion.requesting'));
    else if (st.kind === 'debouncing') body = h('div', { class: 'bx-muted' }, t('suggestion.debouncing'));
    else if (st.kind === 'disabled') body = h('div', { class: 'bx-muted' }, t('suggestion.disabled'));
    else body = h('div', { class: 'bx-muted' }, t(idleKey(s, this.c)));
    // Trident's Word is pane-only: say why, from the session's InlinePolicy, as the full pane does.
    const reason = s.inlinePolicy?.reason;
    const onKeyDown = (e: Event): void => {
      const k = e as KeyboardEvent;
      if (!showing || k.target !== k.currentTarget) return;
      if (k.key === 'Tab' && !k.shiftKey && !k.ctrlKey && !k.altKey) {
        k.preventDefault();
        void this.c.accept('all');
      } else if ((k.key === 'ArrowRight' || k.key === 'Right') && (k.ctrlKey || k.metaKey)) {
        k.preventDefault();
        void this.c.accept('next');
      }
    };
    return h('section', { class: 'bx-card', tabindex: 0, 'aria-label': t('suggestion.regionLabel'), 'aria-describedby': 'bx-keys-hint', 'data-testid': 'suggestion-card', 'data-state': st.kind, onkeydown: onKeyDown },
      h('div', { 'aria-live': 'polite' }, body),
      st.kind !== 'disabled' && h('div', { class: 'bx-small bx-muted', 'data-testid': 'pane-only-note' }, reason ? t('suggestion.paneOnlyReason', { reason: t(reason) }) : t('suggestion.paneOnly')),
      h('div', { class: 'bx-small bx-muted', id: 'bx-keys-hint', 'data-testid': 'keys-hint' }, keysHint(s.keyboard, t).map((line) => h('div', {}, line))),
      h('div', { class: 'bx-actions', role: 'toolbar', 'aria-label': t('suggestion.toolbarLabel') },
        button(t('suggestion.accept'), 'suggestion-accept', () => void this.c.accept('all'), true, !showing),
        button(t('suggestion.acceptNext'), 'suggestion-accept-next', () => void this.c.accept('next'), false, !showing),
        button(t('suggestion.dismiss'), 'suggestion-dismiss', () => void session?.dismiss(), false, !showing),
        button(t('suggestion.askAgain'), 'suggestion-ask-again', () => void session?.askAgain(), false, st.kind === 'disabled'),
      ),
    );
  }

  private drawStatus(s: PaneSnapshot): HTMLElement {
    const t = this.t;
    const c = this.c;
    const { text, model } = modelLine(c, t);
    const masked = maskedNote(s.masked, t, s.settings.language);
    return h('div', { class: 'bx-status', role: 'status', 'aria-label': t('status.label'), 'data-testid': 'status-line' },
      h('div', { class: 'bx-row' }, h('span', { 'data-testid': 'status-model' }, text), model && this.badge(model.residency)),
      model && h('div', { 'data-testid': 'status-consent' }, consentLine(model, s, c, t)),
      h('div', { 'data-testid': 'status-connection', 'data-connection': s.connection }, t(connectionKey(s))),
      masked && h('div', { 'data-testid': 'status-masked', title: masked.title }, masked.text),
      this.norms && this.norms.count() && h('div', { 'data-testid': 'status-norms' }, this.norms.count()),
    );
  }

  private badge(residency: Residency): HTMLElement {
    return h('span', { class: `bx-badge bx-badge-${residency}`, title: this.t(`status.residencyHint.${residency}`), tabindex: 0, 'data-testid': `residency-${residency}` }, this.t(`status.residency.${residency}`));
  }

  // ---- settings view --------------------------------------------------------------------------

  private drawSettings(s: PaneSnapshot): Child[] {
    const t = this.t;
    const c = this.c;
    const radio = (name: string, value: string, checked: boolean, label: Child | Child[], testid: string, onPick: () => void, disabled = false): HTMLElement => {
      const id = `bx-${name}-${value}`;
      return h('div', { class: `bx-radio${disabled ? ' bx-disabled' : ''}` },
        h('input', { type: 'radio', name: `bx-${name}`, id, value, checked, disabled, 'data-testid': testid, onclick: () => !disabled && onPick() }),
        h('label', { for: id }, label),
      );
    };
    const models: Child = !s.models
      ? h('p', {}, t(s.connection === 'offline' ? 'settings.model.loadFailed' : 'settings.model.loading'))
      : h('fieldset', { class: 'bx-fieldset', 'data-testid': 'model-list' },
          h('legend', {}, t('settings.model.legend')),
          s.classification && h('div', { class: 'bx-bar bx-bar-warning', 'data-testid': 'classified-note' }, t('settings.model.classifiedNote')),
          s.models.map((m) => {
            const allowed = c.modelAllowed(m);
            return radio('model', m.id, c.currentModel().id === m.id, this.modelLabel(m, allowed), `model-${m.id}`, () => void c.selectModel(m.id), !allowed);
          }),
        );
    const consents = Object.keys(s.settings.consent);
    const labelOf = (id: string): string => s.models?.filter((m) => m.id === id)[0]?.label ?? id;
    const languages: UiLanguage[] = ['zh-CN', 'en'];
    return [
      h('div', { role: 'tabpanel', class: 'bx-stack bx-settings', 'data-testid': 'settings-view' },
        models,
        h('fieldset', { class: 'bx-fieldset' },
          h('legend', {}, t('settings.length.legend')),
          h('div', { class: 'bx-row' }, (['short', 'medium', 'long'] as const).map((l) => radio('length', l, s.settings.length === l, t(`settings.length.${l}`), `length-${l}`, () => void c.updateSettings({ length: l })))),
        ),
        h('div', { class: 'bx-field' },
          h('label', { for: 'bx-language' }, t('settings.language.label')),
          h('select', { id: 'bx-language', class: 'bx-select', 'data-testid': 'language', onchange: (e) => void c.updateSettings({ language: (e.target as HTMLSelectElement).value as UiLanguage }) },
            languages.map((l) => h('option', { value: l, lang: l, selected: s.settings.language === l }, t(`settings.language.${l}`))),
          ),
        ),
        h('fieldset', { class: 'bx-fieldset', 'data-testid': 'consent-list' },
          h('legend', {}, t('settings.consent.legend')),
          consents.length === 0 && h('div', { class: 'bx-small bx-muted' }, t('settings.consent.none')),
          consents.map((id) =>
            h('div', { class: 'bx-row bx-between' },
              h('span', {}, t('settings.consent.item', { model: labelOf(id), version: s.settings.consent[id] ?? '' })),
              h('button', { type: 'button', class: 'bx-btn', 'data-testid': `withdraw-${id}`, 'aria-label': t('settings.consent.withdrawLabel', { model: labelOf(id) }), onclick: () => void c.withdrawConsent(id) }, t('settings.consent.withdraw')),
            ),
          ),
          s.flash && h('div', { role: 'status', class: 'bx-small bx-muted', 'data-testid': 'flash' }, t(s.flash)),
        ),
        this.report && button(t('settings.diagnosticsLink'), 'open-diagnostics', () => this.openDiagnostics(true)),
      ),
    ];
  }

  private openDiagnostics(open: boolean): void {
    this.diagOpen = open;
    if (open && !this.diagView) {
      void import(/* webpackChunkName: "lite-diagnostics" */ './diagnosticsView').then((m) => {
        this.diagView = m;
        this.render(this.c.snapshot);
      }, () => undefined);
    }
    this.render(this.c.snapshot);
  }

  /** Settings › 诊断信息, drawn by a module loaded when first opened */
  private diagView: typeof import('./diagnosticsView') | null = null;

  private modelLabel(m: ModelInfo, allowed: boolean): Child[] {
    const t = this.t;
    return [
      h('span', { class: 'bx-row' }, h('span', {}, m.label), this.badge(m.residency)),
      m.description && h('span', { class: 'bx-small bx-muted bx-block' }, m.description),
      !allowed
        ? h('span', { class: 'bx-small bx-muted bx-block' }, t('settings.model.disabledClassified'))
        : m.needsConsent && h('span', { class: 'bx-small bx-muted bx-block' }, t('settings.model.needsConsent')),
    ];
  }

  // ---- consent view ---------------------------------------------------------------------------

  private drawConsent(s: PaneSnapshot): Child[] {
    const t = this.t;
    const c = this.c;
    const prompt = s.consentPrompt!;
    const lang = s.settings.language === 'en' ? 'en' : 'zh-CN';
    const heading = h('h2', { class: 'bx-h2', id: 'bx-consent-heading', tabindex: -1 }, t('consent.heading'));
    // Move focus to the notice when it first appears so a screen reader announces it, as the full pane does.
    if (!this.consentFocused) setTimeout(() => heading.focus(), 0);
    this.consentFocused = true;
    return [
      h('section', { class: 'bx-stack', role: 'region', 'aria-labelledby': 'bx-consent-heading', 'data-testid': 'consent-view' },
        heading,
        prompt.changed && h('div', { class: 'bx-bar bx-bar-info', 'data-testid': 'consent-changed' }, t('consent.changed')),
        h('div', {}, t('consent.intro', { model: prompt.model.label, residency: t(`status.residency.${prompt.model.residency}`) }), ' ', this.badge(prompt.model.residency)),
        s.notice
          ? [
              h('div', { class: 'bx-notice', tabindex: 0, role: 'document', 'aria-label': t('consent.noticeLabel'), 'data-testid': 'consent-notice', lang }, s.notice.text[lang]),
              noticeLabel(s.notice.version) && h('div', { class: 'bx-small bx-muted', 'data-testid': 'consent-version' }, t('consent.version', { version: noticeLabel(s.notice.version) })),
            ]
          : h('div', {}, t(s.connection === 'connecting' ? 'consent.loading' : 'consent.loadFailed')),
        h('div', { class: 'bx-actions' },
          button(t('consent.accept'), 'consent-accept', () => void c.acceptConsent(), true, !s.notice, true),
          button(t('consent.decline'), 'consent-decline', () => void c.declineConsent(), false, false, true),
        ),
      ),
    ];
  }
}

/** Fluent's small button by default; `medium` for a view's main decision (the consent view). */
function button(label: string, testid: string, onclick: () => void, primary = false, disabled = false, medium = false): HTMLElement {
  const cls = `bx-btn${primary ? ' bx-btn-primary' : ''}${medium ? ' bx-btn-medium' : ''}`;
  return h('button', { type: 'button', class: cls, 'data-testid': testid, disabled, onclick }, label);
}

/** A suggestion that starts a new paragraph says so in words (（另起一段）), not with a mark clerks do not read. */
function withParagraphMarks(text: string, t: Translate): Child[] {
  const out: Child[] = [];
  text.split('\n').forEach((part, i) => {
    if (i > 0) out.push(h('span', { class: 'bx-muted' }, t('suggestion.newParagraph') + '\n'));
    out.push(part);
  });
  return out;
}
