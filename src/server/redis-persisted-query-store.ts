import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { PersistedQueryLimits } from '../config/config';
import type { PersistedQueryRegistration, PersistedQueryStore, RegistrationOutcome } from './persisted-query-store';

const KEY_PREFIX = 'gateway:apq';
const CONNECT_TIMEOUT_MS = 2_000;

/**
 * One registration, atomically for every instance. Redis has no memory limit per key prefix,
 * so the bound is kept here: an index (sorted set of hash -> expiry time, itself expiring)
 * counts the documents still alive, and a counter per user (expiring with the period its first
 * registration began) the new ones they registered. Renewing a kept document costs no quota
 * and needs no room. Redis's own clock, so that instances with skewed clocks agree.
 *
 * KEYS: the document, the index, the user's counter. ARGV: hash, document, ttl seconds,
 * max entries, registrations per user.
 */
const REGISTER = `
local now = tonumber(redis.call('TIME')[1])
local ttl = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if redis.call('EXISTS', KEYS[1]) == 0 then
  if tonumber(redis.call('GET', KEYS[3]) or '0') >= tonumber(ARGV[5]) then return 'over-user-quota' end
  if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[4]) then return 'full' end
  if redis.call('INCR', KEYS[3]) == 1 then redis.call('EXPIRE', KEYS[3], ttl) end
end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ttl)
redis.call('ZADD', KEYS[2], now + ttl, ARGV[1])
redis.call('EXPIRE', KEYS[2], ttl)
return 'kept'
`;

const documentKey = (hash: string) => `${KEY_PREFIX}:document:${hash}`;
const INDEX_KEY = `${KEY_PREFIX}:index`;
const quotaKey = (userId: string) => `${KEY_PREFIX}:quota:${userId}`;

/**
 * Automatic persisted queries in Redis (REDIS_URL), shared by every instance: a hash
 * registered through one is served by all. At most `maxEntries` are kept: past that, a new
 * one is not kept until another expires (the client then keeps sending its document in full).
 */
export class RedisPersistedQueryStore implements PersistedQueryStore {
  private constructor(
    private readonly redis: Redis,
    private readonly limits: PersistedQueryLimits,
  ) {}

  static async connect(redisUrl: string, limits: PersistedQueryLimits, logger: Logger): Promise<RedisPersistedQueryStore> {
    // No offline queue: while Redis is away a lookup misses at once (the client then sends the
    // full document, as APQ expects) instead of waiting on a dead connection.
    const redis = new Redis(redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: CONNECT_TIMEOUT_MS,
      lazyConnect: true,
    });
    let reportedDown = false;
    redis.on('error', (error: Error) => {
      if (reportedDown) return;
      reportedDown = true;
      logger.warn({ err: error }, 'Redis for persisted queries is unreachable; lookups miss until it is back');
    });
    redis.on('ready', () => {
      reportedDown = false;
    });
    // Connected before the first request: a registration is then written at once, not after a
    // connect that another instance's lookup could overtake. Redis down: start anyway, lookups miss.
    await redis.connect().catch(() => undefined);
    return new RedisPersistedQueryStore(redis, limits);
  }

  async get(hash: string): Promise<string | undefined> {
    return (await this.redis.get(documentKey(hash)).catch(() => null)) ?? undefined;
  }

  async register({ hash, document, userId }: PersistedQueryRegistration): Promise<RegistrationOutcome> {
    const { ttlSeconds, maxEntries, registrationsPerUser } = this.limits;
    const keys = [documentKey(hash), INDEX_KEY, quotaKey(userId)];
    const outcome = await this.redis
      .eval(REGISTER, keys.length, ...keys, hash, document, ttlSeconds, maxEntries, registrationsPerUser)
      .catch(() => 'unavailable');
    return outcome as RegistrationOutcome;
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
