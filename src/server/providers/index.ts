// Builds one Provider per configured model; the only place that maps a provider kind to its folder.
import type { ServerConfig } from '../config';
import type { SuffixArray } from '../../engine/SuffixArray';
import { BuiltinProvider } from './builtin';
import { OpenAICompatibleProvider } from './openai-compatible';
import type { Provider } from './types';

export function createProviders(config: ServerConfig, corpus: SuffixArray | undefined, fetchImpl?: typeof fetch): Map<string, Provider> {
  const out = new Map<string, Provider>();
  let builtin: BuiltinProvider | undefined;
  // A model that may fall back needs the engine even when the admin did not list the built-in model.
  if (config.models.some((m) => m.fallbackToBuiltin)) {
    builtin = new BuiltinProvider(corpus);
    out.set(FALLBACK, builtin);
  }
  for (const m of config.models) {
    if (m.provider === 'builtin') {
      builtin ??= new BuiltinProvider(corpus); // one engine index, however many builtin entries
      out.set(m.id, builtin);
    } else {
      out.set(m.id, new OpenAICompatibleProvider({ model: m, prompts: config.prompts, timeoutMs: config.upstreamTimeoutMs, fetch: fetchImpl }));
    }
  }
  return out;
}

/** Key of the built-in engine that answers for a failing model whose admin allowed it (not a model id: ids cannot start with '#'). */
export const FALLBACK = '#fallback';

export type { Provider } from './types';
