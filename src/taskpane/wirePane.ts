// The pane's working parts, wired the same way for the full (React) pane and the lite (ES5, plain DOM) pane:
// settings → CompletionClient → PaneController → SuggestionSession → ribbon commands. Only drawing differs.
import { CompletionClient } from '../core/client/CompletionClient';
import type { CompletionStreamer } from '../core/client/CompletionClient';
import type { HttpTransport } from '../core/client/transport';
import { DigestStage } from '../core/digest';
import { NO_TERMS, termsOf, type Terms } from '../core/text';
import { SuggestionSession } from '../core/session';
import { validateSettings, effectiveServiceUrl, effectiveToken, type AdminPolicy, type NormsDefault, type Settings, type SettingsStore, type UiLanguage } from '../core/settings';
import type { DocumentHost, HostContext } from '../core/DocumentHost';
import type { ContextDigest } from '../core/protocol';
import { setCommandTarget } from '../commands/commandTarget';
import { publishGhosts, takeAcceptedElsewhere, type SharedStorage } from '../commands/shownRecord';
import { PaneController } from './PaneController';
import { startOutcomeEvents, type OutcomeEvents } from './outcomeEvents';
import type { PaneDiagnostics } from './diagnostics/PaneDiagnostics';
import type { RegisteredKeys } from '../commands/registeredKeys';
import type { KeyboardFacts } from './keysHint';

export interface PaneDeps {
  host: DocumentHost;
  settingsStore: SettingsStore;
  /** the deployment's service address; used when the user set none (default: the pane's own origin) */
  serviceUrl?: string;
  /** the admin fixed serviceUrl: the user cannot change it */
  serviceUrlLocked?: boolean;
  /** the admin made the deployment pane-only (the manifest's page address says ?paneOnly=1) */
  paneOnly?: boolean;
  /** the organisation-wide access token (?token=) and whether users may enter their own (?userToken=1) */
  token?: string;
  userTokenAllowed?: boolean;
  /** the admin's default for the format checks (the manifest's page address says ?norms=all|errors|off) */
  norms?: NormsDefault;
  /** overrides the stored language for this mount (the playground's ?lang=) without saving it */
  language?: UiLanguage;
  /** ms between reconnect probes while the service is unreachable */
  reconnectMs?: number;
  /** the developer log on from the start (default: ?debug=1 in the pane's URL) */
  debug?: boolean;
  /** the keys this deployment registered in Word (commands/registeredKeys.ts); absent: none */
  keys?: () => Promise<RegisteredKeys | null>;
  /** storage the ribbon's runtime shares (Word: localStorage; WPS: PluginStorage): the pane publishes the suggestion
   *  it shows there, so a ribbon accept with no session can take and label it, and reads back what such an accept
   *  took, for the outcome figures (commands/shownRecord.ts) */
  sharedStorage?: SharedStorage | null;
}

export interface WiredPane {
  settings: Settings;
  controller: PaneController;
  session: SuggestionSession;
  /** loads models and notice, starts the session; call once the view listens */
  start(): Promise<void>;
  dispose(): void;
}

/** Loaded settings with the admin's lock and the URL's language applied; a store that throws costs only the user's settings. */
export async function loadPaneSettings(deps: PaneDeps): Promise<{ settings: Settings; admin: AdminPolicy }> {
  const admin: AdminPolicy = {
    ...(deps.serviceUrl !== undefined ? { serviceUrl: deps.serviceUrl, serviceUrlLocked: !!deps.serviceUrlLocked } : {}),
    ...(deps.paneOnly ? { paneOnly: true } : {}),
    ...(deps.token ? { token: deps.token } : {}),
    ...(deps.userTokenAllowed ? { userTokenAllowed: true } : {}),
    ...(deps.norms ? { norms: deps.norms } : {}),
  };
  let settings: Settings;
  try {
    settings = await deps.settingsStore.load();
  } catch {
    settings = validateSettings(null, admin);
  }
  if (admin.serviceUrlLocked && admin.serviceUrl !== undefined) settings = { ...settings, serviceUrl: admin.serviceUrl };
  if (deps.language) settings = { ...settings, language: deps.language };
  return { settings, admin };
}

/**
 * `transport`: XMLHttpRequest in both panes (Node's tests and benchmarks pass axios).
 * `pane: 'lite'` is pane-only whatever the settings say (Trident's Word has no API for a safe inline
 * ghost): one input of the session's InlinePolicy. `onLanguage` follows the user's language choice.
 */
