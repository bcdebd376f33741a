// What both pane entries (the full pane's index.tsx, the lite pane's) need before they mount: which Office
// host answered, and where the user's settings live. No React, so the ES5 lite bundle shares it.
import type { SettingsStore } from '../core/settings';
import type { adminPolicyFromUrl, HostGlobals } from './detectHost';
import { LocalStorageSettingsStore, RoamingSettingsStore, type RoamingSettingsLike } from './settingsStores';

export type OfficeGlobal = { onReady(cb?: (info: { host: unknown }) => void): Promise<{ host: unknown }>; context?: { roamingSettings?: RoamingSettingsLike } };

export function globals(): HostGlobals & { Office?: OfficeGlobal; Word?: unknown } {
  return window as unknown as HostGlobals & { Office?: OfficeGlobal; Word?: unknown };
}

/** Office.onReady never resolves outside Office on some builds: don't wait for it forever. */
export async function officeHost(): Promise<string | null> {
  const office = globals().Office;
  if (!office || typeof office.onReady !== 'function') return null;
  const info = await Promise.race([
    office.onReady().catch(() => ({ host: null })),
    new Promise<{ host: null }>((r) => setTimeout(() => r({ host: null }), 5000)),
  ]);
  return info.host ? String(info.host) : null;
}

export function settingsStoreFor(kind: 'word' | 'wps', admin: ReturnType<typeof adminPolicyFromUrl>): SettingsStore {
  // roamingSettings follows the user across machines where the host offers it; Word offers
  // Office.context.roamingSettings only in some builds, so fall back to (per-origin) localStorage.
  const roaming = kind === 'word' ? globals().Office?.context?.roamingSettings : undefined;
  return roaming ? new RoamingSettingsStore(roaming, admin) : new LocalStorageSettingsStore(undefined, { admin });
}
