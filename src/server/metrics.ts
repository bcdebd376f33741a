// The service's figures for Prometheus (GET /metrics), kept with prom-client in a registry of this app's
// own (tests build several apps in one process). Counted from the audit lines themselves — one source for
// the audit file, the report and the metrics — so they cannot disagree; labels are model ids the config
// names, outcome codes and PII kinds: never text, never a user. Each process counts its own figures; with
// workers the primary sums them for a scrape (cluster.ts instanceMetrics); Prometheus sums the instances.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { isOutcome, type AuditLine, type AuditSink } from './policy/audit';

/** A replica's breaker as a provider reports it (providers/openai-compatible/replicas.ts ReplicaStatus). */
interface ReplicaState { host: string; state: 'closed' | 'open' | 'half-open' }

export interface MetricsOptions {
  /** the configured model ids: any other name (an unknown model asked for) counts as `unknown` */
  models: readonly string[];
  /** each model's replicas and their breakers, read at scrape time */
  upstreams?: () => Iterable<[model: string, replicas: unknown]>;
}

const BREAKER_STATES = ['closed', 'half-open', 'open'] as const;

export class Metrics {
  readonly registry = new Registry();
  private readonly models: Set<string>;
  private readonly completions: Counter<'model' | 'outcome'>;
  private readonly outcomes: Counter<'model' | 'outcome'>;
  private readonly acceptedChars: Counter<'model'>;
  private readonly shownChars: Counter<'model'>;
  private readonly upstreamSeconds: Histogram<'model'>;
  private readonly overheadSeconds: Histogram;
  private readonly upstreamFailures: Counter<'model' | 'kind'>;
  private readonly rateLimited: Counter;
  private readonly piiMasked: Counter<'kind'>;
  private readonly classifiedRefusals: Counter<'model'>;

  constructor(opts: MetricsOptions) {
    this.models = new Set(opts.models);
    const registers = [this.registry];
    this.completions = new Counter({ name: 'banxie_completions_total', help: 'Completion requests answered, by model and outcome (ok, empty, partial, aborted, or an error code).', labelNames: ['model', 'outcome'], registers });
    this.outcomes = new Counter({ name: 'banxie_suggestion_outcomes_total', help: 'Suggestions shown in the panes, by what became of them (accepted, partial, dismissed, typedThrough, expired, replaced).', labelNames: ['model', 'outcome'], registers });
    this.acceptedChars = new Counter({ name: 'banxie_accepted_chars_total', help: 'Characters of suggestions the clerks accepted.', labelNames: ['model'], registers });
    this.shownChars = new Counter({ name: 'banxie_shown_chars_total', help: 'Characters of suggestions the panes showed.', labelNames: ['model'], registers });
    this.upstreamSeconds = new Histogram({ name: 'banxie_upstream_seconds', help: 'Time a completion waited on its model (the built-in engine included).', labelNames: ['model'], buckets: [0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 8], registers });
    this.overheadSeconds = new Histogram({ name: 'banxie_overhead_seconds', help: "The service's own time per completion: the whole request less the wait on the model.", buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25], registers });
    this.upstreamFailures = new Counter({ name: 'banxie_upstream_failures_total', help: 'Completions whose model failed (answered by the built-in engine when fallback is allowed), by kind.', labelNames: ['model', 'kind'], registers });
    this.rateLimited = new Counter({ name: 'banxie_rate_limited_total', help: 'Requests refused by the rate limit (429).', registers });
    this.piiMasked = new Counter({ name: 'banxie_pii_masked_total', help: 'Personal items masked before an external model saw the text, by kind.', labelNames: ['kind'], registers });
    this.classifiedRefusals = new Counter({ name: 'banxie_classified_refusals_total', help: 'Completions refused because the document is classified and the model may not receive it.', labelNames: ['model'], registers });
    const upstreams = opts.upstreams;
    if (upstreams) {
      // Read at scrape time: 1 for the state each replica's breaker is in, 0 for the others (a state set).
      new Gauge({
        name: 'banxie_upstream_breaker_state', help: "Each model replica's circuit breaker: 1 for its current state.",
        labelNames: ['model', 'replica', 'state'], registers,
        collect() {
          this.reset();
          for (const [model, replicas] of upstreams()) {
            if (!Array.isArray(replicas)) continue;
            for (const r of replicas as ReplicaState[]) {
              for (const s of BREAKER_STATES) this.set({ model, replica: r.host, state: s }, r.state === s ? 1 : 0);
            }
          }
        },
      });
    }
  }

  /** Counts one audit line: a completion or a suggestion's outcome. */
  record(rec: AuditLine): void {
    const model = this.models.has(rec.model) ? rec.model : 'unknown';
    if (isOutcome(rec)) {
      this.outcomes.inc({ model, outcome: rec.outcome });
      this.shownChars.inc({ model }, rec.shownChars);
      if (rec.acceptedChars > 0) this.acceptedChars.inc({ model }, rec.acceptedChars);
      return;
    }
    this.completions.inc({ model, outcome: rec.outcome });
    if (rec.upstreamMs !== undefined) {
      this.upstreamSeconds.observe({ model }, rec.upstreamMs / 1000);
      this.overheadSeconds.observe(Math.max(0, rec.latencyMs - rec.upstreamMs) / 1000);
    }
    if (rec.fallback) this.upstreamFailures.inc({ model, kind: rec.fallback });
    else if (rec.outcome.startsWith('upstream_')) this.upstreamFailures.inc({ model, kind: rec.outcome });
    if (rec.outcome === 'classified_blocked') this.classifiedRefusals.inc({ model });
    for (const [kind, n] of Object.entries(rec.piiMasked ?? {})) if (n) this.piiMasked.inc({ kind }, n);
  }

  refusedByRateLimit(): void {
    this.rateLimited.inc();
  }

  /** An audit sink that counts each line, then hands it on. */
  counting(inner: AuditSink): AuditSink {
    return {
      write: (rec) => {
        this.record(rec);
        inner.write(rec);
      },
      close: () => inner.close(),
    };
  }

  /** where a scrape's text comes from: this registry, or (a cluster worker) the primary's sum over the workers */
  private gather: () => Promise<string> = () => this.registry.metrics();

  gatherWith(gather: (registry: Registry) => () => Promise<string>): void {
    this.gather = gather(this.registry);
  }

  text(): Promise<string> {
    return this.gather();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
