// The fake `Office` namespace (Common API) paired with the Word simulator: onReady,
// requirement sets per simulated version, DocumentSelectionChanged, document url/mode,
// roamingSettings, function-command registration and the shared-runtime addin object.

import { isSetSupported } from './versions';
import type { WordVersion } from './versions';

export interface SelectionEventOptions {
  /** ms from the change to the event (§3: events come late) */
  delayMs: number;
  /** probability that a change produces no event at all (§3: #2964, docs #976) */
  drop: number;
}

type Handler = (e: { type: string; source?: string }) => void;

/** one pending event absorbs the changes that follow it (§3: Word batches them). Used for
 *  DocumentSelectionChanged and, with WordApi 1.6, the paragraph events. */
export class SelectionEvents {
  private handlers: Handler[] = [];
  private pending: ReturnType<typeof setTimeout> | null = null;
  fired = 0;
  constructor(private readonly opts: SelectionEventOptions, private readonly rng: () => number, private readonly type = 'documentSelectionChanged') {}
  add(h: Handler): void {
    this.handlers.push(h);
  }
  remove(h?: Handler): void {
    this.handlers = h ? this.handlers.filter((x) => x !== h) : [];
  }
  /** a change happened — by the user or by the add-in's own edit (§3: both fire) */
  trigger(): void {
    if (this.pending) return; // merged into the event already on its way
    if (this.rng() < this.opts.drop) return; // dropped
    this.pending = setTimeout(() => {
      this.pending = null;
      this.fired++;
      for (const h of [...this.handlers]) h({ type: this.type, source: 'Local' });
    }, this.opts.delayMs);
  }
  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = null;
  }
}

export interface OfficeFakeOptions {
  version: WordVersion;
  url: string;
  readOnly: boolean;
  events: SelectionEvents;
  theme?: { bodyBackgroundColor: string; bodyForegroundColor: string; controlBackgroundColor: string; controlForegroundColor: string };
  /** Office.context.diagnostics.version */
  officeVersion?: string;
}

/** Office.context.diagnostics.version per simulated Word: "16.0.<build>.<revision>" on Windows
 *  (Office.ContextInformation docs); the builds are typical ones, not a claim about any release. */
const DIAG_VERSION: Record<WordVersion, string> = {
  '2016-msi': '16.0.4266.1001', '2016': '16.0.4549.1000', '2021': '16.0.14332.20447', '365': '16.0.17928.20114', 'web': '16.0.17928.41000',
};

type Callback = (r: { status: string; value?: unknown; error?: { message: string } }) => void;

export interface OfficeFake {
  /** where the file lives now; Office.context.document.url keeps the value it had at load (#1507) */
  liveUrl: string;
  actionsRegistered: Map<string, (event: { completed(): void }) => unknown>;
  taskpaneShown: number;
  office: Record<string, unknown>;
}

export function createOfficeFake(o: OfficeFakeOptions): OfficeFake {
  const actions = new Map<string, (event: { completed(): void }) => unknown>();
  const settings = new Map<string, unknown>();
  const state = { taskpaneShown: 0, liveUrl: o.url };
  const platform = o.version === 'web' ? 'OfficeOnline' : 'PC';
  const sharedRuntime = isSetSupported(o.version, 'SharedRuntime', 1.1);
  const asyncCb = (args: unknown[], value?: unknown) => {
    const cb = args.find((a) => typeof a === 'function') as Callback | undefined;
    cb?.({ status: 'succeeded', value });
  };
  const office: Record<string, unknown> = {
    HostType: { Word: 'Word' },
    PlatformType: { PC: 'PC', OfficeOnline: 'OfficeOnline', Mac: 'Mac' },
    EventType: { DocumentSelectionChanged: 'documentSelectionChanged' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    DocumentMode: { ReadOnly: 'readOnly', ReadWrite: 'readWrite' },
    onReady(cb?: (info: { host: string; platform: string }) => void) {
      const info = { host: 'Word', platform };
      cb?.(info);
      return Promise.resolve(info);
    },
    context: {
      host: 'Word',
      platform,
      displayLanguage: 'zh-CN',
      // Office.ContextInformation (Common API): the application, platform and version the add-in runs in
      diagnostics: { host: 'Word', platform, version: o.officeVersion ?? DIAG_VERSION[o.version] },
      officeTheme: o.theme,
      requirements: { isSetSupported: (name: string, v?: string | number) => isSetSupported(o.version, name, v) },
      document: {
        url: o.url,
        mode: o.readOnly ? 'readOnly' : 'readWrite',
        /** Common API: { url } of the file as it is now ('' for a new, unsaved document, #3509) */
        getFilePropertiesAsync(...args: unknown[]) {
          asyncCb(args, { url: state.liveUrl });
        },
        addHandlerAsync(type: string, handler: Handler, ...rest: unknown[]) {
          if (type === 'documentSelectionChanged') o.events.add(handler);
          asyncCb(rest);
        },
        removeHandlerAsync(type: string, ...rest: unknown[]) {
          const opt = rest.find((a) => typeof a === 'object' && a !== null) as { handler?: Handler } | undefined;
          if (type === 'documentSelectionChanged') o.events.remove(opt?.handler);
          asyncCb(rest);
        },
      },
      roamingSettings: {
        get: (k: string) => settings.get(k),
        set: (k: string, v: unknown) => void settings.set(k, v),
        remove: (k: string) => void settings.delete(k),
        saveAsync: (...args: unknown[]) => asyncCb(args),
      },
    },
    // Function commands register by name; the FunctionFile must do it on load.
    actions: { associate: (name: string, fn: (event: { completed(): void }) => unknown) => void actions.set(name, fn) },
  };
  if (sharedRuntime) {
    office.addin = {
      showAsTaskpane: () => { state.taskpaneShown++; return Promise.resolve(); },
      hide: () => Promise.resolve(),
    };
  }
  return {
    actionsRegistered: actions,
    get taskpaneShown() { return state.taskpaneShown; },
    get liveUrl() { return state.liveUrl; },
    set liveUrl(u: string) { state.liveUrl = u; },
    office,
  };
}
