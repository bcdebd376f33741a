// The replicas of one model server (vLLM, Ollama, …): which one takes the next call, how many calls each
// takes at once (a short queue, then "busy"), and a circuit breaker per replica that stops calling one
// that keeps failing and lets a single probe call through after a pause. State is per process.
// Hand-written rather than cockatiel/opossum: a slot is held for a streamed body, not a promise, and
// both libraries create an AbortController per call, which this hot path measured as too costly.

/** Consecutive failures that open a replica's breaker, and how long it stays open before a probe. */
export const FAILURES_TO_OPEN = 5;
export const OPEN_MS = 10_000;

export type BreakerState = 'closed' | 'open' | 'half-open';

/** What /health/ready reports per replica: its host and port only (no path, no credentials). */
export interface ReplicaStatus {
  host: string;
  state: BreakerState;
  inFlight: number;
  queued: number;
  /** how the last finished call went */
  last: 'none' | 'ok' | 'failed';
}

export type AcquireFailure = 'upstream_busy' | 'upstream_unavailable';

interface Waiter {
  resolve(r: Replica): void;
  reject(kind: AcquireFailure): void;
}

/** A call waiting in a replica's queue. */
export interface Waiting {
  slot: Promise<Replica>;
  /** Gives up the wait (the client left or time ran out); a slot granted meanwhile is given back. */
  cancel(): void;
}

export class Replica {
  inFlight = 0;
  readonly queue: Waiter[] = [];
  private failures = 0;
  /** when the breaker may let a probe through; 0 while closed */
  private openUntil = 0;
  private probing = false;
  private last: ReplicaStatus['last'] = 'none';
  private readonly host: string;

  constructor(readonly base: string, private readonly maxConcurrent: number, private readonly now: () => number) {
    this.host = URL.canParse(base) ? new URL(base).host : '';
  }

  state(): BreakerState {
    if (this.openUntil === 0) return 'closed';
    return this.now() < this.openUntil ? 'open' : 'half-open';
  }

  /** May a call go here now (breaker closed, or half-open with no probe out yet)? */
  callable(): boolean {
    const s = this.state();
    return s === 'closed' || (s === 'half-open' && !this.probing);
  }

  hasRoom(): boolean {
    return this.inFlight < this.maxConcurrent;
  }

  /** Takes a slot; in half-open state that call is the probe. */
  take(): void {
    this.inFlight++;
    if (this.openUntil !== 0) this.probing = true;
  }

  /** Gives the slot back, noting how the call went; 'aborted' says nothing about the replica's health. */
  release(outcome: 'ok' | 'failed' | 'aborted'): void {
    this.inFlight--;
    if (outcome === 'ok') {
      this.failures = 0;
      this.openUntil = 0;
      this.last = 'ok';
    } else if (outcome === 'failed') {
      this.failures++;
      this.last = 'failed';
      // A failed probe reopens at once; a closed breaker opens after enough failures in a row.
      if (this.openUntil !== 0 || this.failures >= FAILURES_TO_OPEN) this.openUntil = this.now() + OPEN_MS;
    }
    this.probing = false;
    if (!this.callable()) {
      // Nothing queued here can be served soon: let those callers go elsewhere or give up now.
      for (const w of this.queue.splice(0)) w.reject('upstream_unavailable');
      return;
    }
    const next = this.queue.shift();
    if (next) {
      this.take();
      next.resolve(this);
    }
  }

  status(): ReplicaStatus {
    return { host: this.host, state: this.state(), inFlight: this.inFlight, queued: this.queue.length, last: this.last };
  }
}

/** A slot on a replica: synchronously when one is free (the common case), else a wait in a queue. */
export type Acquired = Replica | Waiting;

export class ReplicaSet {
  readonly replicas: Replica[];
  private next = 0;

  constructor(bases: string[], maxConcurrent: number, private readonly maxQueue: number, now: () => number = () => Date.now()) {
    this.replicas = bases.map((b) => new Replica(b, maxConcurrent, now));
  }

  /**
   * A replica for the next call, round robin over those whose breaker allows a call, skipping `tried`.
   * Throws 'upstream_unavailable' when every breaker is open, 'upstream_busy' when every queue is full.
   */
  acquire(tried?: ReadonlySet<Replica>): Acquired {
    const n = this.replicas.length;
    let queueOn: Replica | undefined;
    let anyCallable = false;
    for (let i = 0; i < n; i++) {
      const r = this.replicas[(this.next + i) % n];
      if ((tried && tried.has(r)) || !r.callable()) continue;
      anyCallable = true;
      if (r.hasRoom()) {
        this.next = (this.next + i + 1) % n;
        r.take();
        return r;
      }
      // A half-open replica takes its probe only when free; a queue behind it would wait on one call.
      if (r.state() === 'closed' && r.queue.length < this.maxQueue && (!queueOn || r.queue.length < queueOn.queue.length)) queueOn = r;
    }
    if (!queueOn) throw anyCallable ? 'upstream_busy' : 'upstream_unavailable';
    const q = queueOn.queue;
    let waiter!: Waiter;
    let granted: Replica | undefined;
    let cancelled = false;
    const slot = new Promise<Replica>((resolve, reject) => {
      waiter = {
        resolve: (r) => { if (cancelled) r.release('aborted'); else { granted = r; resolve(r); } },
        reject: (kind) => reject(kind),
      };
      q.push(waiter);
    });
    slot.catch(() => undefined);
    return {
      slot,
      cancel: () => {
        if (cancelled) return;
        cancelled = true;
        const i = q.indexOf(waiter);
        if (i >= 0) q.splice(i, 1);
        // A slot granted but not yet used by the caller goes back at once.
        else if (granted) granted.release('aborted');
      },
    };
  }

  status(): ReplicaStatus[] {
    return this.replicas.map((r) => r.status());
  }
}
