// 规范 (issue 26): runs the format checks (src/norms, a bundle of its own, loaded on first use) on the text the
// suggestion session already read — the same change detection as the ghost, no read of its own while the session
// runs — a moment after the text stopped changing, and carries out 定位 and 修正 through the host. Plain
// TypeScript shared by both panes (the lite one compiles it to ES5); nothing here leaves the machine.
import type { DocumentHost } from '../core/DocumentHost';
import type { NormsSettings } from '../core/settings';
import type { SuggestionState } from '../core/session/transition';
import type { Finding, NormsOptions } from '../norms/check';
import type { SearchTarget } from '../norms/locate';
import type { Rule, RuleId } from '../norms/rules';

/** What the lazily loaded norms bundle gives the runner (the full pane's normsBundle.ts; the lite pane's has less). */
export interface NormsChecker {
  checkNorms(text: string, options?: NormsOptions): Finding[];
  searchTarget(text: string, finding: { start: number; end: number }): SearchTarget;
  applyFix(text: string, finding: Pick<Finding, 'start' | 'end' | 'fix'>): string;
  RULES?: readonly Rule[];
  RULE_BY_ID?: Readonly<Record<RuleId, Rule>>;
  /** the 规范 list's strings by language (the full pane's i18n takes them when the bundle arrives) */
  strings?: Record<string, Record<string, string>>;
}

/** 'off': switched off in settings; 'waiting': no text checked yet; 'failed': the checker could not be loaded */
export type NormsStatus = 'off' | 'waiting' | 'ready' | 'failed';

export interface NormsSnapshot {
  status: NormsStatus;
  findings: readonly Finding[];
  /** the text the findings' offsets refer to */
  text: string;
  /** the last 定位/修正 found its text gone (the document changed since the check): an i18n key's tail, or null */
  notice: 'gone' | null;
}

export interface SessionLike {
  readonly state: SuggestionState;
  subscribe(cb: (state: SuggestionState) => void): () => void;
  dismiss(): unknown;
}

export interface NormsRunnerDeps {
  host: DocumentHost;
  session: SessionLike;
  /** the checker bundle (loadNorms.ts in the full pane; the lite pane's bundle carries it) */
  load: () => Promise<NormsChecker>;
  settings: () => NormsSettings;
  /** quiet time after the last change before the checks run, ms (they never run per keystroke) */
  delayMs?: number;
  /** once, when the bundle arrived (the full pane adds its strings to i18n) */
  onLoaded?: (checker: NormsChecker) => void;
}

const EMPTY: readonly Finding[] = [];

export class NormsRunner {
  private snap: NormsSnapshot;
  private readonly listeners: Array<(s: NormsSnapshot) => void> = [];
  private checker: Promise<NormsChecker> | null = null;
  /** the checker once loaded (findings exist only then) */
  private loaded: NormsChecker | null = null;
  /** each finding's search target, worked out when first asked (a long list is drawn a part at a time) */
  private targets = new WeakMap<Finding, SearchTarget>();
  /** the newest text seen and the one the findings belong to */
  private latest: string | null = null;
  private checked: string | null = null;
  private checkedWith: NormsSettings | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private unsubscribe: Array<() => void> = [];
  private disposed = false;

  constructor(private readonly deps: NormsRunnerDeps) {
    this.snap = { status: deps.settings().enabled ? 'waiting' : 'off', findings: EMPTY, text: '', notice: null };
  }

  get snapshot(): NormsSnapshot {
    return this.snap;
  }

