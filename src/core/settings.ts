// The user's settings: one schema with defaults, and a validator that turns anything loaded
// (old versions, hand-edited storage, another add-in's junk) into valid settings — never a crash.

export type SuggestionLength = 'short' | 'medium' | 'long';
/** 'auto': inline ghost where the host allows it; 'paneOnly': the suggestion is only shown in the pane */
export type DisplayMode = 'auto' | 'paneOnly';
export type UiLanguage = 'zh-CN' | 'en';

export interface Settings {
  enabled: boolean;
  /** model id from /v1/models; the built-in engine needs no network and no consent */
  model: string;
  length: SuggestionLength;
  /** pause after typing before asking, in ms */
  debounceMs: number;
  display: DisplayMode;
  /** grey text in the document also when it is stored in the cloud (AutoSave, co-authors may see it) */
  cloudInline: boolean;
  language: UiLanguage;
  /** '' = where the pane was served from (the dev server proxies v1/, the service serves the pane in production; a sub-path deployment works too) */
  serviceUrl: string;
  /** consent given per model: model id → privacy notice version the user accepted */
  consent: Record<string, string>;
  /** the host's self-checks (issue 16 §1): this many failures in a session and suggestions stay in the pane */
  selfCheckLimit: number;
  /** the user's own access token for a service with `auth.tokens`; sent only where the admin allows user tokens */
  token: string;
  /** 公文规范提示 (issue 26): the format checks on or off, advice shown, and rules switched off by id */
  norms: NormsSettings;
}

export interface NormsSettings {
  enabled: boolean;
  /** false: errors only, no advice */
  advice: boolean;
  /** rule ids switched off (src/norms RULES) */
  off: string[];
}

/** The admin's default for the format checks when the user has not chosen (`?norms=` in the pane's address):
 * 'all' errors and advice (the default), 'errors' errors only, 'off' no checks */
export type NormsDefault = 'all' | 'errors' | 'off';

export function normsSettingsFor(d: NormsDefault = 'all'): NormsSettings {
  return { enabled: d !== 'off', advice: d === 'all', off: [] };
}

export const BUILTIN_MODEL = 'builtin';

export const MAX_CHARS: Record<SuggestionLength, number> = { short: 20, medium: 50, long: 120 };
export const DEBOUNCE_RANGE = { min: 150, max: 3000 } as const;
/** the delays offered in the settings view; any value in DEBOUNCE_RANGE is valid */
export const DEBOUNCE_CHOICES = [300, 600, 1000, 2000] as const;
/** failed self-checks before pane-only; 1 = at the first doubt */
export const SELF_CHECK_LIMIT_RANGE = { min: 1, max: 10 } as const;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enabled: true,
  model: BUILTIN_MODEL,
  length: 'medium',
  debounceMs: 600,
  display: 'auto',
  cloudInline: false,
  language: 'zh-CN',
  serviceUrl: '',
  consent: {},
  selfCheckLimit: 2,
  token: '',
  norms: normsSettingsFor('all'),
});

/** What the administrator fixes for a deployment; a locked value wins over the user's. */
export interface AdminPolicy {
  serviceUrl?: string;
  serviceUrlLocked?: boolean;
  /** suggestions only in the pane, never as grey text in the document, whatever the user's setting */
  paneOnly?: boolean;
  /** the organisation-wide access token (`?token=` on the page address the manifest or WPS list names) */
  token?: string;
  /** each user may enter a token of their own in Settings (`?userToken=1`); it wins over the organisation's */
  userTokenAllowed?: boolean;
  /** the format checks' default for a user who has not chosen (the user's own choice wins) */
  norms?: NormsDefault;
}

/** A token as the service accepts one: printable ASCII, no spaces (server config.ts checks the same). */
export function isValidToken(v: string): boolean {
  return /^[\x21-\x7e]{0,512}$/.test(v);
}

