// The Redis connection for state shared by all instances (rate-limit counters). Built to fail fast, never
// to wait: while Redis is away a command errors at once (no offline queue, no retries, a short command
// timeout), the rate limiter lets the request through, /health/ready says degraded, and ioredis
// reconnects in the background. State changes are logged once each, not per request.
import { Redis } from 'ioredis';
import type { CheckState } from './readiness';

export interface SharedRedis {
  client: Redis;
  state(): CheckState;
  close(): Promise<void>;
}

interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export function connectRedis(url: string, log: Log): SharedRedis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 300,
    connectTimeout: 2000,
    // Keep trying, a little slower each time, never more than every 2 s.
    retryStrategy: (times) => Math.min(times * 100, 2000),
    // Commands sent before the connection dropped fail rather than being replayed minutes later.
    autoResendUnfulfilledCommands: false,
  });
  let up = false;
  let warned = false;
  client.on('ready', () => {
    up = true;
    warned = false;
    log.info({ redis: 'up' }, 'Redis reachable: rate limits shared across instances');
  });
  const down = (err?: Error): void => {
    up = false;
    if (warned) return;
    warned = true;
    log.warn({ redis: 'down', errCode: (err as NodeJS.ErrnoException | undefined)?.code }, 'Redis unreachable: rate limits fail open until it returns');
  };
  client.on('error', down);
  client.on('close', () => down());
  return {
    client,
    state: () => (up ? 'ok' : 'down'),
    close: async () => {
      client.removeAllListeners('ready');
      client.disconnect();
    },
  };
}
