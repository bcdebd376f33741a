// The replica set on its own: round robin, the per-replica limit and its short queue, the breaker.
import { FAILURES_TO_OPEN, OPEN_MS, ReplicaSet, type Replica, type Waiting } from '../../../src/server/providers/openai-compatible/replicas';

const clock = (): { now: () => number; advance(ms: number): void } => {
  let t = 1_000;
  return { now: () => t, advance: (ms) => { t += ms; } };
};
const isWaiting = (a: Replica | Waiting): a is Waiting => 'slot' in a;
const take = (set: ReplicaSet, tried?: Set<Replica>): Replica => {
  const a = set.acquire(tried);
  if (isWaiting(a)) throw new Error('expected a free slot');
  return a;
};
const failure = (fn: () => unknown): string => {
  try { fn(); } catch (e) { return String(e); }
  return 'none';
};

describe('ReplicaSet', () => {
  it('spreads calls round robin over the replicas', () => {
    const set = new ReplicaSet(['http://a/v1', 'http://b/v1', 'http://c/v1'], 10, 0);
    const bases = Array.from({ length: 6 }, () => { const r = take(set); r.release('ok'); return r.base; });
    expect(bases).toEqual(['http://a/v1', 'http://b/v1', 'http://c/v1', 'http://a/v1', 'http://b/v1', 'http://c/v1']);
  });

  it('skips the replicas already tried (failover)', () => {
    const set = new ReplicaSet(['http://a', 'http://b'], 10, 0);
    const first = take(set);
    const second = take(set, new Set([first]));
    expect(second.base).not.toBe(first.base);
    expect(failure(() => set.acquire(new Set([first, second])))).toBe('upstream_unavailable');
  });

  it('queues beyond the limit, hands a freed slot to the first in line, and is busy when the queue is full', async () => {
    const set = new ReplicaSet(['http://a'], 2, 1);
    const r = take(set);
    take(set);
    const waiting = set.acquire();
    expect(isWaiting(waiting)).toBe(true);
    expect(failure(() => set.acquire())).toBe('upstream_busy');
    r.release('ok');
    await expect((waiting as Waiting).slot).resolves.toBe(r);
    expect(set.status()[0]).toMatchObject({ host: 'a', inFlight: 2, queued: 0 });
  });

  it('a cancelled wait leaves the queue, and a slot granted to it goes back', async () => {
    const set = new ReplicaSet(['http://a'], 1, 2);
    const r = take(set);
    const w1 = set.acquire() as Waiting;
    const w2 = set.acquire() as Waiting;
    w1.cancel();
    expect(set.status()[0].queued).toBe(1);
    r.release('ok'); // goes to w2
    await w2.slot;
    w2.cancel(); // granted but not used: given back
    expect(set.status()[0]).toMatchObject({ inFlight: 0, queued: 0 });
  });

  it('opens the breaker after consecutive failures, lets one probe through after the pause, closes on success', () => {
    const c = clock();
    const set = new ReplicaSet(['http://a'], 10, 5, c.now);
    for (let i = 0; i < FAILURES_TO_OPEN - 1; i++) take(set).release('failed');
    take(set).release('ok'); // a success in between resets the count
    for (let i = 0; i < FAILURES_TO_OPEN; i++) take(set).release('failed');
    expect(set.status()[0]).toMatchObject({ state: 'open', last: 'failed' });
    expect(failure(() => set.acquire())).toBe('upstream_unavailable');

    c.advance(OPEN_MS);
    expect(set.status()[0].state).toBe('half-open');
    const probe = take(set);
    expect(failure(() => set.acquire())).toBe('upstream_unavailable'); // one probe at a time
    probe.release('failed'); // a failed probe reopens at once
    expect(set.status()[0].state).toBe('open');

    c.advance(OPEN_MS);
    take(set).release('ok');
    expect(set.status()[0]).toMatchObject({ state: 'closed', last: 'ok' });
    take(set).release('ok');
  });

  it('an aborted call says nothing about the replica, but frees the probe slot', () => {
    const c = clock();
    const set = new ReplicaSet(['http://a'], 10, 5, c.now);
    for (let i = 0; i < FAILURES_TO_OPEN; i++) take(set).release('failed');
    c.advance(OPEN_MS);
    take(set).release('aborted');
    expect(set.status()[0].state).toBe('half-open');
    take(set).release('ok');
    expect(set.status()[0].state).toBe('closed');
  });

  it('sends calls to the healthy replica while the other is open, and back when it recovers', () => {
    const c = clock();
    const set = new ReplicaSet(['http://a', 'http://b'], 10, 5, c.now);
    const a = set.replicas[0];
    for (let i = 0; i < FAILURES_TO_OPEN; i++) { a.take(); a.release('failed'); }
    const seen = Array.from({ length: 4 }, () => { const r = take(set); r.release('ok'); return r.base; });
    expect(seen).toEqual(['http://b', 'http://b', 'http://b', 'http://b']);
    c.advance(OPEN_MS);
    const after = Array.from({ length: 4 }, () => { const r = take(set); r.release('ok'); return r.base; });
    expect(after).toContain('http://a');
  });

  it('callers queued on a replica whose breaker opens are told at once', async () => {
    const set = new ReplicaSet(['http://a'], 1, 3);
    const r = take(set);
    for (let i = 0; i < FAILURES_TO_OPEN - 1; i++) { r.release('failed'); take(set); }
    const w = set.acquire() as Waiting;
    r.release('failed');
    await expect(w.slot).rejects.toBe('upstream_unavailable');
  });
});
