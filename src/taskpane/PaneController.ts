// Everything the pane decides that is not drawing: settings, the model list, consent, classification,
// connection, and the fetchSuggestion that SuggestionSession calls. Plain TypeScript so it is tested without React.
import { acceptSuggestion, type AcceptHow } from '../commands/accept';
import { CompletionError, type CompletionClient } from '../core/client/CompletionClient';
import { type CompletionRequest, type CompletionResponse, type ContextDigest, type ModelInfo, type PiiKind, type PrivacyNotice } from '../core/protocol';
import {
  BUILTIN_MODEL,
  effectiveServiceUrl,
  effectiveToken,
  hasConsent,
  maxCharsFor,
  validateSettings,
  withConsent,
  withoutConsent,
  type AdminPolicy,
  type Settings,
  type SettingsStore,
} from '../core/settings';
import type { Accepted, Suggestion, SuggestionState } from '../core/session/transition';
import { digestMarking, mayReceiveMarking, policyOf, STRICT_RECEIVE_POLICY, type ReceivePolicy } from '../core/policy';
import type { InlinePolicy } from '../core/session/inlinePolicy';
import type { DocumentHost, HostCapabilities, HostContext } from '../core/DocumentHost';
import type { KeyboardFacts } from './keysHint';

/** The parts of SuggestionSession the pane drives. */
export interface SessionLike {
  readonly state: SuggestionState;
  subscribe(cb: (state: SuggestionState) => void): () => void;
  acceptAll(): unknown;
  acceptNext(): unknown;
  dismiss(): unknown;
  askAgain(): unknown;
  setEnabled(on: boolean): unknown;
  /** drop cached answers (another model or service answers from now on) */
  forgetAnswers?(): unknown;
}

export type Connection = 'connecting' | 'online' | 'offline';

export interface ConsentPrompt {
  model: ModelInfo;
  /** the user had accepted an older version of the notice */
  changed: boolean;
}

export interface PaneSnapshot {
  settings: Settings;
  /** null until /v1/models answered */
  models: ModelInfo[] | null;
  notice: PrivacyNotice | null;
  connection: Connection;
  /** null = not classified as far as we know; marking null = the server found a marking we did not */
  classification: { marking: string | null } | null;
  /** personal items the service masked, by kind, before sending the last request; null when none */
  masked: Partial<Record<PiiKind, number>> | null;
  consentPrompt: ConsentPrompt | null;
  /** a model the pane is waiting to switch to once its notice arrives */
  suggestion: SuggestionState;
  capabilities: HostCapabilities | null;
  /** whether a suggestion may show inline and why not: the session's one value; null until the host was asked */
  inlinePolicy: InlinePolicy | null;
  /** a one-off confirmation to announce, e.g. 'settings.consent.withdrawn' */
  flash: string | null;
  /** the model was unavailable and the built-in engine gave the last suggestion (the admin allows this) */
  modelFallback: boolean;
  /** accepted model text was labelled in this document's properties (GB 45438-2025) this session */
  aigcLabelled: boolean;
  /** the service refused the pane's identity (HTTP 401: not signed in to the organisation's sign-on, or a
   *  wrong token) until a load succeeds again: the pane says to sign in, not that nothing is there */
  signOnNeeded: boolean;
  /** how the clerk can accept without leaving the document here (keys, ribbon); null until the host said */
  keyboard: KeyboardFacts | null;
}

export interface PaneControllerDeps {
  client: CompletionClient;
  store: SettingsStore;
  initialSettings: Settings;
  admin?: AdminPolicy;
  /** the digest stage: the whole context (body, cursor, page header) → what is sent (wirePane keeps one DigestStage) */
  digest: (ctx: HostContext) => ContextDigest;
  /** called when settings change in a way the session or i18n must follow */
  onSettingsApplied?: (s: Settings, prev: Settings) => void;
  /** ms between health probes while the service is unreachable */
  reconnectMs?: number;
  newRequestId?: () => string;
  /** reports a label that could not be written (no document text in it); default console.warn */
  warn?: (message: string, error: unknown) => void;
  /** why the model list or the notice could not be loaded (a code, never text), for Settings › 诊断 */
  onLoadError?: (code: string) => void;
}

