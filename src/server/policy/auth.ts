// Optional bearer tokens, and the client identity used for rate limits and (hashed) in the audit log.
import crypto from 'node:crypto';

export class TokenCheck {
  private readonly digests: Buffer[];

  constructor(tokens: readonly string[]) {
    this.digests = tokens.map(sha256);
  }

  get enabled(): boolean {
    return this.digests.length > 0;
  }

  /** The matching token (to identify the client), or null. Compared in constant time on digests. */
  match(authorization: string | undefined): string | null {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!m) return null;
    const d = sha256(m[1]);
    return this.digests.some((x) => crypto.timingSafeEqual(x, d)) ? m[1] : null;
  }
}

/** Wrong tokens per address within a window: enough of them, and that address is refused until the
 * window ends. Bounded memory: the oldest addresses are forgotten first. */
export class FailureWindow {
  private readonly seen = new Map<string, { count: number; until: number }>();

  constructor(readonly max: number, readonly windowMs: number, private readonly now: () => number = Date.now) {}

  /** Counts one wrong token from `address`; returns how many it sent in the current window. */
  add(address: string): number {
    const t = this.now();
    let e = this.seen.get(address);
    if (!e || e.until <= t) {
      this.seen.delete(address);
      if (this.seen.size >= 10_000) this.seen.delete(this.seen.keys().next().value!);
      e = { count: 0, until: t + this.windowMs };
      this.seen.set(address, e);
    }
    return ++e.count;
  }

  blocked(address: string): boolean {
    const e = this.seen.get(address);
    return !!e && e.until > this.now() && e.count >= this.max;
  }
}

function sha256(s: string): Buffer {
  return crypto.createHash('sha256').update(s).digest();
}

/** A salted, truncated hash: the audit log can group by user without naming anyone. */
export function hashUser(identity: string, salt: string): string {
  return crypto.createHmac('sha256', salt).update(identity).digest('hex').slice(0, 16);
}
