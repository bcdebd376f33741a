// Who is asking: the user the organisation's sign-on gateway names (a trusted header, believed only from a
// `trustProxy` peer), else a bearer token, else the client address. Used for rate limits and the audit log.
import crypto from 'node:crypto';
import type { Redis } from 'ioredis';

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

/** Wrong tokens counted where every instance sees them (issue 29): behind nginx a guesser's requests are spread
 *  over the instances, and a count per process lets each one guess maxFailures times per instance. */
export interface WrongTokens {
  add(address: string): Promise<number>;
  blocked(address: string): Promise<boolean>;
}

/** Redis when configured (a key per address that expires with the window, INCR'd), else this process's window.
 *  A Redis error falls back to the local count, as the rate limiter lets requests through while Redis is away. */
export function wrongTokens(local: FailureWindow, redis?: Redis): WrongTokens {
  if (!redis) return { add: async (a) => local.add(a), blocked: async (a) => local.blocked(a) };
  const key = (address: string): string => `banxie:auth-fail:${address}`;
  return {
    async add(address) {
      const mine = local.add(address);
      try {
        const res = await redis.multi().set(key(address), '0', 'PX', local.windowMs, 'NX').incr(key(address)).exec();
        const count = Number(res?.[1]?.[1]);
        return Number.isFinite(count) ? count : mine;
      } catch {
        return mine;
      }
    },
    async blocked(address) {
      try {
        return Number(await redis.get(key(address))) >= local.max;
      } catch {
        return local.blocked(address);
      }
    },
  };
}

function sha256(s: string): Buffer {
  return crypto.createHash('sha256').update(s).digest();
}

/** A salted, truncated hash: the audit log can group by user without naming anyone. */
export function hashUser(identity: string, salt: string): string {
  return crypto.createHmac('sha256', salt).update(identity).digest('hex').slice(0, 16);
}

/** How the requester was known: the sign-on gateway's header, a bearer token, or only the address. */
export type RequesterKind = 'signon' | 'token' | 'address';

export interface Requester {
  kind: RequesterKind;
  /** the sign-on name, the token itself (a secret: never logged or written as it is), or the address */
  id: string;
  /** the client's address as Fastify reads it (X-Forwarded-For from trusted proxies) */
  address: string;
}

/** The longest user name believed from the header; a longer one is not a name a gateway sends. */
const MAX_USER_CHARS = 256;

/**
 * The user named in the sign-on header, or null when it is absent or not a name. Node reads header bytes as
 * Latin-1; a gateway passing a Chinese name sends UTF-8, so the bytes are read again as UTF-8 when they are.
 */
export function signonUser(value: string | string[] | undefined): string | null {
  if (typeof value !== 'string') return null;
  let name = value.trim();
  if (/^[\u0000-\u00ff]*$/.test(name)) {
    const utf8 = Buffer.from(name, 'latin1').toString('utf8');
    if (!utf8.includes('\ufffd')) name = utf8;
  }
  // control characters would let a name forge lines in a log; '-' is nginx's $remote_user when nobody logged in
  if (!name || name === '-' || name.length > MAX_USER_CHARS || /[\u0000-\u001f\u007f]/.test(name)) return null;
  return name;
}

/** The key a requester is known by for hashing: today's keys (the token itself, `ip:…`) so hashes stay stable. */
export function requesterKey(r: Requester): string {
  return r.kind === 'signon' ? `user:${r.id}` : r.kind === 'token' ? r.id : `ip:${r.id}`;
}

/** `audit.user`: hashed (a salted hash, pseudonymous) or plain (the name as the sign-on gave it). */
export type AuditUserMode = 'hashed' | 'plain';

/** Who an audit record names: the user, the client address and how the user was known. */
export interface AuditWho {
  user: string;
  client: string;
  via: RequesterKind;
}

/**
 * The record's names. Plain: the sign-on name as given, the address as it is; a token is a secret, so it is
 * named by its hash (`token:…`) even then. Hashed: user and address each as a salted hash.
 */
export function auditWho(r: Requester, mode: AuditUserMode, hash: (key: string) => string): AuditWho {
  if (mode === 'hashed') return { user: hash(requesterKey(r)), client: hash(`ip:${r.address}`), via: r.kind };
  const user = r.kind === 'signon' ? r.id : r.kind === 'token' ? `token:${hash(r.id)}` : `ip:${r.id}`;
  return { user, client: r.address, via: r.kind };
}
