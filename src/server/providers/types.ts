// The one shape every provider has (Portkey style): the route never knows which upstream it talks to.
import type { ContextDigest } from '../../core/protocol';

export interface ProviderInput {
  /** already policy-checked and, for external models, PII-masked */
  digest: ContextDigest;
  maxChars: number;
  /** aborted when the client leaves, the pipeline has enough, or the first answer came too late (reason FIRST_ANSWER_LATE) */
  signal: AbortSignal;
  /** passages of the organisation's own earlier documents, already allowed by policy (LLM prompts) */
  examples?: string[];
  /** told the characters of document text each request to the upstream carried (the audit's charsSent) */
  sent?(chars: number): void;
}

/** What a model server sends: answer text, or a thought (a `reasoning_content` / `reasoning` field). */
export type Piece = string | { thought: string };

export interface Provider {
  /** Yields what arrives as it arrives; the pipeline (postprocess) filters it and decides when it has enough. */
  stream(input: ProviderInput): AsyncIterable<Piece>;
  close?(): Promise<void>;
  /** the upstream's last known state (replicas, breakers, load), for /health/ready */
  status?(): unknown;
}

/** The abort reason the pipeline gives when a model had no answer by its first-answer deadline. */
export const FIRST_ANSWER_LATE = 'first_answer_late';

/** busy: every replica's queue is full; unavailable: every replica's circuit breaker is open */
export type ProviderFailure = 'upstream_error' | 'upstream_timeout' | 'upstream_busy' | 'upstream_unavailable';

/**
 * The cause class an operator reads in the log: refused (no connection), timeout, http_status, bad_body
 * (not the shape a model server sends), output_cap (sent more than a completion can be), thinking (no
 * answer by the first-answer deadline), thought_leak (thought untagged though told not to think).
 */
export type FailureCause = 'refused' | 'timeout' | 'http_status' | 'bad_body' | 'output_cap' | 'thinking' | 'thought_leak' | 'busy' | 'unavailable';

/** An upstream that failed; `status` is the upstream's HTTP status when it sent one (for the audit log). */
export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderFailure,
    readonly status?: number,
    readonly why?: FailureCause,
    /** host:port of the replica that failed, for the operator's log */
    readonly replica?: string,
  ) {
    super(kind);
    this.name = 'ProviderError';
  }
}
