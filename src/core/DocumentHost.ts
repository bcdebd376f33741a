// What every host (Word, WPS, the playground's simulators) offers the task pane. It lives in core, the one
// room that depends on nothing, so the session can speak of hosts without importing one.
// The pane and SuggestionSession talk to this, never to Word or WPS directly.

export interface HostContext {
  /** the document body as plain text WITHOUT any ghost text; may be a bounded view of a huge body */
  text: string;
  /** cursor offset in `text` (collapsed selection) */
  cursor: number;
  /** true when the user has a non-empty selection: no suggestion then */
  selectionEmpty: boolean;
  /** the text of the first section's primary page header, where some templates print the 密级;
   * absent when the host cannot read it */
  header?: string;
  /** an i18n key: the host read the text but not exactly where the caret is in it, so no suggestion is asked for
   *  here, and this says why (Word on the web inside a paragraph, where measuring costs an Undo step:
   *  'suggestion.webMidParagraph'); `cursor` is then only the start of the caret's paragraph */
  noSuggestion?: string;
}

export interface ReadHow {
  exact?: boolean;
}

export interface HostCapabilities {
  /** ghost text can be shown inline in the document (else: pane-only) */
  inlineGhost: boolean;
  /** why inline ghost is off, as an i18n key, e.g. 'host.trackChanges' */
  inlineGhostOffReason?: string;
  trackChanges: boolean;
  keyboardShortcuts: boolean;
}

/** What `showGhost` rendered (VS Code's GhostText as the model): the text inline in the document, or
 * not inline with the reason as an i18n key (e.g. 'host.trackChanges'); the suggestion then lives in the pane. */
export type GhostShown = { inline: true; text: string } | { inline: false; reason: string };

/** 'save': the host took its ghost out because a save may be near (a save event, the pane hidden, the ghost
 *  idle too long) — the session stops showing it inline */
export type HostChange = { kind: 'selection' | 'content' | 'save' | 'ghostLost' };

export interface DocumentHost {
  readonly name: 'word' | 'wps' | 'simulator';
  /** sweep ghosts left behind by a crash; call once when the pane loads */
  init(signal?: AbortSignal): Promise<void>;
  capabilities(): Promise<HostCapabilities>;
  /** `how.exact`: the clerk asked for a suggestion here and now (重新建议, the ribbon): where the host would not
   *  measure the caret (Word on the web inside a paragraph: one Undo step) it does, this once */
  readContext(signal?: AbortSignal, how?: ReadHow): Promise<HostContext>;
  /** show text as ghost right after the cursor; cursor stays before it. Says what it rendered: the
   * ghost in the document, or why not (then nothing of it is in the document) — never a silent no-op.
   * When the ghost shown now is a prefix of `text`, only the rest is written, in one write (a streaming
   * ghost extends itself once). */
  showGhost(text: string, signal?: AbortSignal): Promise<GhostShown>;
  /** the user typed the first `typedChars` characters of the ghost: keep the rest */
  trimGhost(typedChars: number, signal?: AbortSignal): Promise<void>;
  /** make the first `chars` characters of the ghost (all when omitted) normal text; cursor after them */
  acceptGhost(chars?: number, signal?: AbortSignal): Promise<void>;
  clearGhost(signal?: AbortSignal): Promise<void>;
  /** pane-only mode: insert text at the cursor as normal text */
  insertAtCursor(text: string, signal?: AbortSignal): Promise<void>;
  /** subscribe to changes; returns an unsubscribe function */
  onChange(cb: (change: HostChange) => void): () => void;
  /** what the host knows about itself and has observed so far (issue 16); absent on test hosts */
  diagnostics?(): HostDiagnostics;
  /** how many failed self-checks turn inline ghosts off for the rest of the session (settings:
   * selfCheckLimit); absent on test hosts */
  configureSelfCheck?(options: { failureLimit: number }): void;
  /** after an accept of model-written text: create or update the document's `AIGC` custom property
   * (issue 16 §4); the host keeps the running total and never duplicates the property */
  labelAiContent?(accept: AigcAccept, label: { producer: string; contentId?: string }, signal?: AbortSignal): Promise<void>;
  /** 规范 定位 (issue 26): select the target's text in the document; false when it is not there (any more).
   * Absent on a host that cannot search: the pane then shows no 定位 button */
  selectText?(target: TextTarget, signal?: AbortSignal): Promise<boolean>;
  /** 规范 修正: replace the target's text with `replacement` in one write (one undo step, like an accept);
   * false when the text is not there (any more). Absent: no 修正 button */
  replaceText?(target: TextTarget, replacement: string, signal?: AbortSignal): Promise<boolean>;
  dispose(): void;
}

