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
  /** changes whenever the user's text or cursor changes; cheap to compare */
  fingerprint: string;
  /** the text of the first section's primary page header, where some templates print the 密级;
   * absent when the host cannot read it */
  header?: string;
}

export interface HostCapabilities {
  /** ghost text can be shown inline in the document (else: pane-only) */
  inlineGhost: boolean;
  /** why inline ghost is off, as an i18n key, e.g. 'host.trackChanges' */
  inlineGhostOffReason?: string;
  trackChanges: boolean;
  keyboardShortcuts: boolean;
}

export type HostChange = { kind: 'selection' | 'content' | 'save' | 'ghostLost' };

export interface DocumentHost {
  readonly name: 'word' | 'wps' | 'simulator';
  /** sweep ghosts left behind by a crash; call once when the pane loads */
  init(signal?: AbortSignal): Promise<void>;
  capabilities(): Promise<HostCapabilities>;
  readContext(signal?: AbortSignal): Promise<HostContext>;
  /** show text as ghost right after the cursor; cursor stays before it */
  showGhost(text: string, signal?: AbortSignal): Promise<void>;
  /** the user typed the first `typedChars` characters of the ghost: keep the rest */
  trimGhost(typedChars: number, signal?: AbortSignal): Promise<void>;
  /** make the first `chars` characters of the ghost (all when omitted) normal text; cursor after them */
  acceptGhost(chars?: number, signal?: AbortSignal): Promise<void>;
  clearGhost(signal?: AbortSignal): Promise<void>;
  /** pane-only mode: insert text at the cursor as normal text */
  insertAtCursor(text: string, signal?: AbortSignal): Promise<void>;
  /** subscribe to changes; returns an unsubscribe function */
  onChange(cb: (change: HostChange) => void): () => void;
  dispose(): void;
}