/** The built-in model as the pane assumes it before /v1/models answers. */
export const BUILTIN_FALLBACK: ModelInfo = {
  id: BUILTIN_MODEL,
  label: BUILTIN_MODEL,
  residency: 'builtin',
  provider: 'builtin',
  acceptsClassified: true,
  needsConsent: false,
};

let counter = 0;
function defaultRequestId(): string {
  const c = globalThis.crypto as Crypto | undefined;
  return c?.randomUUID ? c.randomUUID() : `r${Date.now().toString(36)}${(counter++).toString(36)}`;
}

export class PaneController {
  private snap: PaneSnapshot;
  private readonly listeners = new Set<(s: PaneSnapshot) => void>();
  private session: SessionLike | null = null;
  private unsubscribeSession: (() => void) | null = null;
  private reconnectTimer: ReturnType<typeof setInterval> | null = null;
  /** load failures reported since the last full load: a service refusing every reconnect is listed once */
  private readonly loadErrors = new Set<string>();
  private disposed = false;
  private readonly lifetime = new AbortController();

  constructor(private readonly deps: PaneControllerDeps) {
    this.snap = {
      settings: deps.initialSettings,
      models: null,
      notice: null,
      connection: 'connecting',
      classification: null,
      masked: null,
      consentPrompt: null,
      suggestion: { kind: 'idle', context: null },
      capabilities: null,
      inlinePolicy: null,
      flash: null,
      modelFallback: false,
      aigcLabelled: false,
      signOnNeeded: false,
      keyboard: null,
    };
  }

  get snapshot(): PaneSnapshot {
    return this.snap;
  }