  subscribe(cb: (s: NormsSnapshot) => void): () => void {
    this.listeners.push(cb);
    return () => {
      const i = this.listeners.indexOf(cb);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  private set(patch: Partial<NormsSnapshot>): void {
    if (this.disposed) return;
    this.snap = { ...this.snap, ...patch };
    for (const l of this.listeners.slice()) l(this.snap);
  }

  /** whether the host can select / replace text (else the panes hide the buttons) */
  get canLocate(): boolean {
    return typeof this.deps.host.selectText === 'function';
  }

  get canFix(): boolean {
    return typeof this.deps.host.replaceText === 'function';
  }

  start(): void {
    const { session, host } = this.deps;
    this.unsubscribe.push(session.subscribe((state) => this.onSession(state)));
    // with suggestions switched off the session reads nothing: the checks then read after a content change
    this.unsubscribe.push(host.onChange((change) => {
      if (change.kind === 'content' && this.deps.session.state.kind === 'disabled') this.readLater();
    }));
    this.onSession(session.state);
  }

  private onSession(state: SuggestionState): void {
    // suggestions switched off before the session read anything (off at start): the checks read once themselves
    if (state.kind === 'disabled' && this.latest === null && !this.timer) this.readLater();
    const text = state.kind === 'disabled' || !state.context ? null : state.context.text;
    if (text === null || text === this.latest) return;
    this.latest = text;
    this.later(() => this.check());
  }

  private later(fn: () => void): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      fn();
    }, this.deps.delayMs ?? 800);
  }

  private readLater(): void {
    this.later(() => {
      if (!this.deps.settings().enabled) return;
      this.deps.host.readContext().then(
        (ctx) => {
          this.latest = ctx.text;
          this.check();
        },
        () => undefined,
      );
    });
  }

  /** Settings changed: checks off, or the same text checked again under the new rules. */
  settingsChanged(): void {
    const s = this.deps.settings();
    if (!s.enabled) {
      this.checked = null;
      this.set({ status: 'off', findings: EMPTY, notice: null });
      return;
    }
    if (this.snap.status === 'off') this.set({ status: 'waiting' });
    if (this.latest === null && this.deps.session.state.kind === 'disabled') this.readLater();
    else this.check();
  }

  /** the rule table once the bundle is loaded (the settings' switch per rule); loads it when asked */
  rules(): readonly Rule[] | null {
    if (!this.loaded) void this.loadChecker().then(() => this.set({}), () => undefined);
    return this.loaded?.RULES ?? null;
  }

  /** where a finding's rule comes from (GB/T 9704-2012 §…), '' before the bundle is loaded */
  clauseOf(rule: RuleId): string {
    return this.loaded?.RULE_BY_ID?.[rule]?.clause ?? '';
  }

  private loadChecker(): Promise<NormsChecker> {
    if (!this.checker) {
      this.checker = this.deps.load().then((c) => {
        if (!this.loaded) {
          this.loaded = c;
          this.deps.onLoaded?.(c);
        }
        return c;
      });
      // a bundle that failed to load may load on the next try (the network came back)
      this.checker.then(undefined, () => {
        this.checker = null;
      });
    }
    return this.checker;
  }

  /** Checks the newest text unless it was checked under the same settings already. */
  check(): Promise<void> {
    const settings = this.deps.settings();
    const text = this.latest;
    if (!settings.enabled || text === null || (text === this.checked && settings === this.checkedWith)) return Promise.resolve();
    return this.loadChecker().then(
      (c) => {
        // a newer text arrived while the bundle loaded: the newer one is checked (this call's work is still valid)
        if (this.disposed || !this.deps.settings().enabled) return;
        const now = this.latest ?? text;
        const findings = c.checkNorms(now, { advice: settings.advice, disabled: settings.off as NormsOptions['disabled'] });
        this.checked = now;
        this.checkedWith = settings;
        this.set({ status: 'ready', findings, text: now, notice: null });
      },
      () => this.set({ status: 'failed' }),
    );
  }

  /** a ghost's text in the document would be searched too: take it out before 定位 and 修正 */
  private clearGhost(): Promise<unknown> {
    return Promise.resolve(this.deps.session.state.kind === 'showing' ? this.deps.session.dismiss() : undefined);
  }

  private target(finding: Finding): SearchTarget | null {
    if (!this.loaded) return null;
    let t = this.targets.get(finding);
    if (!t) {
      t = this.loaded.searchTarget(this.snap.text, finding);
      this.targets.set(finding, t);
    }
    return t.occurrence < 0 ? null : t;
  }

  private targetOf(finding: Finding): Promise<{ c: NormsChecker; target: SearchTarget } | null> {
    return this.loadChecker().then((c) => {
      const target = this.target(finding);
      return target ? { c, target } : null;
    });
  }

  /** whether 定位 can be offered: a host that selects, and a span a search lands on */
  locatable(finding: Finding): boolean {
    return this.canLocate && this.target(finding) !== null;
  }

  /** whether 修正 can be offered: an exact fix, a host that replaces, a span short enough to search whole */
  fixable(finding: Finding): boolean {
    const t = this.canFix && finding.fix !== undefined ? this.target(finding) : null;
    return t !== null && t.whole;
  }

  /** 定位: select the finding's text in the document */
  locate(finding: Finding): Promise<boolean> {
    const host = this.deps.host;
    if (!host.selectText) return Promise.resolve(false);
    return this.clearGhost()
      .then(() => this.targetOf(finding))
      .then((t) => (t ? host.selectText!(t.target) : false))
      .then((ok) => this.after(ok), () => this.after(false));
  }

  /** 修正: replace the finding's text with its fix in one write; the list is checked again at once */
  fix(finding: Finding): Promise<boolean> {
    const host = this.deps.host;
    if (!host.replaceText || finding.fix === undefined) return Promise.resolve(false);
    const fix = finding.fix;
    const before = this.snap.text;
    let checker: NormsChecker | null = null;
    return this.clearGhost()
      .then(() => this.targetOf(finding))
      .then((t) => {
        if (!t || !t.target.whole) return false;
        checker = t.c;
        return host.replaceText!(t.target, fix);
      })
      .then((ok) => {
        // the document now reads as the fix made it: check that text now, the session's next read confirms it
        if (ok && checker && this.snap.text === before) {
          this.latest = checker.applyFix(before, finding);
          void this.check();
        }
        return this.after(ok);
      }, () => this.after(false));
  }

  private after(ok: boolean): boolean {
    if (!ok) {
      // the text moved on since the check: say so and check what is there now
      this.set({ notice: 'gone' });
      if (this.deps.session.state.kind === 'disabled') this.readLater();
    } else if (this.snap.notice) this.set({ notice: null });
    return ok;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const u of this.unsubscribe) u();
    this.unsubscribe = [];
    this.listeners.length = 0;
  }
}
