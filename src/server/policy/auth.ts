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

function sha256(s: string): Buffer {
  return crypto.createHash('sha256').update(s).digest();
}

/** A salted, truncated hash: the audit log can group by user without naming anyone. */
export function hashUser(identity: string, salt: string): string {
  return crypto.createHmac('sha256', salt).update(identity).digest('hex').slice(0, 16);
}
