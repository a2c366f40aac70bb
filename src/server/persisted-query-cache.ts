import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import { InMemoryLRUCache, type KeyValueCache, type KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import KeyvRedis, { createClient } from '@keyv/redis';
import Keyv from 'keyv';
import type { Logger } from 'pino';
import type { TrustedDocuments } from './trusted-documents';

export interface PersistedQueryCache {
  /** Where Apollo keeps automatic persisted queries; undefined = Apollo's own in-process cache. */
  cache: KeyValueCache<string> | undefined;
  close: () => Promise<void>;
}

const NAMESPACE = 'gateway';
const CONNECT_TIMEOUT_MS = 2_000;
// Apollo prefixes every APQ key with this before it reaches the cache it was given.
const APQ_KEY_PREFIX = 'apq:';

/**
 * With REDIS_URL the APQ hash -> document map lives in Redis, so a hash registered through
 * one instance is served by every other; without it in this process. Trusted documents
 * answer for their own hashes first, so apps may send those hashes without registering.
 */
export async function createPersistedQueryCache(
  redisUrl: string | undefined,
  logger: Logger,
  trusted?: TrustedDocuments,
): Promise<PersistedQueryCache> {
  const shared = redisUrl ? await redisCache(redisUrl, logger) : undefined;
  if (!trusted) return shared ?? { cache: undefined, close: async () => undefined };
  return {
    cache: new TrustedFirstCache(trusted, shared?.cache ?? new InMemoryLRUCache<string>()),
    close: shared?.close ?? (async () => undefined),
  };
}

async function redisCache(redisUrl: string, logger: Logger): Promise<{ cache: KeyValueCache<string>; close: () => Promise<void> }> {
  // No offline queue: while Redis is away a lookup misses at once (the client then sends the
  // full document, as APQ expects) instead of waiting on a dead connection.
  const client = createClient({ url: redisUrl, disableOfflineQueue: true, socket: { connectTimeout: CONNECT_TIMEOUT_MS } });
  const store = new KeyvRedis<string>(client, { throwOnConnectError: false, throwOnErrors: false, connectionTimeout: CONNECT_TIMEOUT_MS });
  const keyv = new Keyv<string>({ store, namespace: NAMESPACE, throwOnErrors: false });
  let reportedDown = false;
  keyv.on('error', (error: unknown) => {
    if (reportedDown) return;
    reportedDown = true;
    logger.warn({ err: error }, 'Redis for persisted queries is unreachable; lookups miss until it is back');
  });
  client.on('ready', () => {
    reportedDown = false;
  });
  // Connected before the first request: a registration is then written at once, not after a
  // connect that another instance's lookup could overtake. Redis down: start anyway, lookups miss.
  await store.getClient().catch(() => undefined);
  return { cache: new KeyvAdapter(keyv), close: () => keyv.disconnect() };
}

class TrustedFirstCache implements KeyValueCache<string> {
  constructor(
    private readonly trusted: TrustedDocuments,
    private readonly registered: KeyValueCache<string>,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const trusted = key.startsWith(APQ_KEY_PREFIX) ? this.trusted.documentBySha256(key.slice(APQ_KEY_PREFIX.length)) : undefined;
    return trusted ?? this.registered.get(key);
  }

  set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    return this.registered.set(key, value, options);
  }

  delete(key: string): Promise<boolean | void> {
    return this.registered.delete(key);
  }
}