/**
 * A span of the body named the way Word (WordApi 1.1 `body.search`) and WPS (`Find.Execute`) find text: the
 * `occurrence`-th (0-based) of the exact, non-overlapping matches of `needle`, left to right ('\n' between paragraphs).
 */
export interface TextTarget {
  needle: string;
  occurrence: number;
}

/** Word's and WPS's find strings are at most 255 characters (Word.Body.search: "Can be a maximum of 255 characters";
 * the same limit as Word's Find.Text, which WPS copies) — counted after escaping */
export const FIND_TEXT_MAX = 255;

/** `text` as a find string without wildcards: `^` starts a special character there (`^^` is a caret, `^p` a
 * paragraph mark — Word's Find and Replace "special characters", which WPS shares) */
export function findTextFor(text: string): string {
  return text.replace(/\^/g, '^^').replace(/\r\n|\r|\n/g, '^p');
}

/** What a host can read about itself at start (issue 16 §1); 'unknown' where this host or version cannot tell. */
export interface HostFacts {
  host: 'word' | 'wps' | 'simulator';
  /** e.g. Office.context.diagnostics.platform ('PC', 'OfficeOnline', 'Mac') or the WPS OS / build string */
  platform: string;
  /** the host application's version string, '' when it cannot be read */
  version: string;
  /** requirement sets probed at start, e.g. { 'WordApi 1.3': true, 'WordApi 1.4': false } (Word); empty for WPS */
  apiSets: Record<string, boolean>;
  trackChanges: boolean | 'unknown';
  readOnly: boolean | 'unknown';
  cloudDocument: boolean | 'unknown';
  /** document protection as the host names it ('none', 'readOnly', 'comments', ...) */
  protection: string | 'unknown';
}

/** One check made during a real ghost cycle — never by writing to the document only to test. */
export type HostCheck =
  | 'caretBeforeGhost'
  | 'ghostReadBack'
  | 'formatInherited'
  | 'removeClean'
  /** an unconfirmed WPS behaviour (docs/WPS.md §6), observed: `wps:<switchName>` */
  | `wps:${string}`;

export interface HostObservation {
  check: HostCheck;
  ok: boolean;
  /** Date.now() when observed */
  at: number;
}

/** The host's self-report for the diagnostics view and the pane's pane-only reason. Holds no document text. */
export interface HostDiagnostics {
  facts: HostFacts;
  /** per check: how often it held and how often it failed this session */
  checks: Partial<Record<HostCheck, { ok: number; failed: number }>>;
  verificationFailures: number;
  /** Office.js context.sync() / WPS call round trips, ms */
  syncMs: { count: number; p50: number; p95: number };
  /** set once the host has switched itself to pane-only for this session; an i18n key */
  paneOnlyReason?: string;
  /** WPS §6 switches: what the host chose after observing (true/false), 'unknown' until observed */
  switches: Record<string, boolean | 'unknown'>;
}

/** GB 45438-2025 implicit label for a document holding accepted AI-generated text (issue 16 §4). */
export interface AigcAccept {
  /** the model that wrote the accepted text (its id in /v1/models) */
  model: string;
  /** characters accepted in this accept */
  chars: number;
}
