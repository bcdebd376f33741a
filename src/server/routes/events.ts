// POST /v1/events: the panes report what became of each suggestion they showed (accepted, partial, dismissed,
// typed through, expired, replaced) with counts and times, never text. Each new event is one audit line of
// its own type (OutcomeRecord), which the metrics count too; an id seen before is not recorded again.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { ApiError } from '../errors';
import type { AuditSink, OutcomeRecord } from '../policy/audit';
import { eventsBodySchema } from './schema';

/** One event as the pane sends it: the record's fields without what the service adds (who, when), id named `id` */
export type OutcomeEvent = Omit<OutcomeRecord, 'type' | 'time' | 'eventId' | 'user'> & { id: string };

export interface EventDeps {
  audit: AuditSink;
  /** the caller's identity as the audit names it (hashed or plain, as configured) */
  userOf(req: FastifyRequest): string;
  seen: SeenEvents;
}

export function eventRoutes(app: FastifyInstance, deps: EventDeps): void {
  app.post('/v1/events', { schema: { body: eventsBodySchema } }, async (req, reply) => {
    const { events } = req.body as { events: OutcomeEvent[] };
    // A batch that contradicts itself is refused whole, like one that breaks the schema: nothing is counted.
    events.forEach((e, i) => {
      if (e.acceptedChars > e.shownChars) throw new ApiError(400, 'bad_request', `body/events/${i}/acceptedChars must not exceed shownChars`);
      const accepting = e.outcome === 'accepted' || e.outcome === 'partial';
      if (accepting !== e.acceptedChars > 0) throw new ApiError(400, 'bad_request', `body/events/${i}/acceptedChars must be above 0 exactly for accepted and partial`);
    });
    const fresh = await deps.seen.claim(events.map((e) => e.id));
    const user = deps.userOf(req);
    const time = new Date().toISOString();
    const recorded = fresh.size;
    for (const e of events) {
      if (!fresh.delete(e.id)) continue; // not new, or the same id earlier in this batch
      const rec: OutcomeRecord = {
        type: 'outcome', time, eventId: e.id, requestId: e.requestId, user, model: e.model, outcome: e.outcome,
        shownChars: e.shownChars, acceptedChars: e.acceptedChars, shownMs: e.shownMs, latencyMs: e.latencyMs,
        docType: e.docType, inline: e.inline, host: e.host,
      };
      deps.audit.write(rec);
    }
    reply.code(202);
    return { received: events.length, recorded };
  });
}

/**
 * Event ids already recorded, so a batch sent twice (a retry, a page that flushed on close and again on
 * reload) counts once. In memory, bounded: two generations of at most `perGeneration` ids, the older
 * dropped when the newer fills — a duplicate arriving that much later is not caught (the report still
 * counts each id once). With Redis every instance shares the ids for a day (SET NX); while Redis is away
 * this process's memory decides.
 */
export class SeenEvents {
  private current = new Set<string>();
  private previous = new Set<string>();

  constructor(private readonly redis?: Redis, private readonly perGeneration = 50_000, private readonly ttlSeconds = 86_400) {}

  /** The ids of `ids` not seen before (each at most once), now marked seen. */
  async claim(ids: readonly string[]): Promise<Set<string>> {
    const fresh = new Set<string>();
    for (const id of ids) if (!this.has(id)) fresh.add(id);
    if (this.redis && fresh.size > 0) {
      try {
        const multi = this.redis.multi();
        for (const id of fresh) multi.set(`banxie:ev:${id}`, '1', 'EX', this.ttlSeconds, 'NX');
        const replies = (await multi.exec()) ?? [];
        [...fresh].forEach((id, i) => {
          const [err, ok] = replies[i] ?? [null, 'OK'];
          if (!err && ok === null) fresh.delete(id); // another instance recorded it
        });
      } catch { /* Redis away: this process's memory decides */ }
    }
    for (const id of fresh) this.remember(id);
    return fresh;
  }

  private has(id: string): boolean {
    return this.current.has(id) || this.previous.has(id);
  }

  private remember(id: string): void {
    if (this.current.size >= this.perGeneration) {
      this.previous = this.current;
      this.current = new Set();
    }
    this.current.add(id);
  }
}