  subscribe(cb: (s: PaneSnapshot) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  private set(patch: Partial<PaneSnapshot>): void {
    if (this.disposed) return;
    this.snap = { ...this.snap, ...patch };
    this.listeners.forEach((l) => l(this.snap));
  }

  /** the session, for the pane's buttons; null before mount attached it */
  sessionActions(): SessionLike | null {
    return this.session;
  }

  /** The pane's accept buttons and keys: the same adapter as the ribbon and keyboard commands, into the session. */
  accept(how: AcceptHow): Promise<unknown> {
    const s = this.session;
    return acceptSuggestion(how, s && { acceptAll: () => Promise.resolve(s.acceptAll()).then(() => undefined), acceptNext: () => Promise.resolve(s.acceptNext()).then(() => undefined) });
  }

  /** where requests go now ('' = the pane's own origin) */
  serviceUrl(): string {
    return effectiveServiceUrl(this.snap.settings, this.deps.admin);
  }

  /** the admin fixed the service address: the settings view shows it without an input */
  get serviceUrlLocked(): boolean {
    return !!this.deps.admin?.serviceUrlLocked;
  }

  attachSession(session: SessionLike): void {
    this.session = session;
    this.set({ suggestion: session.state });
    this.unsubscribeSession = session.subscribe((state) => this.onSessionState(state));
  }

  setCapabilities(capabilities: HostCapabilities): void {
    this.set({ capabilities });
  }

  setKeyboard(keyboard: KeyboardFacts): void {
    this.set({ keyboard });
  }

  setInlinePolicy(inlinePolicy: InlinePolicy): void {
    this.set({ inlinePolicy });
  }

  /** the built-in engine as the service lists it (also what a fallback answer came from) */
  private builtinModel(): ModelInfo {
    const { models } = this.snap;
    return models?.find((m) => m.id === BUILTIN_MODEL) ?? models?.find((m) => m.residency === 'builtin') ?? BUILTIN_FALLBACK;
  }

  /** The model requests go to: the chosen one if the service still offers it, else the built-in one. */
  currentModel(): ModelInfo {
    const { models, settings } = this.snap;
    const builtin = this.builtinModel();
    if (!models) return settings.model === builtin.id ? builtin : { ...BUILTIN_FALLBACK, id: settings.model, label: settings.model, residency: 'external', needsConsent: true, acceptsClassified: false };
    return models.find((m) => m.id === settings.model) ?? builtin;
  }

  /** The model that will answer the next request: the current one, or null when this document may not go to
   * it (a classified document and a model outside the building) — the status line says so, never a stale name. */
  answeringModel(): ModelInfo | null {
    const model = this.currentModel();
    return this.modelAllowed(model) ? model : null;
  }

  /**
   * Whether the session's last request error still describes things: it was about a model, a service and a
   * consent that are still the ones in use. A message whose cause is gone (another model, consent withdrawn,
   * a new service address) must not stay on screen beside a status line that says otherwise.
   */
  requestErrorApplies(): boolean {
    return this.errorCause === null || this.errorCause === this.causeNow();
  }

  /** what a request error depended on: model, service, consent for it */
  private causeNow(): string {
    const model = this.currentModel();
    return JSON.stringify([model.id, this.serviceUrl(), this.consentValid(model)]);
  }

  private errorCause: string | null = null;

  /**
   * The document as read when the pane opens (and whenever it is read without a request): its marking shows at
   * once — which models it may go to, the settings note — not only after the first suggestion.
   */
  readDocument(ctx: HostContext): void {
    this.noteClassification(this.deps.digest(ctx));
  }

  /** Whether `model` may be chosen for the current document. */
  modelAllowed(model: ModelInfo): boolean {
    // the one rule the service's guard and /v1/models apply too (core/policy), under the policy the service published
    return mayReceiveMarking(model, (this.snap.classification?.marking ?? null) as ContextDigest['classification'], this.receivePolicy);
  }

  /** the service takes suggestion outcome events (its /v1/models says so; the admin may turn them off) */
  outcomeEvents = false;

  /** what the service said may receive classified documents; the strict default until it says */
  private receivePolicy: ReceivePolicy = STRICT_RECEIVE_POLICY;

  consentValid(model: ModelInfo): boolean {
    return !model.needsConsent || hasConsent(this.snap.settings, model.id, this.snap.notice?.version);
  }

  /** Loads the model list and the notice; decides whether consent must be asked before anything is sent. */
  async init(): Promise<void> {
    await this.refresh();
  }

  private async refresh(): Promise<boolean> {
    const signal = this.lifetime.signal;
    this.set({ connection: this.snap.connection === 'online' ? 'online' : 'connecting' });
    try {
      const [list, notice] = await Promise.all([
        this.deps.client.modelList(signal),
        // A service without a notice route still serves the built-in model.
        this.deps.client.privacy(signal).catch((e: unknown) => {
          if (e instanceof CompletionError && (e.code === 'unreachable' || e.code === 'aborted')) throw e;
          this.loadFailed(e);
          return null;
        }),
      ]);
      if (notice) this.loadErrors.clear();
      this.receivePolicy = policyOf(list);
      this.outcomeEvents = list.events === true;
      this.set({ models: list.models, notice, connection: 'online', signOnNeeded: false });
      this.stopReconnect();
      this.checkCurrentModel();
      return true;
    } catch (e) {
      if (e instanceof CompletionError && e.code === 'aborted') return false;
      this.loadFailed(e);
      // The service answered, and wants to know who asks: no reconnect probes (each would be refused the
      // same way); Retry, or a token entered in Settings, asks again.
      if (refusesIdentity(e)) this.set({ signOnNeeded: true });
      else this.goOffline();
      return false;
    }
  }

  private loadFailed(e: unknown): void {
    const code = e instanceof CompletionError ? e.code : 'unknown';
    if (this.loadErrors.has(code)) return;
    this.loadErrors.add(code);
    this.deps.onLoadError?.(code);
  }

  /** After the list or the notice changed: drop a model the service no longer offers, ask consent if due. */
  private checkCurrentModel(): void {
    const { models, settings } = this.snap;
    if (!models) return;
    const chosen = models.find((m) => m.id === settings.model);
    if (!chosen) {
      if (settings.model !== BUILTIN_MODEL) void this.saveSettings({ ...settings, model: this.currentModel().id });
      return;
    }
    if (!this.consentValid(chosen) && !this.snap.consentPrompt) {
      this.set({ consentPrompt: { model: chosen, changed: settings.consent[chosen.id] !== undefined } });
    }
  }

  private goOffline(): void {
    this.set({ connection: 'offline' });
    if (this.reconnectTimer || this.disposed) return;
    // Probe quietly; the clerk should not have to press anything when the network comes back.
    this.reconnectTimer = setInterval(() => {
      void this.deps.client.health(this.lifetime.signal).then(
        () => void this.reconnect(),
        () => undefined,
      );
    }, this.deps.reconnectMs ?? 3000);
  }

  private stopReconnect(): void {
    if (this.reconnectTimer) clearInterval(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  private async reconnect(): Promise<void> {
    if (await this.refresh()) this.session?.askAgain();
  }

  /** The Retry button: reload everything and ask again. */
  async retry(): Promise<void> {
    await this.reconnect();
  }

  /**
   * SuggestionSession's fetchSuggestion, read as the pipeline: the digest of the whole context (core/digest),
   * the local policy check (what must not be sent), the request (core/client), what the answer says about
   * the service; the suggestion carries the model that wrote it.
   */
  fetchSuggestion = async (ctx: HostContext, signal: AbortSignal, onPartial?: (partial: Suggestion) => void): Promise<Suggestion> => {
    const digest = this.deps.digest(ctx);
    this.noteClassification(digest);
    const model = this.currentModel();
    this.mustMaySend(model);
    const request = this.requestFor(model, digest);
    // streamed: whole clauses as they come, from the model asked (a fallback answer comes only whole)
    const onText = onPartial && this.deps.client.streams ? (text: string) => onPartial({ text, model: model.id, requestId: request.requestId }) : undefined;
    try {
      const res = await this.deps.client.complete(request, signal, onText);
      this.noteAnswer(res);
      return { text: res.text, model: res.fallback === 'builtin' ? this.builtinModel().id : res.model || model.id, requestId: request.requestId };
    } catch (e) {
      if (e instanceof CompletionError) this.onRequestError(e, model);
      throw e;
    }
  };

  /** the document's marking as the digest read it (body or page header): which models the pane offers */
  private noteClassification(digest: ContextDigest): void {
    // the binding marking: the most severe declared or found in any field that reaches a prompt (as the guard reads it)
    const marking = digestMarking(digest);
    const classification = marking ? { marking } : null;
    if (classification?.marking !== this.snap.classification?.marking) this.set({ classification });
  }

  /** Principle 2: never send what the user or the admin did not allow — checked here before the server checks again. */
  private mustMaySend(model: ModelInfo): void {
    // refused once: asking again on every pause would only count wrong tokens against the clerk's address
    if (this.snap.signOnNeeded) throw new CompletionError('signon_required', 'sign-on needed; Retry asks the service again');
    if (!this.modelAllowed(model)) throw new CompletionError('classified_blocked', 'classified document, model does not accept classified text');
    if (!this.consentValid(model)) throw new CompletionError('consent_required', 'consent not given for this notice version');
  }

  private requestFor(model: ModelInfo, digest: ContextDigest): CompletionRequest {
    return {
      requestId: (this.deps.newRequestId ?? defaultRequestId)(),
      model: model.id,
      digest,
      maxChars: maxCharsFor(this.snap.settings),
      consent: model.needsConsent && this.snap.notice ? { version: this.snap.notice.version } : null,
    };
  }

  /** what an answer says about the service: reachable, what it masked, whether the built-in engine stood in */
  private noteAnswer(res: CompletionResponse): void {
    if (this.snap.connection !== 'online') this.set({ connection: 'online' });
    const masked = res.masked && Object.keys(res.masked).length ? res.masked : null;
    if (JSON.stringify(masked) !== JSON.stringify(this.snap.masked)) this.set({ masked });
    const fallback = res.fallback === 'builtin';
    if (fallback !== this.snap.modelFallback) this.set({ modelFallback: fallback });
  }

  /**
   * GB 45438-2025 (issue 16 §4): whether the service says to label text `model` wrote, and as which
   * producer; null = no label (labelling off, an exempted built-in engine, a service that says nothing
   * about it, or a suggestion whose model is unknown).
   */
  labelFor(model: string): { model: string; producer: string } | null {
    const label = model ? this.snap.models?.find((m) => m.id === model)?.aigcLabel : undefined;
    return label ? { model, producer: label.producer } : null;
  }

  /** The accept event, as SuggestionSession's onAccepted: label the document with the model the shown
   * suggestion carried; a failure is reported quietly and the accept stands */
  labelAccepted(host: DocumentHost, accepted: Accepted): Promise<void> {
    const label = this.labelFor(accepted.model);
    if (!label || !host.labelAiContent || !accepted.text) return Promise.resolve();
    return host.labelAiContent({ model: label.model, chars: accepted.text.length }, { producer: label.producer }).then(
      () => {
        if (!this.snap.aigcLabelled) this.set({ aigcLabelled: true });
      },
      (e: unknown) => {
        // the error's code only: a message could quote the document
        const code = String((e as { code?: unknown } | null)?.code ?? 'unknown');
        if (this.deps.warn) this.deps.warn('Banxie: AIGC label not written', code);
        else console.warn('Banxie: AIGC label not written', code);
      },
    );
  }

  private onRequestError(e: CompletionError, model: ModelInfo): void {
    if (refusesIdentity(e)) {
      this.set({ signOnNeeded: true });
      return;
    }
    this.errorCause = this.causeNow();
    switch (e.code) {
      case 'unreachable':
        this.goOffline();
        break;
      case 'classified_blocked':
        // The server found a marking our digest did not see: treat the document as classified from now on.
        if (!this.snap.classification) this.set({ classification: { marking: null } });
        break;
      case 'consent_required':
        // The notice changed on the server since we loaded it: fetch it and ask again.
        void this.deps.client.privacy(this.lifetime.signal).then(
          (notice) => {
            this.set({ notice });
            if (!this.snap.consentPrompt) this.set({ consentPrompt: { model, changed: this.snap.settings.consent[model.id] !== undefined } });
          },
          () => undefined,
        );
        break;
      case 'unknown_model':
        void this.saveSettings({ ...this.snap.settings, model: BUILTIN_MODEL });
        void this.refresh();
        break;
      default:
        break;
    }
  }

  private onSessionState(state: SuggestionState): void {
    this.set({ suggestion: state });
  }

  // ---- user actions -------------------------------------------------------------------------

  /** Choosing a model that needs consent shows the notice first; the switch happens on accept. */
  async selectModel(id: string): Promise<void> {
    const model = this.snap.models?.find((m) => m.id === id);
    if (!model || !this.modelAllowed(model)) return;
    if (!this.consentValid(model)) {
      if (!this.snap.notice) {
        try {
          this.set({ notice: await this.deps.client.privacy(this.lifetime.signal) });
        } catch {
          /* the consent view says the notice could not be fetched */
        }
      }
      if (!this.consentValid(model)) {
        this.set({ consentPrompt: { model, changed: this.snap.settings.consent[model.id] !== undefined } });
        return;
      }
    }
    await this.saveSettings({ ...this.snap.settings, model: id });
    this.session?.askAgain();
  }

  async acceptConsent(): Promise<void> {
    const prompt = this.snap.consentPrompt;
    const notice = this.snap.notice;
    if (!prompt || !notice) return;
    this.set({ consentPrompt: null });
    await this.saveSettings({ ...withConsent(this.snap.settings, prompt.model.id, notice.version), model: prompt.model.id });
    this.session?.askAgain();
  }

  async declineConsent(): Promise<void> {
    const prompt = this.snap.consentPrompt;
    this.set({ consentPrompt: null });
    if (prompt && this.snap.settings.model === prompt.model.id) {
      await this.saveSettings({ ...this.snap.settings, model: BUILTIN_MODEL });
    }
  }

  /** Opens the notice for the model in use (from the "consent needed" message). */
  showConsentFor(modelId?: string): void {
    const model = modelId ? this.snap.models?.find((m) => m.id === modelId) : this.currentModel();
    if (model) this.set({ consentPrompt: { model, changed: this.snap.settings.consent[model.id] !== undefined } });
  }

  async withdrawConsent(modelId: string): Promise<void> {
    await this.saveSettings(withoutConsent(this.snap.settings, modelId));
    this.set({ flash: 'settings.consent.withdrawn' });
  }

  async useBuiltin(): Promise<void> {
    await this.saveSettings({ ...this.snap.settings, model: BUILTIN_MODEL });
    this.session?.askAgain();
  }

  async updateSettings(patch: Partial<Settings>): Promise<void> {
    await this.saveSettings({ ...this.snap.settings, ...patch });
  }

  clearFlash(): void {
    if (this.snap.flash) this.set({ flash: null });
  }

  private async saveSettings(next: Settings): Promise<void> {
    const prev = this.snap.settings;
    // Re-validate: the UI is not trusted to keep values in range, and the admin lock must hold.
    const settings = validateSettings(next, this.deps.admin);
    this.set({ settings });
    this.deps.onSettingsApplied?.(settings, prev);
    if (settings.enabled !== prev.enabled) this.session?.setEnabled(settings.enabled);
    // A suggestion the old model wrote must not linger once the user turned away from that model.
    if (settings.model !== prev.model && this.session?.state.kind === 'showing') void this.session.dismiss();
    // What the last answer said about the old model (fallback, masking) is not true of the new one.
    if (settings.model !== prev.model && (this.snap.modelFallback || this.snap.masked)) this.set({ modelFallback: false, masked: null });
    // Answers cached for a place in the document belong to the model and service that gave them.
    if (settings.model !== prev.model || effectiveServiceUrl(settings, this.deps.admin) !== effectiveServiceUrl(prev, this.deps.admin)) {
      this.session?.forgetAnswers?.();
    }
    await this.deps.store.save(settings);
    const url = effectiveServiceUrl(settings, this.deps.admin);
    if (url !== effectiveServiceUrl(prev, this.deps.admin)) {
      this.deps.client.setBaseUrl(url);
      // Models and notice belong to a service: forget the old ones before asking the new one.
      this.set({ models: null, notice: null, connection: 'connecting' });
      await this.reconnect();
    } else if (effectiveToken(settings, this.deps.admin) !== effectiveToken(prev, this.deps.admin)) {
      // another token may see other models, or be let in at last
      void this.reconnect();
    }
  }

  /** Settings shows a token field where the admin lets each user send a token of their own. */
  get userTokenAllowed(): boolean {
    return !!this.deps.admin?.userTokenAllowed;
  }

  dispose(): void {
    this.stopReconnect();
    this.lifetime.abort();
    this.unsubscribeSession?.();
    this.listeners.clear();
    this.disposed = true;
  }
}

/** 401 from the service (signon_required, unauthorized) or from the sign-on gateway in front of it. */
function refusesIdentity(e: unknown): boolean {
  return e instanceof CompletionError && (e.status === 401 || e.code === 'signon_required' || e.code === 'unauthorized');
}
