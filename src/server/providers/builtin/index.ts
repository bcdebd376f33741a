// The offline model: the built-in engine behind the Provider shape. No network, no weights.
import { BuiltinEngine } from '../../../engine';
import type { Provider, ProviderInput } from '../types';

export class BuiltinProvider implements Provider {
  private readonly engine: BuiltinEngine;

  constructor(corpus?: string[]) {
    this.engine = new BuiltinEngine(corpus ? { corpus } : undefined);
  }

  async *stream(input: ProviderInput): AsyncIterable<string> {
    if (input.signal.aborted) return;
    const text = this.engine.suggest(input.digest, input.maxChars);
    if (text) yield text;
  }
}
