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

  write(accept: AigcAccept, label: AigcLabelInput, signal?: AbortSignal): Promise<void> {
    if (!this.available || signal?.aborted) return Promise.resolve();
    // promise chains, not async/await: this ships in the ES5 lite pane too, where each async function costs a state machine
    return this.run((ctx) => {
      const props = ctx.document.properties.customProperties;
      const read = (): Word.CustomProperty => props.getItemOrNullObject(AIGC_PROPERTY).load('value');
      const valueOf = (p: Word.CustomProperty): string => (p.isNullObject ? '' : String(p.value ?? ''));
      const known = this.written;
      let first: Promise<string>;
      if (known === undefined) {
        const p = read();
        first = ctx.sync().then(() => valueOf(p));
      } else first = Promise.resolve(known);
      return first.then((current) => {
        const before = read();
        props.add(AIGC_PROPERTY, (this.written = nextAigcLabel(current, accept, label)));
        return ctx.sync().then(() => {
          const seen = valueOf(before);
          if (seen === current) return;
          // changed behind our back (another pane, the person, another tool): count on from what is there
          props.add(AIGC_PROPERTY, (this.written = nextAigcLabel(seen, accept, label)));
          return ctx.sync();
        });
      });
    });
  }
}
