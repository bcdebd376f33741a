// The Word host without inline ghosts: reads the document, inserts an accepted suggestion at the caret, labels it
// (GB 45438), sweeps ghosts left behind. The lite pane (Word 2016/2019 in the IE11 webview, always pane-only) runs on
// this alone and does not carry the ghost rendering; WordHost.ts adds that for every other pane.

import { findTextFor, FIND_TEXT_MAX, type AigcAccept, type DocumentHost, type HostCapabilities, type HostDiagnostics, type GhostShown, type TextTarget } from '../../core/DocumentHost';
import type { AigcLabelInput } from '../../core/aigc';
import { WordAigcProperty } from './aigcProperty';
import { readFacts } from './verdict';
import { abortIfNeeded, type Ctx } from './WordBase';
import { normalizeWordText } from './wordText';
import { WordReader } from './WordReader';

export class WordPaneHost extends WordReader implements DocumentHost {
  readonly name = 'word' as const;

  async init(signal?: AbortSignal): Promise<void> {
    abortIfNeeded(signal);
    this.self.setFacts(readFacts(this.O, (s, v) => this.supports(s, v)));
    await this.refreshCloud();
    this.cloudSeen = this.cloud; // a file already in the cloud did not move there mid-session
    await this.exclusive(() => this.sweep());
    await this.watch.start(this.supports('WordApi', '1.6') ? (fn) => this.run(fn) : null);
  }

  diagnostics(): HostDiagnostics {
    if (this.lastTracking !== undefined) this.self.setFacts({ trackChanges: this.lastTracking === null ? 'unknown' : this.lastTracking });
    return this.self.diagnostics();
  }

  configureSelfCheck(options: { failureLimit: number }): void {
    this.self.setLimit(options.failureLimit);
  }

  async capabilities(): Promise<HostCapabilities> {
    await this.refreshCloud();
    if (this.supports('WordApi', '1.3') && Date.now() > this.safetyFreshUntil) await this.exclusive(() => this.readSafety());
    return this.verdict();
  }

  /** this host never renders a ghost: the suggestion stays in the pane (WordHost overrides) */
  async showGhost(_text: string, signal?: AbortSignal): Promise<GhostShown> {
    abortIfNeeded(signal);
    return { inline: false, reason: 'host.litePane' };
  }

  async trimGhost(_typedChars: number, signal?: AbortSignal): Promise<void> {
    abortIfNeeded(signal);
  }

  async acceptGhost(_chars?: number, signal?: AbortSignal): Promise<void> {
    abortIfNeeded(signal);
  }

  /** GB 45438-2025: the document's AIGC custom property (aigcProperty.ts); one Word.run at a time like our other writes */
  private readonly aigc = new WordAigcProperty((batch) => this.W.run(batch), (set, v) => this.supports(set, v));

  labelAiContent(accept: AigcAccept, label: AigcLabelInput, signal?: AbortSignal): Promise<void> {
    return this.exclusive(() => this.aigc.write(accept, label, signal));
  }

  /** this host writes no ghost of its own: it sweeps every ghost control it has seen (or not yet looked for) */
  async clearGhost(signal?: AbortSignal): Promise<void> {
    abortIfNeeded(signal);
    await this.exclusive(async () => {
      if (!this.baseline || this.baseline.ghosts.length) await this.lookAgain();
    });
  }

  async insertAtCursor(text: string, signal?: AbortSignal): Promise<void> {
    abortIfNeeded(signal);
    await this.exclusive(() =>
      this.write(async (ctx) => {
        const r = ctx.document.getSelection().insertText(text, 'Replace');
        r.getRange('End').select('Start');
        const { sig } = this.queueLook(ctx, null);
        await ctx.sync();
        this.baseline = sig();
      }),
    );
  }

  /** 规范 定位: body.search (WordApi 1.1) for the target and Range.select() on the match (issue 26) */
  async selectText(target: TextTarget, signal?: AbortSignal): Promise<boolean> {
    abortIfNeeded(signal);
    const found = await this.exclusive(() =>
      this.run(async (ctx) => {
        const r = await this.findTarget(ctx, target);
        if (!r) return false;
        r.select();
        await ctx.sync();
        return true;
      }),
    );
    if (found) this.emit('selection');
    return found;
  }

  /**
   * The target's range: Word's search is case-blind by default and may match full- and half-width forms alike
   * (SearchOptions has no "match width" [UNCONFIRMED]), so every match's text is read back and only exact ones
   * count. The find string is escaped (^^, ^p) and at most 255 characters (Body.search: "a maximum of 255").
   */
  protected async findTarget(ctx: Ctx, target: TextTarget): Promise<Word.Range | null> {
    const query = findTextFor(target.needle);
    if (!target.needle || target.occurrence < 0 || query.length > FIND_TEXT_MAX) return null;
    const matches = ctx.document.body.search(query, { matchCase: true });
    matches.load('items/text');
    await ctx.sync();
    const exact = matches.items.filter((m) => normalizeWordText(m.text) === target.needle);
    return exact[target.occurrence] ?? null;
  }

  dispose(): void {
    this.disposed = true;
    this.stopIdle();
    this.watch.dispose();
  }
}
