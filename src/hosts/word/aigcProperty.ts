// The GB 45438-2025 label (src/core/aigc.ts) kept in Word's custom document property `AIGC`, through
// document.properties.customProperties (WordApi 1.3): getItemOrNullObject(key) reads it, add(key, value)
// "creates a new or sets an existing custom property" (keys are case-insensitive), so there is never a
// second one. https://learn.microsoft.com/javascript/api/word/word.custompropertycollection
//
// Cost: the first label in a session reads the property (1 sync) and writes it (1 sync); after that the host
// knows what it wrote and each label is one write (1 sync) after the accept's own. Only this pane writes the
// property while it is open (a document has one pane of ours; the ribbon runtime without a shared runtime
// does not label), so what we wrote is what is there; a pane opened later reads it afresh.
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

  write(accept: AigcAccept, label: AigcLabelInput, signal?: AbortSignal): Promise<void> {
    // no custom-property API below WordApi 1.3: nothing is written
    if (!this.supports('WordApi', '1.3') || signal?.aborted) return Promise.resolve();
    // promise chains, not async/await: this ships in the ES5 lite pane too, where each async function costs a state machine
    return this.run((ctx) => {
      const props = ctx.document.properties.customProperties;
      let current: Promise<string>;
      if (this.written === undefined) {
        const item = props.getItemOrNullObject(AIGC_PROPERTY).load('value');
        current = ctx.sync().then(() => (item.isNullObject ? '' : String(item.value ?? '')));
      } else current = Promise.resolve(this.written);
      return current.then((value) => {
        props.add(AIGC_PROPERTY, (this.written = nextAigcLabel(value, accept, label)));
        return ctx.sync();
      });
    });
  }
}
