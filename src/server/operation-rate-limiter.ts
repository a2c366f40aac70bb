import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { DomainError } from '../errors/domain-error';

export interface OperationRateLimiterOptions {
  /** Points one user may spend per window. */
  operations: number;
  windowSeconds: number;
  /** Set: counters live in Redis, shared by every gateway instance. Unset: in this process. */
  redisUrl?: string;
  logger: Logger;
}

const KEY_PREFIX = 'gateway:operations';

/**
 * How many points one user may spend per window, over HTTP, WebSocket and SSE together: an
 * operation takes 1, and more for the fields that call Plaid (the guard decides).
 */
export class OperationRateLimiter {
  private constructor(
    private readonly limiter: RateLimiterAbstract,
    private readonly redis: Redis | undefined,
  ) {}

  static async create(options: OperationRateLimiterOptions): Promise<OperationRateLimiter> {
    const points = { points: options.operations, duration: options.windowSeconds, keyPrefix: KEY_PREFIX };
    const memory = new RateLimiterMemory(points);
    if (!options.redisUrl) return new OperationRateLimiter(memory, undefined);

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
    const limiter = new RateLimiterRedis({ ...points, storeClient: redis, rejectIfRedisNotReady: true, insuranceLimiter: memory });
    return new OperationRateLimiter(limiter, redis);
  }

  /** Takes `points` from the user's budget; RATE_LIMITED with `retryAfterSeconds` once the window's budget is spent. */
  async consume(userId: string, points: number): Promise<void> {
    try {
      await this.limiter.consume(userId, points);
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