export function wirePane(
  deps: PaneDeps,
  loaded: { settings: Settings; admin: AdminPolicy },
  opts: {
    transport: HttpTransport;
    /** the full pane streams completions (sseCompletions over fetch); the lite pane keeps whole answers */
    streamer?: CompletionStreamer;
    onLanguage(language: UiLanguage): void;
    /** Settings › 诊断: watches the host and the requests (a type-only import keeps it out of panes without it) */
    diagnostics?: PaneDiagnostics;
    pane?: 'full' | 'lite';
    /** the document's own names as whole words too (core/text termsFromNames); the lite pane, over budget for
     *  it, keeps the official words only */
    namesTerms?: (names: string[], base: Terms) => Terms;
  },
): WiredPane {
  const { settings, admin } = loaded;
  // the session computes the InlinePolicy from these and the host's word; the panes draw what it says
  const inlineFor = (s: Settings) => ({ inline: s.display !== 'paneOnly', cloudInline: s.cloudInline });
  const diag = opts.diagnostics;
  const client = new CompletionClient({
    transport: opts.transport,
    ...(opts.streamer ? { streamer: opts.streamer } : {}),
    baseUrl: effectiveServiceUrl(settings, admin),
    // read per request: a token changed in Settings applies to the next one
    getToken: () => effectiveToken(controller.snapshot.settings, admin),
    language: () => controller.snapshot.settings.language,
  });
  const digests = new DigestStage();
  let docType = 'unknown';
  // accept-next keeps the document's own names whole (西岭市, 林草中心): the words of the last digest read
  // (the official words come as a chunk of their own, loaded now: until then the names alone)
  let names = '';
  let official: Terms = NO_TERMS;
  let terms: Terms | undefined;
  const readDigest = (ctx: HostContext): ContextDigest => {
    const d = digests.digest(ctx);
    docType = d.docType;
    const now = [d.issuer, d.recipients, d.cc, ...d.facts.orgs].join('\n');
    if (now !== names || !terms) {
      names = now;
      terms = opts.namesTerms ? opts.namesTerms(now.split(/[\n，、；;,]/), official) : official;
    }
    return d;
  };
  void import('../core/text/officialWords').then((m) => {
    official = termsOf(m.OFFICIAL_WORDS);
    terms = undefined; // rebuilt with them on the next read
  }, () => undefined);
  const controller: PaneController = new PaneController({
    client,
    store: deps.settingsStore,
    initialSettings: settings,
    admin,
    // one builder kept between requests: a pause after a keystroke re-parses one paragraph (bench: digest)
    digest: readDigest,
    reconnectMs: deps.reconnectMs,
    ...(diag ? { onLoadError: (code: string) => diag.collector.recordError('service', code) } : {}),
    onSettingsApplied: (s, prev) => {
      if (s.language !== prev.language) {
        opts.onLanguage(s.language);
        document.documentElement.lang = s.language;
      }
      if (s.debounceMs !== prev.debounceMs) void session.setOptions({ debounceMs: s.debounceMs });
      if (s.display !== prev.display || s.cloudInline !== prev.cloudInline) void session.setOptions(inlineFor(s));
      if (s.selfCheckLimit !== prev.selfCheckLimit) void session.setOptions({ selfCheckLimit: s.selfCheckLimit });
    },
  });
  const session = new SuggestionSession({
    host: diag ? diag.collector.observeHost(deps.host) : deps.host,
    fetchSuggestion: diag ? diag.collector.observeFetch(controller.fetchSuggestion) : controller.fetchSuggestion,
    onAccepted: (accepted) => controller.labelAccepted(deps.host, accepted),
    debounceMs: settings.debounceMs,
    ...inlineFor(settings),
    adminPaneOnly: !!admin.paneOnly,
    paneInline: opts.pane !== 'lite',
    selfCheckLimit: settings.selfCheckLimit,
    // a host that turned itself pane-only mid-session (failed self-checks) says so in the pane
    onCapabilities: (caps) => controller.setCapabilities(caps),
    onInlinePolicy: (policy) => controller.setInlinePolicy(policy),
    acceptTerms: () => terms ?? official,
  });
  diag?.attach({ pane: opts.pane ?? 'full', host: deps.host, health: (signal) => client.health(signal), controller, session });
  controller.attachSession(session);
  setCommandTarget({
    acceptAll: () => session.acceptAll(),
    acceptNext: () => session.acceptNext(),
    dismiss: () => session.dismiss(),
    askAgain: () => session.askAgain(),
  });
  const shared = deps.sharedStorage ?? null;
  const stopPublishing = shared ? publishGhosts(shared, session, (m) => controller.labelFor(m)?.producer ?? null) : null;
  let disposed = false;
  let events: OutcomeEvents | null = null;
  return {
    settings,
    controller,
    session,
    async start() {
      // the document's marking shows as soon as the document is read, not after the first suggestion
      const read = deps.host.readContext().then(
        (ctx) => { if (!disposed) controller.readDocument(ctx); },
        () => undefined, // no document yet: the session reads it when there is one
      );
      await controller.init();
      await read;
      if (disposed) return;
      // outcome events, once the service says it takes them (the admin may turn them off)
      if (controller.outcomeEvents) {
        events = startOutcomeEvents({ client, host: deps.host, pane: opts.pane ?? 'full', docType: () => docType, ...(shared ? { acceptedElsewhere: (id: string) => takeAcceptedElsewhere(shared, id) } : {}) });
        session.transitionObserver = events.observe;
      }
      controller.setKeyboard(await keyboardFacts(deps));
      if (!settings.enabled) await session.setEnabled(false);
      await session.start();
      controller.setCapabilities(await deps.host.capabilities());
    },
    dispose() {
      disposed = true;
      stopPublishing?.();
      events?.stop();
      setCommandTarget(null);
      session.dispose();
      controller.dispose();
    },
  };
}

/** How the clerk accepts without leaving the document on this host: Word's ribbon everywhere, the registered
 *  keys where the shortcut manifest runs; desktop Word keeps the keyboard in the pane once clicked (#316). */
async function keyboardFacts(deps: PaneDeps): Promise<KeyboardFacts> {
  const facts = deps.host.diagnostics?.().facts;
  const word = facts?.host === 'word';
  const keys = deps.keys ? await deps.keys().catch(() => null) : null;
  return { keys, ribbon: word ? 'word' : facts?.host === 'wps' ? 'wps' : null, paneKeepsKeys: word && facts?.platform !== 'OfficeOnline' };
}
