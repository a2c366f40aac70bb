import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Logger } from 'pino';
import type { PersistedQueryLimits } from '../config/config';
import { MemoryPersistedQueryStore } from './memory-persisted-query-store';
import type { PersistedQueryStore } from './persisted-query-store';
import { RedisPersistedQueryStore } from './redis-persisted-query-store';
import type { TrustedDocuments } from './trusted-documents';

export interface PersistedQueries {
  /** Apollo's `persistedQueries.cache`: it answers lookups only (registrations: persisted-query-registration.plugin.ts). */
  cache: KeyValueCache<string>;
  /** Where signed-in callers' registrations are kept. */
  store: PersistedQueryStore;
  close: () => Promise<void>;
}

// Apollo prefixes every APQ key with this before it reaches the cache it was given.
const APQ_KEY_PREFIX = 'apq:';

/**
 * With REDIS_URL the APQ hash -> document map lives in Redis, so a hash registered through
 * one instance is served by every other; without it in this process. Trusted documents
 * answer for their own hashes first, so apps may send those hashes without registering.
 */
export async function createPersistedQueries(
  redisUrl: string | undefined,
  limits: PersistedQueryLimits,
  logger: Logger,
  trusted?: TrustedDocuments,
): Promise<PersistedQueries> {
  const store = redisUrl ? await RedisPersistedQueryStore.connect(redisUrl, limits, logger) : new MemoryPersistedQueryStore(limits);
  return { cache: new PersistedQueryLookups(store, trusted), store, close: () => store.close() };
}

/**
 * Apollo writes every registration it sees to its cache, whoever sent it and whatever its
 * padding; those writes are dropped here, and the registration plugin keeps what may be kept.
 */
export class PersistedQueryLookups implements KeyValueCache<string> {
  constructor(
    private readonly store: PersistedQueryStore,
    private readonly trusted?: TrustedDocuments,
  ) {}

  async get(key: string): Promise<string | undefined> {
    if (!key.startsWith(APQ_KEY_PREFIX)) return undefined;
    const hash = key.slice(APQ_KEY_PREFIX.length);
    return this.trusted?.documentBySha256(hash) ?? this.store.get(hash);
  }

  async set(): Promise<void> {}

  async delete(): Promise<boolean> {
    return false;
  }
}
