// The Word host without inline ghosts: reads the document, inserts an accepted suggestion at the caret, labels it
// (GB 45438), sweeps ghosts left behind. The lite pane (Word 2016/2019 in the IE11 webview, always pane-only) runs on
// this alone and does not carry the ghost rendering; WordHost.ts adds that for every other pane.

import type { AigcAccept, DocumentHost, HostCapabilities, HostDiagnostics, GhostShown } from '../../core/DocumentHost';
import type { AigcLabelInput } from '../../core/aigc';
import { WordAigcProperty } from './aigcProperty';
import { readFacts } from './verdict';
import { abortIfNeeded } from './WordBase';
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

  /** takes our ghost out; a host that tracks none (a ribbon command in its own runtime) sweeps every ghost control */
  async clearGhost(signal?: AbortSignal): Promise<void> {
    abortIfNeeded(signal);
    await this.exclusive(() => (this.ghost.id === null && (!this.baseline || this.baseline.ghosts.length) ? this.lookAgain() : this.deleteGhost()));
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

  dispose(): void {
    this.disposed = true;
    this.stopIdle();
    this.watch.dispose();
  }
}
