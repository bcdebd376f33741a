// What WordHost says about itself: the facts Office.js gives without a round trip, whether the document lives
// in the cloud, and the verdict on inline ghosts with its reason (an i18n key under `host.`). No Word.run here.

import type { HostCapabilities, HostFacts } from '../../core/DocumentHost';
import { isCloudUrl } from './wordText';

/** what the verdict is made from; the host refreshes it from its reads */
export interface VerdictInput {
  supports(set: string, version: string): boolean;
  /** true/false from changeTrackingMode (WordApi 1.4+); null = unknown; undefined = not read yet */
  tracking: boolean | null | undefined;
  trackingUnknown: 'paneOnly' | 'inline';
  /** the host switched itself to pane-only after failed self-checks (an i18n key) */
  selfCheckOff?: string;
  readOnly: boolean;
  insideUserControl: boolean;
}

/** the verdict from what the host last read; reasons are i18n keys, first match wins. Whether the *user* wants
 *  ghosts in the document is not the host's business (issue 32 §4): the session does not ask then. */
export function decide(v: VerdictInput): HostCapabilities {
  const keyboardShortcuts = v.supports('SharedRuntime', '1.1') && v.supports('KeyboardShortcuts', '1.1');
  const off = (reason: string, trackChanges = false): HostCapabilities => ({ inlineGhost: false, inlineGhostOffReason: reason, trackChanges, keyboardShortcuts });
  if (!v.supports('WordApi', '1.3')) return off('host.apiTooOld');
  if (v.tracking === true) return off('host.trackChanges', true);
  if (v.selfCheckOff) return off(v.selfCheckOff);
  if (v.readOnly) return off('host.readOnly');
  // a cloud document is a fact the host reports (facts.cloudDocument), not a refusal: whether inline ghosts may go
  // into an AutoSaved, co-authored file is the clerk's opt-in, weighed once in core/session/inlinePolicy.ts
  // §5 [UNCONFIRMED]: no way to read tracking before WordApi 1.4 → do not risk revisions
  if (v.tracking === null && v.trackingUnknown !== 'inline') return off('host.trackChangesUnknown');
  if (v.insideUserControl) return off('host.insideContentControl');
  return { inlineGhost: true, trackChanges: false, keyboardShortcuts };
}

type OfficeLike = typeof Office;

/**
 * Whether the document lives in OneDrive/SharePoint (AutoSaved, co-authored), decided from more than
 * `Office.context.document.url` (issue 28 §5): that URL keeps its value from load time, so a new document
 * saved to OneDrive mid-session still looks local (#1507), and it has come back empty on the web (#2476).
 * - Word on the web (`diagnostics.platform` 'OfficeOnline') always edits a cloud file;
 * - `Document.getFilePropertiesAsync` (Common API) answers with the file's URL as it is now — it gave the
 *   new path right after a Save As where `document.url` still had the old one (tmustier/pi-for-excel#717);
 * - then the load-time URL. Any https URL is taken as the cloud (DESIGN, cloud documents).
 */
export async function readCloud(O: OfficeLike): Promise<boolean> {
  const c = O.context as unknown as { platform?: unknown; diagnostics?: { platform?: unknown }; document?: { url?: unknown; getFilePropertiesAsync?: unknown } };
  const platform = String(c.diagnostics?.platform ?? c.platform ?? '');
  if (platform === 'OfficeOnline') return true;
  const doc = c.document;
  const live = typeof doc?.getFilePropertiesAsync === 'function'
    ? await new Promise<string | null>((resolve) => {
        try {
          (doc.getFilePropertiesAsync as (cb: (r: { status: string; value?: { url?: string } }) => void) => void).call(doc, (r) =>
            resolve(r.status === 'succeeded' && typeof r.value?.url === 'string' ? r.value.url : null),
          );
        } catch {
          resolve(null);
        }
      })
    : null;
  return isCloudUrl(live) || isCloudUrl(typeof doc?.url === 'string' ? doc.url : null);
}

/**
 * What Office.js says about this Word without a round trip (issue 16 §1). Each reading follows:
 * - platform, version: Office.context.diagnostics (Office.ContextInformation, Common API);
 * - apiSets: Office.context.requirements.isSetSupported(name, version), WordApi 1.1–1.9 and WordApiDesktop 1.1–1.4;
 * - readOnly: Office.context.document.mode (Office.DocumentMode), 'unknown' if absent;
 * - cloudDocument: readCloud() fills it in at init (the load-time URL alone misses a Save As, #1507);
 * - protection: no Word JavaScript API up to WordApi 1.9 reports document protection → 'unknown';
 * - trackChanges: Document.changeTrackingMode (WordApi 1.4, HOST-API-NOTES §5), loaded with every context read.
 */
export function readFacts(O: OfficeLike, supports: (set: string, version: string) => boolean): Partial<HostFacts> {
  const c = O.context as unknown as { diagnostics?: { platform: unknown; version: unknown }; document?: { mode?: unknown; url?: unknown } };
  const apiSets: Record<string, boolean> = {};
  for (let v = 1; v <= 9; v++) {
    apiSets['WordApi 1.' + v] = supports('WordApi', '1.' + v);
    if (v <= 4) apiSets['WordApiDesktop 1.' + v] = supports('WordApiDesktop', '1.' + v);
  }
  const d = c.diagnostics;
  const { mode, url } = c.document || {};
  return {
    platform: d ? String(d.platform) : '',
    version: d ? String(d.version) : '',
    apiSets,
    readOnly: mode == null ? 'unknown' : mode === O.DocumentMode.ReadOnly,
    cloudDocument: typeof url === 'string' ? isCloudUrl(url) : 'unknown',
  };
}
