// A tiny in-memory DocumentHost for testing SuggestionSession alone: one paragraph-free string,
// a caret, an optional selection and a ghost right after the caret. Records every host call.
import type { AigcAccept, DocumentHost, HostCapabilities, HostChange, HostContext, GhostShown } from '../../../src/core/DocumentHost';
import { formatAnnotated, parseAnnotated } from '../../../src/simulators/annotated';

export class MemoryHost implements DocumentHost {
  readonly name = 'simulator' as const;
  text: string;
  cursor: number;
  selectionEnd: number;
  ghost: string;
  caps: HostCapabilities = { inlineGhost: true, trackChanges: false, keyboardShortcuts: false };
  /** every call the session made, e.g. 'showGhost:。' */
  readonly calls: string[] = [];
  /** false: user actions do not emit events (a host that dropped them); call emit() by hand */
  autoEmit = true;
  private listeners = new Set<(c: HostChange) => void>();

  constructor(annotated = '|') {
    const a = parseAnnotated(annotated);
    this.text = a.text;
    this.cursor = a.cursor;
    this.selectionEnd = a.cursor;
    this.ghost = a.ghost;
  }

  /** the document as an annotated string: caret `|`, ghost `[...]` */
  show(): string {
    return formatAnnotated(this.text, this.cursor, this.ghost);
  }

  callsOf(name: string): string[] {
    return this.calls.filter((c) => c.split(':')[0] === name);
  }

  emit(kind: HostChange['kind']): void {
    for (const l of [...this.listeners]) l({ kind });
  }

  // ---- the person's side ----
  /** typing goes in front of the ghost, as in Word where the caret sits before the ghost control */
  type(s: string): void {
    this.text = this.text.slice(0, this.cursor) + s + this.text.slice(this.selectionEnd);
    this.cursor += s.length;
    this.selectionEnd = this.cursor;
    if (this.autoEmit) this.emit('content');
  }

  backspace(): void {
    if (this.cursor === 0) return;
    this.text = this.text.slice(0, this.cursor - 1) + this.text.slice(this.cursor);
    this.cursor--;
    this.selectionEnd = this.cursor;
    if (this.autoEmit) this.emit('content');
  }

  select(start: number, end = start): void {
    this.cursor = start;
    this.selectionEnd = end;
    if (this.autoEmit) this.emit('selection');
  }

  /** the user undoes our ghost insertion */
  undoGhost(): void {
    this.ghost = '';
    if (this.autoEmit) this.emit('ghostLost');
  }

  // ---- the add-in's side ----
  async init(): Promise<void> {
    this.calls.push('init');
  }
  /** how long capabilities() takes (Word: one sync) */
  capsDelayMs = 0;
  async capabilities(): Promise<HostCapabilities> {
    this.calls.push('capabilities');
    if (this.capsDelayMs) await new Promise((r) => setTimeout(r, this.capsDelayMs));
    return { ...this.caps };
  }
  /** how long a read takes (a Word sync is tens to hundreds of ms); the document is sampled at the end */
  readDelayMs = 0;
  async readContext(): Promise<HostContext> {
    this.calls.push('readContext');
    if (this.readDelayMs) await new Promise((r) => setTimeout(r, this.readDelayMs));
    return {
      text: this.text,
      cursor: this.cursor,
      selectionEmpty: this.selectionEnd === this.cursor,
    };
  }
  /** set to make showGhost refuse, as a host does where inline is unsafe (track changes, self-check) */
  refuseInline: string | null = null;
  async showGhost(text: string): Promise<GhostShown> {
    this.calls.push(`showGhost:${text}`);
    if (this.refuseInline) return { inline: false, reason: this.refuseInline };
    this.ghost = text;
    return { inline: true, text };
  }
  async trimGhost(typedChars: number): Promise<void> {
    this.calls.push(`trimGhost:${typedChars}`);
    this.ghost = this.ghost.slice(typedChars);
  }
  async acceptGhost(chars?: number): Promise<void> {
    this.calls.push(`acceptGhost:${chars ?? 'all'}`);
    const taken = this.ghost.slice(0, chars ?? this.ghost.length);
    this.ghost = this.ghost.slice(taken.length);
    this.text = this.text.slice(0, this.cursor) + taken + this.text.slice(this.cursor);
    this.cursor += taken.length;
    this.selectionEnd = this.cursor;
    // Our own edit fires an event too (HOST-API-NOTES §3); the session must shrug it off.
    this.emit('content');
  }
  async clearGhost(): Promise<void> {
    this.calls.push('clearGhost');
    this.ghost = '';
  }
  async insertAtCursor(text: string): Promise<void> {
    this.calls.push(`insertAtCursor:${text}`);
    this.text = this.text.slice(0, this.cursor) + text + this.text.slice(this.cursor);
    this.cursor += text.length;
    this.selectionEnd = this.cursor;
    this.emit('content');
  }
  /** absent unless a test sets it (a host without document properties writes no label) */
  labelAiContent?: (accept: AigcAccept, label: { producer: string; contentId?: string }) => Promise<void>;
  onChange(cb: (change: HostChange) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

export { FakeService } from '../../scenarios/FakeService';
