// The offline model: the built-in engine behind the Provider shape. No network, no weights.
import { BuiltinEngine } from '../../../engine';
import type { SuffixArray } from '../../../engine/SuffixArray';
import type { Provider, ProviderInput } from '../types';

export class BuiltinProvider implements Provider {
  private readonly engine: BuiltinEngine;

  /** `corpus`: the organisation corpus, indexed (src/server/corpus) */
  constructor(corpus?: SuffixArray) {
    this.engine = new BuiltinEngine(corpus ? { corpusIndex: corpus } : undefined);
  }

  async *stream(input: ProviderInput): AsyncIterable<string> {
    if (input.signal.aborted) return;
    const text = this.engine.suggest(input.digest, input.maxChars);
    if (text) yield text;
  }
}
