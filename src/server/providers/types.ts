// The one shape every provider has (Portkey style): the route never knows which upstream it talks to.
import type { ContextDigest } from '../../core/protocol';

export interface ProviderInput {
  /** already policy-checked and, for external models, PII-masked */
  digest: ContextDigest;
  maxChars: number;
  /** aborted when the client leaves, the answer is long enough, or the upstream times out */
  signal: AbortSignal;
  /** passages of the organisation's own earlier documents, already allowed by policy (LLM prompts) */
  examples?: string[];
}

export interface Provider {
  /** Yields raw text as it arrives; the route post-processes and decides when it has enough. */
  stream(input: ProviderInput): AsyncIterable<string>;
  close?(): Promise<void>;
  /** the upstream's last known state (replicas, breakers, load), for /health/ready */
  status?(): unknown;
}

/** busy: every replica's queue is full; unavailable: every replica's circuit breaker is open */
export type ProviderFailure = 'upstream_error' | 'upstream_timeout' | 'upstream_busy' | 'upstream_unavailable';

/** An upstream that failed; `status` is the upstream's HTTP status when it sent one (for the audit log). */
export class ProviderError extends Error {
  constructor(readonly kind: ProviderFailure, readonly status?: number) {
    super(kind);
    this.name = 'ProviderError';
  }
}
