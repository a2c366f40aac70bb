import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { DomainError } from '../errors/domain-error';

export interface OperationRateLimiterOptions {
  /** Points one user may spend per window. */
  operations: number;
  /** Points all callers without a token at one client address may spend per window. */
  anonymousOperations: number;
  windowSeconds: number;
  /** Set: counters live in Redis, shared by every gateway instance. Unset: in this process. */
  redisUrl?: string;
  logger: Logger;
}

/** A user's budget is kept under the user's id, an anonymous caller's under its client address (client-address.ts). */
export type Budget = 'user' | 'anonymous';

const KEY_PREFIXES: Record<Budget, string> = { user: 'gateway:operations', anonymous: 'gateway:anonymous-operations' };

/**
 * How many points one user, or the callers without a token at one address, may spend per
 * window, over HTTP, WebSocket and SSE together: an operation takes 1, and more for the fields
 * that call Plaid (the guard decides). In process, each key is forgotten when its window ends
 * (rate-limiter-flexible's memory store deletes it on a timer), so memory holds the keys of
 * one window only; in Redis each key expires with its window too.
 */
export class OperationRateLimiter {
  private constructor(
    private readonly limiters: Record<Budget, RateLimiterAbstract>,
    private readonly redis: Redis | undefined,
  ) {}

  static async create(options: OperationRateLimiterOptions): Promise<OperationRateLimiter> {
    const settings = (budget: Budget, points: number) => ({ points, duration: options.windowSeconds, keyPrefix: KEY_PREFIXES[budget] });
    const budgets = { user: settings('user', options.operations), anonymous: settings('anonymous', options.anonymousOperations) };
    if (!options.redisUrl)
      return new OperationRateLimiter(
        { user: new RateLimiterMemory(budgets.user), anonymous: new RateLimiterMemory(budgets.anonymous) },
        undefined,
      );

    // Without an offline queue a Redis outage fails fast, and the in-process limiter takes over
    // (insuranceLimiter) rather than every operation waiting on a dead connection.
    // It connects, and reconnects, in the background: start-up does not wait for Redis.
    const redis = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    let reportedDown = false;
    redis.on('error', (error: Error) => {
      if (reportedDown) return;
      reportedDown = true;
      options.logger.warn({ err: error }, 'Redis for rate limits is unreachable; counting in this process until it is back');
    });
    redis.on('ready', () => {
      reportedDown = false;
    });
    const inRedis = (budget: typeof budgets.user) =>
      new RateLimiterRedis({ ...budget, storeClient: redis, rejectIfRedisNotReady: true, insuranceLimiter: new RateLimiterMemory(budget) });
    return new OperationRateLimiter({ user: inRedis(budgets.user), anonymous: inRedis(budgets.anonymous) }, redis);
  }

  /** Takes `points` from the key's budget; RATE_LIMITED with `retryAfterSeconds` once the window's budget is spent. */
  async consume(budget: Budget, key: string, points: number): Promise<void> {
    try {
      await this.limiters[budget].consume(key, points);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new DomainError('RATE_LIMITED', `Too many operations; retry in ${retryAfterSeconds} s`, { retryAfterSeconds });
    }
  }

  /** `up`/`down` with REDIS_URL, `not_configured` without. */
  redisState(): 'up' | 'down' | 'not_configured' {
    if (!this.redis) return 'not_configured';
    return this.redis.status === 'ready' ? 'up' : 'down';
  }

  async close(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }
}