/** The token requests carry: the user's where the admin allows one, else the organisation's, else none. */
export function effectiveToken(s: Pick<Settings, 'token'>, admin: AdminPolicy = {}): string {
  return (admin.userTokenAllowed && s.token) || admin.token || '';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An http(s) address without credentials or spaces: the check where there is no URL constructor. */
const HTTP_URL = /^https?:\/\/(?:\[[0-9a-f:.]+\]|[^\s/?#@:[\]]+)(?::\d{1,5})?(?:[/?#]\S*)?$/i;

let urlWorks: boolean | null = null;
/** Internet Explorer 11 (the lite pane) has a URL object but no URL constructor. */
function urlConstructible(): boolean {
  if (urlWorks === null) {
    try {
      urlWorks = new URL('http://a/b').pathname === '/b';
    } catch {
      urlWorks = false;
    }
  }
  return urlWorks;
}

/** '' (same origin) or an absolute http(s) URL without credentials. */
export function isValidServiceUrl(v: string): boolean {
  if (v === '') return true;
  if (!urlConstructible()) return HTTP_URL.test(v);
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password;
  } catch {
    return false;
  }
}

/**
 * Every field is checked on its own: one bad field falls back to its default and the others survive,
 * so a user does not lose their consent record because an old build stored a bad delay.
 */
export function validateSettings(raw: unknown, admin: AdminPolicy = {}): Settings {
  let input: unknown = raw;
  if (typeof input === 'string') {
    try {
      input = JSON.parse(input);
    } catch {
      input = null;
    }
  }
  const r = isRecord(input) ? input : {};
  const d = DEFAULT_SETTINGS;
  const s: Settings = {
    enabled: typeof r.enabled === 'boolean' ? r.enabled : d.enabled,
    model: typeof r.model === 'string' && r.model.trim() && r.model.length <= 200 ? r.model : d.model,
    length: r.length === 'short' || r.length === 'medium' || r.length === 'long' ? r.length : d.length,
    debounceMs:
      typeof r.debounceMs === 'number' && Number.isFinite(r.debounceMs)
        ? Math.round(Math.min(DEBOUNCE_RANGE.max, Math.max(DEBOUNCE_RANGE.min, r.debounceMs)))
        : d.debounceMs,
    display: r.display === 'auto' || r.display === 'paneOnly' ? r.display : d.display,
    cloudInline: typeof r.cloudInline === 'boolean' ? r.cloudInline : d.cloudInline,
    language: r.language === 'zh-CN' || r.language === 'en' ? r.language : d.language,
    serviceUrl: typeof r.serviceUrl === 'string' && isValidServiceUrl(r.serviceUrl.trim()) ? r.serviceUrl.trim() : d.serviceUrl,
    consent: {},
    selfCheckLimit:
      typeof r.selfCheckLimit === 'number' && Number.isFinite(r.selfCheckLimit)
        ? Math.round(Math.min(SELF_CHECK_LIMIT_RANGE.max, Math.max(SELF_CHECK_LIMIT_RANGE.min, r.selfCheckLimit)))
        : d.selfCheckLimit,
    token: typeof r.token === 'string' && isValidToken(r.token.trim()) ? r.token.trim() : d.token,
    norms: validNorms(r.norms, admin.norms),
  };
  if (isRecord(r.consent)) {
    for (const [model, version] of Object.entries(r.consent)) {
      if (typeof version === 'string' && version) s.consent[model] = version;
    }
  }
  return applyAdminPolicy(s, admin);
}

/** A stored norms record, field by field; none stored: the admin's default. Rule ids are kept as strings (core
 * does not know the rule table), at most 100 of them, each a short kebab-case id. */
function validNorms(raw: unknown, admin: NormsDefault | undefined): NormsSettings {
  const d = normsSettingsFor(admin);
  if (!isRecord(raw)) return d;
  const off = Array.isArray(raw.off) ? raw.off.filter((id): id is string => typeof id === 'string' && /^[a-z][a-z0-9-]{0,40}$/.test(id)).slice(0, 100) : d.off;
  return {
    enabled: typeof raw.enabled === 'boolean' ? raw.enabled : d.enabled,
    advice: typeof raw.advice === 'boolean' ? raw.advice : d.advice,
    off: off.filter((id, i) => off.indexOf(id) === i),
  };
}

export function applyAdminPolicy(s: Settings, admin: AdminPolicy): Settings {
  if (admin.serviceUrlLocked && admin.serviceUrl !== undefined && isValidServiceUrl(admin.serviceUrl)) {
    return { ...s, serviceUrl: admin.serviceUrl };
  }
  return s;
}

/** The address requests go to: the user's (or the locked admin's) choice, else the deployment's default, else same origin. */
export function effectiveServiceUrl(s: Pick<Settings, 'serviceUrl'>, admin: AdminPolicy = {}): string {
  if (admin.serviceUrlLocked && admin.serviceUrl !== undefined) return admin.serviceUrl;
  return s.serviceUrl || admin.serviceUrl || '';
}

export function maxCharsFor(s: Pick<Settings, 'length'>): number {
  return MAX_CHARS[s.length];
}

/** Consent for `model` is valid only for the notice version the service shows now. */
export function hasConsent(s: Pick<Settings, 'consent'>, model: string, noticeVersion: string | null | undefined): boolean {
  return !!noticeVersion && s.consent[model] === noticeVersion;
}

export function withConsent(s: Settings, model: string, version: string): Settings {
  return { ...s, consent: { ...s.consent, [model]: version } };
}

/** Withdrawing consent forgets it for that model and, if it is in use, returns to the built-in model. */
export function withoutConsent(s: Settings, model: string): Settings {
  const consent = { ...s.consent };
  delete consent[model];
  return { ...s, consent, model: s.model === model ? BUILTIN_MODEL : s.model };
}

/** Where settings live: roaming settings in Word, localStorage in WPS and the playground. */
export interface SettingsStore {
  /** always resolves to valid settings; unreadable storage gives the defaults */
  load(): Promise<Settings>;
  save(settings: Settings): Promise<void>;
}

/** For tests and for hosts with nowhere to persist. */
export class MemorySettingsStore implements SettingsStore {
  private value: unknown;
  constructor(initial?: unknown) {
    this.value = initial;
  }
  async load(): Promise<Settings> {
    return validateSettings(this.value);
  }
  async save(settings: Settings): Promise<void> {
    this.value = JSON.parse(JSON.stringify(settings));
  }
  /** the raw stored value, for tests */
  get raw(): unknown {
    return this.value;
  }
}
