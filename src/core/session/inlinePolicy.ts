// Whether a suggestion may be shown inline as a ghost, and if not why: one value, computed here and only
// here from the user's setting, the admin's policy, the pane, the host's capabilities, the cloud and the
// tracking state. The session follows it (no showGhost when it says pane-only); both panes draw its reason.
import type { HostCapabilities } from '../DocumentHost';

export interface InlinePolicy {
  inline: boolean;
  /** why not inline, as an i18n key (e.g. 'host.trackChanges'); absent when inline */
  reason?: string;
}

export interface InlinePolicyInput {
  /** the user's setting allows grey text in the document (Settings.display !== 'paneOnly') */
  userInline: boolean;
  /** the admin made the deployment pane-only (AdminPolicy.paneOnly) */
  adminPaneOnly: boolean;
  /** the pane can show inline at all (false: the lite pane in Trident's Word, WordApi 1.1–1.3 only) */
  paneInline: boolean;
  /** the user opted in to inline ghosts in cloud documents (Settings.cloudInline) */
  cloudInline: boolean;
  /** what the host last said it can do here */
  caps: HostCapabilities;
  /** the document lives in OneDrive/SharePoint (AutoSave, co-authors: DESIGN, cloud documents) */
  cloudDocument: boolean | 'unknown';
}

export const INLINE: InlinePolicy = Object.freeze({ inline: true });

const off = (reason: string): InlinePolicy => ({ inline: false, reason });

/** The policy; the first reason that applies wins, in the order a clerk would want to be told. */
export function inlinePolicy(i: InlinePolicyInput): InlinePolicy {
  if (i.adminPaneOnly) return off('host.adminPaneOnly');
  if (!i.paneInline) return off('host.litePane');
  if (!i.userInline) return off('host.userChoice');
  // our writes would become revisions: whatever else holds
  if (i.caps.trackChanges) return off('host.trackChanges');
  if (i.cloudDocument === true && !i.cloudInline) return off('host.cloudDocument');
  if (!i.caps.inlineGhost) return off(i.caps.inlineGhostOffReason || 'host.inlineUnavailable');
  return INLINE;
}

export function samePolicy(a: InlinePolicy | null, b: InlinePolicy | null): boolean {
  return !!a && !!b && a.inline === b.inline && a.reason === b.reason;
}
