// The GB 45438-2025 label (src/core/aigc.ts) kept in Word's custom document property `AIGC`, through
// document.properties.customProperties (WordApi 1.3): getItemOrNullObject(key) reads it, add(key, value)
// "creates a new or sets an existing custom property" (keys are case-insensitive), so there is never a
// second one. https://learn.microsoft.com/javascript/api/word/word.custompropertycollection
//
// Cost: the first label in a session reads the property (1 sync) then writes it (1 sync). After that we
// know what we wrote, so the write goes out with a read of the value it replaces in the same batch (loads
// and writes run in queue order): 1 sync, plus a second only when someone else changed the property since.
import { AIGC_PROPERTY, nextAigcLabel, type AigcLabelInput } from '../../core/aigc';
import type { AigcAccept } from '../../core/DocumentHost';

export class WordAigcProperty {
  /** the value we last wrote; undefined = not read in this session yet */
  private written: string | undefined;

  constructor(
    /** Word.run */
    private readonly run: (batch: (ctx: Word.RequestContext) => Promise<void>) => Promise<void>,
    private readonly supports: (set: string, version: string) => boolean,
  ) {}

  /** false when this Word has no custom-property API (below WordApi 1.3): nothing is written */
  get available(): boolean {
    return this.supports('WordApi', '1.3');
  }

  async write(accept: AigcAccept, label: AigcLabelInput, signal?: AbortSignal): Promise<void> {
    if (!this.available || signal?.aborted) return;
    await this.run(async (ctx) => {
      const props = ctx.document.properties.customProperties;
      let current = this.written;
      if (current === undefined) {
        const item = props.getItemOrNullObject(AIGC_PROPERTY);
        item.load('value');
        await ctx.sync();
        current = item.isNullObject ? '' : String(item.value ?? '');
      }
      const next = nextAigcLabel(current, accept, label);
      const before = props.getItemOrNullObject(AIGC_PROPERTY);
      before.load('value');
      props.add(AIGC_PROPERTY, next);
      await ctx.sync();
      const seen = before.isNullObject ? '' : String(before.value ?? '');
      if (seen !== current) {
        // changed behind our back (another pane, the person, another tool): count on from what is there
        const merged = nextAigcLabel(seen, accept, label);
        props.add(AIGC_PROPERTY, merged);
        await ctx.sync();
        this.written = merged;
      } else {
        this.written = next;
      }
    });
  }
}
